using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
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
/// A minimal Bot Connector on 127.0.0.1, answering as the service does:
/// <list type="bullet">
/// <item><c>POST /v3/conversations/{id}/activities[/{replyToId}]</c> → 200 <c>{"id":"n"}</c>, counted. Replies to activity ids
/// starting with <see cref="Activities.MeasuredPrefix"/> are counted apart (matched with the measured message turns);
/// replies to ids starting with <see cref="KeptPrefix"/> are kept, so set-up steps can read the bot's answer.</item>
/// <item>A post containing a given text can be awaited (<see cref="NextPost"/>), for the time it arrived.</item>
/// <item><c>PUT /v3/conversations/{id}/activities/{activityId}</c> (card updates) → 200, counted.</item>
/// <item><c>POST /v3/conversations</c> (open a 1:1 chat) → <c>{"id":"a:…"}</c>, the same id for the same member, as Teams does.</item>
/// <item><c>GET /v3/conversations/{teamId}/pagedmembers</c> → the roster <see cref="Roster"/> gives for that team (TeamsChannelAccount objects).</item>
/// </list>
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    /// <summary>Replies to activities whose id starts with this are kept for <see cref="TakeReply"/>.</summary>
    public const string KeptPrefix = "s-";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Conversation, string Text), TaskCompletionSource<DateTimeOffset>> _awaited = new();
    private long _received;
    private long _measuredReplies;
    private long _updates;
    private long _creates;
    private string? _lastBody;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>The serviceUrl to put in activities.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Team (or group chat) id → its pagedmembers answer (JSON, <c>{"members":[…]}</c>); null → 404.</summary>
    public Func<string, string?> Roster { get; set; } = _ => null;

    public long MeasuredReplies => Interlocked.Read(ref _measuredReplies);
    /// <summary>Activities posted (sends and replies).</summary>
    public long Received => Interlocked.Read(ref _received);
    /// <summary>Activities replaced (PUT), i.e. card updates.</summary>
    public long Updates => Interlocked.Read(ref _updates);
    /// <summary>1:1 conversations opened (POST /v3/conversations).</summary>
    public long Creates => Interlocked.Read(ref _creates);
    /// <summary>Body of the most recent activity, for the smoke check (is it an Adaptive Card?).</summary>
    public string? LastBody => Volatile.Read(ref _lastBody);

    /// <summary>Every request the bot made of the connector so far (posts, updates, 1:1 chats opened): still while it is idle.</summary>
    public long Traffic => Received + Updates + Creates;

    /// <summary>
    /// Completes with the moment (UTC, as this process's clock says) the first activity posted from now on into a
    /// conversation whose id starts with <paramref name="conversation"/> and whose body contains <paramref name="text"/> arrived.
    /// </summary>
    public Task<DateTimeOffset> NextPost(string conversation, string text) =>
        _awaited.GetOrAdd((conversation, text), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void ResetMeasuredReplies() => Interlocked.Exchange(ref _measuredReplies, 0);

    /// <summary>The reply the bot posted to activity <paramref name="activityId"/> (which must start with <see cref="KeptPrefix"/>), once.</summary>
    public string? TakeReply(string activityId) => _kept.TryRemove(activityId, out var body) ? body : null;

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations", (HttpRequest request) => connector.CreateAsync(request));
        app.MapGet("/v3/conversations/{conversationId}/pagedmembers", (string conversationId) => connector.Members(conversationId));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest request, string conversationId) => connector.AcceptAsync(request, conversationId, null));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpRequest request, string conversationId, string replyToId) => connector.AcceptAsync(request, conversationId, replyToId));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest request, string activityId) => connector.UpdateAsync(request, activityId));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    private async Task<IResult> AcceptAsync(HttpRequest request, string conversationId, string? replyToId)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var arrived = DateTimeOffset.UtcNow;
        foreach (var (key, awaited) in _awaited)
        {
            if (conversationId.StartsWith(key.Conversation, StringComparison.Ordinal) && body.Contains(key.Text, StringComparison.Ordinal)
                && _awaited.TryRemove(key, out _))
            {
                awaited.TrySetResult(arrived);
            }
        }
        Volatile.Write(ref _lastBody, body);
        var id = Interlocked.Increment(ref _received);
        if (replyToId is not null && replyToId.StartsWith(Activities.MeasuredPrefix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _measuredReplies);
        }
        else if (replyToId is not null && replyToId.StartsWith(KeptPrefix, StringComparison.Ordinal))
        {
            _kept[replyToId] = body;
        }
        return Results.Text($$"""{"id":"{{id}}"}""", "application/json");
    }

    private async Task<IResult> UpdateAsync(HttpRequest request, string activityId)
    {
        using var reader = new StreamReader(request.Body);
        await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        Interlocked.Increment(ref _updates);
        return Results.Json(new JsonObject { ["id"] = activityId });
    }

    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        var member = body?["members"]?[0]?["id"]?.GetValue<string>();
        if (member is null)
        {
            return Results.BadRequest();
        }
        Interlocked.Increment(ref _creates);
        // Teams answers with the existing 1:1 chat when there is one: one id per member.
        return Results.Json(new JsonObject { ["id"] = "a:1bench-personal-" + member });
    }

    private IResult Members(string teamId) =>
        Roster(teamId) is { } page ? Results.Text(page, "application/json") : Results.NotFound();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
