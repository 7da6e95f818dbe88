using System.Diagnostics;
using Microsoft.Extensions.Options;
using VpiBot.Graph;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Graph;

public sealed class GraphCalendarTests : IAsyncLifetime
{
    private const string Organizer = "organizer@contoso.com";
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeGraph _graph = new();
    private readonly FakeCredential _credential = new();

    public Task InitializeAsync() => _graph.StartAsync();
    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private GraphCalendar Calendar(Action<GraphOptions>? configure = null)
    {
        var options = new GraphOptions { BaseUrl = _graph.GraphBaseUrl, OrganizerMailbox = Organizer, RetryDelaySeconds = 0 };
        configure?.Invoke(options);
        return new GraphCalendar(Options.Create(options), GraphServices.CredentialFor(options, new VpiBot.Protocol.BotFrameworkOptions(), _credential));
    }

    private static List<MeetingAttendee> People(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new MeetingAttendee($"person{i}@contoso.com", $"Person {i}", Required: i % 2 == 1))];

    [Fact]
    public async Task Sixty_attendees_over_28_days_take_three_getSchedule_calls_of_at_most_20_and_come_back_whole()
    {
        using var calendar = Calendar();
        var result = await calendar.GetScheduleAsync(null, People(60), Monday, Monday.AddDays(28));

        Assert.True(result.Succeeded, result.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        var calls = _graph.ScheduleCalls;
        Assert.Equal(3, calls.Length);
        Assert.All(calls, c => Assert.True(c.Json!["schedules"]!.AsArray().Count <= 20));
        Assert.All(calls, c => Assert.Equal("Bearer " + FakeCredential.Token, c.Authorization));
        Assert.All(calls, c => Assert.Equal(Organizer, c.Mailbox));
        Assert.Equal([GraphCalendar.Scope], _credential.LastScopes);
        var people = result.Value!;
        Assert.Equal(60, people.Count);
        Assert.Equal(People(60).Select(p => p.Address), people.Select(p => p.Address));
        Assert.All(people, p => Assert.Equal(28 * 48, p.View.Length));
        Assert.All(people, p => Assert.Equal(Monday, p.ViewStart));
        Assert.True(people[0].Required);
        Assert.False(people[1].Required);
        Assert.Equal("W. Europe Standard Time", people[0].Hours!.TimeZone);
        Assert.Equal(new TimeOnly(8, 0), people[0].Hours!.Start);
        Assert.Contains(DayOfWeek.Friday, people[0].Hours!.Days);
    }

    [Fact]
    public async Task A_window_longer_than_42_days_is_split_and_the_views_joined_and_externals_are_unknown()
    {
        _graph.View = (address, start, n) => string.Concat(Enumerable.Range(0, n).Select(i => (start.AddMinutes(30 * i).Day % 2).ToString()));
        _graph.UnknownAddresses.Add("guest@fabrikam.com");
        using var calendar = Calendar();
        var result = await calendar.GetScheduleAsync(Organizer, [.. People(3), new MeetingAttendee("guest@fabrikam.com", Required: true)], Monday, Monday.AddDays(50));

        Assert.True(result.Succeeded, result.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        Assert.Equal(2, _graph.ScheduleCalls.Length);
        var first = result.Value![0];
        Assert.Equal(50 * 48, first.View.Length);
        var expected = string.Concat(Enumerable.Range(0, 50 * 48).Select(i => (Monday.AddMinutes(30 * i).Day % 2).ToString()));
        Assert.Equal(expected, first.View);
        var guest = result.Value.Single(a => a.Address == "guest@fabrikam.com");
        Assert.False(guest.IsKnown);
        Assert.Equal("ErrorMailRecipientNotFound", guest.Error!.ResponseCode);
    }

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_and_a_503_is_retried()
    {
        _graph.ThenError(429, "ApplicationThrottled", retryAfter: "1", onPath: "getSchedule");
        _graph.ThenError(503, "ServiceUnavailable", onPath: "getSchedule");
        using var calendar = Calendar();
        var watch = Stopwatch.StartNew();
        var result = await calendar.GetScheduleAsync(null, People(5), Monday, Monday.AddDays(1));

        Assert.True(result.Succeeded, result.Failure?.Reason);
        Assert.Equal(3, _graph.ScheduleCalls.Length);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Equal(5, result.Value!.Count);
    }

    [Fact]
    public async Task Still_throttled_after_the_retries_is_a_typed_result()
    {
        for (var i = 0; i < 2; i++)
        {
            _graph.ThenError(429, "ApplicationThrottled", retryAfter: "0");
        }
        using var calendar = Calendar(o => o.MaxRetries = 1);
        var result = await calendar.GetScheduleAsync(null, People(2), Monday, Monday.AddDays(1));
        Assert.Equal(GraphProblem.Throttled, result.Failure?.Problem);
    }

    [Fact]
    public async Task A_booking_whose_first_attempt_times_out_is_retried_and_creates_one_meeting()
    {
        _graph.ThenDelay(TimeSpan.FromSeconds(3), onPath: "/events");
        using var calendar = Calendar(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        var attendees = new List<MeetingAttendee> { new("ana@contoso.com", "Ana"), new("ben@contoso.com", "Ben", Required: false) };
        var result = await calendar.CreateOnlineMeetingAsync(null, "VPI review", "<p>Agenda: <b>roadmap</b></p>",
            Monday.AddHours(9), Monday.AddHours(10), attendees, "vpi-42-meeting-1");

        Assert.True(result.Succeeded, result.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        var calls = _graph.EventCalls;
        Assert.Equal(2, calls.Length);
        Assert.All(calls, c => Assert.Equal("vpi-42-meeting-1", c.Json!["transactionId"]!.GetValue<string>()));
        var ev = Assert.Single(_graph.Events);
        Assert.Equal(ev["id"]!.GetValue<string>(), result.Value!.EventId);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", result.Value.JoinUrl);
        var body = calls[0].Json!;
        Assert.Equal("html", body["body"]!["contentType"]!.GetValue<string>());
        Assert.Equal("2026-03-02T09:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("optional", body["attendees"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("Ana", body["attendees"]![0]!["emailAddress"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_mailbox_and_a_missing_permission_are_typed_reasons()
    {
        using var calendar = Calendar();
        _graph.ThenError(404, "ErrorItemNotFound");
        var missing = await calendar.GetScheduleAsync("nobody@contoso.com", People(2), Monday, Monday.AddDays(1));
        Assert.Equal(GraphProblem.MailboxNotFound, missing.Failure?.Problem);
        Assert.Contains("nobody@contoso.com", missing.Failure!.Reason);

        _graph.ThenError(403, "ErrorAccessDenied");
        var denied = await calendar.CreateOnlineMeetingAsync(null, "s", "agenda", Monday, Monday.AddHours(1), People(2), "tx-1");
        Assert.Equal(GraphProblem.AccessDenied, denied.Failure?.Problem);
        Assert.Contains("Calendars.ReadWrite", denied.Failure!.Reason);
        Assert.Empty(_graph.Events);
    }

    private static readonly List<MeetingAttendee> Board =
    [
        new("ana@contoso.com", "Ana"),
        new("ben@contoso.com", "Ben"),
        new("chen@contoso.com", "Chen"),
        new("dana@contoso.com", "Dana", Required: false),
        new("eli@contoso.com", "Eli"),
    ];

    private async Task<string> BookAsync(GraphCalendar calendar, string transactionId = "vpi-7-board")
    {
        var booked = await calendar.CreateOnlineMeetingAsync(null, "Advisory board", "Agenda", Monday.AddHours(9), Monday.AddHours(10), Board, transactionId);
        Assert.True(booked.Succeeded, booked.Failure?.Reason);
        return booked.Value!.EventId;
    }

    [Fact]
    public async Task Rescheduling_patches_only_start_and_end_in_UTC_and_the_event_moves()
    {
        using var calendar = Calendar();
        var id = await BookAsync(calendar);
        var moved = await calendar.RescheduleAsync(null, id, Monday.AddDays(1).AddHours(13), Monday.AddDays(1).AddHours(14).AddMinutes(30));

        Assert.True(moved.Succeeded, moved.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        Assert.Equal(id, moved.Value!.EventId);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", moved.Value.JoinUrl);
        var patch = Assert.Single(_graph.CallsTo("PATCH", "/events/" + id));
        Assert.Equal(Organizer, patch.Mailbox);
        Assert.StartsWith("application/json", patch.ContentType);
        var body = patch.Json!.AsObject();
        Assert.Equal(["end", "start"], body.Select(p => p.Key).Where(k => !k.StartsWith('@')).Order());
        Assert.Equal("2026-03-03T13:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("UTC", body["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-03-03T14:30:00", body["end"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2026-03-03T13:00:00", _graph.Event(id)!["start"]!["dateTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_429_on_the_reschedule_PATCH_is_retried_and_the_event_moves_once()
    {
        using var calendar = Calendar();
        var id = await BookAsync(calendar);
        _graph.ThenError(429, "ApplicationThrottled", retryAfter: "1", onPath: "/events/");
        var watch = Stopwatch.StartNew();
        var moved = await calendar.RescheduleAsync(null, id, Monday.AddHours(15), Monday.AddHours(16));

        Assert.True(moved.Succeeded, moved.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        var patches = _graph.CallsTo("PATCH", "/events/" + id);
        Assert.Equal(2, patches.Length);
        Assert.Equal(patches[0].Body, patches[1].Body);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Equal("2026-03-02T15:00:00", _graph.Event(id)!["start"]!["dateTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_posts_the_comment_as_JSON_and_the_event_then_reads_cancelled()
    {
        using var calendar = Calendar();
        var id = await BookAsync(calendar);
        var cancelled = await calendar.CancelAsync(null, id, "The board meets in June instead.");

        Assert.True(cancelled.Succeeded, cancelled.Failure?.Reason);
        Assert.Equal(id, cancelled.Value!.EventId);
        Assert.Empty(_graph.Violations);
        var call = Assert.Single(_graph.CallsTo("POST", $"/events/{id}/cancel"));
        Assert.StartsWith("application/json", call.ContentType);
        Assert.Equal("The board meets in June instead.", call.Json!["comment"]!.GetValue<string>());
        Assert.Equal("The board meets in June instead.", _graph.CancelComment(id));

        var state = await calendar.GetMeetingAsync(null, id);
        Assert.True(state.Succeeded, state.Failure?.Reason);
        Assert.True(state.Value!.IsCancelled);
    }

    [Fact]
    public async Task Reading_a_meeting_selects_its_fields_in_UTC_and_maps_every_reply()
    {
        using var calendar = Calendar();
        var id = await BookAsync(calendar);
        _graph.SetResponse(id, "ana@contoso.com", "accepted");
        _graph.SetResponse(id, "ben@contoso.com", "tentativelyAccepted");
        _graph.SetResponse(id, "chen@contoso.com", "declined");
        _graph.SetResponse(id, "dana@contoso.com", "notResponded");

        var state = await calendar.GetMeetingAsync(null, id);

        Assert.True(state.Succeeded, state.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        var get = Assert.Single(_graph.CallsTo("GET", "/events/" + id));
        Assert.Equal(["attendees", "end", "isCancelled", "onlineMeeting", "start"], get.Query["$select"].Split(',').Order(StringComparer.Ordinal));
        Assert.Equal("outlook.timezone=\"UTC\"", get.Prefer);
        var meeting = state.Value!;
        Assert.Equal(id, meeting.EventId);
        Assert.False(meeting.IsCancelled);
        Assert.Equal(Monday.AddHours(9), meeting.Start);
        Assert.Equal(Monday.AddHours(10), meeting.End);
        Assert.Equal(TimeSpan.Zero, meeting.Start.Offset);
        Assert.Equal(_graph.Event(id)!["onlineMeeting"]!["joinUrl"]!.GetValue<string>(), meeting.JoinUrl);
        Assert.Equal(
            [
                new AttendeeResponse("ana@contoso.com", "Ana", true, AttendeeReply.Accepted),
                new AttendeeResponse("ben@contoso.com", "Ben", true, AttendeeReply.Tentative),
                new AttendeeResponse("chen@contoso.com", "Chen", true, AttendeeReply.Declined),
                new AttendeeResponse("dana@contoso.com", "Dana", false, AttendeeReply.None),
                new AttendeeResponse("eli@contoso.com", "Eli", true, AttendeeReply.None),
            ],
            meeting.Attendees);
    }

    [Fact]
    public async Task A_missing_event_is_EventNotFound_for_reading_moving_and_cancelling()
    {
        using var calendar = Calendar();
        const string gone = "AAMkAGI2TG93AAA=404";
        var read = await calendar.GetMeetingAsync(null, gone);
        var moved = await calendar.RescheduleAsync(null, gone, Monday, Monday.AddHours(1));
        var cancelled = await calendar.CancelAsync(null, gone, "Not needed.");

        Assert.Empty(_graph.Violations);
        Assert.Equal(3, _graph.Calls.Count);
        foreach (var failure in new[] { read.Failure, moved.Failure, cancelled.Failure })
        {
            Assert.Equal(GraphProblem.EventNotFound, failure?.Problem);
            Assert.Contains(gone, failure!.Reason);
            Assert.Contains("ErrorItemNotFound", failure.Reason);
        }
    }

    [Fact]
    public async Task A_cancel_whose_first_attempt_timed_out_and_then_finds_no_event_counts_as_cancelled()
    {
        using var calendar = Calendar(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        var id = await BookAsync(calendar);
        _graph.ThenDelay(TimeSpan.FromSeconds(3), onPath: "/cancel");
        _graph.ThenError(404, "ErrorItemNotFound", onPath: "/cancel"); // Exchange moved it to Deleted Items

        var cancelled = await calendar.CancelAsync(null, id, "Postponed.");

        Assert.True(cancelled.Succeeded, cancelled.Failure?.Reason);
        Assert.Equal(2, _graph.CallsTo("POST", "/cancel").Length);
        Assert.Equal("Postponed.", _graph.CancelComment(id));
    }

    [Fact]
    public async Task An_advisory_board_every_six_months_until_an_end_date_is_one_absoluteMonthly_series_on_Vienna_time()
    {
        using var calendar = Calendar();
        var start = new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero); // 10:00 in Vienna (CET)
        var recurrence = new MeetingRecurrence(6, new DateOnly(2026, 3, 12), new DateOnly(2028, 12, 31), null, "Europe/Vienna");
        var booked = await calendar.CreateOnlineMeetingAsync(null, "Advisory board", "Agenda", start, start.AddHours(2), Board, "vpi-7-board-series", recurrence: recurrence);

        Assert.True(booked.Succeeded, booked.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        var body = Assert.Single(_graph.EventCalls).Json!;
        // the first meeting on the zone's clock, so September's keeps 10:00 in Vienna (CEST) rather than 09:00 UTC
        Assert.Equal("2026-03-12T10:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("W. Europe Standard Time", body["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-03-12T12:00:00", body["end"]!["dateTime"]!.GetValue<string>());
        var pattern = body["recurrence"]!["pattern"]!;
        Assert.Equal("absoluteMonthly", pattern["type"]!.GetValue<string>());
        Assert.Equal(6, pattern["interval"]!.GetValue<int>());
        Assert.Equal(12, pattern["dayOfMonth"]!.GetValue<int>());
        var range = body["recurrence"]!["range"]!;
        Assert.Equal("endDate", range["type"]!.GetValue<string>());
        Assert.Equal("2026-03-12", range["startDate"]!.GetValue<string>());
        Assert.Equal("2028-12-31", range["endDate"]!.GetValue<string>());
        Assert.Null(range["numberOfOccurrences"]);
        Assert.Equal("W. Europe Standard Time", range["recurrenceTimeZone"]!.GetValue<string>());

        var state = await calendar.GetMeetingAsync(null, booked.Value!.EventId);
        Assert.Equal(start, state.Value!.Start);
        Assert.Equal(start.AddHours(2), state.Value.End);
    }

    [Fact]
    public async Task An_advisory_board_for_four_meetings_is_numbered_and_its_day_is_the_day_in_its_zone()
    {
        using var calendar = Calendar();
        var start = new DateTimeOffset(2026, 3, 11, 21, 0, 0, TimeSpan.Zero); // Thursday 12 March 10:00 in Auckland (NZDT)
        var recurrence = new MeetingRecurrence(6, new DateOnly(2026, 3, 12), null, 4, "New Zealand Standard Time");
        var booked = await calendar.CreateOnlineMeetingAsync(null, "Advisory board", "Agenda", start, start.AddHours(1), Board, "vpi-8-board-series", recurrence: recurrence);

        Assert.True(booked.Succeeded, booked.Failure?.Reason);
        Assert.Empty(_graph.Violations);
        var body = Assert.Single(_graph.EventCalls).Json!;
        Assert.Equal("2026-03-12T10:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(12, body["recurrence"]!["pattern"]!["dayOfMonth"]!.GetValue<int>());
        Assert.Equal(6, body["recurrence"]!["pattern"]!["interval"]!.GetValue<int>());
        var range = body["recurrence"]!["range"]!;
        Assert.Equal("numbered", range["type"]!.GetValue<string>());
        Assert.Equal(4, range["numberOfOccurrences"]!.GetValue<int>());
        Assert.Null(range["endDate"]);
        Assert.Equal("2026-03-12", range["startDate"]!.GetValue<string>());
        Assert.Equal("New Zealand Standard Time", range["recurrenceTimeZone"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(6, "2026-03-12", "2027-03-12", 3, "Europe/Vienna", "exactly one")]
    [InlineData(6, "2026-03-12", null, null, "Europe/Vienna", "exactly one")]
    [InlineData(0, "2026-03-12", null, 2, "Europe/Vienna", "1 to 99")]
    [InlineData(6, "2026-03-13", null, 2, "Europe/Vienna", "first meeting is on 2026-03-12")]
    [InlineData(6, "2026-03-12", null, 2, "Mars/Olympus_Mons", "unknown time zone")]
    public async Task A_recurrence_Graph_would_refuse_is_a_typed_failure_and_calls_nobody(int months, string from, string? until, int? occurrences, string zone, string reason)
    {
        using var calendar = Calendar();
        var start = new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);
        var recurrence = new MeetingRecurrence(months, DateOnly.Parse(from), until is null ? null : DateOnly.Parse(until), occurrences, zone);
        var booked = await calendar.CreateOnlineMeetingAsync(null, "Advisory board", "Agenda", start, start.AddHours(1), Board, "tx-r", recurrence: recurrence);

        Assert.Equal(GraphProblem.Failed, booked.Failure?.Problem);
        Assert.Contains(reason, booked.Failure!.Reason);
        Assert.Empty(_graph.Calls);
    }

    [Fact]
    public async Task No_more_than_four_requests_are_in_flight_per_mailbox()
    {
        _graph.Latency = TimeSpan.FromMilliseconds(250);
        using var calendar = Calendar();
        var search = calendar.GetScheduleAsync(null, People(200), Monday, Monday.AddDays(7));
        var booking = calendar.CreateOnlineMeetingAsync(null, "s", "agenda", Monday, Monday.AddHours(1), People(2), "tx-2");
        var other = calendar.GetScheduleAsync("other@contoso.com", People(40), Monday, Monday.AddDays(7));
        Assert.True((await search).Succeeded && (await booking).Succeeded && (await other).Succeeded);
        Assert.Equal(12, _graph.ScheduleCalls.Length);
        Assert.Equal(4, _graph.MaxConcurrency(Organizer));
        Assert.Equal(2, _graph.MaxConcurrency("other@contoso.com"));
    }

    [Fact]
    public async Task Not_configured_is_a_typed_result_and_calls_nobody()
    {
        using var calendar = Calendar(o => o.OrganizerMailbox = null);
        Assert.False(calendar.IsConfigured);
        var schedule = await calendar.GetScheduleAsync("x@contoso.com", People(2), Monday, Monday.AddDays(1));
        var booking = await calendar.CreateOnlineMeetingAsync(null, "s", "agenda", Monday, Monday.AddHours(1), People(2), "tx-3");
        Assert.Equal(GraphProblem.NotConfigured, schedule.Failure?.Problem);
        Assert.Equal(GraphProblem.NotConfigured, booking.Failure?.Problem);
        Assert.Empty(_graph.Calls);

        var anonymous = GraphServices.CredentialFor(new GraphOptions { Enabled = true }, new VpiBot.Protocol.BotFrameworkOptions(), null);
        using var noIdentity = new GraphCalendar(Options.Create(new GraphOptions { Enabled = true, OrganizerMailbox = Organizer }), anonymous);
        var result = await noIdentity.GetScheduleAsync(null, People(1), Monday, Monday.AddDays(1));
        Assert.Equal(GraphProblem.NotConfigured, result.Failure?.Problem);
    }

    [Fact]
    public void The_app_resolves_the_calendar_unconfigured_without_failing()
    {
        var services = new ServiceCollection();
        services.AddOptions();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        services.AddGraph(configuration);
        using var provider = services.BuildServiceProvider();
        Assert.False(provider.GetRequiredService<GraphCalendar>().IsConfigured);
    }

    [Theory]
    [InlineData(true, "http://127.0.0.1:5099/v1.0", true)]
    [InlineData(true, "http://localhost:5099/v1.0", true)]
    [InlineData(false, "http://127.0.0.1:5099/v1.0", false)] // not Development: a real identity, always
    [InlineData(true, "https://graph.microsoft.com/v1.0", false)] // the real Graph: never a placeholder token
    public void Only_a_development_bot_with_a_loopback_Graph_calls_it_without_Entra(bool development, string baseUrl, bool placeholder)
    {
        var credential = GraphServices.CredentialFor(new GraphOptions { Enabled = true, BaseUrl = baseUrl }, new VpiBot.Protocol.BotFrameworkOptions(), null, development);
        Assert.Equal(placeholder, credential.Credential is LocalGraphCredential);
        Assert.Equal(placeholder, credential.Problem is null);
    }
}
