using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Vpis.Cards;

public static class VpiSummaryCard
{
    public static JsonObject Build(Vpi vpi, int memberCount, CultureInfo culture, string? notice = null) => Card(
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
            ]),
        ],
        [
            CommandButton(Text.Get("Summary.MembersButton", culture), "members"),
            CommandButton(Text.Get("Summary.StageButton", culture), "stage"),
            CommandButton(Text.Get("Summary.MenuButton", culture), "menu"),
        ]);

    private static string StageLine(Vpi vpi, CultureInfo culture) => vpi.NextStage switch
    {
        null => Text.Get("Summary.AllDone", culture),
        { } next when vpi.CurrentStage is null => Text.Get("Summary.NotStarted", culture) + " · " + Text.Get("Summary.Next", culture, Labels.Of(next, culture)),
        { } next => Labels.Of(vpi.CurrentStage!.Value, culture) + " · " + Text.Get("Summary.Next", culture, Labels.Of(next, culture)),
    };
}
