using VpiBot.Features.Welcome.Cards;
using VpiBot.Protocol;
using VpiBot.Storage;

namespace VpiBot.Features.Welcome;

/// <summary>
/// Posts the welcome card once when the app is installed. Teams announces one installation with two activities
/// (installationUpdate "add" and conversationUpdate with the bot in membersAdded), so the first one wins.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events#installation-update-event
/// </summary>
public sealed class WelcomeOnInstall(IConversationReferenceStore references) : IInstallationEvents
{
    public async Task OnBotAddedAsync(Turn turn, CancellationToken ct)
    {
        if (await references.TryMarkWelcomedAsync(turn.Place.ConversationId, ct))
        {
            await turn.SendCardAsync(WelcomeCard.Build(turn.Culture), ct);
        }
    }

    public Task OnBotRemovedAsync(Turn turn, CancellationToken ct) => references.ForgetWelcomeAsync(turn.Place.ConversationId, ct);
}
