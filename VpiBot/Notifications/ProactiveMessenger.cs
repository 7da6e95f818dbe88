using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Storage;

namespace VpiBot.Notifications;

/// <summary>
/// Messages the bot sends on its own: to a VPI's channel, or 1:1 to a member (through their stored personal
/// conversation, or a new one the bot opens). Paced by <see cref="TeamsRateLimiter"/>. A person who blocked the bot
/// or left the team does not stop the others: failures are logged and skipped.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
/// </summary>
public sealed class ProactiveMessenger(
    ConnectorClient connector, IConversationReferenceStore references, TeamsRateLimiter limiter, ILogger<ProactiveMessenger> log)
{
    /// <summary>Posts a card as a new message in a conversation (a channel's new thread, a group chat).</summary>
    public async Task<PostedCard?> PostCardAsync(string serviceUrl, string conversationId, string tenantId, JsonObject card, CancellationToken ct)
    {
        try
        {
            await limiter.WaitTurnAsync(tenantId, conversationId, ct);
            var id = await connector.SendAsync(serviceUrl, conversationId, CardMessage(card), ct);
            return id is null ? null : new PostedCard(serviceUrl, conversationId, id);
        }
        catch (ConnectorException e)
        {
            log.LogWarning(e, "Could not post a card to conversation {Conversation}: {Failure}", conversationId, e.Failure);
            return null;
        }
    }

    /// <summary>Sends a card 1:1 to a member; opens the personal chat if the bot has none with them yet.</summary>
    public async Task<PostedCard?> SendCardToMemberAsync(Member member, string serviceUrl, string tenantId, string botId, JsonObject card, CancellationToken ct) =>
        await SendToMemberAsync(member, serviceUrl, tenantId, botId, CardMessage(card), ct);

    public async Task SendTextToMemberAsync(Member member, string serviceUrl, string tenantId, string botId, string text, CancellationToken ct) =>
        await SendToMemberAsync(member, serviceUrl, tenantId, botId, new Activity { Type = ActivityTypes.Message, Text = text }, ct);

    /// <summary>Replaces a card posted earlier (everyone who sees that message sees the new card).</summary>
    public async Task UpdateCardAsync(PostedCard posted, string tenantId, JsonObject card, CancellationToken ct)
    {
        try
        {
            await limiter.WaitTurnAsync(tenantId, posted.ConversationId, ct);
            await connector.UpdateAsync(posted.ServiceUrl, posted.ConversationId, posted.ActivityId, CardMessage(card), ct);
        }
        catch (ConnectorException e)
        {
            log.LogWarning(e, "Could not update card {Activity} in {Conversation}: {Failure}", posted.ActivityId, posted.ConversationId, e.Failure);
        }
    }

    private async Task<PostedCard?> SendToMemberAsync(Member member, string serviceUrl, string tenantId, string botId, Activity message, CancellationToken ct)
    {
        try
        {
            var personal = await references.FindPersonalAsync(member.AadObjectId, ct);
            var conversationId = personal?.ConversationId
                ?? await connector.CreatePersonalConversationAsync(serviceUrl, botId, member.TeamsId, tenantId, ct);
            var url = personal?.ServiceUrl ?? serviceUrl;
            await limiter.WaitTurnAsync(tenantId, conversationId, ct);
            var id = await connector.SendAsync(url, conversationId, message, ct);
            return id is null ? null : new PostedCard(url, conversationId, id);
        }
        catch (ConnectorException e)
        {
            log.LogWarning(e, "Could not message member {Member}: {Failure}", member.AadObjectId, e.Failure);
            return null;
        }
    }

    private static Activity CardMessage(JsonObject card) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)] };
}
