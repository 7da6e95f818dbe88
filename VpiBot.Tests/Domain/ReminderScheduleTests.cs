using VpiBot.Domain;

namespace VpiBot.Tests.Domain;

/// <summary>
/// When a task's owner is reminded (N days before, on the day, weekly while overdue, each at 09:00 in the owner's
/// zone) and when the weekly digest comes: only the latest occasion that has come, across midnight and DST switches.
/// </summary>
public sealed class ReminderScheduleTests
{
    private const string Vienna = "Europe/Vienna";
    private const string Auckland = "Pacific/Auckland";

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int year = 2027) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>A task of owner "o1" due on 10 March 2027 (a Wednesday), created on 1 February.</summary>
    private static RoadmapTask Task(DateOnly? due = null, DateTimeOffset? created = null, TaskState state = TaskState.InProgress) =>
        RoadmapRules.Create(12, new TaskText("Train prosecutors", ""), null, ["o1", "o2"], LeadSide.Joint, new DateOnly(2027, 1, 15),
            due ?? new DateOnly(2027, 3, 10), "c", "Creator", created ?? Utc(2, 1, 12)).Task! with { State = state };

    private static ReminderOccasion? At(DateTimeOffset now, RoadmapTask? t = null, string zone = Vienna, int daysBefore = 3, string owner = "o1") =>
        ReminderSchedule.Due(t ?? Task(), owner, now, zone, daysBefore);

    [Fact]
    public void Nothing_before_the_first_occasion_then_three_days_before_at_nine_local()
    {
        Assert.Null(At(Utc(3, 7, 7, 59))); // 08:59 in Vienna (UTC+1)
        var before = At(Utc(3, 7, 8, 0));
        Assert.Equal(new ReminderOccasion(ReminderKind.Before, new DateOnly(2027, 3, 7), Utc(3, 7, 8, 0)), before);
        Assert.Equal(before, At(Utc(3, 9, 23, 59))); // still the latest until the due day's 09:00
        Assert.Equal(ReminderKind.Before, At(Utc(3, 8, 8, 0), daysBefore: 2)!.Kind); // the setting moves it
        Assert.Null(At(Utc(3, 9, 12, 0), daysBefore: 0)); // 0: none before the day
    }

    [Fact]
    public void On_the_due_day_at_nine_then_every_seventh_day_while_overdue()
    {
        Assert.Equal(ReminderKind.Before, At(Utc(3, 10, 7, 59))!.Kind);
        Assert.Equal(new ReminderOccasion(ReminderKind.Due, new DateOnly(2027, 3, 10), Utc(3, 10, 8, 0)), At(Utc(3, 10, 8, 0)));
        Assert.Equal(ReminderKind.Due, At(Utc(3, 17, 7, 59))!.Kind);
        Assert.Equal(new ReminderOccasion(ReminderKind.Overdue, new DateOnly(2027, 3, 17), Utc(3, 17, 8, 0)), At(Utc(3, 17, 8, 0)));
        Assert.Equal(new DateOnly(2027, 3, 17), At(Utc(3, 24, 7, 59))!.Date); // the same week: the same occasion (one key)
        Assert.Equal(new DateOnly(2027, 3, 24), At(Utc(3, 24, 9, 0))!.Date);
    }

    [Fact]
    public void After_a_long_downtime_only_the_latest_occasion_is_due()
    {
        var late = At(Utc(5, 3, 12, 0))!; // seven weeks after the due day, a Monday
        Assert.Equal(ReminderKind.Overdue, late.Kind);
        Assert.Equal(new DateOnly(2027, 4, 28), late.Date);
        Assert.Equal(Utc(4, 28, 7, 0), late.At); // summer time: 09:00 in Vienna is 07:00 UTC
    }

    [Fact]
    public void Keys_name_the_task_the_owner_and_the_occasion()
    {
        Assert.Equal("reminder|task|000012|o1|before|2027-03-07", At(Utc(3, 7, 8, 0))!.Key(12, "O1"));
        Assert.Equal("reminder|task|000012|o1|overdue|2027-03-17", At(Utc(3, 20, 8, 0))!.Key(12, "o1"));
        Assert.NotEqual(At(Utc(3, 17, 8, 0))!.Key(12, "o1"), At(Utc(3, 24, 8, 0))!.Key(12, "o1"));
    }

    [Fact]
    public void The_owners_zone_decides_the_day_not_UTC()
    {
        // 09:00 on 10 March in Auckland (UTC+13) is 20:00 UTC on the 9th
        Assert.Equal(ReminderKind.Before, At(Utc(3, 9, 19, 59), zone: Auckland)!.Kind);
        Assert.Equal(new ReminderOccasion(ReminderKind.Due, new DateOnly(2027, 3, 10), Utc(3, 9, 20, 0)), At(Utc(3, 9, 20, 0), zone: Auckland));
        // … and in Vienna it is still the evening before: the 'before' reminder
        Assert.Equal(ReminderKind.Before, At(Utc(3, 9, 20, 0))!.Kind);
    }

    [Fact]
    public void Across_the_switch_to_summer_time_nine_oclock_stays_nine_oclock()
    {
        // Vienna moves to UTC+2 on Sunday 28 March 2027
        var t = Task(due: new DateOnly(2027, 3, 29));
        Assert.Equal(Utc(3, 26, 8, 0), At(Utc(3, 26, 8, 0), t)!.At); // before: still winter time
        Assert.Equal(ReminderKind.Before, At(Utc(3, 29, 6, 59), t)!.Kind);
        Assert.Equal(new ReminderOccasion(ReminderKind.Due, new DateOnly(2027, 3, 29), Utc(3, 29, 7, 0)), At(Utc(3, 29, 7, 0), t));
        // and back to winter time on 31 October
        var autumn = Task(due: new DateOnly(2027, 10, 25), created: Utc(10, 1, 0));
        Assert.Equal(Utc(11, 1, 8, 0), At(Utc(11, 1, 8, 0), autumn)!.At);
        Assert.Equal(ReminderKind.Due, At(Utc(11, 1, 7, 59), autumn)!.Kind);
    }

    [Theory]
    [InlineData(TaskState.Done)]
    [InlineData(TaskState.Cancelled)]
    public void A_closed_task_has_no_reminders(TaskState state)
    {
        Assert.Null(At(Utc(3, 7, 9, 0), Task(state: state)));
        Assert.Null(At(Utc(3, 20, 9, 0), Task(state: state)));
    }

    [Fact]
    public void A_blocked_task_is_reminded_and_someone_not_an_owner_is_not()
    {
        Assert.NotNull(At(Utc(3, 7, 9, 0), Task(state: TaskState.Blocked)));
        Assert.NotNull(At(Utc(3, 7, 9, 0), owner: "O2")); // ids compare without case
        Assert.Null(At(Utc(3, 7, 9, 0), owner: "o3"));
    }

    [Fact]
    public void An_occasion_that_came_before_the_task_existed_is_not_sent_late()
    {
        var t = Task(created: Utc(3, 8, 10, 0)); // created after its 'before' occasion
        Assert.Null(At(Utc(3, 8, 10, 5), t));
        Assert.Equal(ReminderKind.Due, At(Utc(3, 10, 8, 0), t)!.Kind);
        var backlog = Task(created: Utc(3, 20, 10, 0)); // created already overdue: not at once, at the next weekly occasion
        Assert.Null(At(Utc(3, 20, 10, 5), backlog));
        Assert.Equal(new DateOnly(2027, 3, 24), At(Utc(3, 24, 8, 0), backlog)!.Date);
    }

    [Fact]
    public void The_digest_is_the_latest_monday_nine_oclock_named_by_its_iso_week()
    {
        var monday9 = TimeOnly.FromTimeSpan(TimeSpan.FromHours(9));
        // Monday 22 March 2027, 09:00 in Vienna = 08:00 UTC
        Assert.Equal(new DigestOccasion(new DateOnly(2027, 3, 15), Utc(3, 15, 8, 0), "2027-W11"), ReminderSchedule.LatestDigest(Utc(3, 22, 7, 59), Vienna, DayOfWeek.Monday, monday9));
        Assert.Equal(new DigestOccasion(new DateOnly(2027, 3, 22), Utc(3, 22, 8, 0), "2027-W12"), ReminderSchedule.LatestDigest(Utc(3, 22, 8, 0), Vienna, DayOfWeek.Monday, monday9));
        Assert.Equal("2027-W12", ReminderSchedule.LatestDigest(Utc(3, 28, 21, 0), Vienna, DayOfWeek.Monday, monday9).Week); // Sunday: still last Monday's
        // after the switch to summer time: 07:00 UTC
        Assert.Equal(Utc(3, 29, 7, 0), ReminderSchedule.LatestDigest(Utc(3, 29, 7, 0), Vienna, DayOfWeek.Monday, monday9).At);
        // in Auckland Monday 09:00 is Sunday evening in UTC
        Assert.Equal(new DigestOccasion(new DateOnly(2027, 3, 22), Utc(3, 21, 20, 0), "2027-W12"), ReminderSchedule.LatestDigest(Utc(3, 21, 20, 0), Auckland, DayOfWeek.Monday, monday9));
        // ISO weeks across a new year: 1 January 2027 is a Friday, in 2026's week 53
        Assert.Equal("digest|2026-W53", ReminderSchedule.LatestDigest(Utc(1, 1, 12, 0), TimeZones.Utc, DayOfWeek.Monday, monday9).Key);
        // another day and time
        Assert.Equal(new DigestOccasion(new DateOnly(2027, 3, 19), Utc(3, 19, 16, 30), "2027-W11"),
            ReminderSchedule.LatestDigest(Utc(3, 22, 8, 0), Vienna, DayOfWeek.Friday, new TimeOnly(17, 30)));
    }
}
