using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Vpis.Cards;

/// <summary>
/// The time-zone card's Save: the zone chosen (an input), and the command to offer next when the card was shown
/// before one that needs the zone (e.g. "open vote").
/// </summary>
public sealed record SaveTimeZone(string VpiId, string? TimeZone = null, string? Then = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.timezone";
}

/// <summary>
/// The VPI's time zone, which its dates and deadlines are chosen in: one of its country's zones (see
/// <see cref="TimeZones"/>) or UTC, prefilled with the VPI's zone or, before one was saved, the country's.
/// </summary>
public static class TimeZoneCard
{
    public static JsonObject Build(Vpi vpi, CultureInfo culture, string? notice, string? then, bool problem = false)
    {
        var zones = TimeZones.Offered(vpi.Country);
        return Card(
            [
                notice is null ? null : problem ? Problems([notice]) : Notice(notice),
                Heading(Text.Get("TimeZone.Title", culture)),
                Paragraph(Text.Get("TimeZone.Intro", culture)),
                ChoiceInput("timeZone", Text.Get("TimeZone.Label", culture, Countries.Name(vpi.Country, culture)),
                    zones.Select(z => Choice(z, z)), vpi.TimeZone ?? TimeZones.Default(vpi.Country), filtered: zones.Count > 8,
                    errorMessage: Text.Get("TimeZone.Error", culture)),
            ],
            [Execute(Text.Get("TimeZone.Save", culture), new SaveTimeZone(vpi.Id, Then: then))]);
    }

    /// <summary>
    /// The card to show instead of <paramref name="then"/> (a command that needs the zone, such as "open vote") when the
    /// VPI has none yet (<c>vpi.TimeZone is null</c>, for VPIs set up before it was asked): once saved, a button runs
    /// the command.
    /// </summary>
    public static JsonObject AskFirst(Vpi vpi, CultureInfo culture, string then) =>
        Build(vpi, culture, Text.Get("TimeZone.AskFirst", culture, then), then);
}
