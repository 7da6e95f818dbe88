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
}

/// <summary>In-process references; replaced by the table store when storage lands.</summary>
public sealed class InMemoryConversationReferences : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<string, ConversationReference> _byConversation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConversationReference> _personalByUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _welcomed = new(StringComparer.Ordinal);

    public Task SaveAsync(ConversationReference reference, CancellationToken ct)
    {
        _byConversation[reference.ConversationId] = reference;
        if (reference is { Kind: ConversationKind.Personal, AadObjectId: { } user })
        {
            _personalByUser[user] = reference;
        }
        return Task.CompletedTask;
    }

    public Task<ConversationReference?> FindAsync(string conversationId, CancellationToken ct) =>
        Task.FromResult(_byConversation.GetValueOrDefault(conversationId));

    public Task<ConversationReference?> FindPersonalAsync(string aadObjectId, CancellationToken ct) =>
        Task.FromResult(_personalByUser.GetValueOrDefault(aadObjectId));

    public Task<bool> TryMarkWelcomedAsync(string conversationId, CancellationToken ct) =>
        Task.FromResult(_welcomed.TryAdd(conversationId, true));

    public Task ForgetWelcomeAsync(string conversationId, CancellationToken ct)
    {
        _welcomed.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }
}

/// <summary>Keeps the reference of every conversation the bot hears from.</summary>
public sealed class ConversationReferenceKeeper(IConversationReferenceStore store, TimeProvider time) : IContactObserver
{
    public Task OnContactAsync(Turn turn, CancellationToken ct) =>
        turn.Place.ConversationId.Length == 0 || turn.Place.ServiceUrl.Length == 0
            ? Task.CompletedTask
            : store.SaveAsync(ConversationReference.Of(turn, time.GetUtcNow()), ct);
}
