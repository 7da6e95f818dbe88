using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace VpiBot.Tests.Support;

/// <summary>One request the bot made to Bot Connector, as received on the wire.</summary>
public sealed record ConnectorCall(string Method, string RawPath, string? Authorization, string? ContentType, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The first Adaptive Card attached to the activity sent, if any.</summary>
    public JsonObject? Card => Json?["attachments"]?.AsArray().FirstOrDefault(a => a?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")?["content"]?.AsObject();

    public string? Text => Json?["text"]?.GetValue<string>();
}

/// <summary>
/// Plays Bot Connector (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
/// records every call with its raw (still-escaped) path, and answers as scripted — by default like the service does
/// (<c>{"id": …}</c> for sends, 200 for updates, a conversation id for creates).
/// </summary>
public sealed class FakeConnector : LoopbackServer
{
    private readonly List<(string? Path, Func<HttpContext, Task> Answer)> _scripted = [];
    private int _ids;

    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    /// <summary>The people Teams returns for the team or chat roster (pagedmembers), shaped as TeamsChannelAccount.</summary>
    public List<TeamsActivities.User> Roster { get; } = [];

    /// <summary>
    /// The next request (or the next one to <paramref name="onPath"/>, e.g. <c>/v3/conversations</c>) is answered with
    /// this status, body and headers instead of success.
    /// </summary>
    public void Then(int status, string? body = null, string? retryAfter = null, string? onPath = null) => Script(onPath, async http =>
    {
        http.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            http.Response.Headers.RetryAfter = retryAfter;
        }
        if (body is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body);
        }
    });

    /// <summary>The next request (or the next one to <paramref name="onPath"/>) is answered by <paramref name="answer"/>
    /// (e.g. one that waits for the test before answering, to hold a send in flight).</summary>
    public void ThenAnswer(Func<HttpContext, Task> answer, string? onPath = null) => Script(onPath, answer);

    private void Script(string? path, Func<HttpContext, Task> answer)
    {
        lock (_scripted)
        {
            _scripted.Add((path, answer));
        }
    }

    private Func<HttpContext, Task>? TakeScripted(string path)
    {
        lock (_scripted)
        {
            var index = _scripted.FindIndex(s => s.Path is null || s.Path == path);
            if (index < 0)
            {
                return null;
            }
            var answer = _scripted[index].Answer;
            _scripted.RemoveAt(index);
            return answer;
        }
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> calls arrived; sends finish before the turn's HTTP answer, so this rarely waits.</summary>
    public async Task<ConnectorCall[]> WaitForCallsAsync(int count, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (Calls.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }
        return Calls.ToArray();
    }

    /// <summary>A TeamsChannelAccount as Teams returns it (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context).</summary>
    private static object Account(TeamsActivities.User u) => new
    {
        id = u.Id, name = u.Name, aadObjectId = u.AadObjectId, email = Upn(u),
        userPrincipalName = Upn(u), tenantId = TeamsActivities.TenantId, userRole = "user",
    };

    public static string Upn(TeamsActivities.User u) => $"{u.Id[3..]}@example.org";

    protected override void Map(WebApplication app)
    {
        app.Run(async http =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var raw = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            Calls.Enqueue(new ConnectorCall(http.Request.Method, raw, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null,
                http.Request.ContentType, body));
            if (TakeScripted(http.Request.Path.Value ?? "") is { } scripted)
            {
                await scripted(http);
                return;
            }
            var path = http.Request.Path.Value ?? "";
            if (http.Request.Method == "POST" && path == "/v3/conversations")
            {
                await http.Response.WriteAsJsonAsync(new { id = "a:created-" + Interlocked.Increment(ref _ids) });
            }
            else if (http.Request.Method == "GET" && path.EndsWith("/pagedmembers", StringComparison.Ordinal))
            {
                await http.Response.WriteAsJsonAsync(new
                {
                    members = Roster.Select(Account),
                });
            }
            else if (http.Request.Method == "GET" && path.Contains("/members/", StringComparison.Ordinal))
            {
                var memberId = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
                var user = Roster.FirstOrDefault(u => u.Id == memberId);
                if (user is null)
                {
                    http.Response.StatusCode = 404;
                    await http.Response.WriteAsJsonAsync(new { error = new { code = "MemberNotFoundInConversation", message = "The member was not found." } });
                    return;
                }
                await http.Response.WriteAsJsonAsync(Account(user));
            }
            else if (http.Request.Method == "POST")
            {
                await http.Response.WriteAsJsonAsync(new { id = "sent-" + Interlocked.Increment(ref _ids) });
            }
            else
            {
                await http.Response.WriteAsJsonAsync(new { id = "updated" });
            }
        });
    }
}
