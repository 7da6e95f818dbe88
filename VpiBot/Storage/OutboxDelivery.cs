using System.Text.Json;
using System.Text.Json.Serialization;
using VpiBot.Domain;

namespace VpiBot.Storage;

/// <summary>Where a delivery goes.</summary>
public enum DeliveryKind
{
    /// <summary>A new message in the VPI's home conversation (its channel or group chat, <see cref="Vpi.Home"/>).</summary>
    Home,
    /// <summary>A new message 1:1 to a member (their personal chat with the bot, opened if need be).</summary>
    Member,
    /// <summary>A replacement (PUT) of a card posted earlier; see <see cref="OutboxDelivery.UpdatePosted"/>.</summary>
    Update,
}

/// <summary>
/// One proactive send the outbox owes: where it goes, and which registered message view renders it (by name, with
/// its arguments as JSON) <b>at send time</b>, so what people see is the state when it is sent, not when it was queued.
/// Built with <see cref="ToHome"/>, <see cref="ToMember"/> or <see cref="UpdatePosted"/>.
/// </summary>
public sealed record OutboxDelivery(
    DeliveryKind Kind,
    string View,
    JsonElement? Args,
    string Culture,
    string? MemberAadObjectId = null,
    string? MemberTeamsId = null,
    string? BotId = null,
    string? ServiceUrl = null,
    string? Track = null,
    PostedCard? Card = null)
{
    /// <summary>A new message in the VPI's home conversation. With <paramref name="track"/>, the posted message is
    /// remembered under that key so a later <see cref="UpdatePosted"/> replaces it.</summary>
    public static OutboxDelivery ToHome(string view, object? args, string culture, string? track = null) =>
        new(DeliveryKind.Home, view, ArgsOf(args), culture, Track: track);

    /// <summary>
    /// A message 1:1 to a member: through the stored personal conversation, or one the bot opens
    /// (<c>POST /v3/conversations</c> needs the bot's id and the tenant's serviceUrl, so they travel with the delivery).
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
    /// </summary>
    public static OutboxDelivery ToMember(Member member, string botId, string serviceUrl, string view, object? args, string culture, string? track = null) =>
        new(DeliveryKind.Member, view, ArgsOf(args), culture, member.AadObjectId, member.TeamsId, botId, serviceUrl, track);

    /// <summary>
    /// Replaces every copy posted under <paramref name="track"/> with the view's current rendering. Coalesced: while
    /// an update of a copy is queued and not started, another request adds nothing; if one is being sent, exactly one
    /// more follows it.
    /// </summary>
    public static OutboxDelivery UpdatePosted(string track, string view, object? args, string culture) =>
        new(DeliveryKind.Update, view, ArgsOf(args), culture, Track: track);

    /// <summary>Deliveries to one conversation go out in the order they were queued; this names that conversation.</summary>
    [JsonIgnore]
    public string OrderKey => Kind switch
    {
        DeliveryKind.Home => "home",
        DeliveryKind.Member => "member|" + MemberAadObjectId?.ToLowerInvariant(),
        _ => "conversation|" + Card?.ConversationId,
    };

    private static JsonElement? ArgsOf(object? args) =>
        args is null ? null : args is JsonElement e ? e : JsonSerializer.SerializeToElement(args, args.GetType(), VpiStore.Json);
}
