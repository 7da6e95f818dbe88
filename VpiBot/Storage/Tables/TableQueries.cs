namespace VpiBot.Storage.Tables;

public static class TableQueries
{
    /// <summary>Every row of a partition whose key starts with <paramref name="rowKeyPrefix"/> (all of them when null), page after page, in key order.</summary>
    public static async Task<List<StoredRow>> QueryAllAsync(this ITableStore table, string partitionKey, string? rowKeyPrefix, CancellationToken ct)
    {
        var all = new List<StoredRow>();
        string? continuation = null;
        do
        {
            var page = await table.QueryAsync(partitionKey, rowKeyPrefix, TableLimits.MaxPageSize, continuation, ct);
            all.AddRange(page.Rows);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return all;
    }

    /// <summary>Every row of every partition whose key starts with <paramref name="partitionKeyPrefix"/>, page after page.</summary>
    public static async Task<List<StoredRow>> ScanAllAsync(this ITableStore table, string partitionKeyPrefix, CancellationToken ct)
    {
        var all = new List<StoredRow>();
        string? continuation = null;
        do
        {
            var page = await table.ScanAsync(partitionKeyPrefix, TableLimits.MaxPageSize, continuation, ct);
            all.AddRange(page.Rows);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return all;
    }
}
