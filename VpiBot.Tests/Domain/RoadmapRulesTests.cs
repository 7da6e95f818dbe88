using VpiBot.Domain;

namespace VpiBot.Tests.Domain;

/// <summary>The roadmap's rules, pure: creating a task, who updates it how, its log, progress counts, urgency, and closing activity 8.</summary>
public sealed class RoadmapRulesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly TaskText Text = new("Draft the shelter standards", "With the ministry and two NGOs.");

    private static Member Person(string id, VpiRole role) => new(id, "29:" + id, "Name " + id, null, role, "Org", OrganisationType.Ngo, "f", Monday);
    private static readonly Member Ama = Person("ama", VpiRole.Alliance);
    private static readonly Member Kofi = Person("kofi", VpiRole.ReviewTeam);
    private static readonly Member Facilitator = Person("fac", VpiRole.Facilitator);

    private static RoadmapTask Task(DateOnly? due = null) =>
        RoadmapRules.Create(7, Text, 3, ["ama", "AMA", "esi"], LeadSide.Joint, Today.AddDays(-60), due ?? Today.AddDays(30), "fac", "Fatima", Monday).Task!;

    [Fact]
    public void A_task_starts_not_started_at_0_percent_revision_1_with_its_owners_once_each_and_a_first_log_entry()
    {
        var t = Task();
        Assert.Equal((7, TaskState.NotStarted, 0, 1, 3), (t.Number, t.State, t.Progress, t.Revision, t.Recommendation));
        Assert.Equal(["ama", "esi"], t.Owners);
        var first = Assert.Single(t.Log);
        Assert.Equal(("fac", "Fatima", (TaskState?)null, (TaskState?)TaskState.NotStarted), (first.By, first.ByName, first.FromState, first.ToState));
        Assert.True(t.IsOwner("AMA"));
        Assert.False(t.IsOwner(null));
    }

    [Fact]
    public void Creating_is_refused_without_owners_with_too_many_or_due_before_start()
    {
        RoadmapTask? Create(IReadOnlyList<string> owners, DateOnly due) => RoadmapRules.Create(1, Text, null, owners, LeadSide.Government, Today, due, "f", "F", Monday).Task;
        Assert.Equal(TaskRefusal.NoOwner, RoadmapRules.Create(1, Text, null, [], LeadSide.Government, Today, Today, "f", "F", Monday).Refusal);
        Assert.Equal(TaskRefusal.TooManyOwners, RoadmapRules.Create(1, Text, null, Enumerable.Range(0, 21).Select(i => $"o{i}").ToList(), LeadSide.Government, Today, Today, "f", "F", Monday).Refusal);
        Assert.Equal(TaskRefusal.DueBeforeStart, RoadmapRules.Create(1, Text, null, ["a"], LeadSide.Government, Today, Today.AddDays(-1), "f", "F", Monday).Refusal);
        Assert.NotNull(Create(Enumerable.Range(0, 20).Select(i => $"o{i}").ToList(), Today)); // 20 owners, due the day it starts
    }

    [Fact]
    public void Owners_and_facilitators_update_others_are_refused()
    {
        var t = Task();
        Assert.Null(RoadmapRules.CanUpdate(t, Ama));
        Assert.Null(RoadmapRules.CanUpdate(t, Facilitator));
        Assert.Equal(TaskRefusal.NotOwner, RoadmapRules.CanUpdate(t, Kofi));
        Assert.Equal(TaskRefusal.NotOwner, RoadmapRules.CanUpdate(t, null));
        Assert.Equal(TaskRefusal.NotOwner, RoadmapRules.Update(t, Kofi, TaskState.Done, 100, "done", 1, Monday).Refusal);
    }

    [Fact]
    public void An_update_logs_what_changed_before_and_after_with_the_comment_and_moves_the_revision()
    {
        var (t, refusal) = RoadmapRules.Update(Task(), Ama, TaskState.InProgress, 40, "  Drafted chapters 1–3.  ", 1, Monday.AddDays(1));
        Assert.Null(refusal);
        Assert.Equal((TaskState.InProgress, 40, 2), (t!.State, t.Progress, t.Revision));
        var entry = t.Log[^1];
        Assert.Equal((TaskState.NotStarted, TaskState.InProgress, 0, 40, "Drafted chapters 1–3."),
            (entry.FromState!.Value, entry.ToState!.Value, entry.FromProgress!.Value, entry.ToProgress!.Value, entry.Comment));
        // a comment alone: nothing else marked as changed
        var (commented, _) = RoadmapRules.Update(t, Facilitator, TaskState.InProgress, 40, "Any news?", 2, Monday.AddDays(2));
        Assert.Equal((null, null, null, null), (commented!.Log[^1].FromState, commented.Log[^1].ToState, commented.Log[^1].FromProgress, commented.Log[^1].ToProgress));
        Assert.Equal("Name fac", commented.Log[^1].ByName);
    }

    [Fact]
    public void A_stale_revision_nothing_changed_progress_out_of_range_and_a_long_comment_are_refused()
    {
        var t = Task();
        Assert.Equal(TaskRefusal.CardOutOfDate, RoadmapRules.Update(t, Ama, TaskState.Done, 100, null, 0, Monday).Refusal);
        Assert.Equal(TaskRefusal.NothingChanged, RoadmapRules.Update(t, Ama, TaskState.NotStarted, 0, "   ", 1, Monday).Refusal);
        Assert.Equal(TaskRefusal.ProgressOutOfRange, RoadmapRules.Update(t, Ama, TaskState.InProgress, 101, null, 1, Monday).Refusal);
        Assert.Equal(TaskRefusal.ProgressOutOfRange, RoadmapRules.Update(t, Ama, TaskState.InProgress, -1, null, 1, Monday).Refusal);
        Assert.Equal(TaskRefusal.CommentTooLong, RoadmapRules.Update(t, Ama, TaskState.InProgress, 10, new string('x', RoadmapTask.MaxComment + 1), 1, Monday).Refusal);
        Assert.Null(RoadmapRules.Update(t, Ama, TaskState.InProgress, 10, new string('x', RoadmapTask.MaxComment), 1, Monday).Refusal);
    }

    [Fact]
    public void Done_means_100_percent_and_closes_the_task_so_it_is_no_longer_overdue()
    {
        var late = Task(due: Today.AddDays(-3));
        Assert.True(late.IsOverdue(Today));
        Assert.False(late.IsOverdue(Today.AddDays(-3))); // due today is not overdue
        var (done, _) = RoadmapRules.Update(late, Ama, TaskState.Done, 30, null, 1, Monday);
        Assert.Equal(100, done!.Progress);
        Assert.False(done.IsOpen);
        Assert.False(done.IsOverdue(Today));
    }

    [Fact]
    public void Progress_counts_by_state_leaves_cancelled_out_of_the_share_done_and_counts_overdue()
    {
        var open = Task(due: Today.AddDays(-1));
        var tasks = new[]
        {
            open, open with { Number = 8, State = TaskState.Done }, open with { Number = 9, State = TaskState.Cancelled },
            open with { Number = 10, State = TaskState.Blocked, Due = Today.AddDays(5) },
        };
        var p = RoadmapProgress.Of(tasks, Today);
        Assert.Equal((4, 2, 1, 1, 1), (p.Total, p.Open, p.Count(TaskState.Done), p.Count(TaskState.Cancelled), p.Overdue));
        Assert.Equal(33, p.PercentDone); // 1 of the 3 not cancelled
        Assert.Equal(0, RoadmapProgress.Of([], Today).PercentDone);
    }

    [Fact]
    public void Most_urgent_first_is_overdue_longest_first_then_open_by_due_day_then_closed()
    {
        var t = Task();
        var tasks = new[]
        {
            t with { Number = 1, Due = Today.AddDays(10) },
            t with { Number = 2, Due = Today.AddDays(-1) },
            t with { Number = 3, Due = Today.AddDays(-9), State = TaskState.Done },
            t with { Number = 4, Due = Today.AddDays(-5) },
            t with { Number = 5, Due = Today.AddDays(2), State = TaskState.Blocked },
        };
        Assert.Equal([4, 2, 5, 1, 3], tasks.MostUrgentFirst(Today).Select(x => x.Number));
    }

    [Fact]
    public void Activity_8_is_done_with_open_tasks_only_with_a_reason_which_the_log_keeps()
    {
        var vpi = new Vpi("v1", "GH", "t", Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.Medium,
            new VpiHome("c", "s", null, null, true),
            Enum.GetValues<VpiStage>().Where(s => s != VpiStage.RoadmapImplementation).ToDictionary(s => s, _ => Today), new HashSet<string>(), "f", Monday);
        Assert.Equal(StageRefusal.OpenTasks, StageRules.Complete(vpi, VpiStage.RoadmapImplementation, Today, Today, "f", "F", Monday, openTasks: 3).Refusal);
        Assert.Equal(StageRefusal.OpenTasks, StageRules.Complete(vpi, VpiStage.RoadmapImplementation, Today, Today, "f", "F", Monday, openTasks: 3, reason: "  ").Refusal);
        var (done, _) = StageRules.Complete(vpi, VpiStage.RoadmapImplementation, Today, Today, "f", "F", Monday, openTasks: 3, reason: " Funding ended; the rest moves to the next cycle. ");
        Assert.Equal("Funding ended; the rest moves to the next cycle.", done!.StageHistory[^1].Reason);
        // no task open: no reason needed, none recorded
        var (closed, _) = StageRules.Complete(vpi, VpiStage.RoadmapImplementation, Today, Today, "f", "F", Monday, openTasks: 0, reason: "ignored");
        Assert.Null(closed!.StageHistory[^1].Reason);
    }
}
