using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Vpis.Cards;

/// <summary>
/// A VPI at a glance: its focus, stage, members and time zone (with its offset now). Facilitators may change the time
/// zone from here; <c>then</c>, a command to carry on with (one the time zone was confirmed for), adds its button first.
/// </summary>
public static class VpiSummaryCard
{
    public static JsonObject Build(Vpi vpi, int memberCount, bool canManage, DateTimeOffset now, CultureInfo culture, string? notice = null,
        string? then = null) => Card(
        [
            notice is null ? null : Notice(notice),
            Heading(Text.Get("Summary.Title", culture, Countries.Name(vpi.Country, culture))),
            Facts(
            [
                (Text.Get("Summary.Instrument", culture), Labels.Of(vpi.Instrument, culture)),
                (Text.Get("Summary.Cluster", culture), Labels.Of(vpi.Cluster, culture)),
                (Text.Get("Summary.Level", culture), Labels.Of(vpi.Level, culture)),
                (Text.Get("Summary.Policy", culture), Labels.Of(vpi.ApprovalPolicy, culture)),
                (Text.Get("Summary.Stage", culture), StageLine(vpi, culture)),
                (Text.Get("Summary.Members", culture), memberCount.ToString(culture)),
                (Text.Get("Summary.TimeZone", culture),
                    vpi.TimeZone is { } zone ? Labels.TimeZone(zone, now, culture) : Text.Get("Summary.TimeZoneNotSet", culture)),
            ]),
        ],
        new[]
        {
            then is null ? null : Execute(Text.Get("Summary.Then", culture, then), new RunCommand(then)),
            CommandButton(Text.Get("Summary.MembersButton", culture), "members"),
            CommandButton(Text.Get("Summary.StageButton", culture), "stage"),
            CommandButton(Text.Get("Summary.MenuButton", culture), "menu"),
            canManage ? CommandButton(Text.Get("Summary.TimeZoneButton", culture), "time zone") : null,
        }.OfType<JsonNode>());

    private static string StageLine(Vpi vpi, CultureInfo culture) => vpi.NextStage switch
    {
        null => Text.Get("Summary.AllDone", culture),
        { } next when vpi.CurrentStage is null => Text.Get("Summary.NotStarted", culture) + " · " + Text.Get("Summary.Next", culture, Labels.Of(next, culture)),
        { } next => Labels.Of(vpi.CurrentStage!.Value, culture) + " · " + Text.Get("Summary.Next", culture, Labels.Of(next, culture)),
    };
}
