using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Vpis.Cards;

/// <summary>The language card's Save: the language chosen for the cards posted in the VPI's conversation (an input).</summary>
public sealed record SaveVpiLanguage(string VpiId, string? Language = null) : ICardData, Shared.IVpiCard
{
    public static string Verb => "vpi.language";
}

/// <summary>
/// The language of the cards posted in a VPI's conversation for everyone, asked once of a VPI set up before it was
/// asked at setup. Each person still reads their replies, reminders and card views in their own Teams language.
/// </summary>
public static class LanguageCard
{
    public static JsonObject Build(Vpi vpi, CultureInfo culture, string? notice = null, bool problem = false) => Card(
        [
            notice is null ? null : problem ? Problems([notice]) : Notice(notice),
            Paragraph(Text.Get("VpiLanguage.Ask", culture)),
            Input(vpi.Language, culture),
        ],
        [Execute(Text.Get("VpiLanguage.Save", culture), new SaveVpiLanguage(vpi.Id))]);

    /// <summary>
    /// The required choice of the six languages, each by its own name (people look for their language by its own name),
    /// prefilled with <paramref name="value"/> or else the reader's own language.
    /// </summary>
    public static JsonObject Input(string? value, CultureInfo culture) =>
        ChoiceInput("language", Text.Get("Setup.Label.Language", culture),
            Languages.Supported.Select(l => Choice(Name(l, culture), l)), Languages.IsSupported(value) ? value : Languages.LanguageOf(culture),
            errorMessage: Text.Get("Setup.Error.Language", culture));

    /// <summary>A supported language by its own name (<c>Language.{culture}</c>).</summary>
    public static string Name(string language, CultureInfo culture) => Text.Get($"Language.{language}", culture);
}
