using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Recommendations.Cards;

/// <summary>The proposal form: new recommendations, and the proposer's edits while they are proposed.</summary>
public static class RecommendationFormCard
{
    /// <summary>Approved priorities offered at most (the ones already chosen first), so the form stays within 40 KB.</summary>
    public const int MaxChoices = 100;

    /// <summary>How much of a priority's title its choice shows.</summary>
    public const int MaxChoiceTitle = 60;

    /// <param name="revision">For an edit: the revision the form was filled from (a save on an older one is refused).</param>
    /// <param name="approved">The VPI's approved priorities, the only ones a recommendation may draw on.</param>
    public static JsonObject Build(Vpi vpi, int? number, int? revision, RecommendationDraft draft, IReadOnlyList<Priority> approved, CultureInfo culture,
        IReadOnlyList<string>? errors = null)
    {
        var chosen = RecommendationInput.Numbers(draft.Priorities);
        var offered = approved.OrderByDescending(p => chosen.Contains(p.Number)).ThenByDescending(p => p.Number).Take(MaxChoices).OrderBy(p => p.Number).ToList();
        var priorities = ChoiceInput("priorities", Text.Get("RecommendationForm.Label.Priorities", culture),
            offered.Select(p => Choice(RecommendationParts.Heading(RecommendationParts.PriorityLabel(p.Number, culture), Shorten(p.Text.Title, MaxChoiceTitle), culture),
                p.Number.ToString(CultureInfo.InvariantCulture))),
            draft.Priorities, expanded: offered.Count <= 8, errorMessage: Text.Get("RecommendationForm.ChoosePriority", culture));
        priorities["isMultiSelect"] = true;
        return Card(
            [
                Heading(number is { } edit
                    ? Text.Get("RecommendationForm.EditTitle", culture, RecommendationParts.Label(edit, culture))
                    : Text.Get("RecommendationForm.Title", culture)),
                Paragraph(Text.Get("RecommendationForm.Intro", culture)),
                errors is { Count: > 0 } ? Problems(errors) : null,
                TextInput("title", Text.Get("RecommendationForm.Label.Title", culture, RecommendationText.MaxTitle), draft.Title, RecommendationText.MaxTitle,
                    Text.Get("RecommendationForm.Error.Title", culture, RecommendationText.MaxTitle)),
                MultilineInput("text", Text.Get("RecommendationForm.Label.Text", culture, RecommendationText.MaxText), draft.Text, RecommendationText.MaxText,
                    Text.Get("RecommendationForm.Error.Text", culture, RecommendationText.MaxText)),
                priorities,
                approved.Count > offered.Count ? Paragraph(Text.Get("RecommendationForm.ChoicesCut", culture, offered.Count, approved.Count)) : null,
            ],
            [
                Execute(Text.Get(number is null ? "RecommendationForm.Propose" : "RecommendationForm.Save", culture),
                    new SaveRecommendation(vpi.Id, number, revision)),
            ]);
    }
}
