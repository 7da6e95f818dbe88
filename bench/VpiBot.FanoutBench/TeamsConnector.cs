using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VpiBot.Protocol.Connector;

namespace VpiBot.FanoutBench;

/// <summary>
/// Bot Connector as Teams would answer a fan-out: every send takes <see cref="Latency"/>; a send beyond Teams'
/// published limits (per conversation 7/1 s, 8/2 s, 60/30 s, 1800/h; per app per tenant 50/s — sliding windows over
/// the sends it accepted; https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit) gets 429 with
/// Retry-After: 1. Counts every accepted activity per (conversation, text): one tenant here.
/// </summary>
public sealed class TeamsConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly Dictionary<string, List<DateTime>> _perConversation = new(StringComparer.Ordinal);
    private readonly List<DateTime> _tenant = [];
    private long _throttled;
    private long _inFlight;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(200);
    public ConcurrentDictionary<(string Conversation, string Text), int> Delivered { get; } = new();
    public ConcurrentQueue<DateTime> DeliveredAt { get; } = new();
    /// <summary>Distinct 1:1 messages delivered (personal conversations, <c>a:…</c>), each counted once.</summary>
    public int DeliveredOneToOne => Delivered.Keys.Count(k => k.Conversation.StartsWith("a:", StringComparison.Ordinal));

    public long Throttled => Interlocked.Read(ref _throttled);
    public long InFlight => Interlocked.Read(ref _inFlight);
    public string ServiceUrl { get; }

    private TeamsConnector(WebApplication app, string serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    public static async Task<TeamsConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TeamsConnector? self = null;
        app.MapPost("/v3/conversations/{id}/activities", async (HttpContext http, string id) => await self!.SendAsync(http, id));
        // the answer to the typed command (a reply in its thread): not part of the fan-out
        app.MapPost("/v3/conversations/{id}/activities/{replyTo}", () => Results.Json(new { id = Guid.NewGuid().ToString("N") }));
        app.MapPost("/v3/conversations", async (HttpContext http) =>
        {
            var body = await System.Text.Json.Nodes.JsonNode.ParseAsync(http.Request.Body);
            return Results.Json(new { id = "a:" + body?["members"]?[0]?["id"]?.GetValue<string>() });
        });
        await app.StartAsync();
        self = new TeamsConnector(app, app.Urls.Single().TrimEnd('/') + "/");
        return self;
    }

    public void Reset()
    {
        lock (_lock)
        {
            _perConversation.Clear();
            _tenant.Clear();
        }
        Delivered.Clear();
        DeliveredAt.Clear();
        Interlocked.Exchange(ref _throttled, 0);
    }

    private async Task<IResult> SendAsync(HttpContext http, string conversationId)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var activity = await System.Text.Json.Nodes.JsonNode.ParseAsync(http.Request.Body);
            var accepted = Accept(conversationId, DateTime.UtcNow);
            await Task.Delay(Latency);
            if (!accepted)
            {
                Interlocked.Increment(ref _throttled);
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "TooManyRequests", message = "Throttled." } }, statusCode: 429);
            }
            // a message is its text, or its card (each priority's review card is its own message)
            var text = activity?["text"]?.GetValue<string>() ?? activity?["attachments"]?.ToJsonString() ?? "";
            Delivered.AddOrUpdate((conversationId, text), 1, (_, n) => n + 1);
            DeliveredAt.Enqueue(DateTime.UtcNow);
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Would Teams take this send now? Counted if so.</summary>
    private bool Accept(string conversationId, DateTime now)
    {
        lock (_lock)
        {
            if (!_perConversation.TryGetValue(conversationId, out var sends))
            {
                _perConversation[conversationId] = sends = [];
            }
            if (!Fits(sends, now, TeamsRateLimiter.PerConversation) || !Fits(_tenant, now, TeamsRateLimiter.PerTenant))
            {
                return false;
            }
            sends.Add(now);
            _tenant.Add(now);
            if (_tenant.Count > 10_000)
            {
                _tenant.RemoveRange(0, 5_000);
            }
            return true;
        }
    }

    private static bool Fits(List<DateTime> sends, DateTime now, IReadOnlyList<SendWindow> windows) =>
        windows.All(w => sends.Count(s => s > now - w.Span) < w.Limit);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
