using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Questions;
using VpiBot.Features.Shared.Cards;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Roadmap.Cards;

/// <summary>
/// A list of tasks in sections (a recommendation, "overdue"…), a page at a time: a section's heading is repeated on each
/// page it continues on, so every page reads on its own. No page comes near Teams' 40 KB, whatever the roadmap's size.
/// </summary>
internal static class TaskSections
{
    public static (Paging Paging, List<JsonNode> Body) Page<TSection>(IReadOnlyList<(TSection Section, RoadmapTask Task)> ordered, int page, int pageSize,
        Func<TSection, IEnumerable<JsonNode>> heading, Func<RoadmapTask, JsonNode> item)
    {
        var paging = Paging.Of(ordered.Count, page, pageSize);
        var body = new List<JsonNode>();
        var first = true;
        TSection? current = default;
        foreach (var (section, task) in paging.Items(ordered))
        {
            if (first || !EqualityComparer<TSection>.Default.Equals(section, current))
            {
                body.AddRange(heading(section));
                current = section;
                first = false;
            }
            body.Add(item(task));
        }
        return (paging, body);
    }

    /// <summary>"12 tasks: 3 done (25%) · 2 overdue · Not started 4 · In progress 3", the states there are only.</summary>
    public static string Counts(RoadmapProgress p, CultureInfo culture)
    {
        var states = Enum.GetValues<TaskState>().Where(s => p.Count(s) > 0).Select(s => $"{TaskParts.State(s, culture)} {p.Count(s)}");
        return string.Join(" · ", new[] { Text.Plural("Roadmap.Counts", culture, p.Total, p.Count(TaskState.Done), p.PercentDone, p.Overdue) }.Concat(states));
    }

    public static JsonObject Card<TData>(string heading, IEnumerable<JsonNode?> summary, Paging paging, string empty, List<JsonNode> items,
        Func<int, TData> pageData, CultureInfo culture) where TData : ICardData =>
        CardElements.Card([Heading(heading), .. summary,
            Paragraph(paging.Count == 0 ? empty : Text.Get("Roadmap.Page", culture, paging.Page, paging.Pages, paging.Count)), .. items], paging.Buttons(pageData, culture));
}

/// <summary>
/// "roadmap": how far the roadmap has come, then its tasks by recommendation (each with its counts by status, share done
/// and overdue), the recommendations with overdue tasks first, each one's most urgent tasks first; paged.
/// </summary>
public static class RoadmapCard
{
    public const int PageSize = 20;
    public const int OwnersNamed = 3;

    public static JsonObject Build(Vpi vpi, TaskListing l, int page, CultureInfo culture)
    {
        var groups = l.Tasks.GroupBy(t => t.Recommendation)
            .Select(g => (Recommendation: g.Key, Progress: RoadmapProgress.Of(g, l.Today), Tasks: g.MostUrgentFirst(l.Today).ToList()))
            .OrderBy(g => g.Progress.Overdue > 0 ? 0 : 1).ThenBy(g => g.Recommendation is null ? 1 : 0).ThenBy(g => g.Recommendation)
            .ToList();
        var ordered = groups.SelectMany(g => g.Tasks.Select(t => (g.Recommendation, t))).ToList();
        var progress = groups.ToDictionary(g => g.Recommendation ?? 0, g => g.Progress);
        var (paging, items) = TaskSections.Page(ordered, page, PageSize,
            r => [
                UserText(r is { } n
                    ? Text.Get("Recommendation.Heading", culture, Text.Get("Recommendation.Label", culture, n), l.RecommendationTitles.GetValueOrDefault(n, ""))
                    : Text.Get("Roadmap.NoRecommendation", culture), title: true),
                Paragraph(TaskSections.Counts(progress[r ?? 0], culture)),
            ],
            t => TaskParts.Item(vpi.Id, t, l.Today, culture, TaskParts.Owners(t, l.Names, OwnersNamed, culture)));
        var all = RoadmapProgress.Of(l.Tasks, l.Today);
        return TaskSections.Card(Text.Get("Roadmap.Title", culture),
            l.Tasks.Count == 0 ? [] : [Paragraph(TaskSections.Counts(all, culture))],
            paging, Text.Get("Roadmap.Empty", culture), items, n => new RoadmapPage(vpi.Id, n), culture);
    }
}

/// <summary>"my tasks": the caller's tasks, overdue first, then open by due day, then done or cancelled; paged.</summary>
public static class MyTasksCard
{
    public const int PageSize = 20;

    public static JsonObject Build(Vpi vpi, TaskListing l, string aadObjectId, int page, CultureInfo culture)
    {
        var mine = l.Tasks.Where(t => t.IsOwner(aadObjectId)).MostUrgentFirst(l.Today).Select(t => (TaskUrgency.Rank(t, l.Today), t)).ToList();
        var (paging, items) = TaskSections.Page(mine, page, PageSize,
            rank => [Subheading(Text.Get($"MyTasks.Section{rank}", culture))],
            t => TaskParts.Item(vpi.Id, t, l.Today, culture));
        var progress = RoadmapProgress.Of(mine.Select(x => x.t), l.Today);
        return TaskSections.Card(Text.Get("MyTasks.Title", culture),
            mine.Count == 0 ? [] : [Paragraph(TaskSections.Counts(progress, culture))],
            paging, Text.Get("MyTasks.Empty", culture), items, n => new MyTasksPage(vpi.Id, n), culture);
    }
}

/// <summary>"overdue": the open tasks past their due day, the longest overdue first, with their owners; paged.</summary>
public static class OverdueCard
{
    public const int PageSize = 20;

    public static JsonObject Build(Vpi vpi, TaskListing l, int page, CultureInfo culture)
    {
        var overdue = l.Tasks.Where(t => t.IsOverdue(l.Today)).MostUrgentFirst(l.Today).Select(t => (0, t)).ToList();
        var (paging, items) = TaskSections.Page(overdue, page, PageSize, _ => [],
            t => TaskParts.Item(vpi.Id, t, l.Today, culture, TaskParts.Owners(t, l.Names, RoadmapCard.OwnersNamed, culture)));
        return TaskSections.Card(Text.Get("Overdue.Title", culture), [], paging, Text.Get("Overdue.Empty", culture), items,
            n => new OverduePage(vpi.Id, n), culture);
    }
}

/// <summary>"due this week" (this month, next week …): the open tasks due in those days, soonest first, with their owners, paged.</summary>
public static class DueCard
{
    public const int PageSize = 20;

    public static JsonObject Build(Vpi vpi, TaskListing l, Period period, int page, CultureInfo culture)
    {
        var (from, to) = Periods.Days(period, l.Today);
        var due = l.Tasks.Where(t => t.IsOpen && t.Due >= from && t.Due <= to).OrderBy(t => t.Due).ThenBy(t => t.Number).Select(t => (0, t)).ToList();
        var (paging, items) = TaskSections.Page(due, page, PageSize, _ => [],
            t => TaskParts.Item(vpi.Id, t, l.Today, culture, TaskParts.Owners(t, l.Names, RoadmapCard.OwnersNamed, culture)));
        var when = Text.Get($"Period.{period}", culture);
        return TaskSections.Card(Text.Get("Due.Title", culture, when, Shared.Labels.Date(from, culture), Shared.Labels.Date(to, culture)), [], paging,
            Text.Get("Due.Empty", culture, when), items, n => new DuePage(vpi.Id, period, n), culture);
    }
}
