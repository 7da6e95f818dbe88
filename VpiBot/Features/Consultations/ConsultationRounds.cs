using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Notifications;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Consultations;

/// <summary>Settings of the consultations' rounds (<c>Consultations:…</c>).</summary>
public sealed class ConsultationOptions
{
    /// <summary>How often an instance looks for reminders due and deadlines passed (and at start).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The consultations' background rounds. Before the deadline (<see cref="ConsultationRules.ReminderAt"/>) those consulted
/// who have not answered are reminded 1:1, <b>once</b>: the reminders are queued under a key naming the consultation, in
/// the same atomic batch as the messages (<see cref="OutboxStore.CommitOnceAsync"/>), so neither a restart nor a second
/// instance sends them again. At the deadline the consultation closes: a conditional write of the consultation with the
/// closing message in the same batch, so of two instances one closes it and the channel is told once.
/// </summary>
public sealed class ConsultationRounds(VpiStore vpis, ConsultationStore consultations, OutboxStore outbox, PersonSettingsStore people, TimeProvider time,
    IOptions<ConsultationOptions> options, ILogger<ConsultationRounds> log) : VpiRounds(time, log)
{
    private const string DefaultCulture = "en";

    public static string ReminderKey(int number) => "consultation|" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "|reminder";

    protected override TimeSpan Interval => options.Value.CheckInterval;
    protected override string Work => "consultation reminders and deadlines";
    protected override Task<IReadOnlyList<string>> VpisAsync(CancellationToken ct) => consultations.VpisWithConsultationsAsync(ct);

    protected override async Task RunAsync(string vpiId, CancellationToken ct)
    {
        if (await vpis.GetAsync(vpiId, ct) is not { Vpi: var vpi })
        {
            return;
        }
        var now = Time.GetUtcNow();
        foreach (var read in (await consultations.ListAsync(vpiId, ct)).Where(v => v.Item.Status == ConsultationStatus.Open))
        {
            var c = read.Item;
            if (ConsultationRules.CloseDue(c, now))
            {
                await CloseAsync(vpi, read, now, ct);
            }
            else if (ConsultationRules.ReminderDue(c, now) && !await outbox.WasQueuedOnceAsync(vpiId, ReminderKey(c.Number), ct))
            {
                await RemindAsync(vpi, c, ct);
            }
        }
    }

    private async Task CloseAsync(Vpi vpi, Versioned<Consultation> read, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await consultations.SaveAsync(vpi.Id, read, ConsultationRules.Close(read.Item, null, now)!,
                [new ConsultationClosed(vpi.Id, read.Item.Number, await CultureAsync(vpi.CreatedBy, ct))], ct);
        }
        catch (ConcurrencyConflictException)
        {
            // another instance (or a facilitator) closed it first: once is enough
        }
    }

    private async Task RemindAsync(Vpi vpi, Consultation c, CancellationToken ct)
    {
        var waiting = ConsultationRules.NotAnswered(c, await consultations.ListAnswersAsync(vpi.Id, c.Number, ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var deliveries = new List<OutboxDelivery>();
        var opener = await people.GetAsync(c.CreatedBy, ct);
        foreach (var member in (await vpis.GetMembersAsync(vpi.Id, ct)).Where(m => waiting.Contains(m.AadObjectId)).OrderBy(m => m.AadObjectId, StringComparer.Ordinal))
        {
            var person = await people.GetAsync(member.AadObjectId, ct);
            var address = person is { BotId: not null, ServiceUrl: not null } ? person : opener;
            deliveries.Add(OutboxDelivery.ToMember(member, address?.BotId ?? "", address?.ServiceUrl ?? vpi.Home.ServiceUrl,
                ConsultationReminderView.ViewName, new ConsultationPersonRef(c.Number, member.AadObjectId), person?.Culture is { Length: > 0 } culture ? culture : DefaultCulture));
        }
        // the key is written even with nobody to remind, so the round does not look again
        await outbox.CommitOnceAsync(vpi.Id, ReminderKey(c.Number), deliveries.Count == 0 ? [] : [new MessagesRequested(vpi.Id, deliveries)], ct);
    }

    private async Task<string> CultureAsync(string aadObjectId, CancellationToken ct) =>
        (await people.GetAsync(aadObjectId, ct))?.Culture is { Length: > 0 } culture ? culture : DefaultCulture;
}
