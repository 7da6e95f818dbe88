using System.Diagnostics;

namespace VpiBot.Telemetry;

/// <summary>
/// Measures each request to Bot Connector or Microsoft Graph (each attempt: it sits inside the retry handlers) and
/// wraps it in a client span named by the operation. The span carries the operation, the status code and the host —
/// never the path, whose conversation, member, mailbox and event ids are about people; the HTTP span under it (when
/// HttpClient instrumentation is on) has its URL cut to the host by <see cref="TelemetryServices"/>.
/// </summary>
public sealed class OutgoingCallsHandler(VpiTelemetry telemetry, string service) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var operation = service == VpiTelemetry.Services.Graph ? GraphOperation(request) : ConnectorOperation(request);
        using var span = VpiTelemetry.Source.StartActivity(service + " " + operation, ActivityKind.Client);
        span?.SetTag("operation", operation);
        span?.SetTag("server.address", request.RequestUri?.Host);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            span?.SetTag("http.response.status_code", status);
            if (status >= 400)
            {
                span?.SetStatus(ActivityStatusCode.Error);
            }
            telemetry.OutgoingCall(service, operation, status, null, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception e)
        {
            var errorType = e.GetType().Name; // the type only: a message may quote a URL
            span?.SetTag("error.type", errorType);
            span?.SetStatus(ActivityStatusCode.Error);
            telemetry.OutgoingCall(service, operation, null, errorType, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>The Connector operation from method and path (ids dropped): send, reply, update, delete, create_conversation, get_members, get_member.</summary>
    public static string ConnectorOperation(HttpRequestMessage request)
    {
        var segments = Segments(request);
        var method = request.Method.Method;
        var at = Array.IndexOf(segments, "conversations");
        if (at < 0)
        {
            return "other";
        }
        var rest = segments[(at + 1)..];
        return (method, rest.Length) switch
        {
            ("POST", 0) => "create_conversation",
            ("POST", 2) when rest[1] == "activities" => "send",
            ("POST", 3) when rest[1] == "activities" => "reply",
            ("PUT", 3) when rest[1] == "activities" => "update",
            ("DELETE", 3) when rest[1] == "activities" => "delete",
            ("GET", 2) when rest[1] == "pagedmembers" => "get_members",
            ("GET", 2) when rest[1] == "members" => "get_members",
            ("GET", 3) when rest[1] == "members" => "get_member",
            _ => "other",
        };
    }

    /// <summary>The Graph operation from method and path (mailbox and event ids dropped): get_schedule, create_event, get_event, update_event, cancel_event.</summary>
    public static string GraphOperation(HttpRequestMessage request)
    {
        var segments = Segments(request);
        var method = request.Method.Method;
        if (segments.Length > 0 && segments[^1].Equals("getSchedule", StringComparison.OrdinalIgnoreCase))
        {
            return "get_schedule";
        }
        var at = Array.FindLastIndex(segments, s => s.Equals("events", StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            return "other";
        }
        var rest = segments.Length - at - 1;
        return (method, rest) switch
        {
            ("POST", 0) => "create_event",
            ("GET", 0) => "list_events",
            ("GET", 1) => "get_event",
            ("PATCH", 1) => "update_event",
            ("DELETE", 1) => "delete_event",
            ("POST", 2) when segments[^1].Equals("cancel", StringComparison.OrdinalIgnoreCase) => "cancel_event",
            _ => "other",
        };
    }

    private static string[] Segments(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
