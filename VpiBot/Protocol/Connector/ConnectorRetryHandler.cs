using System.Net;

namespace VpiBot.Protocol.Connector;

public sealed class ConnectorRetryOptions
{
    public int MaxRetries { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Retries what Teams says is transient — 429, 412, 502, 503, 504 — honouring <c>Retry-After</c>, otherwise with
/// exponential backoff with jitter (half fixed, half random), capped.
/// A Retry-After longer than MaxDelay is not waited out here: the response goes back to the caller. 403 and 413 (and everything else) are never retried.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#handle-rate-limits
/// </summary>
public sealed class ConnectorRetryHandler(ConnectorRetryOptions options, TimeProvider time) : DelegatingHandler
{
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, ct);
            if (!IsTransient(response.StatusCode) || attempt >= options.MaxRetries)
            {
                return response;
            }
            if (DelayBeforeRetry(response, attempt) is not { } delay)
            {
                return response; // asked to wait longer than we are willing to: the caller sees the throttling
            }
            response.Dispose();
            await Task.Delay(delay, time, ct);
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
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
