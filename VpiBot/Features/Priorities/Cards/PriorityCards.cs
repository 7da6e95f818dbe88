using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Features.Shared.Cards;
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
        UserText(Text.Get(p.Status == PriorityStatus.Draft ? "Priority.DraftedBy" : "Priority.SubmittedBy", culture, p.AuthorName, p.Text.Organisation), subtle: true),
        withText && p.Text.Description.Length > 0 ? Subheading(Text.Get("PriorityForm.Field.Description", culture)) : null,
        withText && p.Text.Description.Length > 0 ? UserText(p.Text.Description) : null,
        withText && p.Text.Rationale.Length > 0 ? Subheading(Text.Get("PriorityForm.Field.Rationale", culture)) : null,
        withText && p.Text.Rationale.Length > 0 ? UserText(p.Text.Rationale) : null,
    ];

    /// <summary>Decisions shown on a card, at most, newest first; and how much of a comment.</summary>
    public const int MaxDecisionsShown = 10;
    public const int MaxCommentShown = 200;

    /// <summary>
    /// The round's decisions, bounded so that a review team of two hundred with long comments still fits Teams' 40 KB:
    /// the newest <see cref="MaxDecisionsShown"/>, comments cut at <see cref="MaxCommentShown"/> characters, and how
    /// many more there are (the priority's own card, "priority N", lists them all by count and outcome).
    /// </summary>
    public static IEnumerable<JsonNode> Decisions(Priority p, CultureInfo culture)
    {
        if (p.Decisions.Count == 0)
        {
            return [];
        }
        var counts = string.Join(" · ", p.Decisions.GroupBy(d => d.Decision).OrderBy(g => g.Key)
            .Select(g => Text.Get($"Decision.{g.Key}", culture) + " " + g.Count().ToString(culture)));
        var shown = p.Decisions.TakeLast(MaxDecisionsShown).Reverse().Select(d => (JsonNode)UserText(Text.Get($"Decision.{d.Decision}", culture) + " — "
            + d.ReviewerName + (string.IsNullOrWhiteSpace(d.Comment) ? "" : ": " + Shorten(d.Comment, MaxCommentShown))));
        var more = p.Decisions.Count > MaxDecisionsShown
            ? new JsonNode[] { Paragraph(Text.Plural("Priority.MoreDecisions", culture, p.Decisions.Count - MaxDecisionsShown)) }
            : [];
        return [Subheading(Text.Get("Priority.Decisions", culture)), Paragraph(counts), .. shown, .. more];
    }

    /// <summary>A button to read every decision in full, when the card could not show them all.</summary>
    public static JsonNode? ReadAllDecisions(Vpi vpi, Priority p, CultureInfo culture) =>
        p.Decisions.Count > MaxDecisionsShown || p.Decisions.Any(d => d.Comment is { Length: > MaxCommentShown })
            ? Execute(Text.Get("Priority.ReadAllDecisions", culture), new PriorityDecisionsPage(vpi.Id, p.Number, 1), primary: false)
            : null;
}

/// <summary>"priorities": newest first, a page at a time, so no card comes near Teams' 40 KB.</summary>
public static class PriorityListCard
{
    public const int PageSize = 10;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Priority> matching, PriorityStatus? filter, int page, CultureInfo culture)
    {
        var paging = Paging.Of(matching.Count, page, PageSize);
        var body = new List<JsonNode?>
        {
            Heading(filter is { } f ? Text.Get("PriorityList.TitleFiltered", culture, PriorityParts.Status(f, culture)) : Text.Get("PriorityList.Title", culture)),
            paging.Summary(Text.Get("PriorityList.Empty", culture), culture),
        };
        foreach (var p in paging.Items(matching))
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container", ["separator"] = true,
                ["items"] = new JsonArray(
                    UserText(Text.Get("Priority.Heading", culture, p.Number, p.Text.Title)),
                    UserText($"{PriorityParts.Status(p.Status, culture)} · {p.Text.Organisation}", subtle: true)),
                // the whole item opens the priority (Teams makes it a button for the keyboard and screen readers)
                ["selectAction"] = Select(new OpenPriority(vpi.Id, p.Number, paging.Page, filter)),
            });
        }
        return Card(body, paging.Buttons(n => new PriorityListPage(vpi.Id, n, filter), culture));
    }
}

/// <summary>"priority N": the whole priority with its audit trail; its author may edit, submit or withdraw it while that is allowed.</summary>
public static class PriorityDetailCard
{
    public const int MaxHistoryShown = 30;

    /// <param name="backTo">The page of the list it was opened from, if it was.</param>
    public static JsonObject Build(Vpi vpi, Priority p, bool viewerIsAuthor, CultureInfo culture, string? notice = null, PriorityListPage? backTo = null)
    {
        var body = new List<JsonNode?> { notice is null ? null : Notice(notice) };
        body.AddRange(PriorityParts.Summary(p, culture, withText: true));
        body.AddRange(PriorityParts.Decisions(p, culture));
        body.Add(Subheading(Text.Get("Priority.History", culture)));
        var shown = p.History.TakeLast(MaxHistoryShown).ToList();
        if (shown.Count < p.History.Count)
        {
            body.Add(Paragraph(Text.Plural("Priority.HistoryCut", culture, p.History.Count - shown.Count)));
        }
        body.AddRange(shown.Select(t => UserText((t.From == t.To
                ? Text.Get("Priority.Created", culture, t.At.ToString("d MMM yyyy HH:mm 'UTC'", culture), t.ByName)
                : Text.Get("Priority.Transition", culture,
                    t.At.ToString("d MMM yyyy HH:mm 'UTC'", culture), t.ByName, PriorityParts.Status(t.From, culture), PriorityParts.Status(t.To, culture)))
            + (string.IsNullOrWhiteSpace(t.Comment) ? "" : " — " + Shorten(t.Comment, PriorityParts.MaxCommentShown)), subtle: true)));
        var actions = new List<JsonNode>();
        if (viewerIsAuthor && p.IsEditable)
        {
            actions.Add(Execute(Text.Get("Priority.Edit", culture), new EditPriority(vpi.Id, p.Number, p.Revision)));
            actions.Add(Execute(Text.Get("Priority.Withdraw", culture), new WithdrawPriority(vpi.Id, p.Number, p.Revision), primary: false));
        }
        if (PriorityParts.ReadAllDecisions(vpi, p, culture) is { } readAll)
        {
            actions.Add(readAll);
        }
        if (backTo is not null)
        {
            actions.Add(Execute(Text.Get("Priority.BackToList", culture), backTo, primary: false));
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

    /// <param name="posted">The copy posted for everyone (channel, 1:1 chats), rather than one person's own view of it.</param>
    public static JsonObject Build(Vpi vpi, Priority p, IReadOnlyList<string> reviewerTeamsIds, bool canDecide, CultureInfo culture, string? notice = null, bool posted = false)
    {
        var body = new List<JsonNode?> { notice is null ? null : Notice(notice), Heading(Text.Get("Review.Title", culture)) };
        body.AddRange(PriorityParts.Summary(p, culture, withText: true));
        body.AddRange(PriorityParts.Decisions(p, culture));
        var actions = new List<JsonNode>();
        if (canDecide)
        {
            body.Add(MultilineInput("comment", Text.Get("Review.Comment", culture, MaxComment), null, MaxComment));
            ((JsonObject)body[^1]!)["isRequired"] = false;
            DecidePriority Decide(ReviewDecision d) => new(vpi.Id, p.Number, p.Revision, d);
            actions.Add(Execute(Text.Get("Review.Approve", culture), Decide(ReviewDecision.Approve)));
            // rejecting is final: it asks to be confirmed (the comment typed above goes with it)
            var confirm = Execute(Text.Get("Review.ConfirmReject", culture), Decide(ReviewDecision.Reject), primary: false);
            confirm["style"] = "destructive";
            actions.Add(new JsonObject
            {
                ["type"] = "Action.ShowCard", ["title"] = Text.Get("Review.Reject", culture),
                ["card"] = Card([Paragraph(Text.Get("Review.RejectExplained", culture))], [confirm]),
            });
            actions.Add(Execute(Text.Get("Review.RequestChanges", culture), Decide(ReviewDecision.RequestChanges), primary: false));
        }
        if (PriorityParts.ReadAllDecisions(vpi, p, culture) is { } readAll)
        {
            actions.Add(readAll);
        }
        if (posted && p.Status == PriorityStatus.UnderReview)
        {
            // for clients that do not refresh cards by themselves: the viewer asks for their own view (decision buttons
            // for a reviewer who may decide, the status for everyone else)
            actions.Add(Execute(Text.Get("Review.OpenMyView", culture), new ViewReview(vpi.Id, p.Number), primary: false));
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

/// <summary>Every decision of the priority's round with its comment in full, a few at a time (long comments stay under 40 KB).</summary>
public static class PriorityDecisionsCard
{
    public const int PageSize = 5;

    public static JsonObject Build(Vpi vpi, Priority p, int page, CultureInfo culture)
    {
        var paging = Paging.Of(p.Decisions.Count, page, PageSize);
        var body = new List<JsonNode?>
        {
            UserText(Text.Get("Priority.Heading", culture, p.Number, p.Text.Title), title: true),
            paging.Summary(Text.Get("Priority.NoDecisions", culture), culture),
        };
        foreach (var d in paging.Items(p.Decisions))
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container", ["separator"] = true,
                ["items"] = new JsonArray(
                    UserText(Text.Get($"Decision.{d.Decision}", culture) + " — " + d.ReviewerName + " · " + d.At.ToString("d MMM yyyy HH:mm 'UTC'", culture)),
                    string.IsNullOrWhiteSpace(d.Comment) ? null : UserText(d.Comment, subtle: true)),
            });
        }
        return Card(body, paging.Buttons(n => new PriorityDecisionsPage(vpi.Id, p.Number, n), culture));
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
        Paragraph(Text.Get($"Review.OutcomeNext.{p.Status}", culture, p.Number)),
    ]);
}
