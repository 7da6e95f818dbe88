using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Priorities.Cards;

/// <summary>The parts every priority card shares: its title line, its facts, and its text (as typed, never markdown).</summary>
internal static class PriorityParts
{
    public static string Status(PriorityStatus status, CultureInfo culture) => Text.Get($"PriorityStatus.{status}", culture);

    public static IEnumerable<JsonNode?> Summary(Priority p, CultureInfo culture, bool withText) =>
    [
        UserText(Text.Get("Priority.Heading", culture, p.Number, p.Text.Title), title: true),
        Facts(
        [
            (Text.Get("Priority.Status", culture), Status(p.Status, culture)),
            (Text.Get("Summary.Instrument", culture), Labels.Of(p.Text.Instrument, culture)),
            (Text.Get("Summary.Cluster", culture), Labels.Of(p.Text.Cluster, culture)),
        ]),
        UserText(Text.Get("Priority.SubmittedBy", culture, p.AuthorName, p.Text.Organisation), subtle: true),
        withText ? Subheading(Text.Get("PriorityForm.Field.Description", culture)) : null,
        withText ? UserText(p.Text.Description) : null,
        withText && p.Text.Rationale.Length > 0 ? Subheading(Text.Get("PriorityForm.Field.Rationale", culture)) : null,
        withText && p.Text.Rationale.Length > 0 ? UserText(p.Text.Rationale) : null,
    ];

    public static IEnumerable<JsonNode> Decisions(Priority p, CultureInfo culture) =>
        p.Decisions.Count == 0
            ? []
            : new JsonNode[] { Subheading(Text.Get("Priority.Decisions", culture)) }.Concat(p.Decisions.Select(d =>
                (JsonNode)UserText(Text.Get($"Decision.{d.Decision}", culture) + " — " + d.ReviewerName + (string.IsNullOrWhiteSpace(d.Comment) ? "" : ": " + d.Comment))));
}

/// <summary>"priorities": newest first, a page at a time, so no card comes near Teams' 40 KB.</summary>
public static class PriorityListCard
{
    public const int PageSize = 10;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Priority> matching, PriorityStatus? filter, int page, CultureInfo culture)
    {
        var pages = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var body = new List<JsonNode?>
        {
            Heading(filter is { } f ? Text.Get("PriorityList.TitleFiltered", culture, PriorityParts.Status(f, culture)) : Text.Get("PriorityList.Title", culture)),
            Paragraph(matching.Count == 0 ? Text.Get("PriorityList.Empty", culture) : Text.Get("PriorityList.Page", culture, page, pages, matching.Count)),
        };
        foreach (var p in matching.Skip((page - 1) * PageSize).Take(PageSize))
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container", ["separator"] = true,
                ["items"] = new JsonArray(
                    UserText(Text.Get("Priority.Heading", culture, p.Number, p.Text.Title)),
                    UserText($"{PriorityParts.Status(p.Status, culture)} · {p.Text.Organisation}", subtle: true)),
            });
        }
        var actions = new List<JsonNode>();
        PriorityListPage Page(int n) => new(vpi.Id, n, filter);
        if (page > 1)
        {
            actions.Add(Execute(Text.Get("PriorityList.Previous", culture), Page(page - 1), primary: false));
        }
        if (page < pages)
        {
            actions.Add(Execute(Text.Get("PriorityList.Next", culture), Page(page + 1), primary: false));
        }
        return Card(body, actions);
    }
}

/// <summary>"priority N": the whole priority with its audit trail; its author may edit, submit or withdraw it while that is allowed.</summary>
public static class PriorityDetailCard
{
    public const int MaxHistoryShown = 30;

    public static JsonObject Build(Vpi vpi, Priority p, bool viewerIsAuthor, CultureInfo culture, string? notice = null)
    {
        var body = new List<JsonNode?> { notice is null ? null : Notice(notice) };
        body.AddRange(PriorityParts.Summary(p, culture, withText: true));
        body.AddRange(PriorityParts.Decisions(p, culture));
        body.Add(Subheading(Text.Get("Priority.History", culture)));
        var shown = p.History.TakeLast(MaxHistoryShown).ToList();
        if (shown.Count < p.History.Count)
        {
            body.Add(Paragraph(Text.Get("Priority.HistoryCut", culture, p.History.Count - shown.Count)));
        }
        body.AddRange(shown.Select(t => UserText(Text.Get("Priority.Transition", culture,
            t.At.ToString("d MMM yyyy HH:mm 'UTC'", culture), t.ByName, PriorityParts.Status(t.From, culture), PriorityParts.Status(t.To, culture))
            + (string.IsNullOrWhiteSpace(t.Comment) ? "" : " — " + t.Comment), subtle: true)));
        var actions = new List<JsonNode>();
        if (viewerIsAuthor && p.IsEditable)
        {
            actions.Add(Execute(Text.Get("Priority.Edit", culture), new EditPriority(vpi.Id, p.Number, p.Revision)));
            actions.Add(Execute(Text.Get("Priority.Withdraw", culture), new WithdrawPriority(vpi.Id, p.Number, p.Revision), primary: false));
        }
        return Card(body, actions);
    }
}

/// <summary>
/// The review card, posted in the channel and sent 1:1 to the review team. Everyone sees the status and the decisions
/// so far; a reviewer who has not decided yet gets Approve / Reject / Request changes, through Universal Actions'
/// user-specific views: <c>refresh.userIds</c> lists the review team (at most 60; beyond that Teams refreshes on demand).
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views
/// </summary>
public static class ReviewCard
{
    public const int MaxRefreshUsers = 60;
    public const int MaxComment = 1000;

    public static JsonObject Build(Vpi vpi, Priority p, IReadOnlyList<string> reviewerTeamsIds, bool canDecide, CultureInfo culture, string? notice = null)
    {
        var body = new List<JsonNode?> { notice is null ? null : Notice(notice), Heading(Text.Get("Review.Title", culture)) };
        body.AddRange(PriorityParts.Summary(p, culture, withText: true));
        body.AddRange(PriorityParts.Decisions(p, culture));
        var actions = new List<JsonNode>();
        if (canDecide)
        {
            body.Add(MultilineInput("comment", Text.Get("Review.Comment", culture), null, MaxComment));
            ((JsonObject)body[^1]!)["isRequired"] = false;
            foreach (var decision in Enum.GetValues<ReviewDecision>())
            {
                actions.Add(Execute(Text.Get($"Review.{decision}", culture), new DecidePriority(vpi.Id, p.Number, p.Revision, decision),
                    primary: decision == ReviewDecision.Approve));
            }
        }
        var card = Card(body, actions);
        var refresh = new JsonObject
        {
            ["action"] = Execute(Text.Get("Review.Refresh", culture), new ViewReview(vpi.Id, p.Number)),
        };
        if (reviewerTeamsIds.Count is > 0 and <= MaxRefreshUsers)
        {
            refresh["userIds"] = new JsonArray(reviewerTeamsIds.Select(id => (JsonNode)id).ToArray());
        }
        card["refresh"] = refresh;
        return card;
    }
}

/// <summary>Sent 1:1 to the author when a review round ends: the outcome and each reviewer's decision.</summary>
public static class PriorityOutcomeCard
{
    public static JsonObject Build(Priority p, CultureInfo culture) => Card(
    [
        Heading(Text.Get("Review.OutcomeTitle", culture, PriorityParts.Status(p.Status, culture))),
        UserText(Text.Get("Priority.Heading", culture, p.Number, p.Text.Title), title: true),
        .. PriorityParts.Decisions(p, culture),
        Paragraph(Text.Get("Review.OutcomeNext", culture, p.Number)),
    ]);
}
