using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using VpiBot.Domain.Meetings;

namespace VpiBot.Graph;

// The bot's calendar work through Microsoft Graph, app-only (application permission Calendars.ReadWrite). References:
//   calendar: getSchedule         https://learn.microsoft.com/en-us/graph/api/calendar-getschedule
//   free/busy how-to              https://learn.microsoft.com/en-us/graph/outlook-get-free-busy-schedule
//   scheduleInformation           https://learn.microsoft.com/en-us/graph/api/resources/scheduleinformation
//   create event                  https://learn.microsoft.com/en-us/graph/api/user-post-events
//   online meetings on events     https://learn.microsoft.com/en-us/graph/outlook-calendar-online-meetings
//   event (transactionId)         https://learn.microsoft.com/en-us/graph/api/resources/event
//   throttling, Retry-After       https://learn.microsoft.com/en-us/graph/throttling
//   Outlook limits (4 concurrent) https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits
//   error codes                   https://learn.microsoft.com/en-us/graph/errors
//   update event (PATCH)          https://learn.microsoft.com/en-us/graph/api/event-update
//   cancel event                  https://learn.microsoft.com/en-us/graph/api/event-cancel
//   get event, Prefer timezone    https://learn.microsoft.com/en-us/graph/api/event-get
//   attendee status               https://learn.microsoft.com/en-us/graph/api/resources/responsestatus
//   recurrence                    https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence
//                                 https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern
//                                 https://learn.microsoft.com/en-us/graph/api/resources/recurrencerange

/// <summary>Why a Graph call gave no answer.</summary>
public enum GraphProblem
{
    /// <summary>Graph is not configured (<see cref="GraphOptions.IsConfigured"/>), or no identity to call it with.</summary>
    NotConfigured,
    /// <summary>The organizer mailbox does not exist or has no Exchange Online mailbox (404).</summary>
    MailboxNotFound,
    /// <summary>The event is not (or no longer) in the organizer's calendar (404 on an event's path).</summary>
    EventNotFound,
    /// <summary>The bot's identity lacks the permission, or an application access policy excludes the mailbox (401/403).</summary>
    AccessDenied,
    /// <summary>Still throttled (429) after the retries.</summary>
    Throttled,
    /// <summary>Graph is unavailable (5xx) or did not answer in time, after the retries.</summary>
    Unavailable,
    /// <summary>Any other error Graph answered with.</summary>
    Failed,
}

/// <summary>A Graph call that gave no answer: the kind of problem and a reason a person can act on.</summary>
public sealed record GraphFailure(GraphProblem Problem, string Reason);

/// <summary>The answer of a Graph call, or why there is none — never an exception for the user to see.</summary>
public sealed record GraphResult<T>(T? Value, GraphFailure? Failure) where T : class
{
    public bool Succeeded => Failure is null && Value is not null;
    public static GraphResult<T> Ok(T value) => new(value, null);
    public static GraphResult<T> Fail(GraphProblem problem, string reason) => new(null, new GraphFailure(problem, reason));
}

/// <summary>Someone invited to a meeting, or whose availability is asked for.</summary>
public sealed record MeetingAttendee(string Address, string? Name = null, bool Required = true);

/// <summary>The event created in the organizer's calendar and its Teams join link.</summary>
public sealed record CreatedMeeting(string EventId, string? JoinUrl);

/// <summary>
/// Twice-a-year etc.: a recurrence every <see cref="IntervalMonths"/> months on the start's day of month (Graph
/// "absoluteMonthly"), from <see cref="StartDate"/> (the first meeting's date in <see cref="TimeZone"/>), ending on
/// <see cref="EndDate"/> or after <see cref="Occurrences"/> (exactly one of them set), in the IANA or Windows
/// <see cref="TimeZone"/> given (the recurrence range needs recurrenceTimeZone).
/// </summary>
public sealed record MeetingRecurrence(int IntervalMonths, DateOnly StartDate, DateOnly? EndDate, int? Occurrences, string TimeZone);

/// <summary>An attendee's reply to the invitation (Graph <c>responseStatus.response</c>; <c>notResponded</c> is <see cref="None"/>).</summary>
public enum AttendeeReply { None, Accepted, Tentative, Declined, Organizer }

/// <summary>One attendee of an event and their reply.</summary>
public sealed record AttendeeResponse(string Address, string? Name, bool Required, AttendeeReply Reply);

/// <summary>An event as Graph has it now: its attendees' replies (status.response), whether it was cancelled, its times (UTC), its join link.</summary>
public sealed record MeetingState(string EventId, IReadOnlyList<AttendeeResponse> Attendees, bool IsCancelled, DateTimeOffset Start, DateTimeOffset End, string? JoinUrl);

/// <summary>An event that was cancelled (the attendees got the cancellation with its comment).</summary>
public sealed record CancelledMeeting(string EventId);

/// <summary>
/// Free/busy and Teams meetings through the Microsoft Graph SDK (<see cref="GraphServiceClient"/>), with a token for
/// <c>https://graph.microsoft.com/.default</c> from the bot's own Entra identity. The SDK's retry handler retries 429,
/// 503 and 504 honouring Retry-After; attempts that time out or lose their connection are tried again here (getSchedule
/// only reads, and an event carries a transactionId, so Exchange returns the event already created instead of a second
/// one). At most <see cref="GraphOptions.MaxConcurrentPerMailbox"/> requests are in flight per mailbox.
/// </summary>
public sealed class GraphCalendar : IDisposable
{
    public const string Scope = "https://graph.microsoft.com/.default";

    private readonly GraphOptions _options;
    private readonly GraphServiceClient? _client;
    private readonly HttpClient? _http;
    private readonly string? _notConfigured;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _mailboxes = new(StringComparer.OrdinalIgnoreCase);

    public GraphCalendar(IOptions<GraphOptions> options, GraphCredential credential, Telemetry.VpiTelemetry? telemetry = null)
    {
        _options = options.Value;
        if (!_options.IsConfigured)
        {
            _notConfigured = "Microsoft Graph is not configured (set Graph:OrganizerMailbox or Graph:Enabled).";
            return;
        }
        if (credential.Credential is not { } tokens)
        {
            _notConfigured = credential.Problem ?? "Microsoft Graph is configured, but the bot has no identity to call it with.";
            return;
        }
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        handlers.Insert(0, new RetryHandler(new RetryHandlerOption
        {
            MaxRetry = Math.Clamp(_options.MaxRetries, 0, 10),
            Delay = Math.Clamp(_options.RetryDelaySeconds, 0, 180),
        }));
        if (telemetry is not null)
        {
            handlers.Add(new Telemetry.OutgoingCallsHandler(telemetry, Telemetry.VpiTelemetry.Services.Graph)); // innermost: each attempt
        }
        _http = GraphClientFactory.Create(handlers);
        _http.Timeout = Timeout.InfiniteTimeSpan; // each attempt is bounded by AttemptTimeout instead
        _client = new GraphServiceClient(_http, new CredentialAuthentication(tokens), _options.BaseUrl.TrimEnd('/'));
    }

    public bool IsConfigured => _client is not null;

    /// <summary>
    /// The availability of <paramref name="attendees"/> over [<paramref name="start"/>, <paramref name="end"/>), asked
    /// through <paramref name="organizer"/>'s calendar (or <see cref="GraphOptions.OrganizerMailbox"/>): one getSchedule
    /// call per <see cref="ScheduleRequests.Plan"/> entry, run side by side, the views of a split window joined. One
    /// entry per distinct address, in the order given; an address Graph did not answer for is unknown.
    /// </summary>
    public async Task<GraphResult<IReadOnlyList<Availability>>> GetScheduleAsync(string? organizer, IReadOnlyList<MeetingAttendee> attendees,
        DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default)
    {
        if (Mailbox(organizer) is not { } mailbox || _client is not { } client)
        {
            return GraphResult<IReadOnlyList<Availability>>.Fail(GraphProblem.NotConfigured, _notConfigured ?? "No organizer mailbox given (Graph:OrganizerMailbox).");
        }
        var plan = ScheduleRequests.Plan([.. attendees.Select(a => a.Address)], start, end);
        var calls = plan.Select(request => CallAsync(mailbox, async token =>
        {
            var body = new GetSchedulePostRequestBody
            {
                Schedules = [.. request.Schedules],
                StartTime = Utc(request.Start),
                EndTime = Utc(request.End),
                AvailabilityViewInterval = (int)Availability.DefaultInterval.TotalMinutes,
            };
            var response = await client.Users[mailbox].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(body, cancellationToken: token);
            return (request, response?.Value ?? []);
        }, ct)).ToList();
        var answers = await Task.WhenAll(calls);
        if (answers.FirstOrDefault(a => !a.Succeeded) is { Failure: { } failure })
        {
            return new GraphResult<IReadOnlyList<Availability>>(null, failure);
        }

        var required = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var attendee in attendees)
        {
            required[attendee.Address] = required.GetValueOrDefault(attendee.Address) || attendee.Required;
        }
        var pieces = new Dictionary<string, List<Availability>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (request, infos) in answers.Select(a => a.Value))
        {
            foreach (var address in request.Schedules)
            {
                var info = infos.FirstOrDefault(i => string.Equals(i.ScheduleId, address, StringComparison.OrdinalIgnoreCase));
                var piece = ToAvailability(address, required.GetValueOrDefault(address, true), request.Start, info);
                (pieces.TryGetValue(address, out var list) ? list : pieces[address] = []).Add(piece);
            }
        }
        var result = pieces.Values
            .Select(list => list.OrderBy(p => p.IsKnown ? p.ViewStart : DateTimeOffset.MinValue).Aggregate((earlier, later) => earlier.Then(later)))
            .ToList();
        return GraphResult<IReadOnlyList<Availability>>.Ok(result);
    }

    /// <summary>
    /// Creates a Teams meeting in <paramref name="organizer"/>'s calendar (or <see cref="GraphOptions.OrganizerMailbox"/>),
    /// which sends the invitations. <paramref name="transactionId"/> makes a repeated attempt return the same event.
    /// With <paramref name="recurrence"/>, a series whose first meeting is [<paramref name="start"/>, <paramref name="end"/>):
    /// its start and end are then sent on the clock of the recurrence's zone (not UTC), so that later meetings keep the
    /// local time of day across daylight saving time; a recurrence Graph would refuse (no or both ends, an interval
    /// outside 1–99, a start date that is not the first meeting's date in the zone, an unknown zone) is a
    /// <see cref="GraphProblem.Failed"/> without calling Graph.
    /// </summary>
    public async Task<GraphResult<CreatedMeeting>> CreateOnlineMeetingAsync(string? organizer, string subject, string agendaHtmlOrText,
        DateTimeOffset start, DateTimeOffset end, IReadOnlyList<MeetingAttendee> attendees, string transactionId, CancellationToken ct = default,
        MeetingRecurrence? recurrence = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        if (Mailbox(organizer) is not { } mailbox || _client is not { } client)
        {
            return GraphResult<CreatedMeeting>.Fail(GraphProblem.NotConfigured, _notConfigured ?? "No organizer mailbox given (Graph:OrganizerMailbox).");
        }
        Series? series = null;
        if (recurrence is not null)
        {
            var (made, problem) = Recurrence(recurrence, start, end);
            if (made is null)
            {
                return GraphResult<CreatedMeeting>.Fail(GraphProblem.Failed, $"The meeting's recurrence cannot be booked: {problem}");
            }
            series = made;
        }
        var isHtml = agendaHtmlOrText.Contains('<') && agendaHtmlOrText.Contains('>');
        // built afresh for each attempt: a request body is a stream, read once
        Event Meeting() => new()
        {
            Subject = subject,
            Body = new ItemBody { ContentType = isHtml ? BodyType.Html : BodyType.Text, Content = agendaHtmlOrText },
            Start = series?.Start ?? Utc(start),
            End = series?.End ?? Utc(end),
            Recurrence = series?.Recurrence,
            Attendees = [.. attendees.DistinctBy(a => a.Address, StringComparer.OrdinalIgnoreCase).Select(a => new Attendee
            {
                EmailAddress = new EmailAddress { Address = a.Address, Name = a.Name ?? a.Address },
                Type = a.Required ? AttendeeType.Required : AttendeeType.Optional,
            })],
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            TransactionId = transactionId,
        };
        var created = await CallAsync(mailbox, token => client.Users[mailbox].Events.PostAsync(Meeting(), cancellationToken: token), ct);
        if (created.Failure is { } failure)
        {
            return GraphResult<CreatedMeeting>.Fail(failure.Problem, failure.Reason);
        }
        return created.Value is { Id: { } id } ev
            ? GraphResult<CreatedMeeting>.Ok(new CreatedMeeting(id, ev.OnlineMeeting?.JoinUrl))
            : GraphResult<CreatedMeeting>.Fail(GraphProblem.Failed, "Graph created the event but returned no id.");
    }

    /// <summary>
    /// Moves an event of <paramref name="organizer"/>'s calendar to [<paramref name="start"/>, <paramref name="end"/>):
    /// <c>PATCH /users/{organizer}/events/{id}</c> with start and end only (UTC); Graph sends the attendees the update.
    /// Answers the event's id and join link as Graph returns them. The same times again change nothing, so an attempt
    /// that timed out is simply repeated.
    /// </summary>
    public async Task<GraphResult<CreatedMeeting>> RescheduleAsync(string? organizer, string eventId, DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        if (Mailbox(organizer) is not { } mailbox || _client is not { } client)
        {
            return GraphResult<CreatedMeeting>.Fail(GraphProblem.NotConfigured, _notConfigured ?? "No organizer mailbox given (Graph:OrganizerMailbox).");
        }
        // built afresh for each attempt; only start and end are sent (https://learn.microsoft.com/en-us/graph/api/event-update)
        Event Times() => new() { Start = Utc(start), End = Utc(end) };
        var updated = await CallAsync(mailbox, token => client.Users[mailbox].Events[eventId].PatchAsync(Times(), cancellationToken: token), ct, eventId);
        if (updated.Failure is { } failure)
        {
            return GraphResult<CreatedMeeting>.Fail(failure.Problem, failure.Reason);
        }
        return GraphResult<CreatedMeeting>.Ok(new CreatedMeeting(updated.Value?.Id ?? eventId, updated.Value?.OnlineMeeting?.JoinUrl));
    }

    /// <summary>
    /// Cancels an event <paramref name="organizer"/> organizes, sending the attendees <paramref name="comment"/>:
    /// <c>POST /users/{organizer}/events/{id}/cancel</c> <c>{"comment": …}</c>, answered 202 without a body
    /// (https://learn.microsoft.com/en-us/graph/api/event-cancel). Cancel moves the event to Deleted Items, so when an
    /// attempt timed out and the repeated one finds no event, the first one did it: that counts as cancelled.
    /// </summary>
    public async Task<GraphResult<CancelledMeeting>> CancelAsync(string? organizer, string eventId, string comment, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        if (Mailbox(organizer) is not { } mailbox || _client is not { } client)
        {
            return GraphResult<CancelledMeeting>.Fail(GraphProblem.NotConfigured, _notConfigured ?? "No organizer mailbox given (Graph:OrganizerMailbox).");
        }
        var attempts = 0;
        var cancelled = await CallAsync(mailbox, async token =>
        {
            Interlocked.Increment(ref attempts);
            await client.Users[mailbox].Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = comment ?? "" }, cancellationToken: token);
            return true;
        }, ct, eventId);
        if (cancelled.Failure is { } failure && !(failure.Problem == GraphProblem.EventNotFound && Volatile.Read(ref attempts) > 1))
        {
            return GraphResult<CancelledMeeting>.Fail(failure.Problem, failure.Reason);
        }
        return GraphResult<CancelledMeeting>.Ok(new CancelledMeeting(eventId));
    }

    /// <summary>
    /// An event of <paramref name="organizer"/>'s calendar as Graph has it now: <c>GET /users/{organizer}/events/{id}
    /// ?$select=attendees,start,end,isCancelled,onlineMeeting</c> with <c>Prefer: outlook.timezone="UTC"</c>
    /// (https://learn.microsoft.com/en-us/graph/api/event-get): each attendee's reply (<c>status.response</c>,
    /// https://learn.microsoft.com/en-us/graph/api/resources/responsestatus), whether it is cancelled, its times in UTC,
    /// its Teams join link.
    /// </summary>
    public async Task<GraphResult<MeetingState>> GetMeetingAsync(string? organizer, string eventId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        if (Mailbox(organizer) is not { } mailbox || _client is not { } client)
        {
            return GraphResult<MeetingState>.Fail(GraphProblem.NotConfigured, _notConfigured ?? "No organizer mailbox given (Graph:OrganizerMailbox).");
        }
        var got = await CallAsync(mailbox, token => client.Users[mailbox].Events[eventId].GetAsync(request =>
        {
            request.QueryParameters.Select = ["attendees", "start", "end", "isCancelled", "onlineMeeting"];
            request.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        }, token), ct, eventId);
        if (got.Failure is { } failure)
        {
            return GraphResult<MeetingState>.Fail(failure.Problem, failure.Reason);
        }
        if (got.Value is not { } ev || Instant(ev.Start) is not { } from || Instant(ev.End) is not { } to)
        {
            return GraphResult<MeetingState>.Fail(GraphProblem.Failed, $"Graph returned the event {eventId} without its start and end.");
        }
        var attendees = (ev.Attendees ?? [])
            .Where(a => !string.IsNullOrWhiteSpace(a.EmailAddress?.Address))
            .Select(a => new AttendeeResponse(a.EmailAddress!.Address!, a.EmailAddress.Name, a.Type is not (AttendeeType.Optional or AttendeeType.Resource), Reply(a.Status?.Response)))
            .ToList();
        return GraphResult<MeetingState>.Ok(new MeetingState(ev.Id ?? eventId, attendees, ev.IsCancelled == true, from, to, ev.OnlineMeeting?.JoinUrl));
    }

    private static AttendeeReply Reply(ResponseType? response) => response switch
    {
        ResponseType.Accepted => AttendeeReply.Accepted,
        ResponseType.TentativelyAccepted => AttendeeReply.Tentative,
        ResponseType.Declined => AttendeeReply.Declined,
        ResponseType.Organizer => AttendeeReply.Organizer,
        _ => AttendeeReply.None, // none (the organizer's view of "not yet"), notResponded, or nothing
    };

    /// <summary>A dateTimeTimeZone Graph returned in UTC (asked for with Prefer: outlook.timezone="UTC"), or in a zone it names.</summary>
    private static DateTimeOffset? Instant(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text || !DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
        {
            return null;
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var zone = string.IsNullOrWhiteSpace(value.TimeZone) || value.TimeZone.Equals("UTC", StringComparison.OrdinalIgnoreCase) ? TimeZoneInfo.Utc
            : SlotFinder.Zone(value.TimeZone) ?? TimeZoneInfo.Utc;
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A series' first meeting on the clock of its zone, and its recurrence (absoluteMonthly).</summary>
    private sealed record Series(DateTimeTimeZone Start, DateTimeTimeZone End, PatternedRecurrence Recurrence);

    /// <summary>
    /// The Graph recurrence for <paramref name="recurrence"/>, or why Graph would refuse it
    /// (https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern: absoluteMonthly needs interval and
    /// dayOfMonth; https://learn.microsoft.com/en-us/graph/api/resources/recurrencerange: startDate "must be the same
    /// value as the start property of the recurring event", endDate required for type endDate, numberOfOccurrences
    /// positive for numbered; recurrenceTimeZone is the zone of startDate and endDate). A Windows zone name is sent
    /// as is, an IANA one as its Windows name when there is one.
    /// </summary>
    private static (Series? Series, string? Problem) Recurrence(MeetingRecurrence recurrence, DateTimeOffset start, DateTimeOffset end)
    {
        if (recurrence.IntervalMonths is < 1 or > 99)
        {
            return (null, $"every {recurrence.IntervalMonths} months (must be 1 to 99).");
        }
        if ((recurrence.EndDate is null) == (recurrence.Occurrences is null))
        {
            return (null, "it needs exactly one of an end date and a number of occurrences.");
        }
        if (recurrence.Occurrences is < 1)
        {
            return (null, $"{recurrence.Occurrences} occurrences (must be at least 1).");
        }
        if (SlotFinder.Zone(recurrence.TimeZone) is not { } zone)
        {
            return (null, $"unknown time zone \"{recurrence.TimeZone}\".");
        }
        var first = TimeZoneInfo.ConvertTime(start, zone);
        var firstEnd = TimeZoneInfo.ConvertTime(end, zone);
        var firstDate = DateOnly.FromDateTime(first.DateTime);
        if (recurrence.StartDate != firstDate)
        {
            return (null, $"it starts on {recurrence.StartDate:yyyy-MM-dd}, but the first meeting is on {firstDate:yyyy-MM-dd} in {recurrence.TimeZone}.");
        }
        if (recurrence.EndDate is { } last && last < recurrence.StartDate)
        {
            return (null, $"it ends on {last:yyyy-MM-dd}, before it starts ({recurrence.StartDate:yyyy-MM-dd}).");
        }
        var zoneName = recurrence.TimeZone.Trim();
        if (TimeZoneInfo.TryConvertIanaIdToWindowsId(zoneName, out var windows))
        {
            zoneName = windows;
        }
        var local = System.Globalization.CultureInfo.InvariantCulture;
        var range = new RecurrenceRange
        {
            Type = recurrence.EndDate is null ? RecurrenceRangeType.Numbered : RecurrenceRangeType.EndDate,
            StartDate = new Date(recurrence.StartDate.Year, recurrence.StartDate.Month, recurrence.StartDate.Day),
            RecurrenceTimeZone = zoneName,
        };
        if (recurrence.EndDate is { } until)
        {
            range.EndDate = new Date(until.Year, until.Month, until.Day);
        }
        else
        {
            range.NumberOfOccurrences = recurrence.Occurrences;
        }
        return (new Series(
            new DateTimeTimeZone { DateTime = first.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", local), TimeZone = zoneName },
            new DateTimeTimeZone { DateTime = firstEnd.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", local), TimeZone = zoneName },
            new PatternedRecurrence
            {
                Pattern = new RecurrencePattern { Type = RecurrencePatternType.AbsoluteMonthly, Interval = recurrence.IntervalMonths, DayOfMonth = first.Day },
                Range = range,
            }), null);
    }

    private string? Mailbox(string? organizer) =>
        _client is null ? null : !string.IsNullOrWhiteSpace(organizer) ? organizer.Trim()
        : string.IsNullOrWhiteSpace(_options.OrganizerMailbox) ? null : _options.OrganizerMailbox.Trim();

    private static DateTimeTimeZone Utc(DateTimeOffset instant) =>
        new() { DateTime = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "UTC" };

    private sealed record Outcome<T>(T Value, GraphFailure? Failure)
    {
        public bool Succeeded => Failure is null;
    }

    /// <summary>One Graph call for <paramref name="mailbox"/>: at most N in flight per mailbox, each attempt bounded,
    /// attempts that time out or lose their connection repeated, Graph's errors turned into reasons.</summary>
    private async Task<Outcome<T>> CallAsync<T>(string mailbox, Func<CancellationToken, Task<T>> call, CancellationToken ct, string? eventId = null)
    {
        var gate = _mailboxes.GetOrAdd(mailbox, _ => new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentPerMailbox)));
        for (var attempt = 1; ; attempt++)
        {
            await gate.WaitAsync(ct);
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timer.CancelAfter(_options.AttemptTimeout);
            try
            {
                return new Outcome<T>(await call(timer.Token), null);
            }
            catch (ODataError e)
            {
                return new Outcome<T>(default!, Failure(mailbox, e.ResponseStatusCode, e.Error?.Code, e.Error?.Message ?? e.Message, eventId));
            }
            catch (AggregateException e) when (e.Message.Contains("retries", StringComparison.OrdinalIgnoreCase))
            {
                // the SDK's retry handler gave up (still 429/503/504 after its retries)
                var last = e.InnerExceptions.LastOrDefault();
                var status = last is HttpRequestException { StatusCode: { } code } ? (int)code
                    : last?.Message.Contains("TooManyRequests", StringComparison.Ordinal) == true ? 429 : 503;
                return new Outcome<T>(default!, Failure(mailbox, status, null, $"still failing after {e.InnerExceptions.Count} retries", eventId));
            }
            catch (ApiException e)
            {
                return new Outcome<T>(default!, Failure(mailbox, e.ResponseStatusCode, null, e.Message, eventId));
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is OperationCanceledException or HttpRequestException or IOException)
            {
                if (attempt >= Math.Max(1, _options.MaxAttempts))
                {
                    return new Outcome<T>(default!, new GraphFailure(GraphProblem.Unavailable,
                        $"Microsoft Graph did not answer for {mailbox} after {attempt} attempts ({(e is OperationCanceledException ? $"each timed out after {_options.AttemptTimeout}" : e.Message)})."));
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Graph's error as a reason. A 404 on an event's path (<paramref name="eventId"/> given) is the event
    /// missing, unless Graph's code says the mailbox is (ErrorInvalidUser, MailboxNotEnabledForRESTAPI).</summary>
    internal static GraphFailure Failure(string mailbox, int status, string? code, string message, string? eventId = null) => status switch
    {
        404 when eventId is not null && code is not ("ErrorInvalidUser" or "MailboxNotEnabledForRESTAPI" or "ResourceNotFound") =>
            new(GraphProblem.EventNotFound, $"The meeting (event {eventId}) is no longer in the calendar of {mailbox}: it was deleted or cancelled there, or the id is stale ({code ?? "404"}: {message})."),
        404 => new(GraphProblem.MailboxNotFound, $"The mailbox {mailbox} was not found, or has no Exchange Online mailbox ({code ?? "404"}: {message})."),
        401 or 403 => new(GraphProblem.AccessDenied, $"The bot may not use the calendar of {mailbox}: it needs the application permission Calendars.ReadWrite with admin consent, and no application access policy may exclude the mailbox ({code ?? status.ToString()}: {message})."),
        429 => new(GraphProblem.Throttled, $"Microsoft Graph is throttling calls for {mailbox}; try again in a few minutes ({code ?? "429"})."),
        >= 500 => new(GraphProblem.Unavailable, $"Microsoft Graph is unavailable ({status} {code}: {message})."),
        _ => new(GraphProblem.Failed, $"Microsoft Graph refused the request ({status} {code}: {message})."),
    };

    private static Availability ToAvailability(string address, bool required, DateTimeOffset viewStart, ScheduleInformation? info)
    {
        if (info is null)
        {
            return Availability.Unknown(address, required, new ScheduleError("Graph returned no schedule for this address.", "NotReturned"));
        }
        if (info.Error is { } error)
        {
            return Availability.Unknown(address, required, new ScheduleError(error.Message ?? "", error.ResponseCode ?? ""));
        }
        return Availability.Known(address, required, viewStart, info.AvailabilityView ?? "", ToHours(info.WorkingHours));
    }

    private static VpiBot.Domain.Meetings.WorkingHours? ToHours(Microsoft.Graph.Models.WorkingHours? hours)
    {
        if (hours?.StartTime is not { } from || hours.EndTime is not { } to)
        {
            return null;
        }
        var days = (hours.DaysOfWeek ?? []).OfType<DayOfWeekObject>()
            .Select(d => Enum.TryParse<DayOfWeek>(d.ToString(), true, out var day) ? (DayOfWeek?)day : null)
            .OfType<DayOfWeek>().ToList();
        return new VpiBot.Domain.Meetings.WorkingHours(days, new TimeOnly(from.Hour, from.Minute, from.Second), new TimeOnly(to.Hour, to.Minute, to.Second), hours.TimeZone?.Name ?? "UTC");
    }

    public void Dispose()
    {
        _http?.Dispose();
        foreach (var gate in _mailboxes.Values)
        {
            gate.Dispose();
        }
    }

    /// <summary>Adds <c>Authorization: Bearer</c> with a token for <see cref="Scope"/> from the bot's credential
    /// (Azure.Identity caches tokens itself).</summary>
    private sealed class CredentialAuthentication(TokenCredential credential) : IAuthenticationProvider
    {
        public async Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            request.Headers.TryAdd("Authorization", "Bearer " + token.Token);
        }
    }
}

/// <summary>The identity Graph is called with, or why there is none.</summary>
public sealed record GraphCredential(TokenCredential? Credential, string? Problem);
