using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Stages.Cards;

/// <summary>
/// The eight activities, one row each (mark, name, date) so that every name wraps at Teams' card width; facilitators
/// get the next activity named in full above a short "Mark as done" button, and can undo the last one with a reason.
/// </summary>
public static class StageCard
{
    public const int MaxReason = 500;
    public const int LogShown = 5;

    /// <param name="roadmap">How far the roadmap's tasks have come, shown under activity 8.</param>
    /// <param name="alliance">The alliance's organisations by type, shown under activity 6 (founded the day it is marked done).</param>
    public static JsonObject Build(Vpi vpi, bool canManage, DateOnly todayUtc, CultureInfo culture, string? notice = null, bool problem = false,
        RoadmapProgress? roadmap = null, IReadOnlyList<(OrganisationType Type, int Count)>? alliance = null)
    {
        var body = new List<JsonNode?>
        {
            notice is null ? null : problem ? Problems([notice]) : Notice(notice),
            Heading(Text.Get("Stage.Title", culture)),
        };
        foreach (var stage in Enum.GetValues<VpiStage>())
        {
            var done = vpi.CompletedStages.TryGetValue(stage, out var on);
            body.Add(new JsonObject
            {
                ["type"] = "ColumnSet", ["spacing"] = "Small",
                ["columns"] = new JsonArray(
                    Column("auto", new JsonObject { ["type"] = "TextBlock", ["text"] = done ? "✓" : stage == vpi.NextStage ? "→" : "○", ["color"] = done ? "Good" : "Default" }),
                    Column("stretch", Paragraph($"{(int)stage}. {Labels.Of(stage, culture)}")),
                    Column("auto", new JsonObject
                    {
                        ["type"] = "TextBlock", ["isSubtle"] = true, ["wrap"] = true,
                        ["text"] = done ? Labels.Date(on, culture) : Text.Get("Stage.Open", culture),
                    })),
            });
            if (stage == VpiStage.CivilSocietyAlliance && alliance is not null)
            {
                var members = alliance.Count == 0 ? Text.Get("Stage.Alliance.None", culture)
                    : Text.Plural("Stage.Alliance", culture, alliance.Sum(a => a.Count), string.Join(" · ", alliance.Select(a => $"{Labels.Of(a.Type, culture)} {a.Count}")));
                var line = done ? Text.Get("Stage.Alliance.Founded", culture, Labels.Date(on, culture), members) : members;
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = line, ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "None" });
            }
            if (stage == VpiStage.RoadmapImplementation && roadmap is not null)
            {
                var line = roadmap.Total == 0 ? Text.Get("Stage.Roadmap.None", culture)
                    : Text.Plural("Stage.Roadmap", culture, roadmap.Total, roadmap.Count(TaskState.Done), roadmap.PercentDone, roadmap.Overdue);
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = line, ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "None" });
            }
        }
        var actions = new List<JsonNode>();
        if (canManage && vpi.NextStage is { } next)
        {
            body.Add(Subheading(Text.Get("Stage.NextTitle", culture, (int)next, Labels.Of(next, culture))));
            body.Add(new JsonObject
            {
                ["type"] = "Input.Date", ["id"] = "date", ["label"] = Text.Get("Stage.Date", culture), ["isRequired"] = true,
                ["errorMessage"] = Text.Get("Stage.InvalidDate", culture),
                ["value"] = todayUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["max"] = StageRules.LatestDate(todayUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            if (next == VpiStage.RoadmapImplementation && roadmap is { Open: > 0 } unfinished)
            {
                body.Add(Paragraph(Text.Plural("Stage.Roadmap.Open", culture, unfinished.Open)));
                body.Add(Optional(MultilineInput("openTasksReason", Text.Get("Stage.Roadmap.Reason", culture, MaxReason), null, MaxReason)));
            }
            actions.Add(Execute(Text.Get("Stage.Complete", culture), new CompleteStage(vpi.Id, next)));
        }
        if (canManage && vpi.CurrentStage is { } last)
        {
            var reason = MultilineInput("reason", Text.Get("Stage.UndoReason", culture, MaxReason), null, MaxReason, Text.Get("Stage.UndoReasonNeeded", culture));
            actions.Add(new JsonObject
            {
                ["type"] = "Action.ShowCard", ["title"] = Text.Get("Stage.Undo", culture, (int)last),
                ["card"] = Card(
                    [Paragraph(Text.Get("Stage.UndoExplained", culture, (int)last, Labels.Of(last, culture))), reason],
                    [Execute(Text.Get("Stage.UndoConfirm", culture), new UndoStage(vpi.Id, last), primary: false)]),
            });
        }
        var log = vpi.StageHistory.TakeLast(LogShown).Reverse().ToList();
        if (log.Count > 0)
        {
            body.Add(Subheading(Text.Get("Stage.Log", culture)));
            body.AddRange(log.Select(e => UserText(e.Done
                ? Text.Get(e.Reason is null ? "Stage.LogDone" : "Stage.LogDoneWithReason", culture,
                    e.At.ToString("d MMM yyyy", culture), e.ByName, (int)e.Stage, Labels.Date(e.Date!.Value, culture), e.Reason ?? "")
                : Text.Get("Stage.LogUndone", culture, e.At.ToString("d MMM yyyy", culture), e.ByName, (int)e.Stage, e.Reason ?? ""), subtle: true)));
        }
        return Card(body, actions);
    }

    private static JsonObject Column(string width, JsonObject item) =>
        new() { ["type"] = "Column", ["width"] = width, ["items"] = new JsonArray(item), ["verticalContentAlignment"] = "Center" };
}
