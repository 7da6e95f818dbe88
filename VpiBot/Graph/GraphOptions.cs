namespace VpiBot.Graph;

/// <summary>
/// Microsoft Graph settings (section <c>Graph</c>). Graph is off unless configured: <c>Graph:Enabled</c> true, or an
/// organizer mailbox given (<c>Graph:OrganizerMailbox</c>) without <c>Graph:Enabled</c> false. Off, every call answers
/// <see cref="GraphProblem.NotConfigured"/>; nothing is checked or thrown at start-up.
/// </summary>
public sealed class GraphOptions
{
    /// <summary>Graph's root, version included (<c>Graph:BaseUrl</c>); tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Explicitly on or off (<c>Graph:Enabled</c>); unset, Graph is on when <see cref="OrganizerMailbox"/> is set.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The mailbox meetings are organized from and free/busy is asked through, when a call names none.</summary>
    public string? OrganizerMailbox { get; set; }

    /// <summary>The Entra tenant the bot's identity gets Graph tokens in (<c>Graph:TenantId</c>); defaults to the bot's
    /// own tenant when it is single-tenant. A registered <c>TokenCredential</c> (managed identity, tests) needs none.</summary>
    public string? TenantId { get; set; }

    /// <summary>Bound of one attempt (<c>Graph:AttemptTimeout</c>); an attempt that hears nothing is tried again.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call after timeouts or lost connections (<c>Graph:MaxAttempts</c>).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Retries of 429/503/504 by the SDK's retry handler (<c>Graph:MaxRetries</c>, at most 10).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The SDK retry handler's base delay in seconds when no Retry-After is given (<c>Graph:RetryDelaySeconds</c>).</summary>
    public int RetryDelaySeconds { get; set; } = 3;

    /// <summary>Requests in flight per mailbox: Outlook allows 4 (https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits).</summary>
    public int MaxConcurrentPerMailbox { get; set; } = 4;

    public bool IsConfigured => Enabled ?? !string.IsNullOrWhiteSpace(OrganizerMailbox);
}
