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
}
