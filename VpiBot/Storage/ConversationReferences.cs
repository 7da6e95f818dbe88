namespace VpiBot.Storage;

/// <summary>The kind of conversation a reference is for (stored by name).</summary>
public enum ReferenceKind { Personal, GroupChat, Channel }

/// <summary>What the bot needs to message a person or a conversation later, without being spoken to first.</summary>
public sealed record ConversationReference(
    string ConversationId,
    ReferenceKind Kind,
    string ServiceUrl,
    string? TenantId,
    string? BotId,
    string? UserId,
    string? AadObjectId,
    string? TeamId,
    string? ChannelId,
    string? Locale,
    DateTimeOffset UpdatedAt);

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
