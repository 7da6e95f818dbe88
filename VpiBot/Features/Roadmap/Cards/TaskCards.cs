using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Roadmap.Cards;

/// <summary>Everything a task card shows: the task, its owners' names (Entra object id → name), its recommendation, who gets their own view on refresh, and today in the VPI's zone.</summary>
public sealed record TaskShown(RoadmapTask Task, IReadOnlyDictionary<string, string> Names, Recommendation? Recommendation, IReadOnlyList<string> RefreshIds, DateOnly Today);

/// <summary>Every task of a VPI, with the roster's names, the recommendations' titles by number, and today in the VPI's zone.</summary>
public sealed record TaskListing(IReadOnlyList<RoadmapTask> Tasks, IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<int, string> RecommendationTitles, DateOnly Today);

/// <summary>Pieces every task card shares: labels, the status line, owners, the log.</summary>
internal static class TaskParts
{
    public static string Label(int number, CultureInfo culture) => Text.Get("Task.Label", culture, number);
    public static string Heading(RoadmapTask t, CultureInfo culture) => Text.Get("Task.Heading", culture, Label(t.Number, culture), t.Text.Title);
    public static string State(TaskState state, CultureInfo culture) => Text.Get($"TaskState.{state}", culture);
    public static string Lead(LeadSide lead, CultureInfo culture) => Text.Get($"LeadSide.{lead}", culture);

    /// <summary>"In progress · 40% · due 3 March 2026", and how long overdue when it is.</summary>
    public static string StatusLine(RoadmapTask t, DateOnly today, CultureInfo culture) =>
        Overdue(t, today, Text.Get("Task.Line", culture, State(t.State, culture), t.Progress, Labels.Date(t.Due, culture)), culture);

    /// <summary><paramref name="text"/>, and " · 3 days overdue" after it when the task is.</summary>
    public static string Overdue(RoadmapTask t, DateOnly today, string text, CultureInfo culture) =>
        t.IsOverdue(today) ? text + " · " + Text.Plural("Task.DaysOverdue", culture, today.DayNumber - t.Due.DayNumber) : text;

    /// <summary>The owners by name ("Ama Mensah, Kofi Boateng and 3 more"), at most <paramref name="max"/> named; one who left the roster is said so.</summary>
    public static string Owners(RoadmapTask t, IReadOnlyDictionary<string, string> names, int max, CultureInfo culture)
    {
        var named = t.Owners.Take(max).Select(o => names.TryGetValue(o, out var n) ? n : Text.Get("Task.FormerMember", culture)).ToList();
        var list = string.Join(", ", named);
        return t.Owners.Count > max ? Text.Get("Task.OwnersMore", culture, list, t.Owners.Count - max) : list;
    }

    /// <summary>One entry of the log: when (in the VPI's zone), who, what changed, and the comment (cut at <paramref name="maxComment"/>).</summary>
    public static JsonObject LogEntry(TaskUpdate u, string zone, int maxComment, CultureInfo culture)
    {
        var (date, time) = TimeZones.ToLocal(u.At, zone);
        var changes = new List<string>();
        if (u.FromState is null && u.FromProgress is null && u.ToState is not null)
        {
            changes.Add(Text.Get("Task.Log.Added", culture));
        }
        else
        {
            if (u.FromState is { } from && u.ToState is { } to)
            {
                changes.Add(Text.Get("Task.Log.State", culture, State(from, culture), State(to, culture)));
            }
            if (u.FromProgress is { } before && u.ToProgress is { } after)
            {
                changes.Add(Text.Get("Task.Log.Progress", culture, before, after));
            }
        }
        var what = changes.Count == 0 ? Text.Get("Task.Log.Commented", culture) : string.Join("; ", changes);
        var line = Text.Get("Task.Log.Entry", culture, date.ToString("d MMM yyyy", culture) + " " + time.ToString("HH:mm", culture), u.ByName, what);
        return UserText(u.Comment is { } c ? line + " — " + Shorten(c, maxComment) : line, subtle: true);
    }

    /// <summary>An item of a list: the task's heading and status line (and its owners); the whole item opens the task.</summary>
    public static JsonObject Item(string vpiId, RoadmapTask t, DateOnly today, CultureInfo culture, string? owners = null)
    {
        var line = UserText(owners is null ? StatusLine(t, today, culture) : StatusLine(t, today, culture) + " · " + Text.Get("Task.OwnersLine", culture, owners), subtle: true);
        if (t.IsOverdue(today))
        {
            line["inlines"]![0]!["color"] = "Attention"; // the words say it too
        }
        return new JsonObject
        {
            ["type"] = "Container", ["separator"] = true,
            ["items"] = new JsonArray(UserText(Heading(t, culture)), line),
            // Teams makes the whole item a button for the keyboard and screen readers
            ["selectAction"] = Select(new ViewTask(vpiId, t.Number)),
        };
    }
}

/// <summary>
/// The task card: posted in the VPI's channel and sent 1:1 to each owner, and answered to "task N". Everyone sees who
/// does what by when, the progress and the latest updates; its owners' and the facilitators' own view (Universal
/// Actions' user-specific views: <c>refresh.userIds</c>, at most 60; "Open my view" otherwise and in clients that do not
/// refresh) has the update form: status, progress and a comment.
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views
/// </summary>
public static class TaskCard
{
    public const int MaxRefreshUsers = 60;
    public const int LogShown = 8;
    public const int MaxCommentShown = 300;

    /// <param name="canUpdate">The viewer is an owner or a facilitator: the update form.</param>
    /// <param name="typed">What the viewer typed in the update form, kept when it comes back with problems.</param>
    /// <param name="posted">The copy posted for everyone, rather than one person's own view of it.</param>
    public static JsonObject Build(Vpi vpi, TaskShown s, bool canUpdate, CultureInfo culture, string? notice = null, IReadOnlyList<string>? problems = null,
        UpdateTask? typed = null, bool posted = false)
    {
        var t = s.Task;
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            UserText(TaskParts.Heading(t, culture), title: true),
            Facts(
            [
                (Text.Get("Task.Status", culture), TaskParts.State(t.State, culture)),
                (Text.Get("Task.Progress", culture), Text.Get("Task.Percent", culture, t.Progress)),
                (Text.Get("Task.Lead", culture), TaskParts.Lead(t.Lead, culture)),
                (Text.Get("Task.Start", culture), Labels.Date(t.Start, culture)),
                (Text.Get("Task.Due", culture), TaskParts.Overdue(t, s.Today, Labels.Date(t.Due, culture), culture)),
            ]),
            UserText(Text.Get("Task.OwnersLine", culture, TaskParts.Owners(t, s.Names, RoadmapTask.MaxOwners, culture))),
            UserText(t.Recommendation is not { } r ? Text.Get("Task.NoRecommendation", culture)
                : Text.Get("Task.ForRecommendation", culture, Text.Get("Recommendation.Label", culture, r), s.Recommendation?.Text.Title ?? ""), subtle: true),
            t.Text.Description.Length > 0 ? UserText(t.Text.Description) : null,
            Subheading(Text.Get("Task.Log", culture)),
        };
        body.AddRange(t.Log.TakeLast(LogShown).Reverse().Select(u => TaskParts.LogEntry(u, zone, MaxCommentShown, culture)));
        if (t.Log.Count > LogShown)
        {
            body.Add(Paragraph(Text.Plural("Task.LogMore", culture, t.Log.Count - LogShown)));
        }
        var actions = new List<JsonNode>();
        if (canUpdate)
        {
            body.AddRange(UpdateForm(t, typed, culture));
            if (problems is { Count: > 0 })
            {
                body.Add(Problems(problems)); // beside the button just clicked
            }
            actions.Add(Execute(Text.Get("Task.Save", culture), new UpdateTask(vpi.Id, t.Number, t.Revision)));
        }
        if (t.Log.Count > LogShown || t.Log.Any(u => u.Comment is { Length: > MaxCommentShown }))
        {
            actions.Add(Execute(Text.Get("Task.ReadLog", culture), new TaskLogPage(vpi.Id, t.Number, 1), primary: false));
        }
        if (posted)
        {
            // for clients that do not refresh cards by themselves, and tasks with more than 60 who may update them
            actions.Add(Execute(Text.Get("Task.OpenMine", culture), new ViewTask(vpi.Id, t.Number), primary: false));
        }
        var card = Card(body, actions);
        var refresh = new JsonObject { ["action"] = Execute(Text.Get("Task.Refresh", culture), new ViewTask(vpi.Id, t.Number)) };
        if (s.RefreshIds.Count is > 0 and <= MaxRefreshUsers)
        {
            refresh["userIds"] = new JsonArray(s.RefreshIds.Select(id => (JsonNode)id).ToArray());
        }
        card["refresh"] = refresh;
        return card;
    }

    /// <summary>The progress a person can choose: 0 to 100 in steps of 10 (and the current value, if it is between).</summary>
    public static IReadOnlyList<int> ProgressChoices(int current) =>
        Enumerable.Range(0, 11).Select(i => i * 10).Append(current).Distinct().Order().ToList();

    private static IEnumerable<JsonNode> UpdateForm(RoadmapTask t, UpdateTask? typed, CultureInfo culture) =>
    [
        Subheading(Text.Get("Task.UpdateTitle", culture)),
        ChoiceInput("status", Text.Get("Task.Status", culture),
            Enum.GetValues<TaskState>().Select(s => Choice(TaskParts.State(s, culture), s.ToString())), typed?.Status ?? t.State.ToString(),
            errorMessage: Text.Get("Task.ChooseStatus", culture)),
        ChoiceInput("progress", Text.Get("Task.ProgressLabel", culture),
            ProgressChoices(t.Progress).Select(p => Choice(Text.Get("Task.Percent", culture, p), p.ToString(CultureInfo.InvariantCulture))),
            typed?.Progress ?? t.Progress.ToString(CultureInfo.InvariantCulture), errorMessage: Text.Get("Task.ChooseProgress", culture)),
        Optional(MultilineInput("comment", Text.Get("Task.Comment", culture, RoadmapTask.MaxComment),
            typed?.Comment is { } c ? Shorten(c, RoadmapTask.MaxComment) : null, RoadmapTask.MaxComment)),
    ];
}

/// <summary>A task's whole log, newest first, comments in full, a page at a time.</summary>
public static class TaskLogCard
{
    public const int PageSize = 10;

    public static JsonObject Build(Vpi vpi, RoadmapTask t, int page, CultureInfo culture)
    {
        var paging = Shared.Cards.Paging.Of(t.Log.Count, page, PageSize);
        var body = new List<JsonNode?>
        {
            UserText(Text.Get("Task.LogOf", culture, TaskParts.Heading(t, culture)), title: true),
            paging.Summary("", culture), // a task's log is never empty: its creation is the first entry
        };
        body.AddRange(paging.Items(t.Log.Reverse()).Select(u => TaskParts.LogEntry(u, vpi.TimeZone ?? TimeZones.Utc, RoadmapTask.MaxComment, culture)));
        return Card(body, [.. paging.Buttons(n => new TaskLogPage(vpi.Id, t.Number, n), culture),
            Execute(Text.Get("Task.BackToTask", culture, TaskParts.Label(t.Number, culture)), new ViewTask(vpi.Id, t.Number), primary: false)]);
    }
}
