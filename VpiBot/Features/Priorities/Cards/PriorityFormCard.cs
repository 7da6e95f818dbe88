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
                errors is { Count: > 0 } ? Problems(errors) : null,
                // only the title is needed for a draft: the card asks for it; the bot checks the rest on Submit and names what is missing
                TextInput("title", Text.Get("PriorityForm.Label.Title", culture, PriorityText.MaxTitle), draft.Title, PriorityText.MaxTitle,
                    Text.Get("PriorityForm.Error.Title", culture, PriorityText.MaxTitle)),
                Optional(MultilineInput("description", Text.Get("PriorityForm.Label.Description", culture, PriorityText.MaxDescription), draft.Description, PriorityText.MaxDescription)),
                ChoiceInput("instrument", Text.Get("Setup.Instrument", culture),
                    Enum.GetValues<Instrument>().Select(i => Choice(Labels.Of(i, culture), i.ToString())), draft.Instrument ?? vpi.Instrument.ToString(),
                    errorMessage: Text.Get("PriorityForm.Choose", culture, Text.Get("Setup.Instrument", culture))),
                ChoiceInput("cluster", Text.Get("Setup.Cluster", culture),
                    Enum.GetValues<ReviewCluster>().Select(c => Choice(Labels.Of(c, culture), c.ToString())), draft.Cluster ?? vpi.Cluster.ToString(),
                    errorMessage: Text.Get("PriorityForm.Choose", culture, Text.Get("Setup.Cluster", culture))),
                Optional(MultilineInput("rationale", Text.Get("PriorityForm.Label.Rationale", culture, PriorityText.MaxRationale), draft.Rationale, PriorityText.MaxRationale)),
                Optional(TextInput("organisation", Text.Get("PriorityForm.Label.Organisation", culture, PriorityText.MaxOrganisation), draft.Organisation, PriorityText.MaxOrganisation)),
            ],
            [
                Execute(Text.Get("PriorityForm.Submit", culture), new SavePriority(vpi.Id, SaveMode.Submit, number)),
                Execute(Text.Get("PriorityForm.SaveDraft", culture), new SavePriority(vpi.Id, SaveMode.Draft, number), primary: false),
            ]);
    }
}
