using VpiBot.Dashboard;
using VpiBot.Features;
using VpiBot.Features.Downloads;
using VpiBot.Graph;
using VpiBot.Health;
using VpiBot.Protocol;
using VpiBot.Storage;
using VpiBot.Telemetry;

// `dotnet run --project VpiBot -- build-app-package --app-id <GUID>` builds the Teams app package (appPackage/build.sh).
if (VpiBot.AppPackage.AppPackageCommand.TryRun(args, out int appPackageExitCode)) { return appPackageExitCode; }
if (VpiBot.Operations.OperatorCommands.TryRun(args, out int operatorExitCode)) { return operatorExitCode; } // export, import, erase-person (README)

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Started from another folder (`dotnet path/to/VpiBot.dll`), the app still finds its appsettings.json and data/.
    ContentRootPath = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null : AppContext.BaseDirectory,
});
builder.Services.AddBotProtocol(builder.Configuration);
builder.Services.AddVpiStorage(builder.Configuration, builder.Environment);
builder.Services.AddVpiFeatures(builder.Configuration);
builder.Services.AddGraph(builder.Configuration);
builder.Services.AddVpiTelemetry(builder.Configuration);
builder.Services.AddDashboardCompression();
builder.Services.AddDashboard(builder.Configuration, builder.Environment);

var app = builder.Build();
app.ValidateBotConfiguration();
app.ValidateDashboardConfiguration();

app.MapPost("/api/messages", (HttpContext http, MessagesEndpoint endpoint) => endpoint.HandleAsync(http));
app.MapHealth(); // /healthz, /readyz
app.UseResponseCompression(); // the dashboard's script, styles and pages only (see AddDashboardCompression)
app.UseDefaultFiles(); app.UseStaticFiles(); // wwwroot/: the dashboard tab at /dashboard/ (bundled from dashboard/ at build)
app.MapDashboard(); // /api/dashboard (single sign-on), /dev/token in Development
app.MapDownloads(); // /downloads/{vpi}/{kind}: the outcome report and the WhatsOn export, through signed links of a few minutes

app.Run();
return 0;

/// <summary>Entry point; public so the tests can host the app in-process.</summary>
public partial class Program;
