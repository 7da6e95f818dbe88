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
        if (canManage)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.ChoiceSet", ["id"] = "components", ["label"] = Text.Get("Menu.DoneSoFar", culture),
                ["isMultiSelect"] = true, ["style"] = "expanded", ["wrap"] = true,
                ["value"] = string.Join(",", components.Where(c => vpi.CompletedComponents.Contains(c.Id)).Select(c => c.Id)),
                ["choices"] = new JsonArray(components.Select(c => (JsonNode)Choice(Labels.Of(c, culture), c.Id)).ToArray()),
            });
        }
        else
        {
            body.AddRange(components.Select(c => Paragraph((vpi.CompletedComponents.Contains(c.Id) ? "✓ " : "○ ") + Labels.Of(c, culture))));
        }
        var actions = canManage ? new List<JsonNode> { Execute(Text.Get("Menu.Save", culture), new SaveMenu(vpi.Id)) } : [];
        return Card(body, actions);
    }
}

public static class MenuRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<MenuHandlers>("menu", CommandGroup.Progress, Access.Viewer, (h, t, _, _) => Task.FromResult(h.Show(t)), CommandMenu.Conversations)
        .Card<MenuHandlers, SaveMenu>(Access.Facilitator, (h, t, data, ct) => h.SaveAsync(t, data, ct));
}

/// <summary>"menu": the checklist; facilitators save what is done. Only components of the VPI's level count; others are ignored.</summary>
public sealed class MenuHandlers(VpiStore store)
{
    public Answer Show(VpiTurn t) => Answer.Card(MenuCard.Build(t.Vpi, t.IsFacilitator, t.Culture));

    public async Task<Answer> SaveAsync(VpiTurn t, SaveMenu data, CancellationToken ct)
    {
        var offered = CollaborationMenu.For(t.Vpi.Level);
        var ticked = offered.Where(c => data.Ticked.Contains(c.Id)).Select(c => c.Id).ToHashSet();
        try
        {
            var saved = await store.UpdateAsync(t.Current, t.Vpi with { CompletedComponents = ticked }, ct);
            return Answer.Card(MenuCard.Build(saved.Vpi, true, t.Culture, t.Say("Menu.Saved", ticked.Count, offered.Count)));
        }
        catch (ConcurrencyConflictException)
        {
            var now = await store.GetAsync(t.Vpi.Id, ct);
            return Answer.Card(MenuCard.Build(now!.Vpi, true, t.Culture, t.Say("Refusal.StaleCard")));
        }
    }
}
