using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared.Cards;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Recommendations.Cards;

/// <summary>How a recommendation is named everywhere ("R3"), and the priorities it draws on ("P1, P4").</summary>
public static class RecommendationParts
{
    public static string Label(int number, CultureInfo culture) => Text.Get("Recommendation.Label", culture, number);

    public static string PriorityLabel(int number, CultureInfo culture) => Text.Get("Priority.Label", culture, number);

    public static string Priorities(IEnumerable<int> numbers, CultureInfo culture) => string.Join(", ", numbers.Select(n => PriorityLabel(n, culture)));

    /// <summary>"R3 — title", "P4 — title".</summary>
    public static string Heading(string label, string title, CultureInfo culture) => Text.Get("Recommendation.Heading", culture, label, title);

    public static string Heading(Recommendation r, CultureInfo culture) => Heading(Label(r.Number, culture), r.Text.Title, culture);

    public static string Status(RecommendationStatus status, CultureInfo culture) => Text.Get($"RecommendationStatus.{status}", culture);
}

/// <summary>"recommendations": newest first, a page at a time; each item opens the recommendation.</summary>
public static class RecommendationListCard
{
    public const int PageSize = 10;

    /// <param name="matching">The recommendations to list, newest first.</param>
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Recommendation> matching, RecommendationStatus? filter, int page, CultureInfo culture)
    {
        var paging = Paging.Of(matching.Count, page, PageSize);
        var body = new List<JsonNode?>
        {
            Heading(filter is { } f
                ? Text.Get("RecommendationList.TitleFiltered", culture, RecommendationParts.Status(f, culture))
                : Text.Get("RecommendationList.Title", culture)),
            paging.Summary(Text.Get("RecommendationList.Empty", culture), culture),
        };
        body.AddRange(paging.Items(matching).Select(r => new JsonObject
        {
            ["type"] = "Container", ["separator"] = true,
            ["items"] = new JsonArray(
                UserText(RecommendationParts.Heading(r, culture)),
                UserText(Text.Get("RecommendationList.Item", culture, RecommendationParts.Status(r.Status, culture), RecommendationParts.Priorities(r.Priorities, culture)), subtle: true)),
            // the whole item opens the recommendation (Teams makes it a button for the keyboard and screen readers)
            ["selectAction"] = Select(new OpenRecommendation(vpi.Id, r.Number, paging.Page, filter)),
        }));
        return Card(body, paging.Buttons(n => new RecommendationListPage(vpi.Id, n, filter), culture));
    }
}

/// <summary>"recommendation N": the whole recommendation with its audit trail; its proposer may edit or withdraw it while it is proposed.</summary>
public static class RecommendationDetailCard
{
    public const int MaxHistoryShown = 30;
    public const int MaxCommentShown = 200;

    /// <summary>Linked priorities shown with their titles (cut at <see cref="MaxPriorityTitleShown"/>); any more are listed by label.</summary>
    public const int MaxPrioritiesTitled = 20;
    public const int MaxPriorityTitleShown = 80;

    /// <param name="priorityTitles">The VPI's priorities' titles by number (for the linked ones).</param>
    /// <param name="viewer">The Entra object id of the person the card is for.</param>
    /// <param name="backTo">The page of the list it was opened from, if it was.</param>
    public static JsonObject Build(Vpi vpi, Recommendation r, IReadOnlyDictionary<int, string> priorityTitles, string? viewer, CultureInfo culture,
        string? notice = null, RecommendationListPage? backTo = null)
    {
        string When(DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm 'UTC'", culture);
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            UserText(RecommendationParts.Heading(r, culture), title: true),
            Facts(new[]
            {
                (Text.Get("Recommendation.Status", culture), RecommendationParts.Status(r.Status, culture)),
                (Text.Get("Recommendation.Ballot", culture), r.Ballot is { } b ? Text.Get("Recommendation.BallotNumber", culture, b) : null),
            }.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!))),
            UserText(Text.Get("Recommendation.ProposedBy", culture, r.ProposerName), subtle: true),
            UserText(r.Text.Text),
            Subheading(Text.Get("Recommendation.Priorities", culture)),
        };
        body.AddRange(r.Priorities.Take(MaxPrioritiesTitled).Select(n => UserText(priorityTitles.TryGetValue(n, out var title)
            ? RecommendationParts.Heading(RecommendationParts.PriorityLabel(n, culture), Shorten(title, MaxPriorityTitleShown), culture)
            : RecommendationParts.PriorityLabel(n, culture))));
        if (r.Priorities.Count > MaxPrioritiesTitled)
        {
            body.Add(Paragraph(Text.Get("Recommendation.MorePriorities", culture, RecommendationParts.Priorities(r.Priorities.Skip(MaxPrioritiesTitled), culture))));
        }
        body.Add(Subheading(Text.Get("Recommendation.History", culture)));
        var shown = r.History.Index().TakeLast(MaxHistoryShown).ToList();
        if (shown.Count < r.History.Count)
        {
            body.Add(Paragraph(Text.Plural("Recommendation.HistoryCut", culture, r.History.Count - shown.Count)));
        }
        body.AddRange(shown.Select(e => UserText(
            (e.Index == 0 ? Text.Get("Recommendation.Created", culture, When(e.Item.At), e.Item.ByName)
                : e.Item.From == e.Item.To ? Text.Get("Recommendation.Edited", culture, When(e.Item.At), e.Item.ByName)
                : Text.Get("Recommendation.Transition", culture, When(e.Item.At), e.Item.ByName,
                    RecommendationParts.Status(e.Item.From, culture), RecommendationParts.Status(e.Item.To, culture)))
            + (string.IsNullOrWhiteSpace(e.Item.Comment) ? "" : " — " + Shorten(e.Item.Comment, MaxCommentShown)), subtle: true)));
        var actions = new List<JsonNode>();
        if (RecommendationRules.CanChange(r, viewer) is null)
        {
            actions.Add(Execute(Text.Get("Recommendation.Edit", culture), new EditRecommendation(vpi.Id, r.Number, r.Revision)));
            // withdrawing is final: it asks to be confirmed
            var confirm = Execute(Text.Get("Recommendation.ConfirmWithdraw", culture), new WithdrawRecommendation(vpi.Id, r.Number, r.Revision), primary: false);
            confirm["style"] = "destructive";
            actions.Add(new JsonObject
            {
                ["type"] = "Action.ShowCard", ["title"] = Text.Get("Recommendation.Withdraw", culture),
                ["card"] = Card([Paragraph(Text.Get("Recommendation.WithdrawExplained", culture))], [confirm]),
            });
        }
        if (backTo is not null)
        {
            actions.Add(Execute(Text.Get("Recommendation.BackToList", culture), backTo, primary: false));
        }
        return Card(body, actions);
    }
}
