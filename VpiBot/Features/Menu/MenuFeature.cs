using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Menu;

/// <summary>The menu-of-options checklist for the VPI's level: toggles for facilitators, a read-only list for everyone else.</summary>
public static class MenuCard
{
    public const string Verb = "vpi.menu.save";

    public static JsonObject Build(Vpi vpi, bool canManage, CultureInfo culture, string? notice = null)
    {
        var components = CollaborationMenu.For(vpi.Level);
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            Heading(Text.Get("Menu.Title", culture)),
            Paragraph(Text.Get("Menu.Level", culture, Labels.Of(vpi.Level, culture))),
        };
        foreach (var component in components)
        {
            var done = vpi.CompletedComponents.Contains(component.Id);
            body.Add(canManage
                ? new JsonObject
                {
                    ["type"] = "Input.Toggle", ["id"] = "c_" + component.Id, ["title"] = Labels.Of(component, culture),
                    ["value"] = done ? "true" : "false", ["valueOn"] = "true", ["valueOff"] = "false", ["wrap"] = true,
                }
                : Paragraph((done ? "✓ " : "○ ") + Labels.Of(component, culture)));
        }
        var actions = canManage ? new List<JsonNode> { Execute(Text.Get("Menu.Save", culture), Verb, new JsonObject { ["vpiId"] = vpi.Id }) } : [];
        return Card(body, actions);
    }
}

public sealed class MenuCommand(VpiAccess access) : ITextCommand
{
    public string Name => "menu";
    public string DescriptionKey => "Help.Command.Menu";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: false, ct) is not { } scope)
        {
            return;
        }
        await turn.SendCardAsync(MenuCard.Build(scope.Vpi, VpiRules.CanManage(scope.Vpi, turn.From, scope.Caller) is null, turn.Culture), ct);
    }
}

/// <summary>Saves the ticked components. Only components of the VPI's level count; unknown inputs are ignored.</summary>
public sealed class SaveMenuAction(VpiAccess access, VpiStore store) : ICardAction
{
    public string Verb => MenuCard.Verb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindToManageAsync(turn, data, ct);
        if (scope is null)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        var offered = CollaborationMenu.For(scope.Vpi.Level);
        var ticked = offered.Where(c => BotJson.StringAt(data, "c_" + c.Id) == "true").Select(c => c.Id).ToHashSet();
        try
        {
            var saved = await store.UpdateAsync(scope.Current, scope.Vpi with { CompletedComponents = ticked }, ct);
            return InvokeResponse.CardAction.Card(MenuCard.Build(saved.Vpi, true, turn.Culture,
                Text.Get("Menu.Saved", turn.Culture, ticked.Count, offered.Count)));
        }
        catch (ConcurrencyConflictException)
        {
            var now = await store.GetAsync(scope.Vpi.Id, ct);
            return InvokeResponse.CardAction.Card(MenuCard.Build(now!.Vpi, true, turn.Culture, Text.Get("Refusal.StaleCard", turn.Culture)));
        }
    }
}
