using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

public sealed record VersionedPriority(Priority Priority, string ETag);

/// <summary>
/// Priorities in their VPI's partition (<c>priority|000042</c>), numbered 1, 2, 3… per VPI. A number is taken
/// with the priority itself in one atomic batch (counter replace-if-match + insert), so two people submitting at
/// once get different numbers and nothing is lost.
/// </summary>
public sealed class PriorityStore(ITableStore table, OutboxStore outbox)
{
    private const string Prefix = "priority|";
    private const string CounterRow = "counter|priority";

    private static string Partition(string vpiId) => VpiStore.Partition(vpiId);
    private static string Row(int number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    public async Task<Priority> CreateAsync(string vpiId, Func<int, Priority> create, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var counter = await table.GetAsync(Partition(vpiId), CounterRow, ct);
            var number = counter is null ? 1 : int.Parse(counter.Data, CultureInfo.InvariantCulture) + 1;
            var priority = create(number);
            var next = number.ToString(CultureInfo.InvariantCulture);
            RowOperation take = counter is null ? new RowOperation.Insert(CounterRow, next) : new RowOperation.Replace(CounterRow, next, counter.ETag);
            try
            {
                await table.ExecuteBatchAsync(Partition(vpiId), [take, new RowOperation.Insert(Row(number), Serialize(priority))], ct);
                return priority;
            }
            catch (ConcurrencyConflictException) when (attempt < 20)
            {
                // someone took this number first: take the next one
            }
        }
    }

    public async Task<VersionedPriority?> GetAsync(string vpiId, int number, CancellationToken ct)
    {
        var row = await table.GetAsync(Partition(vpiId), Row(number), ct);
        return row is null ? null : new VersionedPriority(Deserialize(row.Data), row.ETag);
    }

    /// <summary>
    /// Saves a change if nobody saved another since it was read (<see cref="ConcurrencyConflictException"/> otherwise),
    /// with the events it causes in the same atomic write: the change and the notifications it owes survive together.
    /// </summary>
    public async Task<VersionedPriority> SaveAsync(string vpiId, VersionedPriority read, Priority changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct)
    {
        var rows = await outbox.CommitAsync(vpiId, [new RowOperation.Replace(Row(changed.Number), Serialize(changed), read.ETag)], events, ct);
        return new VersionedPriority(changed, rows[0]!.ETag);
    }

    /// <summary>Saves a change that owes nobody a message (an edit, a withdrawal).</summary>
    public Task<VersionedPriority> SaveAsync(string vpiId, VersionedPriority read, Priority changed, CancellationToken ct) =>
        SaveAsync(vpiId, read, changed, [], ct);

    /// <summary>Every priority of the VPI, newest first.</summary>
    public async Task<IReadOnlyList<Priority>> ListAsync(string vpiId, CancellationToken ct)
    {
        var all = new List<Priority>();
        string? continuation = null;
        do
        {
            var page = await table.QueryAsync(Partition(vpiId), Prefix, 1000, continuation, ct);
            all.AddRange(page.Rows.Select(r => Deserialize(r.Data)));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        all.Reverse();
        return all;
    }

    private static string Serialize(Priority p) => JsonSerializer.Serialize(p, VpiStore.Json);

    private static Priority Deserialize(string json) => JsonSerializer.Deserialize<Priority>(json, VpiStore.Json)!;
}
