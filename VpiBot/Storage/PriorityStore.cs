using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

public sealed record VersionedPriority(Priority Priority, string ETag);

/// <summary>
/// Priorities in their VPI's partition (<c>priority|000042</c>), numbered 1, 2, 3… per VPI. A number is taken
/// with the priority itself in one atomic batch (counter replace-if-match + insert), so two people submitting at
/// once get different numbers and nothing is lost. Each reviewer's decision in a round is a row of its own
/// (<c>decision|000042|0003|{reviewer}</c>, the round being the revision sent), written without contention: two hundred
/// reviewers deciding at once never retry against each other; the outcome is derived from those rows.
/// </summary>
public sealed class PriorityStore(ITableStore table, OutboxStore outbox)
{
    private const string Prefix = "priority|";
    private const string CounterRow = "counter|priority";

    private static string Partition(string vpiId) => VpiStore.Partition(vpiId);
    private static string Row(int number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);
    private static string DecisionPrefix(int number, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"decision|{number:D6}|{revision:D4}|");
    private static string DecisionRow(int number, int revision, string reviewer) => DecisionPrefix(number, revision) + reviewer.ToLowerInvariant();

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
            catch (ConcurrencyConflictException) when (attempt < 60)
            {
                // someone took this number first: take the next one, after a pause that spreads the contenders out
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct);
            }
        }
    }

    /// <summary>The priority as stored; while it is under review, with the decisions recorded so far in its round
    /// (unless <paramref name="withDecisions"/> is false: the row alone, one read).</summary>
    public async Task<VersionedPriority?> GetAsync(string vpiId, int number, CancellationToken ct, bool withDecisions = true)
    {
        var row = await table.GetAsync(Partition(vpiId), Row(number), ct);
        if (row is null)
        {
            return null;
        }
        var p = Deserialize(row.Data);
        return new VersionedPriority(withDecisions && p.Status == PriorityStatus.UnderReview ? p with { Decisions = await DecisionsAsync(vpiId, p, ct) } : p, row.ETag);
    }

    /// <summary>
    /// Records a reviewer's decision in the priority's current round, with the events it owes, as one insert: false if
    /// that reviewer's decision is recorded already (a double click, another window).
    /// </summary>
    public async Task<bool> RecordDecisionAsync(string vpiId, Priority p, ReviewerDecision decision, IReadOnlyList<IVpiEvent> events, CancellationToken ct)
    {
        try
        {
            await outbox.CommitAsync(vpiId,
                [new RowOperation.Insert(DecisionRow(p.Number, p.Revision, decision.ReviewerAadObjectId), JsonSerializer.Serialize(decision, VpiStore.Json))], events, ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>Takes back a decision that came after its round had ended (it did not count).</summary>
    public async Task ForgetDecisionAsync(string vpiId, int number, int revision, string reviewer, CancellationToken ct)
    {
        try
        {
            await table.DeleteAsync(Partition(vpiId), DecisionRow(number, revision, reviewer), "*", ct);
        }
        catch (ConcurrencyConflictException)
        {
            // already gone
        }
    }

    /// <summary>The decisions recorded in the priority's current round, in the order they were made.</summary>
    private async Task<IReadOnlyList<ReviewerDecision>> DecisionsAsync(string vpiId, Priority p, CancellationToken ct)
    {
        var all = new List<ReviewerDecision>();
        string? continuation = null;
        do
        {
            var page = await table.QueryAsync(Partition(vpiId), DecisionPrefix(p.Number, p.Revision), TableLimits.MaxPageSize, continuation, ct);
            all.AddRange(page.Rows.Select(r => JsonSerializer.Deserialize<ReviewerDecision>(r.Data, VpiStore.Json)!));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return all.OrderBy(d => d.At).ThenBy(d => d.ReviewerAadObjectId, StringComparer.OrdinalIgnoreCase).ToList();
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
