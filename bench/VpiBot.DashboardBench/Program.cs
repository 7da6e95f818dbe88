using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using VpiBot.Bench;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

// GET /api/dashboard/vpis/{id} on a large VPI: seeded through the stores into a SQLite file, then served by the real
// bot (a child process, Development, so its dev token issuer gives a signed token the validator checks as any other).
// Options (defaults): --duration 8 --warmup 2 --concurrency 16 --priorities 500 --ballots 50 --tasks 300 --members 60
var options = Options.Parse(args);
var dbPath = Path.Combine(Path.GetTempPath(), $"vpibot-dashbench-{Guid.NewGuid():N}.db");
const string Tenant = "0d2f7a4e-8d1b-4c59-9a3e-1f2b3c4d5e6f";
const string VpiId = "bench-gh";
try
{
    var seedClock = Stopwatch.StartNew();
    var caller = await Seed.RunAsync(dbPath, Tenant, VpiId, options);
    Console.WriteLine($"seeded {options.Priorities} priorities, {options.Ballots} ballots, {options.Tasks} tasks, {options.Members} members in {seedClock.Elapsed.TotalSeconds:F1} s");

    if (args.Contains("--profile"))
    {
        await Profile.RunAsync(dbPath, VpiId);
        return;
    }
    var botDll = Path.Combine(AppContext.BaseDirectory, "VpiBot.dll");
    using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["Storage__Sqlite__Path"] = dbPath });
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(bot.BaseUrl) };
    var minted = JsonNode.Parse(await http.GetStringAsync($"/dev/token?oid={caller}&tid={Tenant}&name=Bench"))!;
    var token = (string)minted["accessToken"]!;
    var url = "/api/dashboard/vpis/" + VpiId;

    using var first = await Get(http, url, token, null);
    var body = await first.Content.ReadAsByteArrayAsync();
    if (first.StatusCode != HttpStatusCode.OK || first.Headers.ETag is null)
    {
        throw new InvalidOperationException($"first GET answered {(int)first.StatusCode}");
    }
    var etag = first.Headers.ETag.Tag;
    var view = JsonNode.Parse(body)!;
    Console.WriteLine($"answer: {body.Length / 1024.0:F0} KB; {view["priorities"]!.AsArray().Count} priorities, {view["ballots"]!.AsArray().Count} ballots, {view["tasks"]!.AsArray().Count} tasks");

    Console.WriteLine();
    Console.WriteLine("| request | conc | req/s | p50 ms | p99 ms | max ms | errors |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var concurrency in options.Concurrency)
    {
        foreach (var (name, ifNoneMatch, expected) in new[] { ("200 (full body)", (string?)null, HttpStatusCode.OK), ("304 (If-None-Match)", etag, HttpStatusCode.NotModified) })
        {
            var cpuBefore = bot.CpuTime();
            var r = await Load.RunAsync(http, url, token, ifNoneMatch, expected, concurrency, options.Warmup, options.Duration);
            var cpu = bot.CpuTime() - cpuBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {concurrency} | {r.Rate:F0} | {r.P50:F1} | {r.P99:F1} | {r.Max:F1} | {r.Errors} |"));
            _ = cpu;
        }
    }
    Console.WriteLine();
    Console.WriteLine($"bot peak RSS: {bot.MemoryMb("VmHWM"):F0} MB");
}
finally
{
    foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
    {
        File.Delete(file);
    }
}

static async Task<HttpResponseMessage> Get(HttpClient http, string url, string token, string? ifNoneMatch)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    if (ifNoneMatch is not null)
    {
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
    }
    return await http.SendAsync(request);
}

sealed record Options(int Duration, int Warmup, int[] Concurrency, int Priorities, int Ballots, int Tasks, int Members)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        int Int(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new(Int("duration", 8), Int("warmup", 2), [.. Value("concurrency", "16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            Int("priorities", 500), Int("ballots", 50), Int("tasks", 300), Int("members", 60));
    }
}

static class Seed
{
    /// <summary>Writes the VPI through the stores; returns the Entra object id of the alliance member the load asks as.</summary>
    public static async Task<string> RunAsync(string dbPath, string tenant, string vpiId, Options o)
    {
        using var table = new SqliteTableStore(dbPath);
        var outbox = new OutboxStore(table, TimeProvider.System, new WakeSignal());
        var vpis = new VpiStore(table);
        var priorities = new PriorityStore(table, outbox);
        var recommendations = new RecommendationStore(table, outbox);
        var ballots = new BallotStore(table, outbox);
        var tasks = new TaskStore(table, outbox);
        var now = DateTimeOffset.UtcNow;
        var ct = CancellationToken.None;

        static string Aad(int i) => $"00000000-0000-4000-8000-{i:D12}";
        var members = Enumerable.Range(1, o.Members).Select(i => new Member(Aad(i), "29:" + i, $"Member {i}", $"m{i}@mail.example.org",
            i == 1 ? VpiRole.Facilitator : i % 3 == 0 ? VpiRole.ReviewTeam : VpiRole.Alliance, i % 3 == 0 ? "Ministry" : $"NGO {i % 7}",
            i == 1 ? OrganisationType.Unodc : i % 3 == 0 ? OrganisationType.Government : OrganisationType.Ngo, "seed", now)).ToList();
        await vpis.CreateAsync(new Vpi(vpiId, "GH", tenant, Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.High,
            new VpiHome("19:bench@thread.tacv2", "https://smba.trafficmanager.net/emea/", "team", "19:bench@thread.tacv2", true),
            new Dictionary<VpiStage, DateOnly> { [VpiStage.IdentifyStakeholders] = new(2026, 1, 5) }, [], Aad(1), now, TimeZone: "Africa/Accra"), members[0], ct);
        foreach (var m in members.Skip(1))
        {
            await vpis.AddNewMemberAsync(vpiId, m, ct);
        }
        var statuses = Enum.GetValues<PriorityStatus>();
        for (var i = 0; i < o.Priorities; i++)
        {
            var author = members[1 + i % (members.Count - 1)];
            var status = statuses[i % statuses.Length];
            await priorities.CreateAsync(vpiId, n => new Priority(n,
                new PriorityText($"Priority {n}: strengthen victim support in region {n % 16}", "Description", Instrument.Untoc, ReviewCluster.Prevention, "Rationale", author.Organisation),
                status, author.AadObjectId, author.Name, 1, [], [],
                [new PriorityTransition(author.AadObjectId, author.Name, now, PriorityStatus.Draft, PriorityStatus.Submitted, null),
                 new PriorityTransition(Aad(1), "Member 1", now, PriorityStatus.Submitted, status, null)], now), ct);
        }
        var recs = o.Ballots * 2;
        for (var i = 0; i < recs; i++)
        {
            await recommendations.CreateAsync(vpiId, n => new Recommendation(n, new RecommendationText($"Recommendation {n}", "Text"), [1], RecommendationStatus.OnBallot,
                Aad(2), "Member 2", 1, 1 + (n - 1) / 2, [], now), ct);
        }
        var electorate = members.Skip(1).Select(m => new Voter(m.AadObjectId, m.Name, m.Role == VpiRole.ReviewTeam ? Side.Government : Side.CivilSociety)).ToList();
        for (var i = 0; i < o.Ballots; i++)
        {
            var open = i >= o.Ballots - 5; // the last five are open: two hidden, three with a running tally and votes
            var hidden = open && i >= o.Ballots - 2;
            var number = i + 1;
            BallotResult? result = open ? null : new BallotResult(
                [new SideTurnout(Side.Government, electorate.Count(v => v.Side == Side.Government), 10, 0), new SideTurnout(Side.CivilSociety, electorate.Count(v => v.Side == Side.CivilSociety), 20, 0)],
                [.. new[] { number * 2 - 1, number * 2 }.Select(r => new RecommendationOutcome(r, r % 2 == 1, OutcomeReason.Passed,
                    [new SideTally(Side.Government, Yes: 8, No: 2, Passed: true), new SideTally(Side.CivilSociety, Yes: 15, No: 5, Passed: true)]))], 30);
            var b = await ballots.OpenAsync(vpiId, n => (new Ballot(n, [n * 2 - 1, n * 2],
                new BallotRules(VotingMethod.YesNo, open ? now.AddDays(5) : now.AddDays(-i), "Africa/Accra", true, 0, false, hidden, false),
                electorate, open ? BallotStatus.Open : BallotStatus.Closed, Aad(1), "Member 1", now.AddDays(-i - 7), Result: result), [], []), ct);
            if (open)
            {
                foreach (var voter in electorate.Take(30))
                {
                    await ballots.CastAsync(vpiId, b, voter, [new BallotChoice(b.Recommendations[0], Stance.Yes), new BallotChoice(b.Recommendations[1], Stance.No)], now, [], ct);
                }
            }
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < o.Tasks; i++)
        {
            var owners = new[] { members[1 + i % (members.Count - 1)].AadObjectId, members[1 + (i * 7) % (members.Count - 1)].AadObjectId }.Distinct().ToList();
            await tasks.CreateAsync(vpiId, n => new RoadmapTask(n, new TaskText($"Task {n}", "Description"), 1 + n % recs, owners, (LeadSide)(n % 3), today.AddDays(-60), today.AddDays(n % 90 - 30),
                (TaskState)(n % 5), n % 101, 1, [new TaskUpdate(Aad(1), "Member 1", now, null, TaskState.NotStarted, null, 0, "created")], Aad(1), now), _ => [], ct);
        }
        return members[1].AadObjectId;
    }
}

static class Load
{
    public sealed record Result(double Rate, double P50, double P99, double Max, int Errors);

    /// <summary>A closed loop: each worker sends, waits for the answer (read whole), sends again; the warm-up is not counted.</summary>
    public static async Task<Result> RunAsync(HttpClient http, string url, string token, string? ifNoneMatch, HttpStatusCode expected, int concurrency, int warmupSeconds, int seconds)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmupSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>();
            var errors = 0;
            while (Stopwatch.GetTimestamp() is var t0 && t0 < end)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (ifNoneMatch is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
                }
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                var t1 = Stopwatch.GetTimestamp();
                if (t0 >= measureFrom)
                {
                    latencies.Add(t1 - t0);
                    if (response.StatusCode != expected)
                    {
                        errors++;
                    }
                }
            }
            return (latencies, errors);
        })).ToList();
        var results = await Task.WhenAll(workers);
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double P(double p) => all.Length == 0 ? double.NaN : Ms(all[Math.Clamp((int)Math.Ceiling(p * all.Length) - 1, 0, all.Length - 1)]);
        return new Result(all.Length / (double)seconds, P(0.5), P(0.99), all.Length == 0 ? double.NaN : Ms(all[^1]), results.Sum(r => r.errors));
    }
}

static class Profile
{
    /// <summary>Times each store's listing on the seeded file, in this process (where a request's time goes).</summary>
    public static async Task RunAsync(string dbPath, string vpiId)
    {
        using var table = new SqliteTableStore(dbPath);
        var outbox = new OutboxStore(table, TimeProvider.System, new WakeSignal());
        var ct = CancellationToken.None;
        var steps = new (string Name, Func<Task> Run)[]
        {
            ("roster", () => new VpiStore(table).GetMembersAsync(vpiId, ct)),
            ("priorities", () => new PriorityStore(table, outbox).ListAsync(vpiId, ct)),
            ("recommendations", () => new RecommendationStore(table, outbox).ListAsync(vpiId, ct)),
            ("ballots", () => new BallotStore(table, outbox).ListAsync(vpiId, ct)),
            ("marks of one ballot", () => new BallotStore(table, outbox).MarksAsync(vpiId, 50, ct)),
            ("votes of one ballot", () => new BallotStore(table, outbox).VotesAsync(vpiId, 48, ct)),
            ("tasks", () => new TaskStore(table, outbox).ListAsync(vpiId, ct)),
            ("raw priority rows", () => table.QueryAllAsync("vpi|" + vpiId, "priority|", ct)),
            ("fingerprint (answer kept)", async () => await new VpiBot.Dashboard.DashboardCache(table).FingerprintAsync((await new VpiStore(table).GetAsync(vpiId, ct))!, "x", default, ct)),
            ("whole answer made", async () =>
            {
                var vpi = (await new VpiStore(table).GetAsync(vpiId, ct))!.Vpi;
                var roster = await new VpiStore(table).GetMembersAsync(vpiId, ct);
                var reader = new VpiBot.Dashboard.DashboardReader(new PriorityStore(table, outbox), new RecommendationStore(table, outbox), new BallotStore(table, outbox),
                    new TaskStore(table, outbox), new MeetingStore(table, outbox), TimeProvider.System);
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(await reader.VpiAsync(vpi, roster[1], roster, ct), VpiBot.Dashboard.DashboardEndpoints.Json);
            }),
        };
        foreach (var (name, run) in steps)
        {
            await run();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 100; i++)
            {
                await run();
            }
            Console.WriteLine($"{name}: {clock.Elapsed.TotalMilliseconds / 100:F2} ms");
        }
    }
}
