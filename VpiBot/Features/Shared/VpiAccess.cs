using System.Globalization;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Shared;

public sealed class VpiOptions
{
    /// <summary>Who may set up a VPI: Entra object ids or UPNs (<c>Vpi:Facilitators</c>). Empty in Development = anyone.</summary>
    public List<string> Facilitators { get; set; } = [];
}

/// <summary>A turn about one VPI, by a caller the route's <see cref="Access"/> let through.</summary>
public sealed record VpiTurn(Turn Turn, VersionedVpi Current, Member? Caller)
{
    public Vpi Vpi => Current.Vpi;
    public CultureInfo Culture => Turn.Culture;
    public bool IsFacilitator => Access.Facilitator.Check(Caller) is null;

    /// <summary>A resource string in the caller's language.</summary>
    public string Say(string key, params object[] args) => Text.Get(key, Culture, args);

    /// <summary>A refusal, politely: the card stays as it was and the person reads why.</summary>
    public Answer Refuse(Refusal refusal) => Answer.Text(VpiAccess.Explain(refusal, Culture));
}

/// <summary>Card data that names the VPI the card was made for.</summary>
public interface IVpiCard
{
    string VpiId { get; }
}

/// <summary>
/// Finds the VPI a turn is about — from the conversation it happens in; from the card only for a card in a 1:1 chat,
/// and then only for a member of that VPI — and decides, with <see cref="Access"/> and <see cref="VpiRules"/>, whether the
/// caller may go on. The router calls it before any handler runs.
/// </summary>
public sealed class VpiAccess(VpiStore store, ConnectorClient connector, IOptions<VpiOptions> options, IHostEnvironment environment)
{
    /// <summary>The key a VPI's home is stored under: the channel (not the reply thread) or the group chat.</summary>
    public static string ConversationKey(Place place) =>
        place.Kind == ConversationKind.Channel && place.ChannelId is { Length: > 0 } channel ? channel : place.ConversationId.Split(';')[0];

    public static Identity IdentityOf(Turn turn) => new(turn.From.AadObjectId, turn.From.TenantId);

    /// <summary>The VPI of the turn's conversation (none in a personal chat), whoever asks.</summary>
    public Task<VersionedVpi?> OfConversationAsync(Turn turn, CancellationToken ct) =>
        turn.Place.Kind == ConversationKind.Personal ? Task.FromResult<VersionedVpi?>(null) : store.FindByConversationAsync(ConversationKey(turn.Place), ct);

    /// <summary>
    /// The VPI and the caller's roster entry if <paramref name="access"/> allows them; otherwise why not.
    /// <paramref name="card"/> is the clicked card's data, for card buttons: in a channel or group chat it must name the
    /// conversation's VPI; in a personal chat (where review cards are also sent) it names the VPI.
    /// </summary>
    public async Task<(VpiTurn? Turn, Refusal? Refusal)> ResolveAsync(Turn turn, Access access, IVpiCard? card, CancellationToken ct)
    {
        VersionedVpi? current;
        if (turn.Place.Kind == ConversationKind.Personal)
        {
            if (card is null)
            {
                return (null, Refusal.PersonalChat);
            }
            current = await store.GetAsync(card.VpiId, ct);
            if (current is null)
            {
                return (null, Refusal.OtherVpi);
            }
        }
        else
        {
            current = await store.FindByConversationAsync(ConversationKey(turn.Place), ct);
            if (current is null)
            {
                return (null, Refusal.NotInVpiConversation);
            }
        }
        if (VpiRules.CanView(current.Vpi, IdentityOf(turn)) is { } otherTenant)
        {
            return (null, otherTenant);
        }
        if (card is not null && VpiRules.CardBelongsTo(current.Vpi, card.VpiId) is { } otherVpi)
        {
            return (null, otherVpi);
        }
        var caller = await store.GetMemberAsync(current.Vpi.Id, turn.From.AadObjectId, ct);
        var needsRoster = turn.Place.Kind == ConversationKind.Personal ? Access.Member : access;
        if ((needsRoster.Check(caller) ?? access.Check(caller)) is { } refusal)
        {
            return (null, refusal);
        }
        return (new VpiTurn(turn, current, caller), null);
    }

    /// <summary>Configured facilitators, by Entra object id or by UPN (looked up through Teams).</summary>
    public async Task<bool> IsConfiguredFacilitatorAsync(Turn turn, CancellationToken ct)
    {
        var allowed = options.Value.Facilitators;
        if (allowed.Count == 0)
        {
            return environment.IsDevelopment();
        }
        if (turn.From.AadObjectId is { } id && allowed.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!allowed.Any(a => a.Contains('@')))
        {
            return false;
        }
        var member = await connector.GetMemberAsync(turn.Place.ServiceUrl, turn.Place.ConversationId, turn.From.TeamsId, ct);
        return member?.UserPrincipalName is { } upn && allowed.Contains(upn, StringComparer.OrdinalIgnoreCase)
            && string.Equals(member.AadObjectId, turn.From.AadObjectId, StringComparison.OrdinalIgnoreCase);
    }

    public static string Explain(Refusal refusal, CultureInfo culture) => Text.Get($"Refusal.{refusal}", culture);
}
