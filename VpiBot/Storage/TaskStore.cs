using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>
/// The roadmap's tasks in their VPI's partition (<c>task|000012</c>), numbered per VPI (see <see cref="NumberedRows{T}"/>).
/// VPIs with a roadmap are marked in the <c>roadmaps</c> partition, for the reminder service to find without scanning
/// every VPI.
/// </summary>
public sealed class TaskStore(ITableStore table, OutboxStore outbox)
{
    public const string RoadmapsPartition = "roadmaps";
    private readonly NumberedRows<RoadmapTask> _rows = new(table, outbox, "task");

    /// <summary>Creates the next task (the VPI marked as having a roadmap first), with the events it causes, which name it (by its number).</summary>
    public async Task<RoadmapTask> CreateAsync(string vpiId, Func<int, RoadmapTask> create, Func<RoadmapTask, IReadOnlyList<IVpiEvent>> events, CancellationToken ct)
    {
        await table.UpsertAsync(RoadmapsPartition, vpiId, "{}", ct);
        return await _rows.CreateAsync(vpiId, n => create(n) is var task ? (task, [], events(task)) : default, ct);
    }

    public Task<Versioned<RoadmapTask>?> GetAsync(string vpiId, int number, CancellationToken ct) => _rows.GetAsync(vpiId, number, ct);

    /// <summary>Saves a change if nobody saved another since it was read (<see cref="ConcurrencyConflictException"/> otherwise), with its events.</summary>
    public Task<Versioned<RoadmapTask>> SaveAsync(string vpiId, Versioned<RoadmapTask> read, RoadmapTask changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct,
        IReadOnlyList<RowOperation>? also = null) =>
        _rows.SaveAsync(vpiId, changed.Number, read, changed, events, ct, also);

    /// <summary>Every task of the VPI, oldest first.</summary>
    public Task<IReadOnlyList<Versioned<RoadmapTask>>> ListAsync(string vpiId, CancellationToken ct) => _rows.ListAsync(vpiId, ct);

    /// <summary>The VPIs that have a roadmap.</summary>
    public async Task<IReadOnlyList<string>> VpisWithRoadmapsAsync(CancellationToken ct) =>
        (await table.QueryAllAsync(RoadmapsPartition, null, ct)).Select(r => r.RowKey).ToList();
}
