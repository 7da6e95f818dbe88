using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VpiBot.Tests.Support;

/// <summary>One request the bot made to Microsoft Graph, as received on the wire, and what was wrong with it (if anything).</summary>
public sealed record GraphCall(string Method, string Path, string Mailbox, string? Authorization, string? ContentType, string Body, IReadOnlyList<string> Problems)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true });
}

/// <summary>
/// Plays Microsoft Graph's calendar API on 127.0.0.1 (base URL <see cref="GraphBaseUrl"/>), checking every request
/// against the documented shapes before answering as Graph does:
/// <list type="bullet">
/// <item><c>POST /v1.0/users/{id}/calendar/getSchedule</c> (https://learn.microsoft.com/en-us/graph/api/calendar-getschedule):
/// schedules (1–20), startTime/endTime {dateTime, timeZone}, a window shorter than 42 days, availabilityViewInterval 30;
/// answers value[] of scheduleInformation (https://learn.microsoft.com/en-us/graph/api/resources/scheduleinformation)
/// with availabilityView and workingHours, or a freeBusyError for an address it does not know.</item>
/// <item><c>POST /v1.0/users/{id}/events</c> (https://learn.microsoft.com/en-us/graph/api/user-post-events): subject,
/// body {contentType, content}, start/end, attendees [{emailAddress {address, name}, type}], isOnlineMeeting true,
/// onlineMeetingProvider teamsForBusiness, transactionId; answers 201 with id and onlineMeeting.joinUrl. The same
/// transactionId again returns the same event, as Exchange does
/// (https://learn.microsoft.com/en-us/graph/api/resources/event, transactionId).</item>
/// </list>
/// Every request needs <c>Authorization: Bearer</c> and <c>Content-Type: application/json</c>. A request that breaks a
/// rule is answered 400 and its problems are kept in <see cref="Violations"/>. Answers can be scripted: an error
/// status (429 with Retry-After, 503, 404, 403) or a delay before the answer (to make an attempt time out).
/// </summary>
public sealed class FakeGraph : LoopbackServer
{
    private readonly List<(string? PathContains, int? Status, string? Code, string? RetryAfter, TimeSpan? Delay)> _scripted = [];
    private readonly ConcurrentDictionary<string, JsonObject> _eventsByTransaction = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.OrdinalIgnoreCase);
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };
    private int _ids;

    public ConcurrentQueue<GraphCall> Calls { get; } = new();
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Every event created, once per transactionId.</summary>
    public IReadOnlyCollection<JsonObject> Events => [.. _eventsByTransaction.Values];

    /// <summary>How long each request is held before it is answered (to let concurrent requests overlap).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Addresses Graph knows nothing about (externals): a freeBusyError instead of a view.</summary>
    public HashSet<string> UnknownAddresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The view of an address over a window: (address, start, number of 30-minute intervals) → digits. Default: free.</summary>
    public Func<string, DateTime, int, string> View { get; set; } = (_, _, n) => new string('0', n);

    /// <summary>The base URL to give the bot (<c>Graph:BaseUrl</c>).</summary>
    public string GraphBaseUrl => BaseUrl + "v1.0";

    /// <summary>The most requests that were in flight at once for <paramref name="mailbox"/>.</summary>
    public int MaxConcurrency(string mailbox) => _maxInFlight.GetValueOrDefault(mailbox);

    public GraphCall[] ScheduleCalls => [.. Calls.Where(c => c.Path.EndsWith("/calendar/getSchedule", StringComparison.Ordinal))];
    public GraphCall[] EventCalls => [.. Calls.Where(c => c.Path.EndsWith("/events", StringComparison.Ordinal))];

    /// <summary>The next request (or the next whose path contains <paramref name="onPath"/>) is answered with this error.</summary>
    public void ThenError(int status, string code, string? retryAfter = null, string? onPath = null)
    {
        lock (_scripted)
        {
            _scripted.Add((onPath, status, code, retryAfter, null));
        }
    }

    /// <summary>The next request (or the next whose path contains <paramref name="onPath"/>) is handled, then its answer held back this long.</summary>
    public void ThenDelay(TimeSpan delay, string? onPath = null)
    {
        lock (_scripted)
        {
            _scripted.Add((onPath, null, null, null, delay));
        }
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1.0/users/{id}/calendar/getSchedule", (HttpContext http, string id) => HandleAsync(http, id, GetSchedule));
        app.MapPost("/v1.0/users/{id}/events", (HttpContext http, string id) => HandleAsync(http, id, CreateEvent));
        app.MapFallback((HttpContext http) =>
        {
            Violations.Enqueue($"unexpected request {http.Request.Method} {http.Request.Path}");
            return Error(http, 400, "BadRequest", "Unexpected request.");
        });
    }

    private async Task HandleAsync(HttpContext http, string mailbox, Func<JsonObject, List<string>, (int Status, JsonObject Body)> handle)
    {
        var current = _inFlight.AddOrUpdate(mailbox, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(mailbox, current, (_, n) => Math.Max(n, current));
        try
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var problems = new List<string>();
            var auth = http.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || auth.Length <= "Bearer ".Length)
            {
                problems.Add("no Authorization: Bearer token");
            }
            var contentType = http.Request.ContentType;
            if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Content-Type is {contentType ?? "missing"}, not application/json");
            }
            JsonObject? json = null;
            try
            {
                // Graph reads action parameters case-insensitively (the SDK sends "Schedules", "StartTime", as the docs' own example does)
                json = JsonNode.Parse(body, CaseInsensitive) as JsonObject;
            }
            catch (JsonException)
            {
            }
            if (json is null)
            {
                problems.Add("the body is not a JSON object");
            }
            (int Status, JsonObject Body) answer = (400, ErrorBody("ErrorInvalidRequest", "The request is malformed."));
            if (json is not null)
            {
                var (status, answerBody) = handle(json, problems);
                if (problems.Count == 0)
                {
                    answer = (status, answerBody);
                }
            }
            Calls.Enqueue(new GraphCall(http.Request.Method, http.Request.Path.Value ?? "", mailbox, auth, contentType, body, problems));
            foreach (var problem in problems)
            {
                Violations.Enqueue($"{http.Request.Path}: {problem}");
            }
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, http.RequestAborted);
            }
            if (problems.Count > 0)
            {
                await Error(http, 400, "ErrorInvalidRequest", string.Join("; ", problems));
                return;
            }
            var scripted = TakeScripted(http.Request.Path.Value ?? "");
            if (scripted is { Status: { } errorStatus })
            {
                // a scripted error: nothing was done (an event is not created)
                if (scripted.Value.RetryAfter is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = retryAfter;
                }
                if (answer.Body["@created"] is JsonValue && json?["transactionId"]?.GetValue<string>() is { } tx)
                {
                    _eventsByTransaction.TryRemove(tx, out _);
                }
                await Error(http, errorStatus, scripted.Value.Code!, errorStatus switch
                {
                    404 => $"The specified object was not found in the store., The process failed to get the correct properties.",
                    403 => "Access is denied. Check credentials and try again.",
                    429 => "Application is over its MailboxConcurrency limit.",
                    _ => "The service is temporarily unavailable.",
                });
                return;
            }
            if (scripted is { Delay: { } delay })
            {
                await Task.Delay(delay, http.RequestAborted); // done, but the answer comes too late
            }
            answer.Body.Remove("@created");
            http.Response.StatusCode = answer.Status;
            http.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
            await http.Response.WriteAsync(answer.Body.ToJsonString());
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // the client gave up waiting
        }
        finally
        {
            _inFlight.AddOrUpdate(mailbox, 0, (_, n) => n - 1);
        }
    }

    private (string? PathContains, int? Status, string? Code, string? RetryAfter, TimeSpan? Delay)? TakeScripted(string path)
    {
        lock (_scripted)
        {
            var index = _scripted.FindIndex(s => s.PathContains is null || path.Contains(s.PathContains, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }
            var script = _scripted[index];
            _scripted.RemoveAt(index);
            return script;
        }
    }

    private (int, JsonObject) GetSchedule(JsonObject body, List<string> problems)
    {
        var schedules = body["schedules"] as JsonArray;
        if (schedules is null || schedules.Count == 0)
        {
            problems.Add("schedules is missing or empty");
        }
        else if (schedules.Count > 20)
        {
            problems.Add($"{schedules.Count} schedules in one call (at most 20)");
        }
        var start = DateTimeTimeZone(body, "startTime", problems);
        var end = DateTimeTimeZone(body, "endTime", problems);
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                problems.Add("endTime is not after startTime");
            }
            else if (e - s >= TimeSpan.FromDays(42))
            {
                problems.Add($"the window is {(e - s).TotalDays} days (must be under 42)");
            }
        }
        if (body["availabilityViewInterval"] is not JsonValue interval || interval.ToString() != "30")
        {
            problems.Add($"availabilityViewInterval is {body["availabilityViewInterval"]?.ToJsonString() ?? "missing"}, not 30");
        }
        if (problems.Count > 0 || start is not { } from || end is not { } to)
        {
            return (400, new JsonObject());
        }
        var intervals = (int)Math.Ceiling((to - from) / TimeSpan.FromMinutes(30));
        var value = new JsonArray();
        foreach (var address in schedules!.Select(n => n?.GetValue<string>() ?? ""))
        {
            value.Add(UnknownAddresses.Contains(address)
                ? new JsonObject
                {
                    ["scheduleId"] = address,
                    ["availabilityView"] = "",
                    ["scheduleItems"] = new JsonArray(),
                    ["error"] = new JsonObject { ["message"] = $"The specified recipient {address} is not a valid user in this organization.", ["responseCode"] = "ErrorMailRecipientNotFound" },
                }
                : new JsonObject
                {
                    ["scheduleId"] = address,
                    ["availabilityView"] = View(address, from, intervals),
                    ["scheduleItems"] = new JsonArray(),
                    ["workingHours"] = new JsonObject
                    {
                        ["daysOfWeek"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday"),
                        ["startTime"] = "08:00:00.0000000",
                        ["endTime"] = "17:00:00.0000000",
                        ["timeZone"] = new JsonObject { ["name"] = "W. Europe Standard Time" },
                    },
                });
        }
        return (200, new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
            ["value"] = value,
        });
    }

    private (int, JsonObject) CreateEvent(JsonObject body, List<string> problems)
    {
        if (body["subject"] is not JsonValue)
        {
            problems.Add("subject is missing");
        }
        if (body["body"] is not JsonObject itemBody || itemBody["content"] is not JsonValue
            || itemBody["contentType"]?.GetValue<string>() is not ("html" or "text" or "HTML" or "Text"))
        {
            problems.Add("body {contentType: html|text, content} is missing or malformed");
        }
        DateTimeTimeZone(body, "start", problems);
        DateTimeTimeZone(body, "end", problems);
        if (body["attendees"] is not JsonArray attendees || attendees.Count == 0)
        {
            problems.Add("attendees is missing or empty");
        }
        else
        {
            foreach (var attendee in attendees)
            {
                if (attendee?["emailAddress"]?["address"] is not JsonValue || attendee["type"]?.GetValue<string>() is not ("required" or "optional" or "resource"))
                {
                    problems.Add($"attendee {attendee?.ToJsonString()} lacks emailAddress.address or a type required|optional");
                }
            }
        }
        if (body["isOnlineMeeting"]?.GetValue<bool>() != true)
        {
            problems.Add("isOnlineMeeting is not true");
        }
        if (body["onlineMeetingProvider"]?.GetValue<string>() != "teamsForBusiness")
        {
            problems.Add("onlineMeetingProvider is not teamsForBusiness");
        }
        var transactionId = body["transactionId"] is JsonValue tx ? tx.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(transactionId))
        {
            problems.Add("transactionId is missing");
        }
        if (problems.Count > 0)
        {
            return (400, new JsonObject());
        }
        var created = false;
        var stored = _eventsByTransaction.GetOrAdd(transactionId!, _ =>
        {
            created = true;
            var n = Interlocked.Increment(ref _ids);
            var ev = (JsonObject)body.DeepClone();
            ev["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('organizer')/events/$entity";
            ev["id"] = $"AAMkAGI2TG93AAA={n}";
            ev["createdDateTime"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            ev["webLink"] = $"https://outlook.office365.com/owa/?itemid=AAMkAGI2TG93AAA%3D{n}&exvsurl=1&path=/calendar/item";
            ev["onlineMeeting"] = new JsonObject { ["joinUrl"] = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{n}%40thread.v2/0" };
            return ev;
        });
        var answer = (JsonObject)stored.DeepClone();
        if (created)
        {
            answer["@created"] = true; // lets a scripted error undo the creation
        }
        return (201, answer);
    }

    private static DateTime? DateTimeTimeZone(JsonObject body, string name, List<string> problems)
    {
        if (body[name] is not JsonObject value || value["dateTime"] is not JsonValue dateTime || value["timeZone"] is not JsonValue zone)
        {
            problems.Add($"{name} {{dateTime, timeZone}} is missing");
            return null;
        }
        if (zone.GetValue<string>() != "UTC")
        {
            problems.Add($"{name}.timeZone is {zone}, expected UTC");
        }
        if (!DateTime.TryParse(dateTime.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            problems.Add($"{name}.dateTime {dateTime} is not a date and time");
            return null;
        }
        return parsed;
    }

    private static JsonObject ErrorBody(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture), ["request-id"] = Guid.NewGuid().ToString(), ["client-request-id"] = Guid.NewGuid().ToString() },
        },
    };

    private static Task Error(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(ErrorBody(code, message).ToJsonString());
    }
}
