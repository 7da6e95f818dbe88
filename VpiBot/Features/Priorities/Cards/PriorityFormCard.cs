using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Priorities.Cards;

/// <summary>The submission form: new priorities, and edits of drafts or priorities sent back for changes.</summary>
public static class PriorityFormCard
{
    public static JsonObject Build(Vpi vpi, int? number, PriorityDraft draft, CultureInfo culture, IReadOnlyList<string>? errors = null)
    {
        return Card(
            [
                Heading(number is { } edit ? Text.Get("PriorityForm.EditTitle", culture, edit) : Text.Get("PriorityForm.Title", culture)),
                Paragraph(Text.Get("PriorityForm.Intro", culture)),
                errors is { Count: > 0 } ? Notice(string.Join(" ", errors)) : null,
                TextInput("title", Text.Get("PriorityForm.Field.Title", culture), draft.Title, PriorityText.MaxTitle),
                MultilineInput("description", Text.Get("PriorityForm.Field.Description", culture), draft.Description, PriorityText.MaxDescription),
                ChoiceInput("instrument", Text.Get("Setup.Instrument", culture),
                    Enum.GetValues<Instrument>().Select(i => Choice(Labels.Of(i, culture), i.ToString())), draft.Instrument ?? vpi.Instrument.ToString()),
                ChoiceInput("cluster", Text.Get("Setup.Cluster", culture),
                    Enum.GetValues<ReviewCluster>().Select(c => Choice(Labels.Of(c, culture), c.ToString())), draft.Cluster ?? vpi.Cluster.ToString()),
                MultilineInput("rationale", Text.Get("PriorityForm.Field.Rationale", culture), draft.Rationale, PriorityText.MaxRationale),
                TextInput("organisation", Text.Get("PriorityForm.Field.Organisation", culture), draft.Organisation, PriorityText.MaxOrganisation),
            ],
            [
                Execute(Text.Get("PriorityForm.Submit", culture), new SavePriority(vpi.Id, SaveMode.Submit, number)),
                Execute(Text.Get("PriorityForm.SaveDraft", culture), new SavePriority(vpi.Id, SaveMode.Draft, number), primary: false),
            ]);
    }
}
