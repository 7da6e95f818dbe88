using System.Text.Json.Nodes;
using VpiBot.Resources;

namespace VpiBot.Protocol;

/// <summary>Routes an authenticated activity by type to the features, as the SDK's ActivityHandler does.</summary>
public sealed class ActivityRouter(
    IEnumerable<ITextCommand> commands,
    IEnumerable<ICardAction> cardActions,
    IEnumerable<IInstallationEvents> installationEvents,
    IEnumerable<IContactObserver> contactObservers)
{
    private readonly ITextCommand[] _commands = commands.OrderByDescending(c => c.Name.Length).ToArray();
    private readonly Dictionary<string, ICardAction> _cardActions = cardActions.ToDictionary(a => a.Verb, StringComparer.Ordinal);

    public IReadOnlyList<ITextCommand> Commands => _commands;

    public async Task RouteAsync(Turn turn, CancellationToken ct)
    {
        foreach (var observer in contactObservers)
        {
            await observer.OnContactAsync(turn, ct);
        }
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(turn, ct);
                break;
            case ActivityTypes.Invoke:
                turn.InvokeResponse = await OnInvokeAsync(turn, ct);
                break;
            case ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade":
                await EachInstallationHandler(h => h.OnBotAddedAsync(turn, ct));
                break;
            case ActivityTypes.InstallationUpdate when activity.Action is "remove" or "remove-upgrade":
                await EachInstallationHandler(h => h.OnBotRemovedAsync(turn, ct));
                break;
            case ActivityTypes.ConversationUpdate when Includes(activity.MembersAdded, activity.Recipient?.Id):
                await EachInstallationHandler(h => h.OnBotAddedAsync(turn, ct));
                break;
            case ActivityTypes.ConversationUpdate when Includes(activity.MembersRemoved, activity.Recipient?.Id):
                await EachInstallationHandler(h => h.OnBotRemovedAsync(turn, ct));
                break;
            default:
                break; // other activity types (typing, reactions, edits …) are accepted and ignored
        }
    }

    private async Task OnMessageAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Activity.Value is JsonObject submitted && string.IsNullOrWhiteSpace(turn.CommandText))
        {
            var answer = await RunCardActionAsync(turn, BotJson.StringAt(submitted, "verb"), submitted, ct);
            await DeliverSubmitAnswerAsync(turn, answer, ct);
            return;
        }
        var text = turn.CommandText;
        var lower = text.ToLowerInvariant();
        var command = _commands.FirstOrDefault(c => lower == c.Name || lower.StartsWith(c.Name + " ", StringComparison.Ordinal));
        if (command is null)
        {
            var key = text.Length == 0 ? "Router.EmptyMessage" : "Router.UnknownCommand";
            await turn.SendTextAsync(Text.Get(key, turn.Culture), ct);
            return;
        }
        await command.RunAsync(turn, text[command.Name.Length..].Trim(), ct);
    }

    private async Task<InvokeResponse> OnInvokeAsync(Turn turn, CancellationToken ct)
    {
        switch (turn.Activity.Name)
        {
            case "healthCheck":
                // Same shape as the SDK's ActivityHandler.OnHealthCheckAsync.
                return new InvokeResponse(200, new JsonObject
                {
                    ["healthResults"] = new JsonObject { ["success"] = true, ["messages"] = new JsonArray("Health check succeeded.") },
                });
            case "adaptiveCard/action":
                var action = turn.Activity.Value is JsonObject value ? value["action"] as JsonObject : null;
                if (action is null || BotJson.StringAt(action, "type") != "Action.Execute")
                {
                    return InvokeResponse.CardAction.Error(400, "BadRequest", Text.Get("Router.MalformedCardAction", turn.Culture));
                }
                return await RunCardActionAsync(turn, BotJson.StringAt(action, "verb"), action["data"] as JsonObject ?? [], ct);
            default:
                return new InvokeResponse(501, null); // as the SDK does for invokes it does not implement
        }
    }

    private async Task<InvokeResponse> RunCardActionAsync(Turn turn, string? verb, JsonObject data, CancellationToken ct)
    {
        if (verb is null || !_cardActions.TryGetValue(verb, out var handler))
        {
            return InvokeResponse.CardAction.Error(400, "UnknownAction", Text.Get("Router.UnknownCardAction", turn.Culture));
        }
        return await handler.RunAsync(turn, data, ct);
    }

    /// <summary>An Action.Submit has no HTTP answer: a card replaces the clicked card; a message or error is posted.</summary>
    private static async Task DeliverSubmitAnswerAsync(Turn turn, InvokeResponse answer, CancellationToken ct)
    {
        var type = BotJson.StringAt(answer.Body, "type");
        var value = answer.Body?["value"];
        if (type == InvokeResponse.CardAction.CardType && value is JsonObject card && turn.Activity.ReplyToId is { } cardId)
        {
            await turn.UpdateCardAsync(cardId, (JsonObject)card.DeepClone(), ct);
        }
        else if (type == InvokeResponse.CardAction.CardType && value is JsonObject newCard)
        {
            await turn.SendCardAsync((JsonObject)newCard.DeepClone(), ct);
        }
        else if (type == InvokeResponse.CardAction.MessageType && BotJson.StringAt(answer.Body, "value") is { } message)
        {
            await turn.SendTextAsync(message, ct);
        }
        else if (type == InvokeResponse.CardAction.ErrorType && BotJson.StringAt(value, "message") is { } error)
        {
            await turn.SendTextAsync(error, ct);
        }
    }

    private async Task EachInstallationHandler(Func<IInstallationEvents, Task> run)
    {
        foreach (var handler in installationEvents)
        {
            await run(handler);
        }
    }

    private static bool Includes(List<ChannelAccount>? members, string? id) =>
        id is not null && members is not null && members.Any(m => m.Id == id);

}
