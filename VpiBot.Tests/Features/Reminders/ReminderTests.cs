using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Notifications;
using VpiBot.Features.Reminders;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Reminders;

/// <summary>
/// A roadmap's reminders (1:1 to each owner: three days before, on the due day, weekly while overdue, at 09:00 in the
/// owner's own zone) and its weekly digest (in the VPI's channel, Monday 09:00 in the VPI's zone), under a fake clock
/// the test moves: each exactly once, also across a restart and with two instances on one store; a missed one late, once.
/// Tasks are seeded straight into the store (adding tasks is the roadmap feature's).
/// </summary>
public sealed class ReminderTests : BotTest, IAsyncLifetime
{
    // Monday 1 March 2027, 09:00 UTC; Ghana's VPI is in Africa/Accra (UTC all year)
    private readonly RunningFakeClock _clock = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly string _database = TempSqlite.NewPath();
    private string _vpiId = "";

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Dave];
    protected override BotApp CreateApp() => AppOn(_database);

    private BotApp AppOn(string database) => new(
        new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId, ["Storage:Sqlite:Path"] = database, ["Roadmap:CheckInterval"] = "00:00:05" },
        services: s => s.AddSingleton<TimeProvider>(_clock));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _clock.DisposeAsync();
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Ghana's VPI with Bob, Chioma and Dave; Bob has written to the bot from Auckland (UTC+13 in March), Chioma from a client that sent no zone.</summary>
    private async Task SetUp()
    {
        _vpiId = await Channel.SetUpVpi();
        await Channel.AddMember(_vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await Channel.AddMember(_vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        await Channel.AddMember(_vpiId, Dave, "ReviewTeam", "Ministry of the Interior", "Government");
        var fromAuckland = Teams.PersonalMessage("help", Bob);
        fromAuckland["localTimezone"] = "Pacific/Auckland";
        await Channel.Send(fromAuckland);
        await Channel.Send(Teams.PersonalMessage("help", Chioma));
        await Channel.Delivered();
    }

    private async Task<RoadmapTask> Seed(string title, DateOnly due, params User[] owners) =>
        await App.Services.GetRequiredService<TaskStore>().CreateAsync(_vpiId, n => RoadmapRules.Create(n, new TaskText(title, ""), null,
            owners.Select(o => o.AadObjectId).ToList(), LeadSide.Joint, new DateOnly(2027, 2, 1), due, Alice.AadObjectId, Alice.Name, _clock.GetUtcNow()).Task!, _ => [], default);

    private async Task Close(int number, TaskState state)
    {
        var tasks = App.Services.GetRequiredService<TaskStore>();
        var read = (await tasks.GetAsync(_vpiId, number, default))!;
        var owner = (await App.Services.GetRequiredService<VpiStore>().GetMemberAsync(_vpiId, Chioma.AadObjectId, default))!;
        var closed = RoadmapRules.Update(read.Item, owner, state, read.Item.Progress, null, read.Item.Revision, _clock.GetUtcNow()).Task!;
        await tasks.SaveAsync(_vpiId, read, closed, [], default);
    }

    /// <summary>The reminder of task <paramref name="number"/> to <paramref name="owner"/> as the outbox would render it now.</summary>
    private async Task<OutboxMessage?> RenderReminder(int number, User owner)
    {
        using var scope = App.Services.CreateScope();
        var view = scope.ServiceProvider.GetServices<IMessageView>().Single(v => v.Name == TaskReminderView.ViewName);
        var vpi = (await App.Services.GetRequiredService<VpiStore>().GetAsync(_vpiId, default))!.Vpi;
        return await view.RenderAsync(vpi, JsonSerializer.SerializeToElement(new TaskReminderArgs(number, owner.AadObjectId), VpiStore.Json), "en", default);
    }

    private void To(DateTimeOffset at)
    {
        var now = _clock.GetUtcNow();
        Assert.True(at > now, $"the clock is at {now:O} already");
        _clock.Advance(at - now);
    }

    /// <summary>Real time for several rounds of the reminder service (5 s of fake time each, the clock running 10× faster) and the outbox.</summary>
    private static Task Settle() => Task.Delay(1500);

    private static string PersonalChat(User u) => Uri.EscapeDataString("a:1personal-" + u.AadObjectId);

    /// <summary>The reminders of task <paramref name="number"/> sent to <paramref name="owner"/> so far, as they read.</summary>
    private List<string> Reminders(User owner, int number = 1) => Connector.Calls
        .Where(c => c.Method == "POST" && c.RawPath.Contains(PersonalChat(owner), StringComparison.Ordinal) && c.Card is not null)
        .Select(c => Visible(c.Card) + "\n" + c.Card!["actions"]?.ToJsonString()).Where(v => v.StartsWith($"Task {number}:", StringComparison.Ordinal)).ToList();

    private List<string> Digests() => Connector.Calls
        .Where(c => c.Method == "POST" && c.RawPath.Contains(Uri.EscapeDataString(ChannelConversationId), StringComparison.Ordinal) && c.Card is not null)
        .Select(c => Visible(c.Card) + "\n" + c.Card!["actions"]?.ToJsonString()).Where(v => v.StartsWith("Roadmap this week", StringComparison.Ordinal)).ToList();

    private static async Task Until(Func<bool> done, int timeoutMs = 30_000) // a bound on waiting, not a timing assertion: a loaded CI machine once needed more than 15 s
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException("The bot did not do it in time.");
            }
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Owners_are_reminded_three_days_before_on_the_day_and_weekly_while_overdue_at_nine_in_their_own_zone_once_each()
    {
        await SetUp();
        await Seed("Train prosecutors on the TIP Protocol", new DateOnly(2027, 3, 10), Bob, Chioma); // a Wednesday

        To(Utc(3, 6, 19, 55)); // 08:55 on Sunday 7 March in Auckland
        await Settle();
        Assert.Empty(Reminders(Bob));

        To(Utc(3, 6, 20, 0)); // 09:00 in Auckland: Bob's; Chioma's comes at 09:00 in Ghana
        await Until(() => Reminders(Bob).Count == 1);
        await Settle();
        Assert.Empty(Reminders(Chioma));
        Assert.Contains("Task 1: due in 3 days", Reminders(Bob)[0]);
        Assert.Contains("Train prosecutors on the TIP Protocol", Reminders(Bob)[0]);
        Assert.Contains("10 March 2027", Reminders(Bob)[0]);
        Assert.Contains("Not started", Reminders(Bob)[0]);
        Assert.Contains("0 %", Reminders(Bob)[0]);
        Assert.Contains("Open task 1", Reminders(Bob)[0]);
        Assert.Contains("\"verb\":\"task.view\"", Reminders(Bob)[0]);
        // the button opens the task in Bob's 1:1 chat (the card names its VPI; Bob is on its roster)
        var (task, refused) = await Channel.Click("task.view", new System.Text.Json.Nodes.JsonObject { ["vpiId"] = _vpiId, ["number"] = 1 }, Bob, personal: true);
        Assert.True(task is not null, refused);
        Assert.Contains("Train prosecutors on the TIP Protocol", Visible(task));

        To(Utc(3, 7, 9, 0));
        await Until(() => Reminders(Chioma).Count == 1);
        Assert.Contains("Task 1: due in 3 days", Reminders(Chioma)[0]);

        To(Utc(3, 10, 9, 0)); // the due day, past 09:00 in both zones
        await Until(() => Reminders(Bob).Count == 2 && Reminders(Chioma).Count == 2);
        Assert.Contains("Task 1: due today", Reminders(Chioma)[1]);

        To(Utc(3, 17, 9, 0)); // a week overdue
        await Until(() => Reminders(Bob).Count == 3 && Reminders(Chioma).Count == 3);
        Assert.Contains("Task 1: 7 days overdue", Reminders(Chioma)[2]);

        To(Utc(3, 23, 9, 0)); // six days later: nothing new
        await Settle();
        Assert.Equal(3, Reminders(Bob).Count);
        Assert.Equal(3, Reminders(Chioma).Count);
        Assert.Empty(Reminders(Dave)); // not an owner
    }

    [Fact]
    public async Task Done_and_cancelled_tasks_get_no_reminders()
    {
        await SetUp();
        await Seed("Done early", new DateOnly(2027, 3, 5), Chioma);
        await Seed("Given up", new DateOnly(2027, 3, 5), Chioma);
        await Seed("Still open", new DateOnly(2027, 3, 5), Chioma);
        await Close(1, TaskState.Done);
        await Close(2, TaskState.Cancelled);

        To(Utc(3, 12, 10, 0)); // past the due day
        await Until(() => Reminders(Chioma, 3).Count == 1);
        await Settle();
        Assert.Empty(Reminders(Chioma, 1));
        Assert.Empty(Reminders(Chioma, 2));
    }

    [Fact]
    public async Task A_task_closed_after_its_reminder_was_queued_is_not_reminded_and_its_reminders_stop()
    {
        await SetUp();
        await Seed("Finish the report", new DateOnly(2027, 3, 5), Chioma);
        To(Utc(3, 2, 9, 0)); // three days before
        await Until(() => Reminders(Chioma).Count == 1);
        // a reminder is rendered when it is sent: one queued while the task was open renders nothing once it is closed
        Assert.NotNull(await RenderReminder(1, Chioma));
        await Close(1, TaskState.Done);
        Assert.Null(await RenderReminder(1, Chioma));
        To(Utc(3, 12, 10, 0)); // the due day and a week overdue have passed
        await Settle();
        Assert.Single(Reminders(Chioma));
    }

    [Fact]
    public async Task A_restart_sends_nothing_again_and_after_a_missed_week_one_late_reminder()
    {
        await SetUp();
        await Seed("Map the shelters", new DateOnly(2027, 3, 10), Chioma);
        To(Utc(3, 7, 9, 0));
        await Until(() => Reminders(Chioma).Count == 1);
        await Channel.Delivered();

        await App.DisposeAsync(); // a restart within the same occasion
        App = AppOn(_database);
        _ = App.Services;
        await Settle();
        Assert.Single(Reminders(Chioma));

        await App.DisposeAsync(); // down from 7 March until 25 March: the due day and the first weekly reminder missed
        To(Utc(3, 25, 12, 0));
        App = AppOn(_database);
        _ = App.Services;
        await Until(() => Reminders(Chioma).Count == 2);
        await Settle();
        var reminders = Reminders(Chioma);
        Assert.Equal(2, reminders.Count); // one late, not one per missed occasion
        Assert.Contains("Task 1: 15 days overdue", reminders[1]);
    }

    [Fact]
    public async Task Two_instances_on_one_store_send_each_reminder_and_digest_once()
    {
        await SetUp();
        await Seed("Draft the referral guidelines", new DateOnly(2027, 3, 10), Bob, Chioma);
        await using var second = AppOn(_database);
        var instances = new[] { App.Services.GetRequiredService<RoadmapReminders>(), second.Services.GetRequiredService<RoadmapReminders>() };

        To(Utc(3, 8, 9, 30)); // Bob's and Chioma's 'before' reminders, and Monday's digest
        // besides their own loops, force both instances through a round at the same moment, several times
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => instances[i % 2].RunOnceAsync(default))));
        await Until(() => Reminders(Bob).Count >= 1 && Reminders(Chioma).Count >= 1 && Digests().Count >= 1);
        await Settle();
        Assert.Single(Reminders(Bob));
        Assert.Single(Reminders(Chioma));
        Assert.Single(Digests());
    }

    [Fact]
    public async Task The_digest_comes_on_monday_at_nine_in_the_vpis_zone_once_a_week()
    {
        await SetUp();
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var read = (await vpis.GetAsync(_vpiId, default))!;
        await vpis.UpdateAsync(read, read.Vpi with { TimeZone = "America/New_York" }, default); // UTC-5; UTC-4 from 14 March
        await Seed("Overdue already", new DateOnly(2027, 2, 20), Chioma);
        await Seed("Due next week", new DateOnly(2027, 3, 9), Bob);
        await Seed("Due in a month", new DateOnly(2027, 4, 1), Bob);

        To(Utc(3, 1, 13, 55)); // 08:55 in New York
        await Settle();
        Assert.Empty(Digests());

        To(Utc(3, 1, 14, 0));
        await Until(() => Digests().Count == 1);
        await Settle();
        var digest = Assert.Single(Digests());
        Assert.Contains("Overdue (1)", digest);
        Assert.Contains("Overdue already", digest);
        Assert.Contains("Due in the next two weeks (1)", digest);
        Assert.Contains("Due next week", digest);
        Assert.Contains("Changed last week (3)", digest); // the three were added within the week before
        Assert.Contains("Open the roadmap", digest);

        To(Utc(3, 15, 12, 55)); // the bot saw nothing of 8 March's digest go out: it is sent late, once
        await Until(() => Digests().Count == 2);
        await Settle();
        Assert.Equal(2, Digests().Count);

        To(Utc(3, 15, 13, 0)); // 09:00 in New York, now on summer time
        await Until(() => Digests().Count == 3);
        await Settle();
        Assert.Equal(3, Digests().Count);
    }

    [Fact]
    public async Task Each_persons_time_zone_and_language_are_taken_from_their_activities()
    {
        await SetUp();
        var people = App.Services.GetRequiredService<PersonSettingsStore>();
        Assert.Equal("Pacific/Auckland", (await people.GetAsync(Bob.AadObjectId, default))!.TimeZone);
        Assert.Equal("en-US", (await people.GetAsync(Bob.AadObjectId, default))!.Culture);
        Assert.Null((await people.GetAsync(Chioma.AadObjectId, default))!.TimeZone);

        await Channel.Send(Teams.BotAddedPersonally(Bob)); // carries no zone: the known one stays
        var bogus = Teams.PersonalMessage("help", Bob);
        bogus["localTimezone"] = "Not/AZone"; // nor does a zone this machine does not know replace it
        await Channel.Send(bogus);
        Assert.Equal("Pacific/Auckland", (await people.GetAsync(Bob.AadObjectId, default))!.TimeZone);

        await App.DisposeAsync(); // and after a restart, a new zone replaces it
        App = AppOn(_database);
        var fromVienna = Teams.PersonalMessage("help", Bob);
        fromVienna["localTimezone"] = "Europe/Vienna";
        await Channel.Send(fromVienna);
        Assert.Equal("Europe/Vienna", (await App.Services.GetRequiredService<PersonSettingsStore>().GetAsync(Bob.AadObjectId, default))!.TimeZone);
    }
}
