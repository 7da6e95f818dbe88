using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>A job of the outbox: an event not yet expanded into its deliveries, or one delivery.</summary>
public enum OutboxJobKind { Event, Delivery }

/// <summary>
/// One row of the durable outbox (<c>outbox|…</c> in the VPI's partition) with its ETag. A job is claimed by one
/// instance with a lease (<see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>); an expired lease may be taken over.
/// </summary>
public sealed record OutboxJob(
    OutboxJobKind Kind,
    string? EventType,
    string? Event,
    int Expanded,
    OutboxDelivery? Delivery,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    bool Rerun,
    string? LastError,
    DateTimeOffset CreatedAt)
{
    [JsonIgnore] public string VpiId { get; init; } = "";
    [JsonIgnore] public string RowKey { get; init; } = "";
    [JsonIgnore] public string ETag { get; init; } = "";

    /// <summary>Jobs with the same key are sent in row order (one conversation's messages keep their order); an event stands alone.</summary>
    [JsonIgnore] public string OrderKey => Delivery?.OrderKey ?? "event|" + RowKey;

    public bool IsLeasedAt(DateTimeOffset now) => LeaseOwner is not null && LeaseUntil > now;
}

/// <summary>A job the outbox gave up on, kept so that people can see it (<c>outbox</c> command).</summary>
public sealed record FailedOutboxJob(string JobRowKey, OutboxJob Job, string Reason, DateTimeOffset FailedAt);

/// <summary>A member the bot cannot message 1:1 (blocked it, removed it, or the admin disabled it: Teams answered 403).</summary>
public sealed record UnreachableMember(string AadObjectId, string? Name, string Failure, DateTimeOffset Since);

/// <summary>What a VPI's outbox holds: how many jobs wait, what was given up, who cannot be reached.</summary>
public sealed record OutboxSummary(int Pending, IReadOnlyList<FailedOutboxJob> Failed, IReadOnlyList<UnreachableMember> Unreachable);

/// <summary>A VPI with outbox work, as its marker row says (<see cref="ETag"/> to delete it only if unchanged).</summary>
public sealed record DirtyVpi(string VpiId, string ETag);

/// <summary>Wakes a background loop at once (the outbox dispatcher when something was committed, the ballot closer when a ballot opened), rather than at its next poll.</summary>
public sealed class WakeSignal
{
    private volatile TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes on the next <see cref="Notify"/> or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var next = _next.Task;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, time, cts.Token);
        await Task.WhenAny(next, delay);
        await cts.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}

/// <summary>
/// The durable outbox, in the table store. Jobs are rows of the VPI's own partition (<c>vpi|{id}</c>, row keys
/// <c>outbox|…</c>), so an event is written in the <b>same atomic batch</b> as the state change that causes it
/// (<see cref="CommitAsync"/>). A small marker row per VPI with work (<c>outbox-pending</c> / vpiId) lets any
/// instance find it; it is written before the batch and again after it, and deleted only with its ETag by a
/// dispatcher that found no jobs, so no job is ever stranded. Given-up jobs move to <c>outbox-failed|…</c>; members
/// the bot cannot reach are <c>unreachable|{aad}</c>; copies of posted cards are <c>posted|{track}|…</c>; live
/// instances heartbeat rows of the <c>instances</c> partition.
/// </summary>
public sealed class OutboxStore(ITableStore table, TimeProvider time, WakeSignal signal)
{
    public const string JobPrefix = "outbox|";
    public const string FailedPrefix = "outbox-failed|";
    public const string UnreachablePrefix = "unreachable|";
    public const string PostedPrefix = "posted|";
    public const string DirtyPartition = "outbox-pending";
    public const string InstancesPartition = "instances";
    private const string UpdateInfix = "~update|";

    private static string Partition(string vpiId) => VpiStore.Partition(vpiId);

    /// <summary>
    /// Writes <paramref name="changes"/> (rows of the VPI's partition) and one outbox row per event in one atomic
    /// batch (together at most 100), and wakes the dispatcher. Returns the stored rows of <paramref name="changes"/>
    /// in order (null for deletes), so callers get their new ETags. A conditional write that loses throws
    /// <see cref="ConcurrencyConflictException"/> and writes nothing, events included. A caller committing many batches
    /// in a row may pass <paramref name="markPending"/> false and mark the VPI itself, once before its first commit and
    /// once after its last (<see cref="MarkDirtyAsync"/>, <see cref="PendingAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<StoredRow?>> CommitAsync(string vpiId, IReadOnlyList<RowOperation> changes, IReadOnlyList<IVpiEvent> events, CancellationToken ct,
        bool markPending = true)
    {
        if (events.Any(e => e.VpiId != vpiId))
        {
            throw new ArgumentException("Every event of a commit must belong to the VPI it is committed to.", nameof(events));
        }
        if (events.Count > 0 && markPending)
        {
            await MarkDirtyAsync(vpiId, ct); // before: a dispatcher may look as soon as the batch lands
        }
        var now = time.GetUtcNow();
        var operations = new List<RowOperation>(changes);
        foreach (var e in events)
        {
            var job = new OutboxJob(OutboxJobKind.Event, e.GetType().Name, JsonSerializer.Serialize(e, e.GetType(), VpiStore.Json),
                0, null, 0, now, null, null, false, null, now);
            operations.Add(new RowOperation.Insert(NewJobKey(now), Serialize(job)));
        }
        var stored = await table.ExecuteBatchAsync(Partition(vpiId), operations, ct);
        if (events.Count > 0 && markPending)
        {
            await PendingAsync(vpiId, ct); // after: a dispatcher that deleted the marker in between cannot strand these
        }
        return stored.Take(changes.Count).ToList();
    }

    /// <summary>Marks the VPI as having work and wakes the local dispatcher: after the last of several commits made without marking.</summary>
    public async Task PendingAsync(string vpiId, CancellationToken ct)
    {
        await MarkDirtyAsync(vpiId, ct);
        signal.Notify();
    }

    /// <summary>The prefix of the rows that say a message keyed once (<see cref="CommitOnceAsync"/>) was queued.</summary>
    public const string OncePrefix = "once|";

    /// <summary>
    /// Queues <paramref name="events"/> only if nothing was queued under <paramref name="onceKey"/> before (a reminder of
    /// one task for one occasion, one week's digest): the key's row is inserted in the same atomic batch, so of two
    /// instances (or a retry after a restart) exactly one queues them. Returns whether this call did.
    /// </summary>
    public async Task<bool> CommitOnceAsync(string vpiId, string onceKey, IReadOnlyList<IVpiEvent> events, CancellationToken ct, bool markPending = true)
    {
        try
        {
            await CommitAsync(vpiId, [new RowOperation.Insert(OncePrefix + onceKey, JsonSerializer.Serialize(new { at = time.GetUtcNow() }, VpiStore.Json))], events, ct, markPending);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false; // queued already
        }
    }

    /// <summary>Whether something was queued under <paramref name="onceKey"/> (a read: cheaper than a commit that loses).</summary>
    public async Task<bool> WasQueuedOnceAsync(string vpiId, string onceKey, CancellationToken ct) =>
        await table.GetAsync(Partition(vpiId), OncePrefix + onceKey, ct) is not null;

    /// <summary>VPIs whose marker says they may have work, with the markers' ETags.</summary>
    public async IAsyncEnumerable<DirtyVpi> ListDirtyAsync([EnumeratorCancellation] CancellationToken ct)
    {
        string? continuation = null;
        do
        {
            var page = await table.QueryAsync(DirtyPartition, null, TableLimits.MaxPageSize, continuation, ct);
            foreach (var row in page.Rows)
            {
                yield return new DirtyVpi(row.RowKey, row.ETag);
            }
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    /// <summary>Deletes the marker if nobody re-marked the VPI since it was read; call only after finding no jobs.</summary>
    public async Task<bool> ClearDirtyAsync(DirtyVpi marker, CancellationToken ct)
    {
        try
        {
            await table.DeleteAsync(DirtyPartition, marker.VpiId, marker.ETag, ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false; // re-marked meanwhile: there is new work
        }
    }

    public Task MarkDirtyAsync(string vpiId, CancellationToken ct) => table.UpsertAsync(DirtyPartition, vpiId, "{}", ct);

    /// <summary>How many jobs the first page of a scan reads: a dispatcher round usually needs only the head of the queue
    /// (what is in flight and the next few), and runs after every finished send, so it must not read a thousand rows.</summary>
    public const int FirstScanPage = 128;

    /// <summary>The VPI's jobs in row order (queue order), page by page (a small first page); the caller may stop early.</summary>
    public async IAsyncEnumerable<OutboxJob> ScanAsync(string vpiId, [EnumeratorCancellation] CancellationToken ct)
    {
        string? continuation = null;
        var pageSize = FirstScanPage;
        do
        {
            var page = await table.QueryAsync(Partition(vpiId), JobPrefix, pageSize, continuation, ct);
            pageSize = TableLimits.MaxPageSize;
            foreach (var row in page.Rows)
            {
                yield return Job(vpiId, row);
            }
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    public async Task<OutboxJob?> GetJobAsync(string vpiId, string rowKey, CancellationToken ct) =>
        await table.GetAsync(Partition(vpiId), rowKey, ct) is { } row ? Job(vpiId, row) : null;

    /// <summary>Claims the job for <paramref name="owner"/> until <paramref name="until"/>, if it is still as read; null if another instance got it first.</summary>
    public async Task<OutboxJob?> TryClaimAsync(OutboxJob job, string owner, DateTimeOffset until, CancellationToken ct)
    {
        try
        {
            return await ReplaceAsync(job, job with { LeaseOwner = owner, LeaseUntil = until }, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    /// <summary>Gives a claimed job back without counting an attempt (graceful stop).</summary>
    public Task<OutboxJob> ReleaseAsync(OutboxJob job, CancellationToken ct) => ReplaceAsync(job, job with { LeaseOwner = null, LeaseUntil = null }, ct);

    /// <summary>Counts a failed attempt and sets when the next one may start; the lease is released, so no worker waits for it.</summary>
    public Task<OutboxJob> RescheduleAsync(OutboxJob job, DateTimeOffset nextAttemptAt, string error, CancellationToken ct) =>
        ReplaceAsync(job, job with { Attempts = job.Attempts + 1, NextAttemptAt = nextAttemptAt, LeaseOwner = null, LeaseUntil = null, LastError = error }, ct);

    /// <summary>
    /// Deletes a finished job (with <paramref name="alsoWrite"/> in the same batch). Returns false when the row changed
    /// since it was claimed: a newer request asked for one more run (<see cref="OutboxJob.Rerun"/>, then it is queued
    /// again), or the lease was lost.
    /// </summary>
    public async Task<bool> FinishAsync(OutboxJob job, IReadOnlyList<RowOperation> alsoWrite, CancellationToken ct)
    {
        try
        {
            await table.ExecuteBatchAsync(Partition(job.VpiId), [new RowOperation.Delete(job.RowKey, job.ETag), .. alsoWrite], ct);
            return true;
        }
        catch (ConcurrencyConflictException e) when (e.FailedOperationIndex is null or 0)
        {
            var now = await GetJobAsync(job.VpiId, job.RowKey, ct);
            if (now is { Rerun: true })
            {
                await ReplaceAsync(now, now with { Rerun = false, LeaseOwner = null, LeaseUntil = null, Attempts = 0, NextAttemptAt = time.GetUtcNow() }, ct);
                if (alsoWrite.Count > 0)
                {
                    await table.ExecuteBatchAsync(Partition(job.VpiId), alsoWrite, ct);
                }
            }
            return false;
        }
    }

    /// <summary>Gives up on a job visibly: it moves to <c>outbox-failed|…</c> with the reason, atomically with <paramref name="alsoWrite"/>.</summary>
    public async Task GiveUpAsync(OutboxJob job, string reason, IReadOnlyList<RowOperation> alsoWrite, CancellationToken ct)
    {
        var failed = new FailedOutboxJob(job.RowKey, job with { LeaseOwner = null, LeaseUntil = null }, reason, time.GetUtcNow());
        await table.ExecuteBatchAsync(Partition(job.VpiId),
        [
            new RowOperation.Delete(job.RowKey, job.ETag),
            new RowOperation.Upsert(FailedPrefix + job.RowKey[JobPrefix.Length..], JsonSerializer.Serialize(failed, VpiStore.Json)),
            .. alsoWrite,
        ], ct);
    }

    /// <summary>
    /// Expands a claimed event into its deliveries, crash-safe and without duplicates: delivery rows are inserted with
    /// a cursor on the event row (<see cref="OutboxJob.Expanded"/>) in the same batch, 99 at a time, and the event row
    /// is deleted with the last batch. A dispatcher that takes over a half-expanded event skips what the cursor says
    /// is written (handlers return the same deliveries in the same order for the same event). Updates of posted copies
    /// are coalesced with the update rows already queued. Returns how many rows were written.
    /// </summary>
    public async Task<int> ExpandAsync(OutboxJob eventJob, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var job = eventJob;
        var sends = deliveries.Where(d => d.Kind != DeliveryKind.Update).ToList();
        var written = 0;
        const int chunk = TableLimits.MaxBatchOperations - 1;
        for (var start = job.Expanded; start < sends.Count; start += chunk)
        {
            var end = Math.Min(sends.Count, start + chunk);
            var operations = new List<RowOperation>();
            for (var i = start; i < end; i++)
            {
                var row = $"{job.RowKey}|{i.ToString("D6", CultureInfo.InvariantCulture)}";
                operations.Add(new RowOperation.Insert(row, Serialize(NewDelivery(sends[i], now))));
            }
            var advanced = job with { Expanded = end };
            operations.Add(new RowOperation.Replace(job.RowKey, Serialize(advanced), job.ETag));
            var stored = await table.ExecuteBatchAsync(Partition(job.VpiId), operations, ct);
            job = advanced with { ETag = stored[^1]!.ETag };
            written += end - start;
        }

        var updates = deliveries.Where(d => d.Kind == DeliveryKind.Update).ToList();
        var copies = new List<(OutboxDelivery Update, string Row, PostedCard Card)>();
        foreach (var update in updates)
        {
            foreach (var (rowKey, card) in await ListPostedRowsAsync(job.VpiId, update.Track!, ct))
            {
                copies.Add((update, JobPrefix + UpdateInfix + rowKey[PostedPrefix.Length..], card));
            }
        }
        for (var start = 0; ; start += chunk)
        {
            var part = copies.Skip(start).Take(chunk).ToList();
            var last = start + chunk >= copies.Count;
            for (var attempt = 0; ; attempt++)
            {
                var operations = new List<RowOperation>();
                foreach (var (update, row, card) in part)
                {
                    if (await CoalescedUpdateAsync(job.VpiId, row, update with { Card = card }, now, ct) is { } op)
                    {
                        operations.Add(op);
                    }
                }
                operations.Add(last ? new RowOperation.Delete(job.RowKey, job.ETag) : new RowOperation.Replace(job.RowKey, Serialize(job), job.ETag));
                try
                {
                    var stored = await table.ExecuteBatchAsync(Partition(job.VpiId), operations, ct);
                    written += operations.Count - 1;
                    if (!last)
                    {
                        job = job with { ETag = stored[^1]!.ETag };
                    }
                    break;
                }
                catch (ConcurrencyConflictException e) when (e.FailedOperationIndex != operations.Count - 1 && attempt < 5)
                {
                    // an update row changed between our read and the batch (sent, or claimed): decide again
                }
            }
            if (last)
            {
                return written;
            }
        }
    }

    /// <summary>The write that makes sure the copy gets one update showing the newest state, or null when the queued one will.</summary>
    private async Task<RowOperation?> CoalescedUpdateAsync(string vpiId, string row, OutboxDelivery update, DateTimeOffset now, CancellationToken ct)
    {
        var queued = await GetJobAsync(vpiId, row, ct);
        if (queued is null)
        {
            return new RowOperation.Insert(row, Serialize(NewDelivery(update, now)));
        }
        if (queued.IsLeasedAt(now) && !queued.Rerun)
        {
            // being sent now, perhaps rendered before this change: one more run afterwards
            return new RowOperation.Replace(row, Serialize(queued with { Rerun = true, Delivery = update }), queued.ETag);
        }
        return null; // queued and not started (or already due to run again): it will render the newest state
    }

    /// <summary>Remembers a posted copy under its tracking key (an operation for the finishing batch).</summary>
    public static RowOperation TrackPosted(string track, PostedCard card) =>
        new RowOperation.Upsert(PostedRow(track, card), JsonSerializer.Serialize(card, VpiStore.Json));

    /// <summary>Forgets a posted copy (the message was deleted in Teams: 404 on update).</summary>
    public static RowOperation ForgetPosted(string updateJobRowKey) =>
        new RowOperation.Delete(PostedPrefix + updateJobRowKey[(JobPrefix + UpdateInfix).Length..], "*");

    public async Task<IReadOnlyList<PostedCard>> ListPostedAsync(string vpiId, string track, CancellationToken ct) =>
        (await ListPostedRowsAsync(vpiId, track, ct)).Select(r => r.Card).ToList();

    private async Task<List<(string RowKey, PostedCard Card)>> ListPostedRowsAsync(string vpiId, string track, CancellationToken ct)
    {
        var all = new List<(string, PostedCard)>();
        string? continuation = null;
        do
        {
            var page = await table.QueryAsync(Partition(vpiId), PostedPrefix + track + "|", TableLimits.MaxPageSize, continuation, ct);
            all.AddRange(page.Rows.Select(r => (r.RowKey, JsonSerializer.Deserialize<PostedCard>(r.Data, VpiStore.Json)!)));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return all;
    }

    private static string PostedRow(string track, PostedCard card)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(card.ServiceUrl + "\n" + card.ConversationId + "\n" + card.ActivityId));
        return $"{PostedPrefix}{track}|{Convert.ToHexStringLower(hash, 0, 12)}";
    }

    public static string UnreachableRow(string aadObjectId) => UnreachablePrefix + aadObjectId.ToLowerInvariant();

    /// <summary>The Entra object ids of the VPI's members the bot cannot reach 1:1 (lower case).</summary>
    public async Task<IReadOnlySet<string>> UnreachableIdsAsync(string vpiId, CancellationToken ct) =>
        (await AllAsync(vpiId, UnreachablePrefix, ct)).Select(r => r.RowKey[UnreachablePrefix.Length..]).ToHashSet(StringComparer.Ordinal);

    /// <summary>An operation that marks a member unreachable (an insert: only the first 403 wins it).</summary>
    public static RowOperation MarkUnreachable(UnreachableMember member) =>
        new RowOperation.Insert(UnreachableRow(member.AadObjectId), JsonSerializer.Serialize(member, VpiStore.Json));

    /// <summary>A new delivery row to write in a batch of the VPI's partition (e.g. telling facilitators about an unreachable member).</summary>
    public RowOperation NewDeliveryRow(OutboxDelivery delivery)
    {
        var now = time.GetUtcNow();
        return new RowOperation.Insert(NewJobKey(now), Serialize(NewDelivery(delivery, now)));
    }

    /// <summary>Forgets that a member was unreachable (e.g. they wrote to the bot again).</summary>
    public async Task ClearUnreachableAsync(string vpiId, string aadObjectId, CancellationToken ct)
    {
        try
        {
            await table.DeleteAsync(Partition(vpiId), UnreachableRow(aadObjectId), "*", ct);
        }
        catch (ConcurrencyConflictException)
        {
        }
    }

    /// <summary>For the <c>outbox</c> command: pending jobs, given-up jobs, unreachable members of one VPI.</summary>
    public async Task<OutboxSummary> SummarizeAsync(string vpiId, CancellationToken ct)
    {
        var pending = 0;
        await foreach (var _ in ScanAsync(vpiId, ct))
        {
            pending++;
        }
        var failed = (await AllAsync(vpiId, FailedPrefix, ct)).Select(r => JsonSerializer.Deserialize<FailedOutboxJob>(r.Data, VpiStore.Json)!).ToList();
        var unreachable = (await AllAsync(vpiId, UnreachablePrefix, ct)).Select(r => JsonSerializer.Deserialize<UnreachableMember>(r.Data, VpiStore.Json)!).ToList();
        return new OutboxSummary(pending, failed, unreachable);
    }

    // ---- instances: how many share Teams' limits ----

    /// <summary>Says this instance is alive until <paramref name="until"/>.</summary>
    public Task HeartbeatAsync(string instanceId, DateTimeOffset until, CancellationToken ct) =>
        table.UpsertAsync(InstancesPartition, instanceId, JsonSerializer.Serialize(new InstanceBeat(until), VpiStore.Json), ct);

    /// <summary>How many instances are alive now (at least 1); rows of instances long gone are deleted on the way.</summary>
    public async Task<int> CountLiveInstancesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var live = 0;
        foreach (var row in await AllAsync(InstancesPartition, null, ct, partitionIsVpi: false))
        {
            var beat = JsonSerializer.Deserialize<InstanceBeat>(row.Data, VpiStore.Json)!;
            if (beat.Until > now)
            {
                live++;
            }
            else if (beat.Until < now - TimeSpan.FromMinutes(5))
            {
                try { await table.DeleteAsync(InstancesPartition, row.RowKey, row.ETag, ct); } catch (ConcurrencyConflictException) { }
            }
        }
        return Math.Max(1, live);
    }

    public async Task RemoveInstanceAsync(string instanceId, CancellationToken ct)
    {
        try
        {
            await table.DeleteAsync(InstancesPartition, instanceId, "*", ct);
        }
        catch (ConcurrencyConflictException)
        {
        }
    }

    private sealed record InstanceBeat(DateTimeOffset Until);

    private Task<List<StoredRow>> AllAsync(string vpiIdOrPartition, string? prefix, CancellationToken ct, bool partitionIsVpi = true) =>
        table.QueryAllAsync(partitionIsVpi ? Partition(vpiIdOrPartition) : vpiIdOrPartition, prefix, ct);

    private async Task<OutboxJob> ReplaceAsync(OutboxJob read, OutboxJob changed, CancellationToken ct)
    {
        var row = await table.ReplaceAsync(Partition(read.VpiId), read.RowKey, Serialize(changed), read.ETag, ct);
        return changed with { ETag = row.ETag };
    }

    private static OutboxJob NewDelivery(OutboxDelivery delivery, DateTimeOffset now) =>
        new(OutboxJobKind.Delivery, null, null, 0, delivery, 0, now, null, null, false, null, now);

    /// <summary>Queue order: the time, then a random tail so two commits in one tick do not collide.</summary>
    private static string NewJobKey(DateTimeOffset now) =>
        JobPrefix + now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static string Serialize(OutboxJob job) => JsonSerializer.Serialize(job, VpiStore.Json);

    private static OutboxJob Job(string vpiId, StoredRow row) =>
        JsonSerializer.Deserialize<OutboxJob>(row.Data, VpiStore.Json)! with { VpiId = vpiId, RowKey = row.RowKey, ETag = row.ETag };
}
