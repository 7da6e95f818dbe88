using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>A voter's gate on a ballot: whether they voted (never how), and whether the ballot is closed to them.</summary>
public sealed record VoterMark(Side Side, bool Voted, bool Closed, DateTimeOffset? LastAt);

/// <summary>A vote as stored: the side and the choices, never the voter (their key says who, on a ballot that is not anonymous).</summary>
public sealed record StoredVote(Side Side, IReadOnlyList<BallotChoice> Choices);

/// <summary>What became of a vote sent: recorded (or replacing the voter's earlier one), too late, or older than one already stored.</summary>
public enum VoteOutcome { Recorded, Closed, Superseded }

/// <summary>
/// Ballots and their votes, in the VPI's partition. The ballot is <c>ballot|000003</c> (numbered, see
/// <see cref="NumberedRows{T}"/>). Each voter has a gate row <c>voter|000003|{aad}</c> (voted or not, closed or not)
/// and, once they vote, a vote row <c>vote|000003|{key}</c>; a vote writes both in one batch, the gate conditionally.
/// Closing shuts every gate first and only then reads the votes: a vote either landed before its gate was shut (and is
/// counted) or fails on the shut gate (and is refused), so exactly the votes counted are the votes accepted, and voters
/// voting at once never contend (each has their own rows). On an anonymous ballot the vote's key is a keyed hash of
/// the voter under the ballot's own random secret, which is erased when it closes; the votes are then rewritten under
/// random keys (<see cref="SealAsync"/>), so no stored row ties a vote to a voter. VPIs with open ballots are marked in
/// the <c>ballots-open</c> partition, for the closer to find without scanning every VPI.
/// </summary>
public sealed class BallotStore(ITableStore table, OutboxStore outbox)
{
    public const string OpenPartition = "ballots-open";
    private readonly NumberedRows<Ballot> _rows = new(table, outbox, "ballot");

    private static string Partition(string vpiId) => VpiStore.Partition(vpiId);
    private static string Number(int n) => n.ToString("D6", CultureInfo.InvariantCulture);
    private static string VoterPrefix(int n) => "voter|" + Number(n) + "|";
    private static string VoterRow(int n, string aad) => VoterPrefix(n) + aad.ToLowerInvariant();
    private static string VotePrefix(int n) => "vote|" + Number(n) + "|";

    /// <summary>The key of a voter's vote: who they are, or on an anonymous ballot a hash only the ballot's secret links to them.</summary>
    private static string VoteRow(Ballot b, string aad) => VotePrefix(b.Number) + (b.Rules.Anonymous
        ? Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(b.Secret ?? throw new InvalidOperationException("An anonymous ballot has no secret once closed.")),
            Encoding.UTF8.GetBytes(aad.ToLowerInvariant())))
        : aad.ToLowerInvariant());

    /// <summary>A new ballot's secret (256 random bits).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Opens the next ballot: the ballot, the rows put on it (its recommendations) and its events in one batch. The VPI
    /// is marked as having open ballots before and after, so the closer can never miss one.
    /// </summary>
    public async Task<Ballot> OpenAsync(string vpiId, Func<int, (Ballot Ballot, IReadOnlyList<RowOperation> Also, IReadOnlyList<IVpiEvent> Events)> open, CancellationToken ct)
    {
        await MarkOpenAsync(vpiId, ct);
        var ballot = await _rows.CreateAsync(vpiId, open, ct);
        await MarkOpenAsync(vpiId, ct);
        return ballot;
    }

    public Task<Versioned<Ballot>?> GetAsync(string vpiId, int number, CancellationToken ct) => _rows.GetAsync(vpiId, number, ct);

    /// <summary>Every ballot of the VPI, oldest first.</summary>
    public Task<IReadOnlyList<Versioned<Ballot>>> ListAsync(string vpiId, CancellationToken ct) => _rows.ListAsync(vpiId, ct);

    /// <summary>Saves a change of the ballot if nobody saved another since it was read, with other rows and events in the same batch.</summary>
    public Task<Versioned<Ballot>> SaveAsync(string vpiId, Versioned<Ballot> read, Ballot changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct,
        IReadOnlyList<RowOperation>? also = null) =>
        _rows.SaveAsync(vpiId, changed.Number, read, changed, events, ct, also);

    /// <summary>A voter's gate and their current vote (readable only while an anonymous ballot is open).</summary>
    public async Task<(VoterMark? Mark, StoredVote? Vote)> GetVoterAsync(string vpiId, Ballot b, string aad, CancellationToken ct)
    {
        var mark = await table.GetAsync(Partition(vpiId), VoterRow(b.Number, aad), ct);
        if (mark is null || (b.Rules.Anonymous && b.Secret is null))
        {
            return (Read<VoterMark>(mark), null);
        }
        return (Read<VoterMark>(mark), Read<StoredVote>(await table.GetAsync(Partition(vpiId), VoteRow(b, aad), ct)));
    }

    /// <summary>
    /// Records a vote, replacing the voter's earlier one, with its events: refused once the voter's gate is shut; a vote
    /// older (<paramref name="at"/>) than the one stored is dropped, so of rapid clicks the last one stays.
    /// </summary>
    public async Task<VoteOutcome> CastAsync(string vpiId, Ballot b, Voter voter, IReadOnlyList<BallotChoice> choices, DateTimeOffset at,
        IReadOnlyList<IVpiEvent> events, CancellationToken ct)
    {
        var gateRow = VoterRow(b.Number, voter.AadObjectId);
        var vote = Serialize(new StoredVote(voter.Side, choices));
        for (var attempt = 0; ; attempt++)
        {
            var read = await table.GetAsync(Partition(vpiId), gateRow, ct);
            var mark = Read<VoterMark>(read);
            if (mark is { Closed: true })
            {
                return VoteOutcome.Closed;
            }
            if (mark?.LastAt > at)
            {
                return VoteOutcome.Superseded;
            }
            var gate = Serialize(new VoterMark(voter.Side, true, false, at));
            RowOperation writeGate = read is null ? new RowOperation.Insert(gateRow, gate) : new RowOperation.Replace(gateRow, gate, read.ETag);
            try
            {
                await outbox.CommitAsync(vpiId, [writeGate, new RowOperation.Upsert(VoteRow(b, voter.AadObjectId), vote)], events, ct);
                return VoteOutcome.Recorded;
            }
            catch (ConcurrencyConflictException) when (attempt < 30)
            {
                // the same voter's other click, or the gate being shut: read it again
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct);
            }
        }
    }

    /// <summary>Every voter's gate on the ballot (voters who never voted have none until it closes).</summary>
    public async Task<IReadOnlyDictionary<string, VoterMark>> MarksAsync(string vpiId, int number, CancellationToken ct)
    {
        var prefix = VoterPrefix(number);
        return (await AllAsync(vpiId, prefix, ct)).ToDictionary(r => r.RowKey[prefix.Length..], r => Read<VoterMark>(r)!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every vote stored on the ballot.</summary>
    public async Task<IReadOnlyList<StoredVote>> VotesAsync(string vpiId, int number, CancellationToken ct) =>
        (await AllAsync(vpiId, VotePrefix(number), ct)).Select(r => Read<StoredVote>(r)!).ToList();

    /// <summary>
    /// Shuts every voter's gate (idempotent; several closers may shut at once): after this no vote can land, so the
    /// votes read next are the ones to count. The gates are read in one query and shut in batches of a hundred; a batch
    /// that loses to a vote landing at that moment is done again voter by voter (the vote counts).
    /// </summary>
    public async Task ShutAsync(string vpiId, Ballot b, CancellationToken ct)
    {
        var prefix = VoterPrefix(b.Number);
        var gates = (await AllAsync(vpiId, prefix, ct)).ToDictionary(r => r.RowKey[prefix.Length..], StringComparer.OrdinalIgnoreCase);
        var toShut = b.Electorate.Select(v => (Voter: v, Read: gates.GetValueOrDefault(v.AadObjectId.ToLowerInvariant())))
            .Where(x => Read<VoterMark>(x.Read) is not { Closed: true }).ToList();
        foreach (var chunk in toShut.Chunk(TableLimits.MaxBatchOperations))
        {
            try
            {
                await table.ExecuteBatchAsync(Partition(vpiId), chunk.Select(x => Shut(b.Number, x.Voter, x.Read)).ToList(), ct);
            }
            catch (ConcurrencyConflictException)
            {
                foreach (var (voter, _) in chunk)
                {
                    await ShutOneAsync(vpiId, b.Number, voter, ct);
                }
            }
        }
    }

    /// <summary>The write that shuts one voter's gate as it was read (an insert where they never voted).</summary>
    private static RowOperation Shut(int number, Voter voter, StoredRow? read)
    {
        var shut = Serialize((Read<VoterMark>(read) ?? new VoterMark(voter.Side, false, false, null)) with { Closed = true });
        return read is null ? new RowOperation.Insert(VoterRow(number, voter.AadObjectId), shut) : new RowOperation.Replace(VoterRow(number, voter.AadObjectId), shut, read.ETag);
    }

    private async Task ShutOneAsync(string vpiId, int number, Voter voter, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var read = await table.GetAsync(Partition(vpiId), VoterRow(number, voter.AadObjectId), ct);
            if (Read<VoterMark>(read) is { Closed: true })
            {
                return;
            }
            try
            {
                await table.ExecuteBatchAsync(Partition(vpiId), [Shut(number, voter, read)], ct);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 60)
            {
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct); // a vote landed meanwhile: it counts
            }
        }
    }

    /// <summary>
    /// After an anonymous ballot closed (its secret erased): every vote rewritten under a random key, in batches, and
    /// the ballot marked sealed. Doing it again is harmless (the keys are drawn again).
    /// </summary>
    public async Task SealAsync(string vpiId, Versioned<Ballot> closed, CancellationToken ct)
    {
        var rows = await AllAsync(vpiId, VotePrefix(closed.Item.Number), ct);
        foreach (var chunk in rows.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Chunk(TableLimits.MaxBatchOperations / 2))
        {
            await table.ExecuteBatchAsync(Partition(vpiId), chunk.SelectMany(r => new RowOperation[]
            {
                new RowOperation.Delete(r.RowKey, "*"),
                new RowOperation.Insert(VotePrefix(closed.Item.Number) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), r.Data),
            }).ToList(), ct);
        }
        await SaveAsync(vpiId, closed, closed.Item with { Sealed = true }, [], ct);
    }

    /// <summary>The VPIs marked as having open ballots, with the marks' ETags.</summary>
    public async Task<IReadOnlyList<(string VpiId, string ETag)>> VpisWithOpenBallotsAsync(CancellationToken ct) =>
        (await table.QueryAllAsync(OpenPartition, null, ct)).Select(r => (r.RowKey, r.ETag)).ToList();

    /// <summary>Removes a VPI's mark if nobody marked it again since it was read (a ballot being opened).</summary>
    public async Task ClearOpenMarkAsync(string vpiId, string etag, CancellationToken ct)
    {
        try
        {
            await table.DeleteAsync(OpenPartition, vpiId, etag, ct);
        }
        catch (ConcurrencyConflictException)
        {
            // marked again: a ballot is being opened
        }
    }

    private Task MarkOpenAsync(string vpiId, CancellationToken ct) => table.UpsertAsync(OpenPartition, vpiId, "{}", ct);

    private Task<List<StoredRow>> AllAsync(string vpiId, string prefix, CancellationToken ct) => table.QueryAllAsync(Partition(vpiId), prefix, ct);

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, VpiStore.Json);

    private static T? Read<T>(StoredRow? row) where T : class => row is null ? null : JsonSerializer.Deserialize<T>(row.Data, VpiStore.Json);
}
