using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Notifications;
using VpiBot.Protocol;
using VpiBot.Storage;

namespace VpiBot.Features.Reminders;

/// <summary>Settings of the roadmap's reminders and weekly digest (<c>Roadmap:…</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>How many days before a task's due day its owners are reminded (0: not before the day itself).</summary>
    public int RemindDaysBefore { get; set; } = 3;

    /// <summary>The day of the week the digest is posted in each VPI's channel, at <see cref="DigestTime"/> in the VPI's time zone.</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    public TimeSpan DigestTime { get; set; } = TimeSpan.FromHours(9);

    /// <summary>How often an instance looks for reminders and digests that have come (and at start).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The reminders and the digest of one VPI's roadmap that have come, each queued <b>once</b>: under a key naming the
/// task, the owner and the occasion (or the digest's ISO week), written in the same atomic batch as the message
/// (<see cref="OutboxStore.CommitOnceAsync"/>) — so neither a restart nor a second instance on the same store sends it
/// again. Only the latest occasion is ever due (<see cref="ReminderSchedule"/>), so after a downtime it is sent late,
/// once. What the process queued (or found queued) it remembers, so it does not ask the store again every round.
/// </summary>
/// <remarks>
/// A reminder is a 1:1 message. Through the owner's stored personal chat if there is one; otherwise the bot opens one,
/// for which it needs its own id and the tenant's serviceUrl: those the owner's own Teams client last sent
/// (<see cref="PersonSettings"/>), else those the task's creator's did (the creator spoke to the bot to create it),
/// else the VPI's channel's serviceUrl.
/// </remarks>
public sealed class RoadmapReminding(VpiStore vpis, TaskStore tasks, OutboxStore outbox, PersonSettingsStore people, TimeProvider time,
    IOptions<ReminderOptions> options)
{
    private const int MaxRemembered = 100_000;
    private const string DefaultCulture = "en";
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    public async Task RunDueAsync(string vpiId, CancellationToken ct)
    {
        var round = new Round();
        try
        {
            await QueueDueAsync(vpiId, round, ct);
        }
        finally
        {
            if (round.Marked)
            {
                await outbox.PendingAsync(vpiId, CancellationToken.None); // after the last commit: nothing queued is stranded
            }
        }
    }

    private async Task QueueDueAsync(string vpiId, Round round, CancellationToken ct)
    {
        if (await vpis.GetAsync(vpiId, ct) is not { Vpi: var vpi })
        {
            return;
        }
        var all = (await tasks.ListAsync(vpiId, ct)).Select(v => v.Item).ToList();
        if (all.Count == 0)
        {
            return;
        }
        var settings = options.Value;
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        var now = time.GetUtcNow();
        var seen = new Dictionary<string, PersonSettings?>(StringComparer.OrdinalIgnoreCase);
        async Task<PersonSettings?> Person(string aad) => seen.TryGetValue(aad, out var p) ? p : seen[aad] = await people.GetAsync(aad, ct);

        var roster = (await vpis.GetMembersAsync(vpiId, ct)).ToDictionary(m => m.AadObjectId, StringComparer.OrdinalIgnoreCase);
        foreach (var t in all.Where(t => t.IsOpen))
        {
            foreach (var owner in t.Owners)
            {
                if (!roster.TryGetValue(owner, out var member))
                {
                    continue; // no longer on the roster
                }
                var person = await Person(owner);
                if (ReminderSchedule.Due(t, owner, now, person?.TimeZone ?? zone, settings.RemindDaysBefore) is not { } occasion
                    || Remembered(vpiId, occasion.Key(t.Number, owner)))
                {
                    continue;
                }
                var address = person is { BotId: not null, ServiceUrl: not null } ? person : await Person(t.CreatedBy);
                var delivery = OutboxDelivery.ToMember(member, address?.BotId ?? "", address?.ServiceUrl ?? vpi.Home.ServiceUrl,
                    TaskReminderView.ViewName, new TaskReminderArgs(t.Number, member.AadObjectId), CultureOf(person));
                await QueueOnceAsync(vpiId, occasion.Key(t.Number, owner), delivery, round, ct);
            }
        }

        var digest = ReminderSchedule.LatestDigest(now, zone, settings.DigestDay, TimeOnly.FromTimeSpan(settings.DigestTime));
        if (digest.At >= all.Min(t => t.CreatedAt) && !Remembered(vpiId, digest.Key))
        {
            var delivery = OutboxDelivery.ToHome(RoadmapDigestView.ViewName, new DigestArgs(digest.At, digest.Date), CultureOf(await Person(vpi.CreatedBy)));
            await QueueOnceAsync(vpiId, digest.Key, delivery, round, ct);
        }
    }

    private static string CultureOf(PersonSettings? person) => person?.Culture is { Length: > 0 } culture ? culture : DefaultCulture;

    private bool Remembered(string vpiId, string key) => _queued.ContainsKey(vpiId + "\n" + key);

    /// <summary>One VPI's round: whether it has marked the VPI as having outbox work yet.</summary>
    private sealed class Round
    {
        public bool Marked { get; set; }
    }

    /// <summary>
    /// Queues one reminder or digest under its key, once. The VPI is marked as having outbox work once before the round's
    /// first commit (and once after its last, by <see cref="RunDueAsync"/>), not around each of them: half of a
    /// round's store operations were those marks.
    /// </summary>
    private async Task QueueOnceAsync(string vpiId, string key, OutboxDelivery delivery, Round round, CancellationToken ct)
    {
        if (!await outbox.WasQueuedOnceAsync(vpiId, key, ct))
        {
            if (!round.Marked)
            {
                await outbox.MarkDirtyAsync(vpiId, ct);
                round.Marked = true;
            }
            await outbox.CommitOnceAsync(vpiId, key, [new MessagesRequested(vpiId, [delivery])], ct, markPending: false); // false: another instance won
        }
        if (_queued.Count > MaxRemembered)
        {
            _queued.Clear(); // a bound on memory; the cost is one read per key
        }
        _queued[vpiId + "\n" + key] = 0;
    }
}

/// <summary>
/// The background service that queues the roadmap's reminders and digests: at start and every
/// <see cref="ReminderOptions.CheckInterval"/>, over every VPI with a roadmap.
/// </summary>
public sealed class RoadmapReminders(RoadmapReminding reminding, TaskStore tasks, TimeProvider time, IOptions<ReminderOptions> options,
    ILogger<RoadmapReminders> log) : VpiRounds(time, log)
{
    protected override TimeSpan Interval => options.Value.CheckInterval;
    protected override string Work => "roadmap reminders";
    protected override Task<IReadOnlyList<string>> VpisAsync(CancellationToken ct) => tasks.VpisWithRoadmapsAsync(ct);
    protected override Task RunAsync(string vpiId, CancellationToken ct) => reminding.RunDueAsync(vpiId, ct);
}

public static class ReminderServices
{
    public static IServiceCollection AddRoadmapReminders(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<ReminderOptions>(configuration.GetSection("Roadmap"))
        .AddSingleton<IContactObserver, PersonSettingsKeeper>()
        .AddSingleton<RoadmapReminding>()
        .AddSingleton<RoadmapReminders>()
        .AddHostedService(sp => sp.GetRequiredService<RoadmapReminders>())
        .AddMessageView<TaskReminderView>()
        .AddMessageView<RoadmapDigestView>();
}
