using Azure;
using Azure.Data.Tables;

namespace VpiBot.Storage.Tables;

/// <summary>
/// <see cref="ITableStore"/> on Azure Table Storage (production, scale-out; Azurite locally and in tests).
/// One table; each row is an entity with the <see cref="TableKey"/>-encoded keys and its document as UTF-8
/// split over byte-array properties <c>D0, D1, …</c> of at most 64 KiB each, because a property holds at most
/// 64 KiB and an entity 1 MiB (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).
/// Conditional writes use If-Match; 404, 409 and 412 become <see cref="ConcurrencyConflictException"/>
/// (https://learn.microsoft.com/rest/api/storageservices/table-service-error-codes).
/// </summary>
public sealed class AzureTableStore(TableServiceClient service, string tableName, Telemetry.VpiTelemetry? telemetry = null) : ITableStore
{
    /// <summary>Counts a lost conditional write; false, so the exception goes on unchanged.</summary>
    private bool Lost(string operation) => telemetry?.StorageConflict(operation) ?? false;

    private readonly SemaphoreSlim _createOnce = new(1, 1);
    private volatile TableClient? _table;

    public async Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKey.Encode(partitionKey, nameof(partitionKey)), TableKey.Encode(rowKey, nameof(rowKey)), cancellationToken: ct);
        return response.HasValue ? ToRow(response.Value!) : null;
    }

    public async Task<StoredRow> InsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var response = await WhenConflict(() => table.AddEntityAsync(ToEntity(partitionKey, rowKey, data), ct),
            $"Row '{partitionKey}'/'{rowKey}' already exists.", "insert");
        return new StoredRow(partitionKey, rowKey, data, ETagOf(response));
    }

    public async Task<StoredRow> UpsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var response = await table.UpsertEntityAsync(ToEntity(partitionKey, rowKey, data), TableUpdateMode.Replace, ct);
        return new StoredRow(partitionKey, rowKey, data, ETagOf(response));
    }

    public async Task<StoredRow> ReplaceAsync(string partitionKey, string rowKey, string data, string ifMatch, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var response = await WhenConflict(
            () => table.UpdateEntityAsync(ToEntity(partitionKey, rowKey, data), new ETag(ifMatch), TableUpdateMode.Replace, ct),
            $"Row '{partitionKey}'/'{rowKey}' is missing or was changed (If-Match {ifMatch}).", "replace");
        return new StoredRow(partitionKey, rowKey, data, ETagOf(response));
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, string ifMatch, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var conflict = $"Row '{partitionKey}'/'{rowKey}' is missing or was changed (If-Match {ifMatch}).";
        var response = await WhenConflict(() => table.DeleteEntityAsync(
            TableKey.Encode(partitionKey, nameof(partitionKey)), TableKey.Encode(rowKey, nameof(rowKey)), new ETag(ifMatch), ct), conflict, "delete");
        // The SDK reports a delete of a missing entity as success (status 404) instead of throwing.
        if (response.Status == 404)
        {
            Lost("delete");
            throw new ConcurrencyConflictException(conflict);
        }
    }

    public async Task<RowPage> QueryAsync(string partitionKey, string? rowKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct)
    {
        pageSize = TableLimits.CheckPageSize(pageSize);
        var table = await TableAsync(ct);
        var query = table.QueryAsync<TableEntity>(Filter(partitionKey, rowKeyPrefix ?? ""), pageSize, cancellationToken: ct);
        await foreach (var page in query.AsPages(continuationToken, pageSize).WithCancellation(ct))
        {
            // The service may return an empty page with a continuation token
            // (https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination): read on.
            if (page.Values.Count == 0 && page.ContinuationToken is not null)
            {
                continue;
            }
            var rows = page.Values.Select(ToRow).Where(row => row.RowKey.StartsWith(rowKeyPrefix ?? "", StringComparison.Ordinal));
            return new RowPage(rows.ToList(), page.ContinuationToken);
        }
        return new RowPage([], null);
    }

    public async Task<RowPage> ScanAsync(string partitionKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct)
    {
        pageSize = TableLimits.CheckPageSize(pageSize);
        var table = await TableAsync(ct);
        var from = TableKey.EncodePrefix(partitionKeyPrefix);
        var filter = TableKey.PrefixUpperBound(from) is { } until
            ? TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {until}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {from}");
        var query = table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: ct);
        await foreach (var page in query.AsPages(continuationToken, pageSize).WithCancellation(ct))
        {
            if (page.Values.Count == 0 && page.ContinuationToken is not null)
            {
                continue;
            }
            var rows = page.Values.Select(ToRow).Where(row => row.PartitionKey.StartsWith(partitionKeyPrefix, StringComparison.Ordinal));
            return new RowPage(rows.ToList(), page.ContinuationToken);
        }
        return new RowPage([], null);
    }

    public async Task<IReadOnlyList<StoredRow?>> ExecuteBatchAsync(string partitionKey, IReadOnlyList<RowOperation> operations, CancellationToken ct)
    {
        TableLimits.CheckBatch(operations);
        if (operations.Count == 0)
        {
            return [];
        }
        var table = await TableAsync(ct);
        var actions = operations.Select(operation => ToAction(partitionKey, operation)).ToList();
        Response<IReadOnlyList<Response>> responses;
        try
        {
            // https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions
            responses = await table.SubmitTransactionAsync(actions, ct);
        }
        catch (TableTransactionFailedException e) when (IsConflict(e))
        {
            Lost("batch");
            throw new ConcurrencyConflictException(
                $"Batch operation {e.FailedTransactionActionIndex} on partition '{partitionKey}' lost: {e.ErrorCode}.", e.FailedTransactionActionIndex);
        }
        return operations.Select((operation, i) => operation is RowOperation.Delete
            ? null
            : new StoredRow(partitionKey, operation.RowKey, TableLimits.DataOf(operation), ETagOf(responses.Value[i]))).ToList();
    }

    private async ValueTask<TableClient> TableAsync(CancellationToken ct)
    {
        if (_table is { } table)
        {
            return table;
        }
        await _createOnce.WaitAsync(ct);
        try
        {
            if (_table is null)
            {
                var client = service.GetTableClient(tableName);
                await client.CreateIfNotExistsAsync(ct);
                _table = client;
            }
            return _table;
        }
        finally
        {
            _createOnce.Release();
        }
    }

    private static TableTransactionAction ToAction(string partitionKey, RowOperation operation) => operation switch
    {
        RowOperation.Insert o => new(TableTransactionActionType.Add, ToEntity(partitionKey, o.RowKey, o.Data)),
        RowOperation.Upsert o => new(TableTransactionActionType.UpsertReplace, ToEntity(partitionKey, o.RowKey, o.Data)),
        RowOperation.Replace o => new(TableTransactionActionType.UpdateReplace, ToEntity(partitionKey, o.RowKey, o.Data), new ETag(o.IfMatch)),
        RowOperation.Delete o => new(TableTransactionActionType.Delete,
            new TableEntity(TableKey.Encode(partitionKey, nameof(partitionKey)), TableKey.Encode(o.RowKey, "rowKey")), new ETag(o.IfMatch)),
        _ => throw new ArgumentException($"Unknown operation {operation.GetType().Name}."),
    };

    private static string Filter(string partitionKey, string rowKeyPrefix)
    {
        var pk = TableKey.Encode(partitionKey, nameof(partitionKey));
        var from = TableKey.EncodePrefix(rowKeyPrefix);
        // CreateQueryFilter quotes the values and doubles single quotes (OData string literals).
        return TableKey.PrefixUpperBound(from) is { } until
            ? TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {from} and RowKey lt {until}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {from}");
    }

    private static TableEntity ToEntity(string partitionKey, string rowKey, string data)
    {
        var entity = new TableEntity(TableKey.Encode(partitionKey, nameof(partitionKey)), TableKey.Encode(rowKey, nameof(rowKey)));
        var bytes = TableLimits.DataBytes(data);
        var chunks = Math.Max(1, (bytes.Length + TableLimits.ChunkBytes - 1) / TableLimits.ChunkBytes);
        for (var i = 0; i < chunks; i++)
        {
            var start = i * TableLimits.ChunkBytes;
            entity[$"D{i}"] = bytes[start..Math.Min(bytes.Length, start + TableLimits.ChunkBytes)];
        }
        return entity;
    }

    private static StoredRow ToRow(TableEntity entity)
    {
        using var data = new MemoryStream();
        for (var i = 0; entity.GetBinary($"D{i}") is { } chunk; i++)
        {
            data.Write(chunk);
        }
        return new StoredRow(TableKey.Decode(entity.PartitionKey), TableKey.Decode(entity.RowKey),
            System.Text.Encoding.UTF8.GetString(data.GetBuffer(), 0, (int)data.Length), entity.ETag.ToString());
    }

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Azure Tables answered a write without an ETag.");

    private static bool IsConflict(RequestFailedException e) => e.Status is 404 or 409 or 412;

    private async Task<Response> WhenConflict(Func<Task<Response>> write, string conflict, string operation)
    {
        try
        {
            return await write();
        }
        catch (RequestFailedException e) when (IsConflict(e))
        {
            Lost(operation);
            throw new ConcurrencyConflictException($"{conflict} ({e.Status} {e.ErrorCode})");
        }
    }
}
