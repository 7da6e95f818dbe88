using System.Text.Json;
using System.Text.Json.Serialization;
using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>A VPI as read, with the ETag a conditional update must match.</summary>
public sealed record VersionedVpi(Vpi Vpi, string ETag);

/// <summary>
/// VPIs and their rosters in the table store. One partition per VPI (<c>vpi|{id}</c>: the VPI row and one row per
/// member), so a VPI's data never mixes with another's; plus one small row per conversation binding it to its VPI.
/// </summary>
public sealed class VpiStore(ITableStore table, TimeProvider? time = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private const string VpiRow = "vpi";
    private const string MemberPrefix = "member|";

    /// <summary>The partition holding everything of one VPI (the VPI, its roster, its priorities).</summary>
    internal static string Partition(string vpiId) => "vpi|" + vpiId;
    private static string Binding(string conversationKey) => "conversation|" + conversationKey;

    public async Task<VersionedVpi?> GetAsync(string vpiId, CancellationToken ct)
    {
        var row = await table.GetAsync(Partition(vpiId), VpiRow, ct);
        return row is null ? null : new VersionedVpi(JsonSerializer.Deserialize<Vpi>(row.Data, Json)!, row.ETag);
    }

    /// <summary>The VPI set up in this conversation (channel or group chat), if any.</summary>
    public async Task<VersionedVpi?> FindByConversationAsync(string conversationKey, CancellationToken ct)
    {
        var binding = await table.GetAsync(Binding(conversationKey), VpiRow, ct);
        return binding is null ? null : await GetAsync(JsonSerializer.Deserialize<BindingDoc>(binding.Data, Json)!.VpiId, ct);
    }

    /// <summary>How long a binding whose VPI is not written yet counts as a creation in progress (another facilitator
    /// saving at the same moment); after that it is taken for one left by an interrupted creation, and reused.</summary>
    public static readonly TimeSpan CreationInProgress = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Creates the VPI with its first facilitator and binds the conversation to it. Returns false if the conversation
    /// already has a VPI, or one being created (two facilitators saving at once: the first binding wins). A binding left
    /// by an interrupted creation (older than <see cref="CreationInProgress"/>, no VPI) is reused.
    /// </summary>
    public async Task<bool> CreateAsync(Vpi vpi, Member facilitator, CancellationToken ct)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var bindingKey = Binding(vpi.Home.ConversationId);
        var doc = JsonSerializer.Serialize(new BindingDoc(vpi.Id, now), Json);
        try
        {
            await table.InsertAsync(bindingKey, VpiRow, doc, ct);
        }
        catch (ConcurrencyConflictException)
        {
            var existing = await table.GetAsync(bindingKey, VpiRow, ct);
            var bound = existing is null ? null : JsonSerializer.Deserialize<BindingDoc>(existing.Data, Json)!;
            if (bound is null || now - (bound.At ?? DateTimeOffset.MinValue) < CreationInProgress || await GetAsync(bound.VpiId, ct) is not null)
            {
                return false;
            }
            try
            {
                await table.ReplaceAsync(bindingKey, VpiRow, doc, existing!.ETag, ct);
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }
        await table.ExecuteBatchAsync(Partition(vpi.Id),
        [
            new RowOperation.Insert(VpiRow, JsonSerializer.Serialize(vpi, Json)),
            new RowOperation.Insert(MemberPrefix + facilitator.AadObjectId.ToLowerInvariant(), JsonSerializer.Serialize(facilitator, Json)),
        ], ct);
        await NoteMembershipAsync(facilitator.AadObjectId, vpi.Id, ct);
        return true;
    }

    /// <summary>Saves a change to the VPI if nobody changed it since <paramref name="read"/>; <see cref="ConcurrencyConflictException"/> otherwise.</summary>
    public async Task<VersionedVpi> UpdateAsync(VersionedVpi read, Vpi changed, CancellationToken ct)
    {
        var row = await table.ReplaceAsync(Partition(read.Vpi.Id), VpiRow, JsonSerializer.Serialize(changed, Json), read.ETag, ct);
        return new VersionedVpi(changed, row.ETag);
    }

    /// <summary>
    /// Marks something done once for the VPI (a question asked, a notice given): true the first time, false if it was
    /// marked already (an insert: of two at once, one wins).
    /// </summary>
    public async Task<bool> TryMarkOnceAsync(string vpiId, string marker, CancellationToken ct)
    {
        try
        {
            await table.InsertAsync(Partition(vpiId), "once|" + marker, "{}", ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    public async Task<Member?> GetMemberAsync(string vpiId, string? aadObjectId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(aadObjectId))
        {
            return null;
        }
        var row = await table.GetAsync(Partition(vpiId), MemberPrefix + aadObjectId.ToLowerInvariant(), ct);
        return row is null ? null : JsonSerializer.Deserialize<Member>(row.Data, Json);
    }

    public async Task<IReadOnlyList<Member>> GetMembersAsync(string vpiId, CancellationToken ct) =>
        (await table.QueryAllAsync(Partition(vpiId), MemberPrefix, ct)).Select(r => JsonSerializer.Deserialize<Member>(r.Data, Json)!).ToList();

    /// <summary>
    /// Adds someone not yet on the roster (imports, seeding): an insert, so it can never change an existing member's
    /// role; <see cref="ConcurrencyConflictException"/> if they are on it already.
    /// </summary>
    public async Task AddNewMemberAsync(string vpiId, Member member, CancellationToken ct)
    {
        await table.InsertAsync(Partition(vpiId), MemberPrefix + member.AadObjectId.ToLowerInvariant(), JsonSerializer.Serialize(member, Json), ct);
        await NoteMembershipAsync(member.AadObjectId, vpiId, ct);
    }

    /// <summary>
    /// Adds or updates a member (their Entra object id is the key), or removes one — only if the VPI is still as
    /// <paramref name="read"/>: the VPI row is rewritten in the same atomic batch, so of two roster changes checked
    /// against the same roster (two facilitators removing each other) one wins and the other gets
    /// <see cref="ConcurrencyConflictException"/>, to check again against the roster as it now is.
    /// </summary>
    public async Task<VersionedVpi> ChangeRosterAsync(VersionedVpi read, Member? save, string? removeAadObjectId, CancellationToken ct)
    {
        var operations = new List<RowOperation> { new RowOperation.Replace(VpiRow, JsonSerializer.Serialize(read.Vpi, Json), read.ETag) };
        if (save is not null)
        {
            operations.Add(new RowOperation.Upsert(MemberPrefix + save.AadObjectId.ToLowerInvariant(), JsonSerializer.Serialize(save, Json)));
        }
        if (removeAadObjectId is not null)
        {
            operations.Add(new RowOperation.Delete(MemberPrefix + removeAadObjectId.ToLowerInvariant(), "*"));
        }
        var rows = await table.ExecuteBatchAsync(Partition(read.Vpi.Id), operations, ct);
        if (save is not null)
        {
            await NoteMembershipAsync(save.AadObjectId, read.Vpi.Id, ct);
        }
        if (removeAadObjectId is not null)
        {
            _noted.TryRemove(removeAadObjectId.ToLowerInvariant() + "|" + read.Vpi.Id, out _);
            try
            {
                await table.DeleteAsync(Memberships(removeAadObjectId), read.Vpi.Id, "*", ct);
            }
            catch (ConcurrencyConflictException)
            {
                // not in the index (added before it existed): nothing to forget
            }
        }
        return new VersionedVpi(read.Vpi, rows[0]!.ETag);
    }

    /// <summary>
    /// The index of who is in which VPI (<c>memberships|{aad}</c> / VPI id), for a question asked in a 1:1 chat. It lives
    /// in the person's own partition, so it is written after the roster change, not in its batch: a hint, which
    /// <see cref="VpisOfAsync"/> checks against the roster; noted again whenever the person asks in a VPI's conversation.
    /// </summary>
    private static string Memberships(string aadObjectId) => "memberships|" + aadObjectId.ToLowerInvariant();

    public async Task NoteMembershipAsync(string aadObjectId, string vpiId, CancellationToken ct)
    {
        await table.UpsertAsync(Memberships(aadObjectId), vpiId, "{}", ct);
        _noted[aadObjectId.ToLowerInvariant() + "|" + vpiId] = 0;
    }

    /// <summary>As <see cref="NoteMembershipAsync"/>, unless this process noted it already (a question per message would write as often).</summary>
    public Task NoteMembershipOnceAsync(string aadObjectId, string vpiId, CancellationToken ct) =>
        _noted.ContainsKey(aadObjectId.ToLowerInvariant() + "|" + vpiId) ? Task.CompletedTask : NoteMembershipAsync(aadObjectId, vpiId, ct);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _noted = new(StringComparer.Ordinal);

    /// <summary>The VPIs the person is on the roster of now (as the index knows them, each checked against its roster).</summary>
    public async Task<IReadOnlyList<VersionedVpi>> VpisOfAsync(string aadObjectId, CancellationToken ct)
    {
        var found = new List<VersionedVpi>();
        foreach (var row in await table.QueryAllAsync(Memberships(aadObjectId), null, ct))
        {
            if (await GetMemberAsync(row.RowKey, aadObjectId, ct) is not null && await GetAsync(row.RowKey, ct) is { } vpi)
            {
                found.Add(vpi);
            }
        }
        return found;
    }

    private sealed record BindingDoc(string VpiId, DateTimeOffset? At = null);
}
