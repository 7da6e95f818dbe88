using VpiBot.Features;
using VpiBot.Protocol;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBotProtocol(builder.Configuration);
builder.Services.AddVpiFeatures();

var app = builder.Build();
app.ValidateBotConfiguration();

app.MapPost("/api/messages", (HttpContext http, MessagesEndpoint endpoint) => endpoint.HandleAsync(http));
app.MapGet("/healthz", () => Results.Text("ok"));

app.Run();

/// <summary>Entry point; public so the tests can host the app in-process.</summary>
public partial class Program;
