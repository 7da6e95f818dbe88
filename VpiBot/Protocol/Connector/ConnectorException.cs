using System.Net;
using System.Text.Json;

namespace VpiBot.Protocol.Connector;

/// <summary>Why Bot Connector refused a call, for the ones a feature can act on (Teams documents these codes).</summary>
public enum ConnectorFailure
{
    Other,
    /// <summary>403: the bot was removed from the conversation or team.</summary>
    BotNotInConversationRoster,
    /// <summary>403: the user blocked the bot in a 1:1 chat.</summary>
    ConversationBlockedByUser,
    /// <summary>403: the tenant admin disabled the bot.</summary>
    BotDisabledByAdmin,
    /// <summary>413: the message is over Teams' size limit.</summary>
    MessageSizeTooBig,
    /// <summary>404: the conversation or activity does not exist.</summary>
    NotFound,
    /// <summary>429/5xx still failing after every retry.</summary>
    Throttled,
}

/// <summary>
/// A failed Connector call. Codes: https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-from-bot-conversational-apis
/// </summary>
public sealed class ConnectorException(HttpStatusCode status, ConnectorFailure failure, string? code, string? message)
    : Exception($"Bot Connector answered {(int)status} {code}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public ConnectorFailure Failure { get; } = failure;
    public string? Code { get; } = code;

    /// <summary>The service's <c>Retry-After</c> (a delay or a date), when it sent one: how long to wait before trying again.
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#handle-rate-limits</summary>
    public System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter { get; internal set; }

    public static ConnectorException From(HttpStatusCode status, string body)
    {
        string? code = null, message = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            message = body.Length > 200 ? body[..200] : body;
        }
        var failure = code switch
        {
            nameof(ConnectorFailure.BotNotInConversationRoster) => ConnectorFailure.BotNotInConversationRoster,
            nameof(ConnectorFailure.ConversationBlockedByUser) => ConnectorFailure.ConversationBlockedByUser,
            nameof(ConnectorFailure.BotDisabledByAdmin) => ConnectorFailure.BotDisabledByAdmin,
            nameof(ConnectorFailure.MessageSizeTooBig) => ConnectorFailure.MessageSizeTooBig,
            _ => status switch
            {
                HttpStatusCode.RequestEntityTooLarge => ConnectorFailure.MessageSizeTooBig,
                HttpStatusCode.NotFound => ConnectorFailure.NotFound,
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway
                    or HttpStatusCode.GatewayTimeout or HttpStatusCode.PreconditionFailed => ConnectorFailure.Throttled,
                _ => ConnectorFailure.Other,
            },
        };
        return new ConnectorException(status, failure, code, message);
    }
}
