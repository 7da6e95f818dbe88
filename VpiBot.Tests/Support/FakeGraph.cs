using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VpiBot.Tests.Support;

/// <summary>One request the bot made to Microsoft Graph, as received on the wire, and what was wrong with it (if anything).</summary>
public sealed record GraphCall(string Method, string Path, string Mailbox, string? Authorization, string? ContentType, string Body, IReadOnlyList<string> Problems)
{
    /// <summary>The query string as received, decoded: name → value (e.g. <c>$select</c>).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>Prefer</c> header(s), joined.</summary>
    public string? Prefer { get; init; }

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
/// (https://learn.microsoft.com/en-us/graph/api/resources/event, transactionId). With a <c>recurrence</c>
/// (https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence): pattern absoluteMonthly with interval
/// 1–99 and dayOfMonth 1–31 (https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern); range endDate
/// (with endDate) or numbered (numberOfOccurrences &gt; 0), startDate yyyy-MM-dd equal to the start's date, and
/// recurrenceTimeZone (https://learn.microsoft.com/en-us/graph/api/resources/recurrencerange); start/end then on the
/// clock of that zone (dayOfMonth the start's day there), otherwise in UTC. Attendees get status {response: none, time}.</item>
/// <item><c>PATCH /v1.0/users/{id}/events/{eventId}</c> (https://learn.microsoft.com/en-us/graph/api/event-update):
/// only start and end, in UTC; answers 200 with the updated event.</item>
/// <item><c>POST /v1.0/users/{id}/events/{eventId}/cancel</c> (https://learn.microsoft.com/en-us/graph/api/event-cancel):
/// JSON {comment: string}; answers 202 without a body and marks the event isCancelled (the comment kept,
/// <see cref="CancelComment"/>).</item>
/// <item><c>GET /v1.0/users/{id}/events/{eventId}</c> (https://learn.microsoft.com/en-us/graph/api/event-get): $select
/// naming attendees, start, end, isCancelled, onlineMeeting, and <c>Prefer: outlook.timezone="UTC"</c>; answers those
/// fields, start/end in UTC, attendees with status {response, time}
/// (https://learn.microsoft.com/en-us/graph/api/resources/responsestatus), set by <see cref="SetResponse"/>.</item>
/// </list>
/// An event id the fake did not create is answered 404 ErrorItemNotFound.
/// Every request needs <c>Authorization: Bearer</c>, and every request with a body <c>Content-Type: application/json</c>. A request that breaks a
/// rule is answered 400 and its problems are kept in <see cref="Violations"/>. Answers can be scripted: an error
/// status (429 with Retry-After, 503, 404, 403) or a delay before the answer (to make an attempt time out).
/// </summary>
public sealed class FakeGraph : LoopbackServer
{
    private readonly List<(string? PathContains, int? Status, string? Code, string? RetryAfter, TimeSpan? Delay)> _scripted = [];
    private readonly ConcurrentDictionary<string, JsonObject> _eventsByTransaction = new();
    private readonly ConcurrentDictionary<string, JsonObject> _eventsById = new();
    private readonly ConcurrentDictionary<string, string> _cancelComments = new();
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

    /// <summary>The calls with this method whose (decoded) path ends with <paramref name="pathEndsWith"/>.</summary>
    public GraphCall[] CallsTo(string method, string pathEndsWith) =>
        [.. Calls.Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase) && c.Path.EndsWith(pathEndsWith, StringComparison.Ordinal))];

    /// <summary>A copy of the event with this id as the fake keeps it (start/end as created or last patched), or null.</summary>
    public JsonObject? Event(string eventId)
    {
        if (!_eventsById.TryGetValue(eventId, out var ev))
        {
            return null;
        }
        lock (ev)
        {
            return (JsonObject)ev.DeepClone();
        }
    }

    /// <summary>The comment the event was cancelled with, or null when it was not cancelled.</summary>
    public string? CancelComment(string eventId) => _cancelComments.GetValueOrDefault(eventId);

    /// <summary>An attendee replies: <paramref name="response"/> is Graph's responseStatus.response (accepted,
    /// tentativelyAccepted, declined, none, notResponded), timed now.</summary>
    public void SetResponse(string eventId, string address, string response)
    {
        var ev = _eventsById.TryGetValue(eventId, out var found) ? found : throw new ArgumentException($"No event {eventId}.", nameof(eventId));
        lock (ev)
        {
            var attendee = ev["attendees"]!.AsArray().FirstOrDefault(a => string.Equals(a?["emailAddress"]?["address"]?.GetValue<string>(), address, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"{address} is not invited to {eventId}.", nameof(address));
            attendee["status"] = new JsonObject { ["response"] = response, ["time"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
        }
    }

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
        app.MapMethods("/v1.0/users/{id}/events/{eventId}", ["PATCH"], (HttpContext http, string id, string eventId) => HandleAsync(http, id, (_, body, problems) => UpdateEvent(eventId, body!, problems)));
        app.MapPost("/v1.0/users/{id}/events/{eventId}/cancel", (HttpContext http, string id, string eventId) => HandleAsync(http, id, (_, body, problems) => CancelEvent(eventId, body!, problems)));
        app.MapGet("/v1.0/users/{id}/events/{eventId}", (HttpContext http, string id, string eventId) => HandleAsync(http, id, (h, _, problems) => GetEvent(h, eventId, problems), hasBody: false));
        app.MapFallback((HttpContext http) =>
        {
            Violations.Enqueue($"unexpected request {http.Request.Method} {http.Request.Path}");
            return Error(http, 400, "BadRequest", "Unexpected request.");
        });
    }

    /// <summary>An answer: its status, its body (none for 202), and what the request changes, done only when this answer is sent.</summary>
    private readonly record struct Answer(int Status, JsonObject? Body, Action? Commit = null);

    private Task HandleAsync(HttpContext http, string mailbox, Func<JsonObject, List<string>, (int Status, JsonObject Body)> handle) =>
        HandleAsync(http, mailbox, (_, json, problems) =>
        {
            var (status, body) = handle(json!, problems);
            return new Answer(status, body);
        });

    private async Task HandleAsync(HttpContext http, string mailbox, Func<HttpContext, JsonObject?, List<string>, Answer> handle, bool hasBody = true)
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
            JsonObject? json = null;
            if (hasBody)
            {
                if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"Content-Type is {contentType ?? "missing"}, not application/json");
                }
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
            }
            else if (body.Length > 0)
            {
                problems.Add($"a {http.Request.Method} request with a body");
            }
            var answer = new Answer(400, ErrorBody("ErrorInvalidRequest", "The request is malformed."));
            if (json is not null || !hasBody)
            {
                var handled = handle(http, json, problems);
                if (problems.Count == 0)
                {
                    answer = handled;
                }
            }
            Calls.Enqueue(new GraphCall(http.Request.Method, http.Request.Path.Value ?? "", mailbox, auth, contentType, body, problems)
            {
                Query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                Prefer = http.Request.Headers["Prefer"].Count > 0 ? http.Request.Headers["Prefer"].ToString() : null,
            });
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
                if (answer.Body?["@created"] is JsonValue && json?["transactionId"]?.GetValue<string>() is { } tx
                    && _eventsByTransaction.TryRemove(tx, out var undone))
                {
                    _eventsById.TryRemove(undone["id"]!.GetValue<string>(), out _);
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
            answer.Commit?.Invoke();
            if (scripted is { Delay: { } delay })
            {
                await Task.Delay(delay, http.RequestAborted); // done, but the answer comes too late
            }
            http.Response.StatusCode = answer.Status;
            if (answer.Body is { } answerBody)
            {
                answerBody.Remove("@created");
                http.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
                await http.Response.WriteAsync(answerBody.ToJsonString());
            }
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
        var zone = body["recurrence"] is JsonObject ? body["recurrence"]?["range"]?["recurrenceTimeZone"]?.GetValue<string>() ?? "UTC" : "UTC";
        var start = DateTimeTimeZone(body, "start", problems, zone);
        var end = DateTimeTimeZone(body, "end", problems, zone);
        if (start is { } s && end is { } e && e <= s)
        {
            problems.Add("end is not after start");
        }
        if (body["recurrence"] is JsonObject recurrence)
        {
            CheckRecurrence(recurrence, start, problems);
        }
        else if (body["recurrence"] is not null)
        {
            problems.Add("recurrence is not an object");
        }
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
            ev["isCancelled"] = false;
            foreach (var attendee in ev["attendees"]!.AsArray())
            {
                attendee!["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" };
            }
            _eventsById[ev["id"]!.GetValue<string>()] = ev;
            return ev;
        });
        JsonObject answer;
        lock (stored)
        {
            answer = (JsonObject)stored.DeepClone();
        }
        if (created)
        {
            answer["@created"] = true; // lets a scripted error undo the creation
        }
        return (201, answer);
    }

    /// <summary>https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence — only what the bot books: absoluteMonthly.</summary>
    private static void CheckRecurrence(JsonObject recurrence, DateTime? start, List<string> problems)
    {
        if (recurrence["pattern"] is not JsonObject pattern)
        {
            problems.Add("recurrence.pattern is missing");
        }
        else
        {
            if (Text(pattern["type"]) != "absoluteMonthly")
            {
                problems.Add($"recurrence.pattern.type is {pattern["type"]?.ToJsonString() ?? "missing"}, expected absoluteMonthly");
            }
            if (Number(pattern["interval"]) is not (>= 1 and <= 99))
            {
                problems.Add($"recurrence.pattern.interval is {pattern["interval"]?.ToJsonString() ?? "missing"} (must be 1–99)");
            }
            var day = Number(pattern["dayOfMonth"]);
            if (day is not (>= 1 and <= 31))
            {
                problems.Add($"recurrence.pattern.dayOfMonth is {pattern["dayOfMonth"]?.ToJsonString() ?? "missing"} (must be 1–31)");
            }
            else if (start is { } first && first.Day != day)
            {
                problems.Add($"recurrence.pattern.dayOfMonth is {day}, but the first meeting is on day {first.Day}");
            }
        }
        if (recurrence["range"] is not JsonObject range)
        {
            problems.Add("recurrence.range is missing");
            return;
        }
        var startDate = Date(range["startDate"]);
        if (startDate is null)
        {
            problems.Add($"recurrence.range.startDate is {range["startDate"]?.ToJsonString() ?? "missing"}, not yyyy-MM-dd");
        }
        else if (start is { } first && DateOnly.FromDateTime(first) != startDate)
        {
            problems.Add($"recurrence.range.startDate {startDate:yyyy-MM-dd} is not the start's date {first:yyyy-MM-dd}");
        }
        var zone = Text(range["recurrenceTimeZone"]);
        if (string.IsNullOrWhiteSpace(zone))
        {
            problems.Add("recurrence.range.recurrenceTimeZone is missing");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            problems.Add($"recurrence.range.recurrenceTimeZone {zone} is not a time zone");
        }
        switch (Text(range["type"]))
        {
            case "endDate":
                if (Date(range["endDate"]) is not { } endDate)
                {
                    problems.Add($"recurrence.range type endDate needs endDate yyyy-MM-dd (is {range["endDate"]?.ToJsonString() ?? "missing"})");
                }
                else if (startDate is { } from && endDate < from)
                {
                    problems.Add($"recurrence.range.endDate {endDate:yyyy-MM-dd} is before its startDate");
                }
                break;
            case "numbered":
                if (Number(range["numberOfOccurrences"]) is not > 0)
                {
                    problems.Add($"recurrence.range type numbered needs numberOfOccurrences > 0 (is {range["numberOfOccurrences"]?.ToJsonString() ?? "missing"})");
                }
                break;
            case "noEnd":
                break;
            default:
                problems.Add($"recurrence.range.type is {range["type"]?.ToJsonString() ?? "missing"} (endDate, noEnd or numbered)");
                break;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static DateOnly? Date(JsonNode? node) =>
        Text(node) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static JsonObject NotFound() => ErrorBody("ErrorItemNotFound", "The specified object was not found in the store.");

    /// <summary>PATCH an event: only start and end, both in UTC (the bot moves a meeting, nothing else).</summary>
    private Answer UpdateEvent(string eventId, JsonObject body, List<string> problems)
    {
        foreach (var (name, _) in body)
        {
            if (!name.StartsWith('@') && !name.Equals("start", StringComparison.OrdinalIgnoreCase) && !name.Equals("end", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"PATCH changes {name}; only start and end are expected");
            }
        }
        var start = DateTimeTimeZone(body, "start", problems);
        var end = DateTimeTimeZone(body, "end", problems);
        if (start is { } s && end is { } e && e <= s)
        {
            problems.Add("end is not after start");
        }
        if (problems.Count > 0)
        {
            return new Answer(400, null);
        }
        if (!_eventsById.TryGetValue(eventId, out var ev))
        {
            return new Answer(404, NotFound());
        }
        JsonObject answer;
        lock (ev)
        {
            answer = (JsonObject)ev.DeepClone();
        }
        answer["start"] = body["start"]!.DeepClone();
        answer["end"] = body["end"]!.DeepClone();
        return new Answer(200, answer, () =>
        {
            lock (ev)
            {
                ev["start"] = body["start"]!.DeepClone();
                ev["end"] = body["end"]!.DeepClone();
            }
        });
    }

    /// <summary>POST …/cancel {comment}: 202 without a body; the event is cancelled.</summary>
    private Answer CancelEvent(string eventId, JsonObject body, List<string> problems)
    {
        if (Text(body["comment"]) is not { } comment)
        {
            problems.Add($"comment is {body["comment"]?.ToJsonString() ?? "missing"}, not a string");
            return new Answer(400, null);
        }
        if (!_eventsById.TryGetValue(eventId, out var ev))
        {
            return new Answer(404, NotFound());
        }
        return new Answer(202, null, () =>
        {
            lock (ev)
            {
                ev["isCancelled"] = true;
            }
            _cancelComments[eventId] = comment;
        });
    }

    /// <summary>GET an event with $select and Prefer: outlook.timezone="UTC": the selected fields, start/end in UTC.</summary>
    private Answer GetEvent(HttpContext http, string eventId, List<string> problems)
    {
        var select = http.Request.Query["$select"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] wanted = ["attendees", "start", "end", "isCancelled", "onlineMeeting"];
        foreach (var field in wanted.Where(w => !select.Contains(w, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"$select lacks {field} (is \"{string.Join(',', select)}\")");
        }
        var prefer = http.Request.Headers["Prefer"].ToString();
        if (!prefer.Contains("outlook.timezone=\"UTC\"", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"no Prefer: outlook.timezone=\"UTC\" (Prefer is \"{prefer}\")");
        }
        if (problems.Count > 0)
        {
            return new Answer(400, null);
        }
        if (!_eventsById.TryGetValue(eventId, out var ev))
        {
            return new Answer(404, NotFound());
        }
        var answer = new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('organizer')/events({string.Join(',', select)})/$entity",
            ["@odata.etag"] = "W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"",
            ["id"] = eventId,
        };
        lock (ev)
        {
            foreach (var field in select)
            {
                var name = wanted.FirstOrDefault(w => w.Equals(field, StringComparison.OrdinalIgnoreCase)) ?? field;
                answer[name] = name is "start" or "end" ? InUtc(ev[name]!) : ev[name]?.DeepClone();
            }
        }
        return new Answer(200, answer);
    }

    /// <summary>A stored dateTimeTimeZone (UTC, or a recurring event's own zone) as Graph gives it for Prefer outlook.timezone="UTC".</summary>
    private static JsonObject InUtc(JsonNode value)
    {
        var local = DateTime.Parse(value["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(value["timeZone"]!.GetValue<string>());
        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
        return new JsonObject { ["dateTime"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" };
    }

    private static DateTime? DateTimeTimeZone(JsonObject body, string name, List<string> problems, string expectedZone = "UTC")
    {
        if (body[name] is not JsonObject value || value["dateTime"] is not JsonValue dateTime || value["timeZone"] is not JsonValue zone)
        {
            problems.Add($"{name} {{dateTime, timeZone}} is missing");
            return null;
        }
        if (zone.GetValue<string>() != expectedZone)
        {
            problems.Add($"{name}.timeZone is {zone}, expected {expectedZone}");
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
