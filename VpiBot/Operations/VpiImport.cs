using VpiBot.Storage.Tables;

namespace VpiBot.Operations;

/// <summary>What an import did, per VPI: rows written in its partition and elsewhere, and whether it replaced one already there.</summary>
public sealed record ImportedVpi(string VpiId, int PartitionRows, bool Replaced);

/// <summary>What an import did, or why it wrote nothing.</summary>
public sealed record ImportResult(IReadOnlyList<ImportedVpi> Vpis, int SharedRows, IReadOnlyList<string> Refused);

/// <summary>
/// Restores an export into a store. A VPI already in the store is refused (and nothing at all is written) unless
/// <c>replace</c>: then its partition is emptied first. Each VPI's partition is written in batches of at most 100 rows
/// (Azure's limit for one transaction), the VPI row itself in the last one, so the VPI exists for the app only once all
/// its rows are in; an interrupted import is simply run again (the partition of a VPI without its VPI row is emptied
/// first). The rows outside the partitions (bindings, markers, membership index, people's settings and conversation
/// references) follow, upserted. Every row gets the target store's own ETag.
/// </summary>
public static class VpiImport
{
    public static async Task<ImportResult> ImportAsync(ITableStore table, VpiExportDocument document, bool replace, CancellationToken ct)
    {
        var existing = new List<string>();
        foreach (var id in document.Vpis)
        {
            if (await table.GetAsync(VpiExport.VpiPartitionPrefix + id, "vpi", ct) is not null)
            {
                existing.Add(id);
            }
        }
        if (existing.Count > 0 && !replace)
        {
            return new ImportResult([], 0, existing);
        }

        var imported = new List<ImportedVpi>();
        foreach (var id in document.Vpis)
        {
            var partition = VpiExport.VpiPartitionPrefix + id;
            await EmptyAsync(table, partition, ct);
            // the VPI row last: until it lands, the app sees no VPI (and a rerun empties the partition again)
            var rows = document.Rows.Where(r => r.Partition == partition).OrderBy(r => r.Row == "vpi").ToList();
            foreach (var chunk in rows.Chunk(TableLimits.MaxBatchOperations))
            {
                await table.ExecuteBatchAsync(partition, chunk.Select(r => (RowOperation)new RowOperation.Insert(r.Row, r.Data)).ToList(), ct);
            }
            imported.Add(new ImportedVpi(id, rows.Count, existing.Contains(id)));
        }

        var ownPartitions = document.Vpis.Select(id => VpiExport.VpiPartitionPrefix + id).ToHashSet(StringComparer.Ordinal);
        var shared = document.Rows.Where(r => !ownPartitions.Contains(r.Partition)).ToList();
        foreach (var partition in shared.GroupBy(r => r.Partition))
        {
            foreach (var chunk in partition.Chunk(TableLimits.MaxBatchOperations))
            {
                await table.ExecuteBatchAsync(partition.Key, chunk.Select(r => (RowOperation)new RowOperation.Upsert(r.Row, r.Data)).ToList(), ct);
            }
        }
        return new ImportResult(imported, shared.Count, []);
    }

    private static async Task EmptyAsync(ITableStore table, string partition, CancellationToken ct)
    {
        var rows = await table.QueryAllAsync(partition, null, ct);
        // the VPI row first: the app stops seeing a half-emptied VPI at once
        foreach (var chunk in rows.OrderBy(r => r.RowKey != "vpi").Chunk(TableLimits.MaxBatchOperations))
        {
            await table.ExecuteBatchAsync(partition, chunk.Select(r => (RowOperation)new RowOperation.Delete(r.RowKey, "*")).ToList(), ct);
        }
    }
}
