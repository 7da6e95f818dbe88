using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VpiBot.Protocol.Auth;
using VpiBot.Protocol.Connector;
using VpiBot.Protocol.Routing;
using VpiBot.Telemetry;

namespace VpiBot.Protocol;

public sealed class MessagesEndpointOptions
{
    /// <summary>Largest activity accepted, in bytes (<c>Bot:MaxActivityBytes</c>). Teams messages are capped near 100 KB.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;
}

/// <summary>
/// <c>POST /api/messages</c>: the only door Teams has into the bot. In order: size (413), content type (415),
/// bearer token (401), JSON activity (400), token-to-activity binding (401), then the turn. Invokes are answered
/// in the HTTP response; everything else gets 200 once handled. Unexpected errors are 500 with a correlation id only;
/// the user of a message turn is told once (within <see cref="ConnectorOptions.ApologyTimeout"/>), unless Bot Connector
/// had just said "too many requests".
/// </summary>
public sealed class MessagesEndpoint(
    IOptions<BotFrameworkOptions> botOptions,
    IOptions<MessagesEndpointOptions> endpointOptions,
    ChannelTokenValidator tokens,
    ActivityRouter router,
    ConnectorClient connector,
    IBotWording wording,
    IOptions<ConnectorOptions> connectorOptions,
    TimeProvider time,
    VpiTelemetry telemetry,
    ILogger<MessagesEndpoint> log)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var max = endpointOptions.Value.MaxActivityBytes;
        if (http.Request.ContentLength > max)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "activity too large");
        }
        if (!IsJson(http.Request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "content type must be application/json");
        }

        ChannelIdentity? identity = null;
        if (!botOptions.Value.IsAnonymous)
        {
            var check = await tokens.ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, ct);
            if (check.Identity is null)
            {
                log.LogWarning("Refused an activity: {Reason}", check.Failure);
                return Unauthorized();
            }
            identity = check.Identity;
        }

        var body = await ReadAtMostAsync(http.Request.Body, max, ct);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "activity too large");
        }
        var activity = Parse(body);
        if (activity is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "body is not a Bot Framework activity");
        }
        if (identity?.RefusalFor(activity) is { } refusal)
        {
            log.LogWarning("Refused an activity: {Reason}", refusal);
            return Unauthorized();
        }

        using var span = telemetry.IncomingActivity(activity.Type, activity.Name);
        var turn = new Turn(activity, connector);
        InvokeResponse? answer;
        try
        {
            answer = await router.RouteAsync(turn, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
        catch (Exception e)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            span?.SetTag("error.type", e.GetType().Name);
            var reference = http.TraceIdentifier;
            if (Throttling(e) is { } throttled)
            {
                // Whatever the turn changed is saved; an apology now would only be one more request Teams just refused.
                log.LogWarning(e, "Turn for {Type} activity {ActivityId} stopped: Bot Connector answered {Status} (Retry-After {RetryAfter}); "
                    + "the user is not told; reference {Reference}", activity.Type, activity.Id, (int)throttled.Status, throttled.RetryAfter, reference);
            }
            else
            {
                log.LogError(e, "Turn failed for {Type} activity {ActivityId}; reference {Reference}", activity.Type, activity.Id, reference);
                await TryApologiseAsync(turn, reference);
            }
            return Results.Json(new { error = "internal error", reference }, statusCode: StatusCodes.Status500InternalServerError);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            answer ??= new InvokeResponse(501, null);
            return answer.Body is null ? Results.StatusCode(answer.Status) : Results.Json(answer.Body, BotJson.Options, statusCode: answer.Status);
        }
        return Results.Ok();
    }

    private async Task TryApologiseAsync(Turn turn, string reference)
    {
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            return;
        }
        using var bound = new CancellationTokenSource(connectorOptions.Value.ApologyTimeout, time);
        try
        {
            await turn.SendTextAsync(wording.Say(RouterWord.Unexpected, turn.Culture, reference), bound.Token);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not tell the user about failure {Reference}", reference);
        }
    }

    /// <summary>
    /// The Connector refusal that ended the turn when it asked the bot to slow down — a 429, or any answer with
    /// <c>Retry-After</c> longer than the retry handler would wait in a turn; null for any other failure.
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#handle-rate-limits
    /// </summary>
    internal static ConnectorException? Throttling(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is ConnectorException { Status: System.Net.HttpStatusCode.TooManyRequests } or ConnectorException { RetryAfter: not null })
            {
                return (ConnectorException)e;
            }
        }
        return null;
    }

    /// <summary>An activity needs to be valid text, a type, a conversation, short ids and a usable service URL to be answered at all.</summary>
    internal static Activity? Parse(ReadOnlySpan<byte> body)
    {
        if (ActivityCheck.TextProblem(body) is not null)
        {
            return null;
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        return activity is not null && ActivityCheck.ShapeProblem(activity) is null ? activity : null;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the body, or returns null as soon as it passes <paramref name="max"/> bytes (chunked bodies have no length up front).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, 16 * 1024));
        try
        {
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > max)
                    {
                        return null;
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, buffer.Length * 2));
                    buffer.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(total), ct);
                if (read == 0)
                {
                    return buffer.AsSpan(0, total).ToArray();
                }
                total += read;
                if (total > max)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult Unauthorized() => Results.Json(new { error = "unauthorized" }, statusCode: StatusCodes.Status401Unauthorized);

    private static IResult Problem(int status, string error) => Results.Json(new { error }, statusCode: status);
}
