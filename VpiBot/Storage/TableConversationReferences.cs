using System.Text.Json;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>
/// Conversation references in the table store, so proactive messages survive restarts and work from any instance.
/// One partition per conversation (<c>ref|{id}</c>: the reference, and a "welcomed" marker inserted once per install)
/// and one per user for their 1:1 chat (<c>user|{aadObjectId}</c>).
/// </summary>
public sealed class TableConversationReferences(ITableStore table) : IConversationReferenceStore
{
    private const string Row = "ref";
    private const string WelcomedRow = "welcomed";

    private static string ConversationPartition(string conversationId) => "ref|" + conversationId;
    private static string UserPartition(string aadObjectId) => "user|" + aadObjectId.ToLowerInvariant();

    public async Task SaveAsync(ConversationReference reference, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(reference, VpiStore.Json);
        await table.UpsertAsync(ConversationPartition(reference.ConversationId), Row, json, ct);
        if (reference is { Kind: ReferenceKind.Personal, AadObjectId: { } user })
        {
            await table.UpsertAsync(UserPartition(user), Row, json, ct);
        }
    }

    public Task<ConversationReference?> FindAsync(string conversationId, CancellationToken ct) => ReadAsync(ConversationPartition(conversationId), ct);

    public Task<ConversationReference?> FindPersonalAsync(string aadObjectId, CancellationToken ct) => ReadAsync(UserPartition(aadObjectId), ct);

    public async Task<bool> TryMarkWelcomedAsync(string conversationId, CancellationToken ct)
    {
        try
        {
            await table.InsertAsync(ConversationPartition(conversationId), WelcomedRow, "{}", ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false; // the other of Teams' two install activities, or another instance, got here first
        }
    }

    public async Task ForgetWelcomeAsync(string conversationId, CancellationToken ct)
    {
        try
        {
            await table.DeleteAsync(ConversationPartition(conversationId), WelcomedRow, "*", ct);
        }
        catch (ConcurrencyConflictException)
        {
            // never welcomed: nothing to forget
        }
    }

    public async Task ForgetAsync(ConversationReference reference, CancellationToken ct)
    {
        await DeleteIfPresentAsync(ConversationPartition(reference.ConversationId), Row, ct);
        if (reference is { Kind: ReferenceKind.Personal, AadObjectId: { } user }
            && await ReadAsync(UserPartition(user), ct) is { } personal && personal.ConversationId == reference.ConversationId)
        {
            await DeleteIfPresentAsync(UserPartition(user), Row, ct); // only if it still points at the conversation that is gone
        }
    }

    private async Task DeleteIfPresentAsync(string partition, string row, CancellationToken ct)
    {
        try
        {
            await table.DeleteAsync(partition, row, "*", ct);
        }
        catch (ConcurrencyConflictException)
        {
            // already gone
        }
    }

    private async Task<ConversationReference?> ReadAsync(string partition, CancellationToken ct)
    {
        var row = await table.GetAsync(partition, Row, ct);
        return row is null ? null : JsonSerializer.Deserialize<ConversationReference>(row.Data, VpiStore.Json);
    }
}
