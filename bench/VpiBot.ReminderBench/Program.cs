using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Features.Reminders;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Storage;

// Reminders at scale: the time one round of the roadmap reminder service takes to compute and queue the reminders of
// --vpis VPIs with --tasks tasks each, seeded straight into the store through VpiBot's own stores (not measured), then
// RoadmapReminders.RunOnceAsync (what the service's loop calls) under a fixed clock: the first round (everything due is
// queued), the same round again on the same instance (remembered in memory), and again on a new instance over the same
// store (a restart, or a second instance: the exactly-once path reads each key's `once|` row). No outbox dispatcher
// runs: the queued messages stay queued. Usage:
//   dotnet run -c Release --project bench/VpiBot.ReminderBench [-- --vpis 100 --tasks 300 --owners 40 --repetitions 3 --storage sqlite,azurite]

var vpiCount = int.Parse(Option("--vpis", "100"), CultureInfo.InvariantCulture);
var taskCount = int.Parse(Option("--tasks", "300"), CultureInfo.InvariantCulture);
var ownerCount = int.Parse(Option("--owners", "40"), CultureInfo.InvariantCulture);
var repetitions = int.Parse(Option("--repetitions", "3"), CultureInfo.InvariantCulture);
var storages = Option("--storage", "sqlite,azurite").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

// Monday 1 March 2027, 10:00 UTC: past 09:00 in every zone below but Bogotá's (05:00), where the day's reminders have not come yet
var now = new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
var clock = new FixedClock(now);
string[] zones = ["Africa/Accra", "Europe/Vienna", "Asia/Bangkok", "America/Bogota", "Pacific/Auckland"];
var reminderOptions = Options.Create(new ReminderOptions()); // 3 days before, on the day, weekly overdue; digest Monday 09:00

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {vpiCount} VPIs x {taskCount} tasks, {ownerCount} owners each; " +
    $"clock fixed at {now:yyyy-MM-dd HH:mm} UTC; {repetitions} repetition(s) per storage");
Console.WriteLine();
Console.WriteLine("| storage | rep | seed s | round   | wall s | CPU s | queued | once reads | store ops |   gets | query pages | upserts | batches | alloc MB | errors |");
Console.WriteLine("|---------|----:|-------:|---------|-------:|------:|-------:|-----------:|----------:|-------:|------------:|--------:|--------:|---------:|-------:|");
var failed = false;
var checks = new List<string>();

foreach (var storage in storages)
{
    await using var azurite = storage == "azurite" ? await AzuriteProcess.StartAsync(TimeSpan.FromSeconds(60)) : null;
    for (var rep = 1; rep <= repetitions; rep++)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vpibot-reminderbench-" + Guid.NewGuid().ToString("N"));
        var sqlite = storage == "sqlite" ? new SqliteTableStore(Path.Combine(folder, "bench.db")) : null;
        try
        {
            ITableStore inner = sqlite ?? (ITableStore)new AzureTableStore(new TableServiceClient(azurite!.ConnectionString), "rem" + Guid.NewGuid().ToString("N")[..10]);
            var table = new CountingTableStore(inner);
            var seeding = Stopwatch.StartNew();
            var expected = await SeedAsync(table);
            seeding.Stop();

            // one instance: the first round, then the same round again (its memory of what it queued)
            var first = NewService(table);
            var round1 = await RoundAsync(table, first.Service, first.Errors);
            var round2 = await RoundAsync(table, first.Service, first.Errors);
            // a new instance on the same store (a restart, a second instance): nothing in memory, each key's once| row read
            var second = NewService(table);
            var round3 = await RoundAsync(table, second.Service, second.Errors);

            var queued = await CountQueuedAsync(inner);
            Print(storage, rep, seeding.Elapsed, "first", round1);
            Print(storage, rep, null, "again", round2);
            Print(storage, rep, null, "restart", round3);
            if (queued.Reminders != expected.Reminders || queued.Digests != vpiCount || queued.Jobs != expected.Reminders + vpiCount
                || round1.Errors + round2.Errors + round3.Errors > 0 || round2.Queued + round3.Queued > 0)
            {
                failed = true;
                Console.WriteLine($"PROBLEM: expected {expected.Reminders} reminders and {vpiCount} digests queued once, found {queued.Reminders} reminder keys, " +
                    $"{queued.Digests} digest keys, {queued.Jobs} outbox jobs; rounds queued {round1.Queued}/{round2.Queued}/{round3.Queued}; errors {round1.Errors + round2.Errors + round3.Errors}");
            }
            checks.Add($"{storage} rep {rep}: stored once keys {queued.Reminders} reminders + {queued.Digests} digests, {queued.Jobs} outbox jobs; " +
                $"due by ReminderSchedule, computed apart: {expected.Reminders} reminders ({expected.OpenTasks} open tasks of {vpiCount * taskCount}, {expected.Owners} owner-task pairs) + {vpiCount} digests");
        }
        finally
        {
            sqlite?.Dispose();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
Console.WriteLine();
checks.ForEach(Console.WriteLine);
Console.WriteLine("queued: reminders and digests this round committed (each a batch with its once| key); once reads: the once| keys it read.");
return failed ? 1 : 0;

(RoadmapReminders Service, ErrorCounter Errors) NewService(ITableStore table)
{
    var outbox = new OutboxStore(table, clock, new WakeSignal());
    var tasks = new TaskStore(table, outbox);
    var reminding = new RoadmapReminding(new VpiStore(table, clock), tasks, outbox, new PersonSettingsStore(table), clock, reminderOptions);
    var errors = new ErrorCounter();
    return (new RoadmapReminders(reminding, tasks, clock, reminderOptions, errors), errors);
}

async Task<RoundResult> RoundAsync(CountingTableStore table, RoadmapReminders service, ErrorCounter errors)
{
    GC.Collect();
    var before = table.Snapshot();
    var errorsBefore = errors.Count;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    await service.RunOnceAsync(default);
    watch.Stop();
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var ops = table.Snapshot() - before;
    return new RoundResult(watch.Elapsed, cpuUsed, ops, ops.OnceInserts, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0, errors.Count - errorsBefore, ops.OnceReads);
}

void Print(string storage, int rep, TimeSpan? seed, string round, RoundResult r) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {storage,-7} | {rep,3} | {(seed is { } s ? s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : ""),6} | {round,-7} | {r.Wall.TotalSeconds,6:0.00} | {r.Cpu.TotalSeconds,5:0.00} | " +
        $"{r.Queued,6} | {r.OnceReads,10} | {r.Ops.Total,9} | {r.Ops.Gets,6} | {r.Ops.QueryPages,11} | {r.Ops.Upserts,7} | {r.Ops.Batches,7} | {r.AllocatedMb,8:0} | {r.Errors,6} |"));

// The VPIs, each in its own channel and time zone, with a facilitator and ownerCount members (alternately review team
// and alliance; every second member has written to the bot, so their settings hold their zone and the bot's address),
// and taskCount tasks each, created 60 days ago by the facilitator: task n owned by member (n−1) mod owners and, when n is
// even, also by member (n+6) mod owners; due (n·37 mod 61) − 30 days from today in the VPI's zone (so spread over ±30
// days); every fifth one done. Returns the reminders due now by ReminderSchedule, computed apart from the service.
async Task<Expected> SeedAsync(ITableStore table)
{
    var outbox = new OutboxStore(table, clock, new WakeSignal());
    var vpis = new VpiStore(table, clock);
    var tasks = new TaskStore(table, outbox);
    var people = new PersonSettingsStore(table);
    var created = now.AddDays(-60);
    var reminders = 0;
    var openTasks = 0;
    var pairs = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, vpiCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (v, ct) =>
    {
        var vpiId = $"bench-rem-{v:D4}";
        var zone = zones[v % zones.Length];
        var home = new VpiHome($"19:channel-rem-{v}@thread.tacv2", "https://smba.trafficmanager.net/emea/", $"19:team-rem-{v}@thread.tacv2", $"19:channel-rem-{v}@thread.tacv2", true);
        var facilitator = new Member($"f0000000-0000-4000-8000-{v:D12}", $"29:facilitator-{v}", $"Facilitator {v}", null, VpiRole.Facilitator, "UNODC",
            OrganisationType.Unodc, "system", created);
        var vpi = new Vpi(vpiId, "GH", $"tenant-{v}", Instrument.TraffickingInPersons, ReviewCluster.Prevention, CollaborationLevel.Medium, home,
            new Dictionary<VpiStage, DateOnly>(), [], facilitator.AadObjectId, created, TimeZone: zone);
        if (!await vpis.CreateAsync(vpi, facilitator, ct))
        {
            throw new InvalidOperationException($"VPI {vpiId} not created");
        }
        await people.SaveAsync(facilitator.AadObjectId, new PersonSettings(zone, "en", "28:bench-bot", home.ServiceUrl, created), ct);
        var members = Enumerable.Range(0, ownerCount).Select(i => new Member($"a0000000-{v:D4}-4000-8000-{i:D12}", $"29:member-{v}-{i}", $"Member {v}-{i}", null,
            i % 2 == 0 ? VpiRole.ReviewTeam : VpiRole.Alliance, "Org", i % 2 == 0 ? OrganisationType.Government : OrganisationType.Ngo, facilitator.AadObjectId, created)).ToList();
        var settings = new Dictionary<string, PersonSettings?>();
        foreach (var (m, i) in members.Select((m, i) => (m, i)))
        {
            await vpis.AddNewMemberAsync(vpiId, m, ct);
            PersonSettings? s = i % 2 == 0 ? new PersonSettings(zones[(v + i) % zones.Length], "en", "28:bench-bot", home.ServiceUrl, created) : null;
            if (s is not null)
            {
                await people.SaveAsync(m.AadObjectId, s, ct);
            }
            settings[m.AadObjectId] = s;
        }
        var today = TimeZones.ToLocal(now, zone).Date;
        int due = 0, open = 0, owned = 0;
        for (var n = 1; n <= taskCount; n++)
        {
            var owners = (n % 2 == 0 ? new[] { (n - 1) % ownerCount, (n + 6) % ownerCount } : [(n - 1) % ownerCount]).Distinct().Select(i => members[i].AadObjectId).ToList();
            var task = RoadmapRules.Create(n, new TaskText($"Train labour inspectors in region {n % 16}", "Agree minimum standards with the ministry."), null, owners,
                LeadSide.Joint, today.AddDays(-60), today.AddDays((n * 37 % 61) - 30), facilitator.AadObjectId, facilitator.Name, created).Task!;
            if (n % 5 == 0)
            {
                task = task with { State = TaskState.Done, Progress = 100 };
            }
            var stored = await tasks.CreateAsync(vpiId, _ => task, _ => [], ct);
            if (stored.Number != n)
            {
                throw new InvalidOperationException($"task {stored.Number} of {vpiId} created as {n}");
            }
            open += task.IsOpen ? 1 : 0;
            foreach (var owner in task.Owners)
            {
                owned++;
                due += ReminderSchedule.Due(task, owner, now, settings[owner]?.TimeZone ?? zone, reminderOptions.Value.RemindDaysBefore) is null ? 0 : 1;
            }
        }
        Interlocked.Add(ref reminders, due);
        Interlocked.Add(ref openTasks, open);
        Interlocked.Add(ref pairs, owned);
    });
    return new Expected(reminders, openTasks, pairs);
}

// What the store holds afterwards: the once| keys (reminders and digests) and the outbox jobs, over every VPI
async Task<(int Reminders, int Digests, int Jobs)> CountQueuedAsync(ITableStore table)
{
    int reminders = 0, digests = 0, jobs = 0;
    for (var v = 0; v < vpiCount; v++)
    {
        var partition = $"vpi|bench-rem-{v:D4}";
        var once = await table.QueryAllAsync(partition, OutboxStore.OncePrefix, default);
        reminders += once.Count(r => r.RowKey.StartsWith(OutboxStore.OncePrefix + "reminder|", StringComparison.Ordinal));
        digests += once.Count(r => r.RowKey.StartsWith(OutboxStore.OncePrefix + "digest|", StringComparison.Ordinal));
        jobs += (await table.QueryAllAsync(partition, OutboxStore.JobPrefix, default)).Count;
    }
    return (reminders, digests, jobs);
}

string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

internal sealed record Expected(int Reminders, int OpenTasks, int Owners);

internal sealed record RoundResult(TimeSpan Wall, TimeSpan Cpu, StoreOps Ops, long Queued, double AllocatedMb, int Errors, long OnceReads);

/// <summary>A clock that stands still: every round sees the same instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Counts the errors the service logs (it logs a VPI's failure and goes on with the others) and prints the first.</summary>
internal sealed class ErrorCounter : ILogger<RoadmapReminders>
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error && Interlocked.Increment(ref _count) == 1)
        {
            Console.Error.WriteLine($"service error: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>Store operations by kind; <see cref="OnceReads"/> and <see cref="OnceInserts"/>: the reads and batches of <c>once|</c> keys.</summary>
internal sealed record StoreOps(long Gets, long QueryPages, long Upserts, long Batches, long Other, long OnceReads, long OnceInserts)
{
    public long Total => Gets + QueryPages + Upserts + Batches + Other;

    public static StoreOps operator -(StoreOps a, StoreOps b) => new(a.Gets - b.Gets, a.QueryPages - b.QueryPages, a.Upserts - b.Upserts,
        a.Batches - b.Batches, a.Other - b.Other, a.OnceReads - b.OnceReads, a.OnceInserts - b.OnceInserts);
}

/// <summary>An <see cref="ITableStore"/> that counts the operations passed on to the real one.</summary>
internal sealed class CountingTableStore(ITableStore inner) : ITableStore
{
    private long _gets, _queryPages, _upserts, _batches, _other, _onceReads, _onceInserts;

    public StoreOps Snapshot() => new(Interlocked.Read(ref _gets), Interlocked.Read(ref _queryPages), Interlocked.Read(ref _upserts),
        Interlocked.Read(ref _batches), Interlocked.Read(ref _other), Interlocked.Read(ref _onceReads), Interlocked.Read(ref _onceInserts));

    public Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        Interlocked.Increment(ref _gets);
        if (rowKey.StartsWith(OutboxStore.OncePrefix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _onceReads);
        }
        return inner.GetAsync(partitionKey, rowKey, ct);
    }

    public Task<StoredRow> InsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct)
    {
        Interlocked.Increment(ref _other);
        return inner.InsertAsync(partitionKey, rowKey, data, ct);
    }

    public Task<StoredRow> UpsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct)
    {
        Interlocked.Increment(ref _upserts);
        return inner.UpsertAsync(partitionKey, rowKey, data, ct);
    }

    public Task<StoredRow> ReplaceAsync(string partitionKey, string rowKey, string data, string ifMatch, CancellationToken ct)
    {
        Interlocked.Increment(ref _other);
        return inner.ReplaceAsync(partitionKey, rowKey, data, ifMatch, ct);
    }

    public Task DeleteAsync(string partitionKey, string rowKey, string ifMatch, CancellationToken ct)
    {
        Interlocked.Increment(ref _other);
        return inner.DeleteAsync(partitionKey, rowKey, ifMatch, ct);
    }

    public Task<RowPage> QueryAsync(string partitionKey, string? rowKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct)
    {
        Interlocked.Increment(ref _queryPages);
        return inner.QueryAsync(partitionKey, rowKeyPrefix, pageSize, continuationToken, ct);
    }

    public Task<RowPage> ScanAsync(string partitionKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct)
    {
        Interlocked.Increment(ref _queryPages);
        return inner.ScanAsync(partitionKeyPrefix, pageSize, continuationToken, ct);
    }

    public Task<IReadOnlyList<StoredRow?>> ExecuteBatchAsync(string partitionKey, IReadOnlyList<RowOperation> operations, CancellationToken ct)
    {
        Interlocked.Increment(ref _batches);
        if (operations.Any(o => o is RowOperation.Insert && o.RowKey.StartsWith(OutboxStore.OncePrefix, StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _onceInserts);
        }
        return inner.ExecuteBatchAsync(partitionKey, operations, ct);
    }
}
