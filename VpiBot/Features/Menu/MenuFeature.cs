using System.Text.Json.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Menu;

/// <summary>The checklist's Save: the components ticked (one multi-select input: their ids, comma-separated).</summary>
public sealed record SaveMenu(string VpiId, string? Components = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.menu.save";

    [JsonIgnore]
    public IReadOnlySet<string> Ticked => (Components ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The menu-of-options checklist for the VPI's level: check boxes for facilitators, a read-only list for everyone else.</summary>
public static class MenuCard
{

    public static JsonObject Build(Vpi vpi, bool canManage, CultureInfo culture, string? notice = null)
    {
        var components = CollaborationMenu.For(vpi.Level);
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            Heading(Text.Get("Menu.Title", culture)),
            Paragraph(Text.Get("Menu.Level", culture, Labels.Of(vpi.Level, culture))),
        };
        // a component that is also one of the eight activities follows the stage (marked with "stage"), never ticked here
        var ticked = components.Where(c => c.Stage is null).ToList();
        if (canManage)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.ChoiceSet", ["id"] = "components", ["label"] = Text.Get("Menu.DoneSoFar", culture),
                ["isMultiSelect"] = true, ["style"] = "expanded", ["wrap"] = true,
                ["value"] = string.Join(",", ticked.Where(vpi.IsDone).Select(c => c.Id)),
                ["choices"] = new JsonArray(ticked.Select(c => (JsonNode)Choice(Labels.Of(c, culture), c.Id)).ToArray()),
            });
        }
        else
        {
            body.AddRange(ticked.Select(c => Paragraph((vpi.IsDone(c) ? "✓ " : "○ ") + Labels.Of(c, culture))));
        }
        body.AddRange(components.Where(c => c.Stage is not null).Select(c =>
            Paragraph((vpi.IsDone(c) ? "✓ " : "○ ") + Text.Get("Menu.FromStage", culture, Labels.Of(c, culture), (int)c.Stage!.Value))));
        var actions = canManage ? new List<JsonNode> { Execute(Text.Get("Menu.Save", culture), new SaveMenu(vpi.Id)) } : [];
        return Card(body, actions);
    }
}

public static class MenuRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<MenuHandlers>("menu", CommandGroup.Progress, Access.Viewer, (h, t, _, _) => Task.FromResult(h.Show(t)))
        .Card<MenuHandlers, SaveMenu>(Access.Facilitator, (h, t, data, ct) => h.SaveAsync(t, data, ct));
}

/// <summary>"menu": the checklist; facilitators save what is done. Only components of the VPI's level count; others are ignored.</summary>
public sealed class MenuHandlers(VpiStore store)
{
    public Answer Show(VpiTurn t) => Answer.Card(MenuCard.Build(t.Vpi, t.IsFacilitator, t.Culture));

    public async Task<Answer> SaveAsync(VpiTurn t, SaveMenu data, CancellationToken ct)
    {
        var offered = CollaborationMenu.For(t.Vpi.Level);
        var ticked = offered.Where(c => c.Stage is null && data.Ticked.Contains(c.Id)).Select(c => c.Id).ToHashSet();
        try
        {
            var saved = await store.UpdateAsync(t.Current, t.Vpi with { CompletedComponents = ticked }, ct);
            return Answer.Card(MenuCard.Build(saved.Vpi, true, t.Culture, t.Say("Menu.Saved", offered.Count(saved.Vpi.IsDone), offered.Count)));
        }
        catch (ConcurrencyConflictException)
        {
            var now = await store.GetAsync(t.Vpi.Id, ct);
            return Answer.Card(MenuCard.Build(now!.Vpi, true, t.Culture, t.Say("Refusal.StaleCard")));
        }
    }
}
