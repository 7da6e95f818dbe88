using System.Text;

namespace VpiBot.Storage.Tables;

/// <summary>
/// Azure Table Storage's limits, enforced by both backends alike so that what works on SQLite in development
/// also works in production (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model).
/// </summary>
public static class TableLimits
{
    /// <summary>An entity group transaction holds at most 100 operations
    /// (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).</summary>
    public const int MaxBatchOperations = 100;

    /// <summary>A query returns at most 1,000 entities per page
    /// (https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>A byte-array property holds at most 64 KiB.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// The largest document (UTF-8 bytes): 15 chunks of 64 KiB. An entity holds at most 1 MiB; by the size formula
    /// (4 + 2×len(keys) + Σ 8 + 2×len(name) + 4 + bytes) 15 full chunks plus two 512-character keys fit, 16 do not.
    /// </summary>
    public const int MaxDataBytes = 15 * ChunkBytes;

    public static byte[] DataBytes(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bytes = Encoding.UTF8.GetBytes(data);
        if (bytes.Length > MaxDataBytes)
        {
            throw new ArgumentException(
                $"The document is {bytes.Length:N0} bytes of UTF-8; a stored row holds at most {MaxDataBytes:N0} " +
                "(Azure Table Storage's 1 MiB entity limit). Split it into several rows.", nameof(data));
        }
        return bytes;
    }

    public static void CheckData(string data) => DataBytes(data);

    public static int CheckPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return Math.Min(pageSize, MaxPageSize);
    }

    /// <summary>A batch: at most 100 operations, each row at most once (Azure refuses a second operation on the same entity).</summary>
    public static void CheckBatch(IReadOnlyList<RowOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count > MaxBatchOperations)
        {
            throw new ArgumentException(
                $"A batch holds at most {MaxBatchOperations} operations; this one has {operations.Count}.", nameof(operations));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (!seen.Add(operation.RowKey))
            {
                throw new ArgumentException($"A batch may touch each row once; row '{operation.RowKey}' appears twice.", nameof(operations));
            }
            if (operation is RowOperation.Insert or RowOperation.Upsert or RowOperation.Replace)
            {
                CheckData(DataOf(operation));
            }
        }
    }

    public static string DataOf(RowOperation operation) => operation switch
    {
        RowOperation.Insert insert => insert.Data,
        RowOperation.Upsert upsert => upsert.Data,
        RowOperation.Replace replace => replace.Data,
        _ => throw new ArgumentException($"{operation.GetType().Name} carries no document."),
    };
}
