using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VpiBot.Bench;

/// <summary>
/// A minimal Bot Connector on 127.0.0.1: accepts <c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>,
/// answers 200 <c>{"id":"n"}</c> and counts what it received. Replies to activity ids starting with
/// <see cref="Activities.MeasuredPrefix"/> are counted apart, so they can be matched with the measured message turns.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;
    private long _measuredReplies;
    private string? _lastBody;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>The serviceUrl to put in activities.</summary>
    public string ServiceUrl { get; private set; } = "";

    public long MeasuredReplies => Interlocked.Read(ref _measuredReplies);
    public long Received => Interlocked.Read(ref _received);
    /// <summary>Body of the most recent activity, for the smoke check (is it an Adaptive Card?).</summary>
    public string? LastBody => Volatile.Read(ref _lastBody);

    public void ResetMeasuredReplies() => Interlocked.Exchange(ref _measuredReplies, 0);

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest request) => connector.AcceptAsync(request, null));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpRequest request, string replyToId) => connector.AcceptAsync(request, replyToId));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    private async Task<IResult> AcceptAsync(HttpRequest request, string? replyToId)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        Volatile.Write(ref _lastBody, body);
        var id = Interlocked.Increment(ref _received);
        if (replyToId is not null && replyToId.StartsWith(Activities.MeasuredPrefix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _measuredReplies);
        }
        return Results.Text($$"""{"id":"{{id}}"}""", "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
