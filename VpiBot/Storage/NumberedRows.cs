using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>An item as read, with the ETag a conditional write of it must match.</summary>
public sealed record Versioned<T>(T Item, string ETag);

/// <summary>
/// Items of one kind numbered 1, 2, 3… per VPI, in the VPI's partition (<c>{kind}|000042</c>, counter
/// <c>counter|{kind}</c>): priorities, recommendations, ballots. A number is taken with the item itself in one atomic
/// batch (counter replace-if-match + insert), so two people creating at once get different numbers and nothing is lost;
/// every change is a replace-if-match, with the events it causes in the same batch (<see cref="OutboxStore.CommitAsync"/>).
/// </summary>
public sealed class NumberedRows<T>(ITableStore table, OutboxStore outbox, string kind)
{
    private readonly string _prefix = kind + "|";
    private readonly string _counterRow = "counter|" + kind;

    private static string Partition(string vpiId) => VpiStore.Partition(vpiId);

    /// <summary>The row key of item <paramref name="number"/>.</summary>
    public string Row(int number) => _prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Creates the next item; <paramref name="create"/> makes it from its number, with other rows of the partition to
    /// write in the same batch (conditional ones make the whole creation fail with <see cref="ConcurrencyConflictException"/>
    /// when they lose, after no retry) and the events it causes. Losing only the number to someone else retries.
    /// </summary>
    public async Task<T> CreateAsync(string vpiId, Func<int, (T Item, IReadOnlyList<RowOperation> Also, IReadOnlyList<IVpiEvent> Events)> create, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var counter = await table.GetAsync(Partition(vpiId), _counterRow, ct);
            var number = counter is null ? 1 : int.Parse(counter.Data, CultureInfo.InvariantCulture) + 1;
            var (item, also, events) = create(number);
            var next = number.ToString(CultureInfo.InvariantCulture);
            RowOperation take = counter is null ? new RowOperation.Insert(_counterRow, next) : new RowOperation.Replace(_counterRow, next, counter.ETag);
            try
            {
                await outbox.CommitAsync(vpiId, [take, new RowOperation.Insert(Row(number), Serialize(item)), .. also], events, ct);
                return item;
            }
            catch (ConcurrencyConflictException) when (attempt < 60)
            {
                if (!await CounterMovedAsync(vpiId, counter, ct))
                {
                    throw; // one of the other rows' conditions failed: not for a retry to mend
                }
                // someone took this number first: take the next one, after a pause that spreads the contenders out
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct);
            }
        }
    }

    /// <summary>Whether the counter changed since it was read (the number was lost, not one of the other rows' conditions).</summary>
    private async Task<bool> CounterMovedAsync(string vpiId, StoredRow? read, CancellationToken ct) =>
        (await table.GetAsync(Partition(vpiId), _counterRow, ct))?.ETag != read?.ETag;

    /// <summary>Creates the next item, alone.</summary>
    public Task<T> CreateAsync(string vpiId, Func<int, T> create, CancellationToken ct) =>
        CreateAsync(vpiId, n => (create(n), [], []), ct);

    public async Task<Versioned<T>?> GetAsync(string vpiId, int number, CancellationToken ct)
    {
        var row = await table.GetAsync(Partition(vpiId), Row(number), ct);
        return row is null ? null : new Versioned<T>(Deserialize(row.Data), row.ETag);
    }

    /// <summary>The write of a change, if nobody saved another since it was read: for a batch with other rows.</summary>
    public RowOperation Replace(int number, Versioned<T> read, T changed) => new RowOperation.Replace(Row(number), Serialize(changed), read.ETag);

    /// <summary>
    /// Saves a change if nobody saved another since it was read (<see cref="ConcurrencyConflictException"/> otherwise),
    /// with the events it causes and any other rows in the same atomic write.
    /// </summary>
    public async Task<Versioned<T>> SaveAsync(string vpiId, int number, Versioned<T> read, T changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct,
        IReadOnlyList<RowOperation>? also = null)
    {
        var rows = await outbox.CommitAsync(vpiId, [Replace(number, read, changed), .. also ?? []], events, ct);
        return new Versioned<T>(changed, rows[0]!.ETag);
    }

    /// <summary>Every item of the VPI, oldest first.</summary>
    public async Task<IReadOnlyList<Versioned<T>>> ListAsync(string vpiId, CancellationToken ct)
    {
        return (await table.QueryAllAsync(Partition(vpiId), _prefix, ct)).Select(r => new Versioned<T>(Deserialize(r.Data), r.ETag)).ToList();
    }

    private static string Serialize(T item) => JsonSerializer.Serialize(item, VpiStore.Json);

    private static T Deserialize(string json) => JsonSerializer.Deserialize<T>(json, VpiStore.Json)!;
}
