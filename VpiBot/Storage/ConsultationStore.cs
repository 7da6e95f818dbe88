using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>
/// A VPI's consultations in its partition (<c>consultation|000002</c>, numbered per VPI, see <see cref="NumberedRows{T}"/>),
/// and the answers to them, one row per consultation and person (<c>consultation-answer|000002|{aad}</c>), each written
/// only if unchanged since it was read (its ETag). VPIs with consultations are marked in the <c>consultations</c>
/// partition, for the reminder and closing rounds to find without scanning every VPI.
/// </summary>
public sealed class ConsultationStore(ITableStore table, OutboxStore outbox)
{
    public const string ConsultationsPartition = "consultations";
    private const string AnswerPrefix = "consultation-answer|";
    private readonly NumberedRows<Consultation> _rows = new(table, outbox, "consultation");

    /// <summary>Creates the next consultation (the VPI marked as having consultations first), with the events it causes.</summary>
    public async Task<Consultation> CreateAsync(string vpiId, Func<int, Consultation> create, Func<Consultation, IReadOnlyList<IVpiEvent>> events, CancellationToken ct)
    {
        await table.UpsertAsync(ConsultationsPartition, vpiId, "{}", ct);
        return await _rows.CreateAsync(vpiId, n => create(n) is var c ? (c, [], events(c)) : default, ct);
    }

    public Task<Versioned<Consultation>?> GetAsync(string vpiId, int number, CancellationToken ct) => _rows.GetAsync(vpiId, number, ct);

    /// <summary>Saves a change if nobody saved another since it was read (<see cref="ConcurrencyConflictException"/> otherwise), with its events.</summary>
    public Task<Versioned<Consultation>> SaveAsync(string vpiId, Versioned<Consultation> read, Consultation changed, IReadOnlyList<IVpiEvent> events, CancellationToken ct) =>
        _rows.SaveAsync(vpiId, changed.Number, read, changed, events, ct);

    /// <summary>Every consultation of the VPI, oldest first.</summary>
    public Task<IReadOnlyList<Versioned<Consultation>>> ListAsync(string vpiId, CancellationToken ct) => _rows.ListAsync(vpiId, ct);

    /// <summary>The VPIs that have consultations.</summary>
    public async Task<IReadOnlyList<string>> VpisWithConsultationsAsync(CancellationToken ct) =>
        (await table.QueryAllAsync(ConsultationsPartition, null, ct)).Select(r => r.RowKey).ToList();

    private static string Prefix(int number) => AnswerPrefix + number.ToString("D6", CultureInfo.InvariantCulture) + "|";

    private static string AnswerRow(int number, string aadObjectId) => Prefix(number) + aadObjectId.ToLowerInvariant();

    /// <summary>The person's answers to consultation <paramref name="number"/>, with their ETag; null before their first save.</summary>
    public async Task<Versioned<ConsultationAnswer>?> GetAnswerAsync(string vpiId, int number, string aadObjectId, CancellationToken ct) =>
        await table.GetAsync(VpiStore.Partition(vpiId), AnswerRow(number, aadObjectId), ct) is { } row
            ? new Versioned<ConsultationAnswer>(JsonSerializer.Deserialize<ConsultationAnswer>(row.Data, VpiStore.Json)!, row.ETag)
            : null;

    /// <summary>
    /// Saves the person's answers: inserted if <paramref name="read"/> is null, else replaced if unchanged since it was
    /// read; <see cref="ConcurrencyConflictException"/> when someone (the same person on another device) saved first.
    /// <paramref name="events"/> are queued in the same atomic write.
    /// </summary>
    public async Task<Versioned<ConsultationAnswer>> SaveAnswerAsync(string vpiId, Versioned<ConsultationAnswer>? read, ConsultationAnswer answer,
        IReadOnlyList<IVpiEvent> events, CancellationToken ct)
    {
        var key = AnswerRow(answer.Number, answer.AadObjectId);
        var data = JsonSerializer.Serialize(answer, VpiStore.Json);
        RowOperation write = read is null ? new RowOperation.Insert(key, data) : new RowOperation.Replace(key, data, read.ETag);
        var row = (await outbox.CommitAsync(vpiId, [write], events, ct))[0]!;
        return new Versioned<ConsultationAnswer>(answer, row.ETag);
    }

    /// <summary>Every answer saved to consultation <paramref name="number"/>.</summary>
    public async Task<IReadOnlyList<ConsultationAnswer>> ListAnswersAsync(string vpiId, int number, CancellationToken ct) =>
        (await table.QueryAllAsync(VpiStore.Partition(vpiId), Prefix(number), ct))
            .Select(r => JsonSerializer.Deserialize<ConsultationAnswer>(r.Data, VpiStore.Json)!).ToList();

    /// <summary>The outcome report's annex: every closed consultation of the VPI, each question with the inputs given by its close.</summary>
    public async Task<IReadOnlyList<ConsultationAnnex>> AnnexAsync(string vpiId, CancellationToken ct)
    {
        var annex = new List<ConsultationAnnex>();
        foreach (var c in (await ListAsync(vpiId, ct)).Select(v => v.Item).Where(c => c.Status == ConsultationStatus.Closed))
        {
            annex.Add(ConsultationRules.Annex(c, await ListAnswersAsync(vpiId, c.Number, ct)));
        }
        return annex;
    }
}
