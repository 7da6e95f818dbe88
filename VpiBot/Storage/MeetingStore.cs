using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>
/// A VPI's meetings in its partition (<c>meeting|000003</c>), numbered per VPI (see <see cref="NumberedRows{T}"/>).
/// VPIs with meetings are marked in the <c>meetings</c> partition, for the follow-up service to find without scanning
/// every VPI.
/// </summary>
public sealed class MeetingStore(ITableStore table, OutboxStore outbox)
{
    public const string MeetingsPartition = "meetings";
    private readonly NumberedRows<Meeting> _rows = new(table, outbox, "meeting");

    /// <summary>Creates the next meeting (the VPI marked as having meetings first).</summary>
    public async Task<Meeting> CreateAsync(string vpiId, Func<int, Meeting> create, CancellationToken ct)
    {
        await table.UpsertAsync(MeetingsPartition, vpiId, "{}", ct);
        return await _rows.CreateAsync(vpiId, create, ct);
    }

    public Task<Versioned<Meeting>?> GetAsync(string vpiId, int number, CancellationToken ct) => _rows.GetAsync(vpiId, number, ct);

    /// <summary>Saves a change if nobody saved another since it was read (<see cref="ConcurrencyConflictException"/> otherwise), with its events.</summary>
    public Task<Versioned<Meeting>> SaveAsync(string vpiId, Versioned<Meeting> read, Meeting changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct) =>
        _rows.SaveAsync(vpiId, changed.Number, read, changed, events, ct);

    /// <summary>Every meeting of the VPI, oldest first.</summary>
    public Task<IReadOnlyList<Versioned<Meeting>>> ListAsync(string vpiId, CancellationToken ct) => _rows.ListAsync(vpiId, ct);

    /// <summary>The VPIs that have meetings.</summary>
    public async Task<IReadOnlyList<string>> VpisWithMeetingsAsync(CancellationToken ct) =>
        (await table.QueryAllAsync(MeetingsPartition, null, ct)).Select(r => r.RowKey).ToList();
}
