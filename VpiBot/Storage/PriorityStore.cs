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
    private static string Partition(string vpiId) => VpiStore.Partition(vpiId);
    private static string DecisionPrefix(int number, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"decision|{number:D6}|{revision:D4}|");
    private static string DecisionRow(int number, int revision, string reviewer) => DecisionPrefix(number, revision) + reviewer.ToLowerInvariant();

    private readonly NumberedRows<Priority> _rows = new(table, outbox, "priority");

    public Task<Priority> CreateAsync(string vpiId, Func<int, Priority> create, CancellationToken ct) => _rows.CreateAsync(vpiId, create, ct);

    /// <summary>The priority as stored; while it is under review, with the decisions recorded so far in its round
    /// (unless <paramref name="withDecisions"/> is false: the row alone, one read).</summary>
    public async Task<VersionedPriority?> GetAsync(string vpiId, int number, CancellationToken ct, bool withDecisions = true)
    {
        if (await _rows.GetAsync(vpiId, number, ct) is not { Item: var p, ETag: var etag })
        {
            return null;
        }
        return new VersionedPriority(withDecisions && p.Status == PriorityStatus.UnderReview ? p with { Decisions = await DecisionsAsync(vpiId, p, ct) } : p, etag);
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
    private async Task<IReadOnlyList<ReviewerDecision>> DecisionsAsync(string vpiId, Priority p, CancellationToken ct) =>
        (await table.QueryAllAsync(Partition(vpiId), DecisionPrefix(p.Number, p.Revision), ct))
            .Select(r => JsonSerializer.Deserialize<ReviewerDecision>(r.Data, VpiStore.Json)!)
            .OrderBy(d => d.At).ThenBy(d => d.ReviewerAadObjectId, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// Saves a change if nobody saved another since it was read (<see cref="ConcurrencyConflictException"/> otherwise),
    /// with the events it causes in the same atomic write: the change and the notifications it owes survive together.
    /// </summary>
    public async Task<VersionedPriority> SaveAsync(string vpiId, VersionedPriority read, Priority changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct)
    {
        var saved = await _rows.SaveAsync(vpiId, changed.Number, new Versioned<Priority>(read.Priority, read.ETag), changed, events, ct);
        return new VersionedPriority(changed, saved.ETag);
    }

    /// <summary>Saves a change that owes nobody a message (an edit, a withdrawal).</summary>
    public Task<VersionedPriority> SaveAsync(string vpiId, VersionedPriority read, Priority changed, CancellationToken ct) =>
        SaveAsync(vpiId, read, changed, [], ct);

    /// <summary>Every priority of the VPI, newest first.</summary>
    public async Task<IReadOnlyList<Priority>> ListAsync(string vpiId, CancellationToken ct) =>
        (await _rows.ListAsync(vpiId, ct)).Select(v => v.Item).Reverse().ToList();
}
