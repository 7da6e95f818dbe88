using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Protocol.Connector;

namespace VpiBot.Protocol;

public enum ConversationKind { Personal, GroupChat, Channel }

/// <summary>Who is speaking, as Teams identifies them. Authorisation uses <see cref="AadObjectId"/> and <see cref="TenantId"/>.</summary>
public sealed record Speaker(string TeamsId, string? AadObjectId, string? Name, string? TenantId);

/// <summary>Where the turn happens. <see cref="TeamId"/> and <see cref="ChannelId"/> are set in team channels only.</summary>
public sealed record Place(ConversationKind Kind, string ConversationId, string? TeamId, string? ChannelId, string ServiceUrl);

/// <summary>
/// One inbound activity and what the bot may do about it: the seam every feature is written against.
/// Sends go back to the conversation the activity came from (as a reply, so channel threads stay together).
/// </summary>
public sealed class Turn
{
    private readonly ConnectorClient _connector;

    public Turn(Activity activity, ConnectorClient connector)
    {
        _connector = connector;
        Activity = activity;
        From = new Speaker(activity.From?.Id ?? "", activity.From?.AadObjectId, activity.From?.Name, activity.TenantId);
        Place = new Place(KindOf(activity.Conversation?.ConversationType), activity.Conversation?.Id ?? "",
            BotJson.StringAt(activity.ChannelData, "team", "id"), BotJson.StringAt(activity.ChannelData, "channel", "id"),
            activity.ServiceUrl ?? "");
        Culture = Languages.For(activity.Locale);
        CommandText = MessageText.WithoutBotMention(activity);
    }

    public Activity Activity { get; }
    public Speaker From { get; }
    public Place Place { get; }
    public CultureInfo Culture { get; }
    /// <summary>The typed text with the bot's @mention removed, trimmed.</summary>
    public string CommandText { get; }

    public Task<string?> SendTextAsync(string text, CancellationToken ct) =>
        SendAsync(new Activity { Type = ActivityTypes.Message, Text = text }, ct);

    public Task<string?> SendCardAsync(JsonObject card, CancellationToken ct) =>
        SendAsync(new Activity { Type = ActivityTypes.Message, Attachments = [CardAttachment(card)] }, ct);

    /// <summary>Posts a card as a new message in this conversation (in a channel, in the thread the turn belongs to), not as a reply to the activity.</summary>
    public Task<string?> PostCardAsync(JsonObject card, CancellationToken ct) =>
        _connector.SendAsync(Place.ServiceUrl, Place.ConversationId,
            Address(new Activity { Type = ActivityTypes.Message, Attachments = [CardAttachment(card)] }, replyTo: null), ct);

    /// <summary>Replaces a card the bot sent earlier in this conversation.</summary>
    public Task UpdateCardAsync(string activityId, JsonObject card, CancellationToken ct) =>
        _connector.UpdateAsync(Place.ServiceUrl, Place.ConversationId, activityId,
            Address(new Activity { Type = ActivityTypes.Message, Attachments = [CardAttachment(card)] }), ct);

    /// <summary>A card for this turn's reader: right to left for an Arabic reader (see <see cref="Languages.Directed"/>).</summary>
    public JsonObject ForReader(JsonObject card) => Languages.Directed(card, Culture);

    private Attachment CardAttachment(JsonObject card) => Attachment.AdaptiveCard(ForReader(card));

    private Task<string?> SendAsync(Activity reply, CancellationToken ct)
    {
        Address(reply);
        return Activity.Id is { Length: > 0 } id
            ? _connector.ReplyAsync(Place.ServiceUrl, Place.ConversationId, id, reply, ct)
            : _connector.SendAsync(Place.ServiceUrl, Place.ConversationId, reply, ct);
    }

    private Activity Address(Activity reply) => Address(reply, Activity.Id);

    private Activity Address(Activity reply, string? replyTo)
    {
        reply.From = Activity.Recipient;
        reply.Recipient = Activity.From;
        reply.Conversation = Activity.Conversation;
        reply.ReplyToId = replyTo;
        reply.Locale ??= Activity.Locale;
        return reply;
    }

    public static ConversationKind KindOf(string? conversationType) => conversationType switch
    {
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.GroupChat,
        _ => ConversationKind.Personal,
    };
}

/// <summary>The HTTP answer to an invoke activity.</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body)
{
    /// <summary>
    /// Universal Actions answers (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views
    /// and https://learn.microsoft.com/adaptive-cards/authoring-cards/universal-action-model#response-format):
    /// HTTP 200 with <c>{"statusCode", "type", "value"}</c>.
    /// </summary>
    public static class CardAction
    {
        public const string CardType = "application/vnd.microsoft.card.adaptive";
        public const string MessageType = "application/vnd.microsoft.activity.message";
        public const string ErrorType = "application/vnd.microsoft.error";

        public static InvokeResponse Card(JsonObject card) => Body(200, CardType, card);

        public static InvokeResponse Message(string text) => Body(200, MessageType, JsonValue.Create(text));

        public static InvokeResponse Error(int statusCode, string code, string message) =>
            Body(statusCode, ErrorType, new JsonObject { ["code"] = code, ["message"] = message });

        private static InvokeResponse Body(int statusCode, string type, JsonNode? value) =>
            new(200, new JsonObject { ["statusCode"] = statusCode, ["type"] = type, ["value"] = value });
    }
}
