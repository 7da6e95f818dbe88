using System.Net;

namespace VpiBot.Protocol.Connector;

public sealed class ConnectorRetryOptions
{
    public int MaxRetries { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>How long a turn may wait for Bot Connector (section <c>Connector</c>).</summary>
public sealed class ConnectorOptions
{
    /// <summary>Bound of one in-turn Connector call, every retry and every wait included (<c>Connector:Timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bound of one attempt (<c>Connector:AttemptTimeout</c>): an idempotent call that hears nothing is tried again, a POST gives up.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound of the apology sent after a failed turn (<c>Connector:ApologyTimeout</c>).</summary>
    public TimeSpan ApologyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Bounds and retries the in-turn Connector calls (the outbox uses its own client without this handler).
/// Teams asks bots to retry 429, 412, 502 and 504 with exponential backoff
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#handle-rate-limits), but a POST of an
/// activity is not idempotent: a 502/504, a 500 or a connection lost mid-request may come after Teams took the message,
/// and sending it again shows the user the message twice. So what is retried depends on the call:
/// <list type="bullet">
/// <item>not idempotent (POST of an activity): only answers that prove the message was not taken — 429, 412, 503 — and a
/// connection that could not be opened (nothing was sent);</item>
/// <item>idempotent (GET, PUT, DELETE, and requests marked <see cref="Idempotent"/>): also 408, 500, 502, 504, connection
/// resets and attempts that time out.</item>
/// </list>
/// <c>Retry-After</c> is honoured exactly, otherwise exponential backoff with jitter (half fixed, half random), capped at
/// MaxDelay. A wait longer than MaxDelay or than what is left of <see cref="ConnectorOptions.Timeout"/> is not waited
/// out: the response goes back to the caller. A call still unanswered at the deadline ends in a <see cref="TimeoutException"/>.
/// </summary>
public sealed class ConnectorRetryHandler(ConnectorRetryOptions options, TimeProvider time, ConnectorOptions? bounds = null) : DelegatingHandler
{
    /// <summary>Marks a POST that is safe to repeat (e.g. creating a 1:1 conversation, which returns the existing one).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("VpiBot.Connector.Idempotent");

    private readonly ConnectorOptions _bounds = bounds ?? new ConnectorOptions();

    public static bool IsIdempotent(HttpRequestMessage request) =>
        request.Method != HttpMethod.Post || (request.Options.TryGetValue(Idempotent, out var marked) && marked);

    /// <summary>Whether an answer with <paramref name="status"/> is worth another attempt.</summary>
    public static bool IsRetryable(HttpStatusCode status, bool idempotent) => status switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.ServiceUnavailable => true,
        HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => idempotent,
        _ => false,
    };

    /// <summary>Whether a call that failed without an answer is worth another attempt: a connection that was never opened
    /// always; a reset, a lost connection or an attempt timeout only when the call is idempotent.</summary>
    public static bool IsRetryable(Exception failure, bool idempotent, bool attemptTimedOut) => failure switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        HttpRequestException or IOException => idempotent,
        OperationCanceledException => attemptTimedOut && idempotent,
        _ => false,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var idempotent = IsIdempotent(request);
        var deadline = time.GetUtcNow() + _bounds.Timeout;
        using var overall = new CancellationTokenSource(_bounds.Timeout, time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(ct, overall.Token);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                TimeSpan delay;
                using (var attemptTimer = new CancellationTokenSource(_bounds.AttemptTimeout, time))
                using (var attemptCall = CancellationTokenSource.CreateLinkedTokenSource(call.Token, attemptTimer.Token))
                {
                    try
                    {
                        var response = await base.SendAsync(request, attemptCall.Token);
                        if (!IsRetryable(response.StatusCode, idempotent) || attempt >= options.MaxRetries
                            || DelayBeforeRetry(response, attempt) is not { } wait || wait > deadline - time.GetUtcNow())
                        {
                            return response; // asked to wait longer than we can: the caller sees the throttling
                        }
                        response.Dispose();
                        delay = wait;
                    }
                    catch (Exception e) when (!call.IsCancellationRequested && attempt < options.MaxRetries
                        && IsRetryable(e, idempotent, attemptTimer.IsCancellationRequested)
                        && Backoff(attempt) is var backoff && backoff <= deadline - time.GetUtcNow())
                    {
                        delay = backoff;
                    }
                }
                await Task.Delay(delay, time, call.Token);
            }
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Bot Connector did not answer {request.Method} {request.RequestUri?.AbsolutePath} in time (call bound {_bounds.Timeout}, attempt bound {_bounds.AttemptTimeout}).", e);
        }
    }

    /// <summary>How long to wait before the next attempt; null when Retry-After asks for more than <see cref="ConnectorRetryOptions.MaxDelay"/>
    /// (retrying sooner than the service asked only earns another 429).</summary>
    internal TimeSpan? DelayBeforeRetry(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (asked is { } wait)
        {
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.MaxDelay ? null : wait;
        }
        return Backoff(attempt);
    }

    /// <summary>Exponential backoff with jitter: between half and all of BaseDelay·2^attempt, capped at MaxDelay.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
