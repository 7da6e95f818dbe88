using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Meetings;
using VpiBot.Storage;
using VpiBot.Tests.Features.Ballots;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Meetings;

/// <summary>
/// Meetings end to end in Ghana's VPI (Alice facilitates; Bob and Dave are the review team; Chioma and Femi the
/// alliance), against a fake Microsoft Graph on 127.0.0.1 that checks every request against the documented shapes:
/// times proposed from everyone's free/busy, booked as a Teams meeting, replies read, moved, cancelled, and the
/// facilitator asked once about the stage after a scoping meeting. The clock is a fake one, from Monday 1 March 2027.
/// </summary>
public sealed class MeetingFlowTests : BallotTestBed
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly RunningFakeClock _clock = new(Monday);
    private readonly FakeGraph _graph = new();

    private static string Email(User u) => FakeConnector.Upn(u);

    protected override BotApp CreateApp() => new(new()
    {
        ["Vpi:Facilitators:0"] = Alice.AadObjectId,
        ["Graph:Enabled"] = "true",
        ["Graph:BaseUrl"] = _graph.GraphBaseUrl,
        ["Graph:RetryDelaySeconds"] = "0",
        ["Graph:AttemptTimeout"] = "00:00:02",
        ["Meetings:CheckInterval"] = "01:00:00",
    }, services: s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.AddSingleton<Azure.Core.TokenCredential>(new FakeCredential());
    });

    public override async Task InitializeAsync()
    {
        await _graph.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _graph.DisposeAsync();
        await _clock.DisposeAsync();
    }



    private async Task<JsonObject> Click(string verb, JsonObject data, User? from = null, bool personal = false)
    {
        var (card, message) = await Channel.Click(verb, data, from ?? Alice, personal: personal);
        Assert.True(card is not null, message);
        return card;
    }

    /// <summary>Alice asks for a meeting of <paramref name="kind"/>; returns the form, prefilled.</summary>
    private async Task<JsonObject> Form(MeetingKind kind)
    {
        var kinds = await Channel.Say("schedule meeting", Alice);
        return await Click("meeting.kind", ButtonData(kinds, "meeting.kind", ExecuteButtons(kinds).ToList().FindIndex(b => b["data"]!["kind"]!.GetValue<string>() == kind.ToString())));
    }

    /// <summary>The form sent as prefilled, with <paramref name="change"/> applied; returns the proposal.</summary>
    private async Task<JsonObject> Find(JsonObject form, Action<JsonObject>? change = null)
    {
        var data = ButtonData(form, "meeting.find");
        foreach (var (key, value) in Inputs(form))
        {
            data[key] = value!.DeepClone();
        }
        change?.Invoke(data);
        return await Click("meeting.find", data);
    }

    private async Task<Meeting> Stored(int number) => (await App.Services.GetRequiredService<MeetingStore>().GetAsync(VpiId, number, default))!.Item;

    /// <summary>Books the <paramref name="option"/>th time of a proposal; returns Alice's answer and the card posted in the channel.</summary>
    private async Task<(JsonObject Answer, JsonObject Posted)> Book(JsonObject proposal, int option = 0)
    {
        var before = Connector.Calls.Count;
        var answer = await Click("meeting.book", ButtonData(proposal, "meeting.book", option));
        Assert.Contains("Booked. Outlook has sent the invitations", Visible(answer));
        var posted = (await Channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null);
        return (answer, VpiChannel.Valid(posted.Card!));
    }

    [Fact]
    public async Task A_government_scoping_meeting_is_proposed_from_free_busy_booked_as_a_Teams_meeting_and_posted()
    {
        await SetUp();
        _graph.UnknownAddresses.Add("guest@fabrikam.com");
        // Bob is busy on Tuesday morning (from 07:00 UTC, 08:00 in his Vienna working hours) for two hours
        _graph.View = (address, start, n) => string.Concat(Enumerable.Range(0, n).Select(i =>
            address == Email(Bob) && start.AddMinutes(30 * i) is var at && at >= new DateTime(2027, 3, 2, 7, 0, 0) && at < new DateTime(2027, 3, 2, 9, 0, 0) ? '2' : '0'));

        var kinds = await Channel.Say("schedule meeting", Alice);
        Assert.DoesNotContain("Advisory board", Visible(kinds)); // Ghana collaborates at the Medium level
        var form = await Form(MeetingKind.GovernmentScoping);
        var inputs = Inputs(form);
        Assert.Contains("scoping meeting with the government", inputs["title"]!.GetValue<string>());
        var required = inputs["required"]!.GetValue<string>().Split(',');
        Assert.Equal([Alice.AadObjectId, Bob.AadObjectId, Dave.AadObjectId], required.Order()); // the review team and the facilitator
        Assert.Equal("2027-03-02", inputs["from"]!.GetValue<string>()); // from tomorrow, in Accra
        Assert.Equal("2027-03-15", inputs["to"]!.GetValue<string>());

        var proposal = await Find(form, d => d["externals"] = "guest@fabrikam.com");
        var text = Visible(proposal);
        var schedule = Assert.Single(_graph.ScheduleCalls);
        Assert.Equal([Email(Alice), Email(Bob), Email(Dave), "guest@fabrikam.com"], schedule.Json!["schedules"]!.AsArray().Select(s => s!.GetValue<string>()).Order());
        Assert.Equal(Email(Alice), schedule.Mailbox); // organized from the facilitator's own mailbox
        Assert.Equal(3, ExecuteButtons(proposal).Count(b => b["verb"]!.GetValue<string>() == "meeting.book"));
        Assert.Contains("Calendar not visible (1): guest@fabrikam.com", text);
        // the earliest hours of the window (Tuesday from 07:00 UTC, 08:00 in the attendees' Central European working hours)
        // are Bob's busy morning: the best times start when he is free
        Assert.DoesNotContain("2027-03-02T07:00:00Z", proposal.ToJsonString());
        Assert.DoesNotContain("2027-03-02T08:00:00Z", proposal.ToJsonString());
        Assert.Contains("{{DATE(2027-03-02T09:00:00Z, LONG)}}, {{TIME(2027-03-02T09:00:00Z)}} – {{TIME(2027-03-02T10:00:00Z)}}", Visible(proposal));
        Assert.Contains("{{DATE(", proposal.ToJsonString()); // each viewer's own time zone, formatted by Teams

        var (answer, posted) = await Book(proposal, option: 1);
        var created = Assert.Single(_graph.Events);
        Assert.Empty(_graph.Violations);
        Assert.Equal(inputs["title"]!.GetValue<string>(), created["subject"]!.GetValue<string>());
        Assert.True(created["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", created["onlineMeetingProvider"]!.GetValue<string>());
        var attendees = created["attendees"]!.AsArray();
        Assert.Equal([Email(Bob), Email(Dave), "guest@fabrikam.com"], attendees.Select(a => a!["emailAddress"]!["address"]!.GetValue<string>()).Order()); // Alice organizes
        Assert.All(attendees, a => Assert.Equal("required", a!["type"]!.GetValue<string>()));
        Assert.Contains("Voluntary Pilot Initiative of Ghana", created["body"]!["content"]!.GetValue<string>());
        var meeting = await Stored(1);
        Assert.Equal(MeetingStatus.Booked, meeting.Status);
        Assert.Equal(created["id"]!.GetValue<string>(), meeting.EventId);
        Assert.Equal(meeting.Start!.Value.UtcDateTime, DateTime.Parse(created["start"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        // the card: the join link, the time for each viewer, and the facilitator's own view
        var join = posted["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        Assert.Equal(meeting.JoinUrl, join["url"]!.GetValue<string>());
        Assert.Contains("No reply yet (3)", Visible(posted));
        Assert.Equal([Alice.Id], posted["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Contains("Find another time", ButtonTitles(answer));
        Assert.DoesNotContain("Find another time", ButtonTitles(posted));
    }

    [Fact]
    public async Task Replies_are_read_from_the_event_when_the_card_is_refreshed_and_the_posted_card_follows()
    {
        await SetUp();
        var (_, posted) = await Book(await Find(await Form(MeetingKind.GovernmentScoping)));
        var eventId = (await Stored(1)).EventId!;
        _graph.SetResponse(eventId, Email(Bob), "accepted");
        _graph.SetResponse(eventId, Email(Dave), "declined");

        var before = Connector.Calls.Count;
        var view = await ViewAs(Alice, posted);
        var text = Visible(view);
        Assert.Contains("Accepted 1 · Tentative 0 · Declined 1 · No reply 0", text); // Alice organizes: she is not asked to reply
        Assert.Contains("Accepted (1): Bob Owusu", text);
        Assert.Contains("Declined (1): Dave Asante", text);
        var get = _graph.CallsTo("GET", "/events/" + eventId).Last();
        Assert.Empty(_graph.Violations);
        // the replies changed, so the channel's copy is updated for everyone
        var update = (await Channel.Delivered()).Skip(before).Single(c => c.Method == "PUT" && c.Card is not null);
        Assert.Contains("Accepted (1): Bob Owusu", Visible(update.Card));

        // nothing changed since: no write, no update
        before = Connector.Calls.Count;
        await ViewAs(Alice, posted);
        Assert.DoesNotContain((await Channel.Delivered()).Skip(before), c => c.Method == "PUT");
    }

    [Fact]
    public async Task A_booking_retried_after_a_timeout_creates_one_event_with_one_transaction_id()
    {
        await SetUp();
        var proposal = await Find(await Form(MeetingKind.StakeholderScoping));
        _graph.ThenDelay(TimeSpan.FromSeconds(4), onPath: "/events"); // created, but the answer comes after the 2 s attempt timeout

        await Book(proposal);

        var posts = _graph.CallsTo("POST", "/events");
        Assert.Equal(2, posts.Length);
        Assert.Single(posts.Select(p => p.Json!["transactionId"]!.GetValue<string>()).Distinct());
        Assert.Single(_graph.Events);
        Assert.Equal(MeetingStatus.Booked, (await Stored(1)).Status);
    }

    [Fact]
    public async Task Two_clicks_on_different_times_at_once_book_one_meeting_at_the_time_of_its_event()
    {
        await SetUp();
        var proposal = await Find(await Form(MeetingKind.VpiLaunch));
        _graph.Latency = TimeSpan.FromMilliseconds(300); // both clicks are in the bot at once

        var first = Channel.Click("meeting.book", ButtonData(proposal, "meeting.book", 0), Alice);
        var second = Channel.Click("meeting.book", ButtonData(proposal, "meeting.book", 2), Alice);
        await Task.WhenAll(first, second);

        var created = Assert.Single(_graph.Events);
        var meeting = await Stored(1);
        Assert.Equal(MeetingStatus.Booked, meeting.Status);
        Assert.Equal(meeting.Start!.Value.UtcDateTime, DateTime.Parse(created["start"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Graph_refusing_or_not_answering_is_said_plainly_and_nothing_typed_is_lost()
    {
        await SetUp();
        var form = await Form(MeetingKind.TaskForce);
        var alone = await Click("meeting.find", Merge(form, _ => { })); // a task force of the facilitator alone: nobody to invite
        Assert.Contains("Please choose at least one attendee.", Visible(alone));
        Assert.Empty(_graph.Calls);
        form = alone;

        _graph.ThenError(403, "ErrorAccessDenied", onPath: "getSchedule");
        void WithBob(JsonObject d) => d["required"] = $"{Alice.AadObjectId},{Bob.AadObjectId}";
        var refused = await Click("meeting.find", Merge(form, d => { WithBob(d); d["title"] = "Shelter standards task force"; }));
        Assert.Contains("may not use the calendar of " + Email(Alice), Visible(refused));
        Assert.Equal("Shelter standards task force", Inputs(refused)["title"]!.GetValue<string>()); // the form, as typed
        Assert.Empty(await App.Services.GetRequiredService<MeetingStore>().ListAsync(VpiId, default));

        var proposal = await Find(form, WithBob);
        _graph.ThenError(404, "ErrorMailboxNotFound", onPath: "/events");
        var missing = await Click("meeting.book", ButtonData(proposal, "meeting.book"));
        Assert.Contains("Outlook has no mailbox " + Email(Alice), Visible(missing));
        Assert.Equal(MeetingStatus.Proposed, (await Stored(1)).Status); // the times stay, to book once fixed
        Assert.Empty(_graph.Events);

        // Graph unavailable through every retry: the meeting stays claimed for that time, and "Try booking again" books it
        for (var i = 0; i < 4; i++)
        {
            _graph.ThenError(503, "ServiceUnavailable", onPath: "/events");
        }
        var unavailable = await Click("meeting.book", ButtonData(missing, "meeting.book", 1));
        Assert.Contains("Outlook did not answer in time", Visible(unavailable));
        var claimed = await Stored(1);
        Assert.Equal(MeetingStatus.Booking, claimed.Status);
        var retry = await Click("meeting.book", ButtonData(unavailable, "meeting.book"));
        Assert.Contains("Booked.", Visible(retry));
        var created = Assert.Single(_graph.Events);
        Assert.Equal(claimed.Start!.Value.UtcDateTime, DateTime.Parse(created["start"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    private static JsonObject Merge(JsonObject form, Action<JsonObject> change)
    {
        var data = ButtonData(form, "meeting.find");
        foreach (var (key, value) in Inputs(form))
        {
            data[key] = value!.DeepClone();
        }
        change(data);
        return data;
    }

    [Fact]
    public async Task The_form_names_every_problem_keeps_what_was_typed_and_asks_Graph_nothing()
    {
        await SetUp();
        var form = await Form(MeetingKind.Consultation);
        var inputs = Inputs(form);
        Assert.Equal(new[] { Chioma.AadObjectId, Femi.AadObjectId, Alice.AadObjectId }.Order(), inputs["required"]!.GetValue<string>().Split(',').Order());
        Assert.Equal(new[] { Bob.AadObjectId, Dave.AadObjectId }.Order(), inputs["optional"]!.GetValue<string>().Split(',').Order());

        var answer = await Click("meeting.find", Merge(form, d =>
        {
            d["externals"] = "ok@fabrikam.com, not-an-address, \"Eve\" <eve@evil.example.com>";
            d["from"] = "2027-02-27";
            d["title"] = new string('x', MeetingPlan.MaxTitle + 5);
        }));
        var text = Visible(answer);
        Assert.Contains("These are not e-mail addresses: not-an-address", text);
        Assert.Contains("The earliest day has passed", text);
        Assert.Contains($"may have at most {MeetingPlan.MaxTitle} characters; it has {MeetingPlan.MaxTitle + 5}", text);
        Assert.Empty(_graph.Calls);
        Assert.Empty(await App.Services.GetRequiredService<MeetingStore>().ListAsync(VpiId, default));

        var tooLong = await Click("meeting.find", Merge(form, d => d["to"] = "2027-06-30"));
        Assert.Contains("The days may span at most 62 days", Visible(tooLong));
    }

    [Fact]
    public async Task A_booked_meeting_is_moved_by_patching_its_event_and_cancelled_with_a_message()
    {
        await SetUp();
        var (answer, _) = await Book(await Find(await Form(MeetingKind.Briefing)));
        var booked = await Stored(1);

        var other = await Click("meeting.more", ButtonData(answer, "meeting.more"));
        Assert.Contains("Other times, best first", Visible(other));
        Assert.Contains("Move to Option 1", ButtonTitles(other).Concat(ExecuteButtons(other).Select(b => b["title"]!.GetValue<string>())));
        var before = Connector.Calls.Count;
        var moved = await Click("meeting.book", ButtonData(other, "meeting.book", 2));
        Assert.Contains("Moved. Outlook has told the attendees", Visible(moved));
        var patch = Assert.Single(_graph.CallsTo("PATCH", "/events/" + booked.EventId));
        var after = await Stored(1);
        Assert.NotEqual(booked.Start, after.Start);
        Assert.Equal(after.Start!.Value.UtcDateTime, DateTime.Parse(patch.Json!["start"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Single(_graph.Events); // moved, not booked again
        Assert.Contains((await Channel.Delivered()).Skip(before), c => c.Method == "PUT"); // the channel's copy follows

        var cancel = ButtonData(moved, "meeting.cancel");
        cancel["comment"] = "Postponed until the new minister is appointed.";
        var cancelled = await Click("meeting.cancel", cancel);
        Assert.Contains("Cancelled by Alice Mensah: Postponed until the new minister is appointed.", Visible(cancelled));
        Assert.Equal("Postponed until the new minister is appointed.", _graph.CancelComment(booked.EventId!));
        Assert.DoesNotContain(cancelled["actions"]?.AsArray() ?? [], a => a!["type"]!.GetValue<string>() == "Action.OpenUrl"); // no join link
        Assert.Empty(_graph.Violations);

        // a click on the older card changes nothing
        var stale = await Click("meeting.book", ButtonData(other, "meeting.book", 0));
        Assert.Contains("out of date", Visible(stale));
        Assert.Equal(MeetingStatus.Cancelled, (await Stored(1)).Status);
    }

    [Fact]
    public async Task The_advisory_board_is_offered_at_the_High_level_and_booked_as_a_series_every_six_months()
    {
        await SetUp();
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var current = (await vpis.GetAsync(VpiId, default))!;
        await vpis.UpdateAsync(current, current.Vpi with { Level = CollaborationLevel.High }, default);

        var form = await Form(MeetingKind.AdvisoryBoard);
        Assert.Equal("4", Inputs(form)["occurrences"]!.GetValue<string>());
        var (_, posted) = await Book(await Find(form, d => d["occurrences"] = "6"));

        var recurrence = Assert.Single(_graph.Events)["recurrence"]!;
        Assert.Equal("absoluteMonthly", recurrence["pattern"]!["type"]!.GetValue<string>());
        Assert.Equal(6, recurrence["pattern"]!["interval"]!.GetValue<int>());
        Assert.Equal("numbered", recurrence["range"]!["type"]!.GetValue<string>());
        Assert.Equal(6, recurrence["range"]!["numberOfOccurrences"]!.GetValue<int>());
        Assert.Equal("Greenwich Standard Time", recurrence["range"]!["recurrenceTimeZone"]!.GetValue<string>()); // Accra, by its Windows name
        Assert.Empty(_graph.Violations);
        Assert.Contains("Every six months, 6 meetings in all.", Visible(posted));
    }

    [Fact]
    public async Task After_the_scoping_meeting_its_facilitator_is_asked_once_in_1_to_1_and_one_click_marks_the_stage_done()
    {
        await SetUp();
        await Click("vpi.stage.complete", new JsonObject { ["vpiId"] = VpiId, ["stage"] = "IdentifyStakeholders", ["date"] = "2027-03-01" });
        await Book(await Find(await Form(MeetingKind.GovernmentScoping)));
        var meeting = await Stored(1);
        var followUps = App.Services.GetRequiredService<MeetingFollowUps>();

        await followUps.RunOnceAsync(default); // not yet taken place
        await Channel.Delivered();
        Assert.DoesNotContain(Connector.Calls, c => c.Card is { } card && Visible(card).Contains("it has taken place"));

        _clock.Advance(meeting.End!.Value - _clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await followUps.RunOnceAsync(default);
        await followUps.RunOnceAsync(default); // asked once, however often it looks
        var asked = (await Channel.Delivered()).Where(c => c.Card is { } card && Visible(card).Contains("it has taken place")).ToList();
        var question = Assert.Single(asked);
        // in a 1:1 chat the bot opened with Alice
        var opened = Connector.Calls.Single(c => c.Method == "POST" && c.RawPath == "/v3/conversations" && c.Json!["members"]![0]!["id"]!.GetValue<string>() == Alice.Id);
        Assert.False(opened.Json!["isGroup"]?.GetValue<bool>() ?? false);
        Assert.StartsWith("/v3/conversations/a%3Acreated-", question.RawPath);
        Assert.Contains("Mark activity 2, \"", Visible(question.Card));

        var stage = await Click("vpi.stage.complete", ButtonData(question.Card!, "vpi.stage.complete"), personal: true);
        Assert.Contains("\" is marked done.", Visible(stage));
        var vpi = (await App.Services.GetRequiredService<VpiStore>().GetAsync(VpiId, default))!.Vpi;
        Assert.Equal(TimeZones.ToLocal(meeting.Start!.Value, "Africa/Accra").Date, vpi.CompletedStages[VpiStage.GovernmentScoping]);
    }

    [Fact]
    public async Task Meetings_lists_the_upcoming_ones_and_meeting_N_shows_one()
    {
        await SetUp();
        await Book(await Find(await Form(MeetingKind.GovernmentScoping)));
        await Find(await Form(MeetingKind.StakeholderScoping)); // proposed, not booked

        var list = await Channel.Say("meetings", Chioma);
        var text = Visible(list);
        Assert.Contains("M1 · ", text);
        Assert.Contains("M2 · ", text);
        Assert.Contains("not booked yet", text);
        Assert.True(text.IndexOf("M1 · ", StringComparison.Ordinal) < text.IndexOf("M2 · ", StringComparison.Ordinal));

        var one = await Channel.Say("meeting 1", Chioma);
        Assert.Contains("Replies", Visible(one));
        Assert.DoesNotContain("Find another time", ButtonTitles(one)); // Chioma does not facilitate
        Assert.Contains("no such meeting", (await Channel.Say("meeting 9", Chioma))["text"]!.GetValue<string>());
    }
}

/// <summary>Without Graph configured, "schedule meeting" says what an administrator must set up, and nothing else breaks.</summary>
public sealed class MeetingsWithoutGraphTests : BallotTestBed
{
    [Fact]
    public async Task Schedule_meeting_explains_the_setup_and_the_other_commands_still_work()
    {
        await SetUp();
        var answer = await Channel.Say("schedule meeting", Alice);
        Assert.Contains("Calendars.ReadWrite", answer["text"]!.GetValue<string>());
        Assert.Contains("Graph:Enabled", answer["text"]!.GetValue<string>());
        Assert.Contains("No meetings yet", Visible(await Channel.Say("meetings", Bob)));
        Assert.Contains("schedule meeting", Visible(await Channel.Say("help", Alice)));
    }
}
