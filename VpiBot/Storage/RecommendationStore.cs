using VpiBot.Domain;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>
/// Joint recommendations in their VPI's partition (<c>recommendation|000007</c>), numbered per VPI (see
/// <see cref="NumberedRows{T}"/>). Ballots put them on and take them off in the same batch as the ballot's own row
/// (<see cref="Replace"/>), so a recommendation is never on a ballot that does not say so.
/// </summary>
public sealed class RecommendationStore(ITableStore table, OutboxStore outbox)
{
    private readonly NumberedRows<Recommendation> _rows = new(table, outbox, "recommendation");

    public Task<Recommendation> CreateAsync(string vpiId, Func<int, Recommendation> create, CancellationToken ct) => _rows.CreateAsync(vpiId, create, ct);

    public Task<Versioned<Recommendation>?> GetAsync(string vpiId, int number, CancellationToken ct) => _rows.GetAsync(vpiId, number, ct);

    /// <summary>Saves a change if nobody saved another since it was read; <see cref="ConcurrencyConflictException"/> otherwise.</summary>
    public Task<Versioned<Recommendation>> SaveAsync(string vpiId, Versioned<Recommendation> read, Recommendation changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct) =>
        _rows.SaveAsync(vpiId, changed.Number, read, changed, events, ct);

    /// <summary>The conditional write of a change, for a batch with other rows (a ballot opening or closing).</summary>
    public RowOperation Replace(Versioned<Recommendation> read, Recommendation changed) => _rows.Replace(changed.Number, read, changed);

    /// <summary>Every recommendation of the VPI, oldest first.</summary>
    public Task<IReadOnlyList<Versioned<Recommendation>>> ListAsync(string vpiId, CancellationToken ct) => _rows.ListAsync(vpiId, ct);
}
