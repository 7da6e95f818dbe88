using System.Collections.Concurrent;
using VpiBot.Protocol;

namespace VpiBot.Storage;

/// <summary>What the bot needs to message a person or a conversation later, without being spoken to first.</summary>
public sealed record ConversationReference(
    string ConversationId,
    ConversationKind Kind,
    string ServiceUrl,
    string? TenantId,
    string? BotId,
    string? UserId,
    string? AadObjectId,
    string? TeamId,
    string? ChannelId,
    string? Locale,
    DateTimeOffset UpdatedAt)
{
    public static ConversationReference Of(Turn turn, DateTimeOffset now) => new(
        turn.Place.ConversationId, turn.Place.Kind, turn.Place.ServiceUrl, turn.From.TenantId,
        turn.Activity.Recipient?.Id, turn.From.TeamsId, turn.From.AadObjectId,
        turn.Place.TeamId, turn.Place.ChannelId, turn.Activity.Locale, now);
}

public interface IConversationReferenceStore
{
    Task SaveAsync(ConversationReference reference, CancellationToken ct);
    Task<ConversationReference?> FindAsync(string conversationId, CancellationToken ct);
    /// <summary>The personal (1:1) conversation of a user, by Entra object id, if the bot has one.</summary>
    Task<ConversationReference?> FindPersonalAsync(string aadObjectId, CancellationToken ct);
    /// <summary>True exactly once per installation: Teams announces one install with two activities.</summary>
    Task<bool> TryMarkWelcomedAsync(string conversationId, CancellationToken ct);
    Task ForgetWelcomeAsync(string conversationId, CancellationToken ct);
    /// <summary>Forgets a conversation Bot Connector says no longer exists (404), and the user's 1:1 pointer to it,
    /// so the next proactive message opens a new one.</summary>
    Task ForgetAsync(ConversationReference reference, CancellationToken ct);
}

/// <summary>
/// Keeps the reference of every conversation the bot hears from. A reference is written when it is new or has
/// changed (Teams can move a tenant to another serviceUrl), not on every message: this process remembers what it wrote.
/// </summary>
public sealed class ConversationReferenceKeeper(IConversationReferenceStore store, TimeProvider time) : IContactObserver
{
    private readonly ConcurrentDictionary<string, ConversationReference> _written = new(StringComparer.Ordinal);

    public async Task OnContactAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Place.ConversationId.Length == 0 || turn.Place.ServiceUrl.Length == 0)
        {
            return;
        }
        var reference = ConversationReference.Of(turn, time.GetUtcNow());
        var unchanged = reference with { UpdatedAt = default };
        if (_written.TryGetValue(reference.ConversationId, out var last) && last == unchanged)
        {
            return;
        }
        await store.SaveAsync(reference, ct);
        if (_written.Count > 100_000)
        {
            _written.Clear(); // a bound on memory; the cost is one extra write per conversation
        }
        _written[reference.ConversationId] = unchanged;
    }
}
