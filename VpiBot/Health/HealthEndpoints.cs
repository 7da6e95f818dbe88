using Microsoft.Extensions.Options;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Storage.Tables;

namespace VpiBot.Health;

/// <summary>
/// <c>/healthz</c>: the process lives (App Service's health check path; answers without touching anything).
/// <c>/readyz</c>: the instance can serve — storage answers a cheap read, and, when the bot has an identity, a Connector
/// token can be had (<see cref="ConnectorTokens"/> caches it, so this costs a token request about once an hour). Each
/// check is bounded by <c>Health:Timeout</c> (3 s); 200 with the checks when ready, 503 otherwise. The answer names the
/// failure's type only, never its message.
/// </summary>
public static class HealthEndpoints
{
    public const string ProbePartition = "health";
    public const string ProbeRow = "probe";

    public static WebApplication MapHealth(this WebApplication app)
    {
        var timeout = app.Configuration.GetValue("Health:Timeout", TimeSpan.FromSeconds(3));
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (ITableStore table, ConnectorTokens tokens, IOptions<BotFrameworkOptions> bot, ILoggerFactory logs, CancellationToken ct) =>
            ReadyAsync(table, tokens, bot.Value, timeout, logs.CreateLogger(typeof(HealthEndpoints).FullName!), ct));
        return app;
    }

    private static async Task<IResult> ReadyAsync(ITableStore table, ConnectorTokens tokens, BotFrameworkOptions bot, TimeSpan timeout, ILogger log, CancellationToken ct)
    {
        var storageCheck = CheckAsync(async bound => await table.GetAsync(ProbePartition, ProbeRow, bound), timeout, ct);
        var connectorCheck = bot.IsAnonymous
            ? Task.FromResult(NotConfigured)
            : CheckAsync(async bound => await tokens.GetTokenAsync(bound), timeout, ct);
        var storage = await storageCheck;
        var connector = await connectorCheck;
        var ready = storage == Ok && connector is Ok or NotConfigured;
        if (!ready)
        {
            log.LogWarning("Not ready: storage {Storage}, connector token {Connector}", storage, connector);
        }
        return Results.Json(new { status = ready ? "ready" : "not ready", checks = new { storage, connector } },
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private const string Ok = "ok";
    private const string NotConfigured = "not configured";

    /// <summary>"ok", "timed out" or "failed: {type}"; never longer than <paramref name="timeout"/>, even for a call that ignores cancellation.</summary>
    private static async Task<string> CheckAsync(Func<CancellationToken, Task> probe, TimeSpan timeout, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(timeout);
        try
        {
            await probe(bound.Token).WaitAsync(bound.Token);
            return Ok;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "timed out";
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return "failed: " + e.GetType().Name;
        }
    }
}
