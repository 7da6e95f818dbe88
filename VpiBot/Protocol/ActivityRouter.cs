using System.Text.Json.Nodes;
using VpiBot.Protocol.Routing;
using VpiBot.Telemetry;

namespace VpiBot.Protocol;

/// <summary>
/// Routes an authenticated activity by type, as the SDK's ActivityHandler does: typed commands and card verbs through
/// the <see cref="RouteTable"/>, installs to <see cref="IInstallationEvents"/>. Card data is read once, strictly, into the
/// verb's record; a card that does not fit is refused here, before any handler runs. Handlers return an
/// <see cref="Answer"/>, which becomes the invoke's HTTP answer or the messages to send.
/// </summary>
public sealed class ActivityRouter(
    RouteTable routes,
    IBotWording wording,
    IServiceProvider services,
    IEnumerable<IInstallationEvents> installationEvents,
    IEnumerable<IContactObserver> contactObservers,
    VpiTelemetry telemetry)
{
    /// <summary>Handles the turn; for an invoke, returns its HTTP answer.</summary>
    public async Task<InvokeResponse?> RouteAsync(Turn turn, CancellationToken ct)
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
                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeAsync(turn, ct);
            case ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade":
            case ActivityTypes.ConversationUpdate when Includes(activity.MembersAdded, activity.Recipient?.Id):
                foreach (var handler in installationEvents)
                {
                    await handler.OnBotAddedAsync(turn, ct);
                }
                return null;
            case ActivityTypes.InstallationUpdate when activity.Action is "remove" or "remove-upgrade":
            case ActivityTypes.ConversationUpdate when Includes(activity.MembersRemoved, activity.Recipient?.Id):
                foreach (var handler in installationEvents)
                {
                    await handler.OnBotRemovedAsync(turn, ct);
                }
                return null;
            default:
                return null; // other activity types (typing, reactions, edits …) are accepted and ignored
        }
    }

    private async Task OnMessageAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Activity.Value is JsonObject submitted && string.IsNullOrWhiteSpace(turn.CommandText))
        {
            var data = (JsonObject)submitted.DeepClone();
            var verb = BotJson.StringAt(data, CardData.SubmitVerbKey);
            data.Remove(CardData.SubmitVerbKey);
            // an Action.Submit has no HTTP answer: a card replaces the clicked card
            await DeliverAsync(turn, await RunCardAsync(turn, verb, data, ct), turn.Activity.ReplyToId, ct);
            return;
        }
        var text = turn.CommandText;
        var (route, arguments) = routes.Match(text.TrimEnd(QuestionEnds), Languages.LanguageOf(turn.Culture));
        if (route is not null && arguments.Length > 0 && text.TrimEnd() is [.., var last] && QuestionMarks.Contains(last) && routes.Fallback is not null)
        {
            route = null; // "who hasn't voted on R3?" is a question that begins like a command: the question path reads it whole
        }
        var answer = route is not null ? await route.Run(turn, arguments, services, ct)
            : text.Length > 0 && routes.Fallback is { } fallback ? await fallback(turn, text, services, ct)
            : Answer.Text(wording.Say(text.Length == 0 ? RouterWord.EmptyMessage : RouterWord.UnknownCommand, turn.Culture));
        await DeliverAsync(turn, answer, null, ct);
    }

    /// <summary>Question marks: Latin, full-width (Chinese) and Arabic (U+061F).</summary>
    private static readonly char[] QuestionMarks = ['?', '\uFF1F', '\u061F'];
    private static readonly char[] QuestionEnds = [.. QuestionMarks, ' ', '\u00BF'];

    private async Task<InvokeResponse> OnInvokeAsync(Turn turn, CancellationToken ct)
    {
        telemetry.Invoke(turn.Activity.Name, KnownVerb(turn.Activity));
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
                    return InvokeResponse.CardAction.Error(400, "BadRequest", wording.Say(RouterWord.MalformedCardAction, turn.Culture));
                }
                var data = action["data"] switch
                {
                    null => new JsonObject(),
                    JsonObject o => o,
                    _ => null,
                };
                var answer = data is null
                    ? new Answer.BadRequest(wording.Say(RouterWord.InvalidCardData, turn.Culture))
                    : await RunCardAsync(turn, BotJson.StringAt(action, "verb"), data, ct);
                return answer switch
                {
                    Answer.ShowCard show => InvokeResponse.CardAction.Card(turn.ForReader(show.Content)),
                    Answer.Say say => InvokeResponse.CardAction.Message(say.Message),
                    Answer.BadRequest bad => InvokeResponse.CardAction.Error(400, "BadRequest", bad.Message),
                    _ => new InvokeResponse(200, null),
                };
            default:
                return new InvokeResponse(501, null); // as the SDK does for invokes it does not implement
        }
    }

    private async Task<Answer> RunCardAsync(Turn turn, string? verb, JsonObject data, CancellationToken ct)
    {
        if (verb is null || !routes.Cards.TryGetValue(verb, out var route))
        {
            return new Answer.BadRequest(wording.Say(RouterWord.UnknownCardAction, turn.Culture));
        }
        VpiTelemetry.TagVerb(verb); // one of our route table's verbs: a constant
        return CardData.Read(route.DataType, data) is { } typed
            ? await route.Run(turn, typed, services, ct)
            : new Answer.BadRequest(wording.Say(RouterWord.InvalidCardData, turn.Culture));
    }

    /// <summary>An answer as messages: a card (replacing <paramref name="cardToReplace"/> if given) or a text.</summary>
    private static async Task DeliverAsync(Turn turn, Answer answer, string? cardToReplace, CancellationToken ct)
    {
        switch (answer)
        {
            case Answer.ShowCard show when cardToReplace is not null:
                await turn.UpdateCardAsync(cardToReplace, show.Content, ct);
                break;
            case Answer.ShowCard show:
                await turn.SendCardAsync(show.Content, ct);
                break;
            case Answer.Say say:
                await turn.SendTextAsync(say.Message, ct);
                break;
            case Answer.BadRequest bad:
                await turn.SendTextAsync(bad.Message, ct);
                break;
        }
    }

    /// <summary>The card verb of an <c>adaptiveCard/action</c> invoke when our route table knows it (a constant of ours); else null.</summary>
    private string? KnownVerb(Activity activity) =>
        activity.Name == "adaptiveCard/action" && activity.Value is JsonObject value && value["action"] is JsonObject action
            && BotJson.StringAt(action, "verb") is { } verb && routes.Cards.ContainsKey(verb) ? verb : null;

    private static bool Includes(List<ChannelAccount?>? members, string? id) =>
        id is not null && members is not null && members.Any(m => m?.Id == id);
}
