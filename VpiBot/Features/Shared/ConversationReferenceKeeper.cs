using System.Collections.Concurrent;
using VpiBot.Protocol;
using VpiBot.Storage;

namespace VpiBot.Features.Shared;

/// <summary>
/// Keeps the reference of every conversation the bot hears from, so it can message people later. A reference is
/// written when it is new or has changed (Teams can move a tenant to another serviceUrl), not on every message: this
/// process remembers what it wrote, within a bound.
/// </summary>
public sealed class ConversationReferenceKeeper(IConversationReferenceStore store, TimeProvider time) : IContactObserver
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, ConversationReference> _written = new(StringComparer.Ordinal);

    public static ConversationReference Of(Turn turn, DateTimeOffset now) => new(
        turn.Place.ConversationId, KindOf(turn.Place.Kind), turn.Place.ServiceUrl, turn.From.TenantId,
        turn.Activity.Recipient?.Id, turn.From.TeamsId, turn.From.AadObjectId,
        turn.Place.TeamId, turn.Place.ChannelId, turn.Activity.Locale, now);

    public async Task OnContactAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Place.ConversationId.Length == 0 || turn.Place.ServiceUrl.Length == 0)
        {
            return;
        }
        var reference = Of(turn, time.GetUtcNow());
        var unchanged = reference with { UpdatedAt = default };
        if (_written.TryGetValue(reference.ConversationId, out var last) && last == unchanged)
        {
            return;
        }
        await store.SaveAsync(reference, ct);
        if (_written.Count > MaxRemembered)
        {
            _written.Clear(); // a bound on memory; the cost is one extra write per conversation
        }
        _written[reference.ConversationId] = unchanged;
    }

    private static ReferenceKind KindOf(ConversationKind kind) => kind switch
    {
        ConversationKind.Channel => ReferenceKind.Channel,
        ConversationKind.GroupChat => ReferenceKind.GroupChat,
        _ => ReferenceKind.Personal,
    };
}
