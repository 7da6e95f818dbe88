namespace VpiBot.Storage.Tables;

/// <summary>
/// One stored row: keys, the entity's JSON document, and its ETag (the version a conditional write must match).
/// Keys are plain strings here; backends encode the characters Azure Tables forbids (see <see cref="TableKey"/>).
/// </summary>
public sealed record StoredRow(string PartitionKey, string RowKey, string Data, string ETag);

/// <summary>A page of a partition query, in row-key order; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record RowPage(IReadOnlyList<StoredRow> Rows, string? ContinuationToken);

/// <summary>One write in an atomic batch; all rows of a batch share one partition.</summary>
public abstract record RowOperation(string RowKey)
{
    public sealed record Insert(string RowKey, string Data) : RowOperation(RowKey);
    public sealed record Upsert(string RowKey, string Data) : RowOperation(RowKey);
    /// <summary>Replace only if the stored ETag is <paramref name="IfMatch"/> (<c>*</c> = any version, but the row must exist).</summary>
    public sealed record Replace(string RowKey, string Data, string IfMatch) : RowOperation(RowKey);
    public sealed record Delete(string RowKey, string IfMatch) : RowOperation(RowKey);
}

/// <summary>
/// A conditional write lost: the row exists (insert), is missing, or has another ETag (replace/delete).
/// The one failure the domain acts on: re-read, re-decide, retry or tell the user.
/// </summary>
public sealed class ConcurrencyConflictException(string message, int? failedOperationIndex = null) : Exception(message)
{
    /// <summary>In a batch, which operation failed (the whole batch was rolled back).</summary>
    public int? FailedOperationIndex { get; } = failedOperationIndex;

    /// <summary>
    /// How long to wait before writing again after losing to another writer (a shared counter, a VPI's roster, a
    /// priority's conclusion): exponential with jitter, so contenders spread out instead of colliding again.
    /// </summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 + (10 << Math.Min(attempt, 6))));
}

/// <summary>
/// The one store everything is kept in, shaped like Azure Table Storage: partition key, row key, ETag,
/// conditional writes, partition queries, atomic batches within one partition. Backends: SQLite (embedded
/// default) and Azure Table Storage (production, scale-out). One contract test suite runs against both.
/// </summary>
public interface ITableStore
{
    Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken ct);

    /// <summary>Creates the row; <see cref="ConcurrencyConflictException"/> if it exists.</summary>
    Task<StoredRow> InsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct);

    /// <summary>Creates or replaces the row unconditionally.</summary>
    Task<StoredRow> UpsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct);

    /// <summary>Replaces the row if its ETag is still <paramref name="ifMatch"/>; <see cref="ConcurrencyConflictException"/> otherwise.</summary>
    Task<StoredRow> ReplaceAsync(string partitionKey, string rowKey, string data, string ifMatch, CancellationToken ct);

    /// <summary>Deletes the row if its ETag is <paramref name="ifMatch"/> (<c>*</c> = any); conflict if missing or changed.</summary>
    Task DeleteAsync(string partitionKey, string rowKey, string ifMatch, CancellationToken ct);

    /// <summary>Rows of one partition in row-key order, optionally only those whose row key starts with <paramref name="rowKeyPrefix"/>.</summary>
    Task<RowPage> QueryAsync(string partitionKey, string? rowKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct);

    /// <summary>
    /// Rows of every partition whose key starts with <paramref name="partitionKeyPrefix"/> ("" = the whole table), in
    /// (partition key, row key) order, a page at a time: for operators' commands (export, erasure), never for a turn.
    /// </summary>
    Task<RowPage> ScanAsync(string partitionKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct);

    /// <summary>All or nothing, within one partition (at most 100 operations, as Azure allows).</summary>
    Task<IReadOnlyList<StoredRow?>> ExecuteBatchAsync(string partitionKey, IReadOnlyList<RowOperation> operations, CancellationToken ct);
}
