using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Shared;

public sealed class VpiOptions
{
    /// <summary>Who may set up a VPI: Entra object ids or UPNs (<c>Vpi:Facilitators</c>). Empty in Development = anyone.</summary>
    public List<string> Facilitators { get; set; } = [];
}

/// <summary>The VPI of the conversation a turn happens in, and the caller's place on its roster.</summary>
public sealed record VpiScope(VersionedVpi Current, Member? Caller)
{
    public Vpi Vpi => Current.Vpi;
}

/// <summary>
/// Finds the VPI a turn is about — always from the conversation it happens in, never from card data — and
/// decides, with <see cref="VpiRules"/>, whether the caller may see or change it.
/// </summary>
public sealed class VpiAccess(VpiStore store, ConnectorClient connector, IOptions<VpiOptions> options, IHostEnvironment environment)
{
    /// <summary>The key a VPI's home is stored under: the channel (not the reply thread) or the group chat.</summary>
    public static string ConversationKey(Place place) =>
        place.Kind == ConversationKind.Channel && place.ChannelId is { Length: > 0 } channel ? channel : place.ConversationId.Split(';')[0];

    public async Task<(VpiScope? Scope, Refusal? Refusal)> FindAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Place.Kind == ConversationKind.Personal)
        {
            return (null, Refusal.PersonalChat);
        }
        var current = await store.FindByConversationAsync(ConversationKey(turn.Place), ct);
        if (current is null)
        {
            return (null, Refusal.NotInVpiConversation);
        }
        if (VpiRules.CanView(current.Vpi, turn.From) is { } refusal)
        {
            return (null, refusal);
        }
        return (new VpiScope(current, await store.GetMemberAsync(current.Vpi.Id, turn.From.AadObjectId, ct)), null);
    }

    /// <summary>For changes: the VPI, if the caller is one of its facilitators and the card (if any) was made for it.</summary>
    public async Task<(VpiScope? Scope, Refusal? Refusal)> FindToManageAsync(Turn turn, JsonObject? cardData, CancellationToken ct)
    {
        var (scope, refusal) = await FindAsync(turn, ct);
        if (scope is null)
        {
            return (null, refusal);
        }
        refusal = VpiRules.CanManage(scope.Vpi, turn.From, scope.Caller)
            ?? (cardData is null ? null : VpiRules.CardBelongsTo(scope.Vpi, BotJson.StringAt(cardData, "vpiId")));
        return refusal is null ? (scope, null) : (null, refusal);
    }

    /// <summary>
    /// For buttons on cards that are also sent 1:1 (review cards): in a channel or group chat, the conversation's VPI,
    /// which the card must be for; in a personal chat, the VPI the card names — only if the caller is on its roster.
    /// </summary>
    public async Task<(VpiScope? Scope, Refusal? Refusal)> FindForCardAsync(Turn turn, JsonObject cardData, CancellationToken ct)
    {
        var onCard = BotJson.StringAt(cardData, "vpiId");
        if (turn.Place.Kind != ConversationKind.Personal)
        {
            var (scope, refusal) = await FindAsync(turn, ct);
            return scope is null ? (null, refusal) : VpiRules.CardBelongsTo(scope.Vpi, onCard) is { } other ? (null, other) : (scope, null);
        }
        var current = onCard is null ? null : await store.GetAsync(onCard, ct);
        if (current is null)
        {
            return (null, Refusal.OtherVpi);
        }
        if (VpiRules.CanView(current.Vpi, turn.From) is { } tenant)
        {
            return (null, tenant);
        }
        var caller = await store.GetMemberAsync(current.Vpi.Id, turn.From.AadObjectId, ct);
        return caller is null ? (null, Refusal.NotAMember) : (new VpiScope(current, caller), null);
    }

    /// <summary>For typed commands: the VPI (to see, or to manage), or null after telling the person why not.</summary>
    public async Task<VpiScope?> FindOrExplainAsync(Turn turn, bool toManage, CancellationToken ct)
    {
        var (scope, refusal) = toManage ? await FindToManageAsync(turn, null, ct) : await FindAsync(turn, ct);
        if (scope is null)
        {
            await turn.SendTextAsync(Explain(refusal!.Value, turn), ct);
        }
        return scope;
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

    public static string Explain(Refusal refusal, Turn turn) => Text.Get($"Refusal.{refusal}", turn.Culture);

    /// <summary>A refusal as the answer to a card button: the card stays as it was and the person reads why.</summary>
    public static InvokeResponse Refuse(Refusal refusal, Turn turn) => InvokeResponse.CardAction.Message(Explain(refusal, turn));
}
