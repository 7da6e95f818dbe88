using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Ballots;
using VpiBot.Features.Meetings;
using VpiBot.Features.Priorities;
using VpiBot.Features.Roadmap.Cards;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Status.Cards;

/// <summary>What the status card counts: priorities and recommendations by status, the open ballots (soonest deadline first), the roadmap, the next meeting.</summary>
public sealed record VpiStatus(
    IReadOnlyDictionary<PriorityStatus, int> Priorities,
    IReadOnlyDictionary<RecommendationStatus, int> Recommendations,
    IReadOnlyList<Ballot> OpenBallots,
    RoadmapProgress Roadmap,
    Meeting? NextMeeting);

/// <summary>"status": the VPI at a glance, each line with the command that shows more.</summary>
public static class StatusCard
{
    public static JsonObject Build(Vpi vpi, VpiStatus s, CultureInfo culture)
    {
        var done = vpi.CompletedStages.Count;
        var stage = vpi.NextStage is { } next
            ? Text.Get("Status.StageNext", culture, done, (int)next, Labels.Of(next, culture))
            : Text.Get("Status.StageAllDone", culture);
        var body = new List<JsonNode?>
        {
            Heading(Text.Get("Status.Title", culture, Countries.Name(vpi.Country, culture))),
            Facts(
            [
                (Text.Get("Status.Stage", culture), stage),
                (Text.Get("Status.Priorities", culture), Counts(s.Priorities, culture, "PriorityStatus")),
                (Text.Get("Status.Recommendations", culture), Counts(s.Recommendations, culture, "RecommendationStatus")),
                (Text.Get("Status.Roadmap", culture), s.Roadmap.Total == 0 ? Text.Get("Status.None", culture)
                    : Text.Get("Status.RoadmapValue", culture, s.Roadmap.Total, s.Roadmap.PercentDone, s.Roadmap.Overdue)),
            ]),
            Paragraph(s.OpenBallots.Count == 0 ? Text.Get("Status.NoOpenVotes", culture)
                : Text.Plural("Status.OpenVotes", culture, s.OpenBallots.Count, DeviceDateTime(s.OpenBallots[0].Rules.Deadline))),
            s.NextMeeting is { Start: { } start } m
                ? Paragraph(Text.Get("Status.NextMeeting", culture, Text.Get($"MeetingKind.{m.Plan.Kind}", culture), DeviceDateTime(start)))
                : Paragraph(Text.Get("Status.NoMeeting", culture)),
        };
        return Card(body,
        [
            CommandButton(Text.Get("Status.More.Stage", culture), "stage"),
            CommandButton(Text.Get("Status.More.Priorities", culture), "priorities"),
            CommandButton(Text.Get("Status.More.Votes", culture), "votes"),
            CommandButton(Text.Get("Status.More.Roadmap", culture), "roadmap"),
            CommandButton(Text.Get("Status.More.Meetings", culture), "meetings"),
        ]);
    }

    /// <summary>"12: 5 approved · 3 under review" — the total, then each status there is, in the statuses' order.</summary>
    private static string Counts<T>(IReadOnlyDictionary<T, int> counts, CultureInfo culture, string prefix) where T : struct, Enum
    {
        var total = counts.Values.Sum();
        if (total == 0)
        {
            return Text.Get("Status.None", culture);
        }
        var parts = Enum.GetValues<T>().Where(counts.ContainsKey).Select(v => Text.Get("Status.Count", culture, counts[v], Text.Get($"{prefix}.{v}", culture).ToLower(culture)));
        return Text.Get("Status.Total", culture, total, string.Join(" · ", parts));
    }
}

/// <summary>"my work": what waits for the caller, most urgent first; each item opens what to act on.</summary>
public static class MyWorkCard
{
    public const int MaxItems = 10;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Priority> toDecide, IReadOnlyList<Ballot> toVote, IReadOnlyList<RoadmapTask> tasks, DateOnly today,
        CultureInfo culture)
    {
        var body = new List<JsonNode?> { Heading(Text.Get("MyWork.Title", culture)) };
        if (toDecide.Count + toVote.Count + tasks.Count == 0)
        {
            body.Add(Paragraph(Text.Get("MyWork.Nothing", culture)));
            return Card(body);
        }
        if (toDecide.Count > 0)
        {
            body.Add(Subheading(Text.Plural("MyWork.Reviews", culture, toDecide.Count)));
            body.AddRange(toDecide.Take(MaxItems).Select(p => Item(UserText(Text.Get("MyWork.Priority", culture, p.Number, p.Text.Title)),
                Select(new ViewReview(vpi.Id, p.Number)))));
        }
        if (toVote.Count > 0)
        {
            body.Add(Subheading(Text.Plural("MyWork.Votes", culture, toVote.Count)));
            body.AddRange(toVote.Take(MaxItems).Select(b => Item(Paragraph(Text.Get("MyWork.Ballot", culture, b.Number, DeviceDateTime(b.Rules.Deadline))),
                Select(new ViewBallot(vpi.Id, b.Number)))));
        }
        if (tasks.Count > 0)
        {
            body.Add(Subheading(Text.Plural("MyWork.Tasks", culture, tasks.Count)));
            body.AddRange(tasks.Take(MaxItems).Select(task => TaskParts.Item(vpi.Id, task, today, culture)));
        }
        return Card(body);
    }

    private static JsonObject Item(JsonObject line, JsonObject open) => new()
    {
        ["type"] = "Container", ["separator"] = true, ["items"] = new JsonArray(line), ["selectAction"] = open,
    };
}
