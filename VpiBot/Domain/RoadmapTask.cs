namespace VpiBot.Domain;

/// <summary>Where a roadmap task stands. Done and Cancelled close it.</summary>
public enum TaskState { NotStarted, InProgress, Blocked, Done, Cancelled }

/// <summary>Which side of the VPI leads a task: the government, the alliance, or both together.</summary>
public enum LeadSide { Government, Alliance, Joint }

/// <summary>What a person writes when adding a task. Title 120 characters, description 2,000.</summary>
public sealed record TaskText(string Title, string Description)
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 2000;
}

/// <summary>
/// One entry of a task's log: who, when, what changed (status and progress, before → after; null when unchanged) and
/// their comment. The task's creation is the first entry (no "before").
/// </summary>
public sealed record TaskUpdate(
    string By, string ByName, DateTimeOffset At,
    TaskState? FromState, TaskState? ToState, int? FromProgress, int? ToProgress, string? Comment);

/// <summary>
/// A task of the roadmap the launch meeting agrees (concept note §1.A activities 4 and 8): who does what by when. Dates
/// are days in the VPI's time zone. <see cref="Recommendation"/> is the adopted joint recommendation it carries out,
/// if any; <see cref="Owners"/> are VPI members (Entra object ids). <see cref="Revision"/> grows with every update.
/// </summary>
public sealed record RoadmapTask(
    int Number,
    TaskText Text,
    int? Recommendation,
    IReadOnlyList<string> Owners,
    LeadSide Lead,
    DateOnly Start,
    DateOnly Due,
    TaskState State,
    int Progress,
    int Revision,
    IReadOnlyList<TaskUpdate> Log,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public const int MaxComment = 1000;
    public const int MaxOwners = 20;

    public bool IsOpen => State is not (TaskState.Done or TaskState.Cancelled);

    /// <summary>Open and past its due day (<paramref name="today"/> in the VPI's time zone).</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && Due < today;

    public bool IsOwner(string? aadObjectId) => aadObjectId is not null && Owners.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Why a step on a task is refused; message <c>Task.Refusal.{name}</c>.</summary>
public enum TaskRefusal { NotOwner, CardOutOfDate, NothingChanged, ProgressOutOfRange, DueBeforeStart, NoOwner, TooManyOwners, CommentTooLong }

/// <summary>The roadmap's rules, pure: creating a task, and who may update it how.</summary>
public static class RoadmapRules
{
    public static (RoadmapTask? Task, TaskRefusal? Refusal) Create(int number, TaskText text, int? recommendation, IReadOnlyList<string> owners, LeadSide lead,
        DateOnly start, DateOnly due, string by, string byName, DateTimeOffset now)
    {
        var distinct = owners.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0)
        {
            return (null, TaskRefusal.NoOwner);
        }
        if (distinct.Count > RoadmapTask.MaxOwners)
        {
            return (null, TaskRefusal.TooManyOwners);
        }
        if (due < start)
        {
            return (null, TaskRefusal.DueBeforeStart);
        }
        return (new RoadmapTask(number, text, recommendation, distinct, lead, start, due, TaskState.NotStarted, 0, 1,
            [new TaskUpdate(by, byName, now, null, TaskState.NotStarted, null, 0, null)], by, now), null);
    }

    /// <summary>Its owners and the facilitators update a task.</summary>
    public static TaskRefusal? CanUpdate(RoadmapTask t, Member? caller) =>
        caller is null || !(caller.Role == VpiRole.Facilitator || t.IsOwner(caller.AadObjectId)) ? TaskRefusal.NotOwner : null;

    /// <summary>
    /// An update of status, progress and a comment, on the revision the person saw. Done means 100 %; progress stays
    /// within 0–100. An update that changes nothing and says nothing is refused.
    /// </summary>
    public static (RoadmapTask? Task, TaskRefusal? Refusal) Update(RoadmapTask t, Member caller, TaskState state, int progress, string? comment,
        int revisionSeen, DateTimeOffset now)
    {
        if (CanUpdate(t, caller) is { } refusal)
        {
            return (null, refusal);
        }
        if (revisionSeen != t.Revision)
        {
            return (null, TaskRefusal.CardOutOfDate);
        }
        if (progress is < 0 or > 100)
        {
            return (null, TaskRefusal.ProgressOutOfRange);
        }
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > RoadmapTask.MaxComment })
        {
            return (null, TaskRefusal.CommentTooLong);
        }
        if (state == TaskState.Done)
        {
            progress = 100;
        }
        if (state == t.State && progress == t.Progress && comment is null)
        {
            return (null, TaskRefusal.NothingChanged);
        }
        var entry = new TaskUpdate(caller.AadObjectId, caller.Name, now,
            state == t.State ? null : t.State, state == t.State ? null : state,
            progress == t.Progress ? null : t.Progress, progress == t.Progress ? null : progress, comment);
        return (t with { State = state, Progress = progress, Revision = t.Revision + 1, Log = [.. t.Log, entry] }, null);
    }
}

/// <summary>
/// How far a set of tasks has come: how many there are in each state, how many are open and overdue. The share done
/// leaves cancelled tasks out (a task dropped is not work left).
/// </summary>
public sealed record RoadmapProgress(IReadOnlyDictionary<TaskState, int> ByState, int Overdue)
{
    public int Total => ByState.Values.Sum();
    public int Count(TaskState state) => ByState.GetValueOrDefault(state);
    public int Open => Total - Count(TaskState.Done) - Count(TaskState.Cancelled);

    /// <summary>Done, in whole percent of the tasks not cancelled (0 when there are none).</summary>
    public int PercentDone => Total - Count(TaskState.Cancelled) is var counted and > 0 ? Count(TaskState.Done) * 100 / counted : 0;

    public static RoadmapProgress Of(IEnumerable<RoadmapTask> tasks, DateOnly today)
    {
        var list = tasks.ToList();
        return new RoadmapProgress(list.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count()), list.Count(t => t.IsOverdue(today)));
    }
}

/// <summary>The order people read tasks in: overdue first (the longest overdue first), then open ones by due day, then closed ones.</summary>
public static class TaskUrgency
{
    public static IEnumerable<RoadmapTask> MostUrgentFirst(this IEnumerable<RoadmapTask> tasks, DateOnly today) =>
        tasks.OrderBy(t => Rank(t, today)).ThenBy(t => t.Due).ThenBy(t => t.Number);

    /// <summary>0 overdue, 1 open, 2 done or cancelled.</summary>
    public static int Rank(RoadmapTask t, DateOnly today) => t.IsOverdue(today) ? 0 : t.IsOpen ? 1 : 2;
}
