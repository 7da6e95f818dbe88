using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Vpis.Cards;

/// <summary>The setup card's Save: what the facilitator chose (inputs, as sent; kept when the card is shown again with an error).</summary>
public sealed record SetupChoices(string? Country = null, string? Instrument = null, string? Cluster = null, string? Level = null, string? Policy = null,
    string? Language = null) : ICardData
{
    public static string Verb => "vpi.setup";
}

/// <summary>
/// The setup card: the State party (see <see cref="Countries"/>), the VPI's focus and the language of the cards posted
/// in its conversation (prefilled with the facilitator's own). Every input is required and says
/// what to do when left empty (its <c>errorMessage</c>), not just its label again.
/// </summary>
public static class SetupCard
{
    public static JsonObject Build(SetupChoices choices, CultureInfo culture, string? error = null) => Card(
        [
            Heading(Text.Get("Setup.Title", culture)),
            Paragraph(Text.Get("Setup.Intro", culture)),
            error is null ? null : Problems([error]),
            Saying(ChoiceInput("country", Text.Get("Setup.StateParty", culture),
                CountryChoices(culture), choices.Country, filtered: true), Text.Get("Setup.StateParty.Error", culture)),
            Saying(ChoiceInput("instrument", Text.Get("Setup.Instrument", culture),
                Enum.GetValues<Instrument>().Select(i => Choice(Labels.Of(i, culture), i.ToString())), choices.Instrument ?? nameof(Instrument.Untoc)),
                Text.Get("Setup.Instrument.Error", culture)),
            Saying(ChoiceInput("cluster", Text.Get("Setup.Cluster", culture),
                Enum.GetValues<ReviewCluster>().Select(c => Choice(Labels.Of(c, culture), c.ToString())), choices.Cluster),
                Text.Get("Setup.Cluster.Error", culture)),
            Saying(ChoiceInput("level", Text.Get("Setup.Level", culture),
                Enum.GetValues<CollaborationLevel>().Select(l => Choice(Labels.Of(l, culture), l.ToString())), choices.Level, expanded: true),
                Text.Get("Setup.Level.Error", culture)),
            Saying(ChoiceInput("policy", Text.Get("Setup.Policy", culture),
                Enum.GetValues<ApprovalPolicy>().Select(p => Choice(Labels.Of(p, culture), p.ToString())), choices.Policy ?? nameof(ApprovalPolicy.AnyReviewer), expanded: true),
                Text.Get("Setup.Policy.Error", culture)),
            LanguageCard.Input(choices.Language, culture),
        ],
        [Execute(Text.Get("Setup.Save", culture), new SetupChoices())]);

    /// <summary>What a required input says when it is left empty: what to do, not its label again.</summary>
    private static JsonObject Saying(JsonObject input, string errorMessage)
    {
        input["errorMessage"] = errorMessage;
        return input;
    }
}
