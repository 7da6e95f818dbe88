using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VpiBot.Bench;

/// <param name="Vpis">VPIs set up, each in its own tenant, team and channel.</param>
/// <param name="Priorities">Priorities submitted and sent for review in each VPI.</param>
/// <param name="Reviewers">Government reviewers in each VPI (the same people decide in every VPI they are on).</param>
/// <param name="WarmupVpis">Decisions on the first this-many VPIs are the warm-up, not measured.</param>
public sealed record ReviewOptions(int Vpis, int Priorities, int Reviewers, int WarmupVpis)
{
    public int Decisions => Vpis * Priorities * Reviewers;
    public int MeasuredDecisions => (Vpis - WarmupVpis) * Priorities * Reviewers;
}

public sealed record ReviewResult(int Concurrency, long Ok, long Refused, long Errors, double Seconds, double P50Ms, double P99Ms, double MaxMs,
    long UpdatesInWindow, long UpdatesAtEnd, long UpdatesExpected, TimeSpan BotCpu, TimeSpan Setup, double? BotPeakMb, string? FirstError)
{
    public double DecisionsPerSecond => Ok / Seconds;
    public double BotCpuMicrosPerRequest => BotCpu.TotalMicroseconds / Math.Max(1, Ok + Refused + Errors);
}

/// <summary>
/// Review decisions (<c>priority.decide</c> invokes) on SQLite. For each run a fresh bot (own SQLite file) is started
/// and set up through its own HTTP API, as people would in Teams (not measured): per VPI "setup" + the setup card,
/// "add member" (for the VPI id) + adding the alliance member and the reviewers from the team roster, the alliance member
/// submitting the priorities, the facilitator typing "send priorities" (the bot posts the review card in the channel and
/// 1:1 to every reviewer, through the fake connector). Policy AllReviewers and every decision Approve, so each of the
/// reviewers' decisions is recorded (under Majority or with a rejection the round closes early and later clicks are
/// refused without a write). Then <c>concurrency</c> workers each send the decisions of their reviewers
/// (worker w: reviewers r with r mod concurrency = w), one per reviewer per priority, in their own shuffled order,
/// closed loop; the warm-up VPIs first (all workers, then a barrier), then the measured ones. A fixed count of decisions
/// is measured and the elapsed time reported.
/// </summary>
public static class ReviewScenario
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private const string AdaptiveCard = "\"type\":\"application/vnd.microsoft.card.adaptive\"";
    private const string Recorded = "Your decision is recorded.";

    public static async Task<ReviewResult> RunAsync(string botDll, FakeConnector connector, ReviewOptions options, int concurrency, CancellationToken ct)
    {
        var teams = Enumerable.Range(0, options.Vpis).Select(v => new BenchTeam(v, options.Reviewers)).ToArray();
        var byTeamId = teams.ToDictionary(t => t.TeamId, t => t.RosterJson, StringComparer.Ordinal);
        connector.Roster = teamId => byTeamId.GetValueOrDefault(teamId);

        using var storage = BenchStorage.Sqlite($"review-{concurrency}");
        var updatesBefore = connector.Updates; // the connector outlives the runs; its counters do not restart
        using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(30), storage.BotEnvironment(teams));
        // "send priorities" posts priorities × (reviewers + 1) cards paced by the bot's Teams rate limiter (50/s per tenant)
        using var http = BotClient.NewHttp(Math.Max(concurrency, 16), TimeSpan.FromSeconds(120));
        var url = bot.BaseUrl + "/api/messages";
        var client = new BotClient(http, url, connector);

        var setupWatch = Stopwatch.StartNew();
        var vpiIds = new string[teams.Length];
        await Parallel.ForEachAsync(teams, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (team, token) =>
            vpiIds[team.Index] = await SetUpAsync(client, team, options.Priorities, token));
        await CheckReviewerViewAsync(client, teams[0], vpiIds[0], ct);
        setupWatch.Stop();

        // All bodies are made before the clock starts.
        var warmup = Plan(teams, vpiIds, options, concurrency, connector.ServiceUrl, warm: true);
        var measured = Plan(teams, vpiIds, options, concurrency, connector.ServiceUrl, warm: false);

        await Task.WhenAll(warmup.Select(bodies => Task.Run(() => WorkerAsync(http, url, bodies, ct), ct)));
        var updatesAtStart = connector.Updates;
        var cpuAtStart = bot.CpuTime();
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(measured.Select(bodies => Task.Run(() => WorkerAsync(http, url, bodies, ct), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var botCpu = bot.CpuTime() - cpuAtStart;
        var updatesInWindow = connector.Updates - updatesAtStart;
        // The card updates run in the bot's background outbox, paced for Teams' limits: give them a moment, then count.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var updatesAtEnd = connector.Updates - updatesBefore;
        var peak = bot.MemoryMb("VmHWM");

        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        return new ReviewResult(concurrency,
            Ok: latencies.Length,
            Refused: results.Sum(r => r.Refused),
            Errors: results.Sum(r => r.Errors),
            Seconds: elapsed.TotalSeconds,
            P50Ms: Percentile(latencies, 0.50),
            P99Ms: Percentile(latencies, 0.99),
            MaxMs: latencies.Length == 0 ? double.NaN : Ms(latencies[^1]),
            UpdatesInWindow: updatesInWindow,
            UpdatesAtEnd: updatesAtEnd,
            // every recorded decision (warm-up included) replaces each posted copy: the channel's and each reviewer's 1:1
            UpdatesExpected: (long)options.Decisions * (options.Reviewers + 1),
            BotCpu: botCpu,
            Setup: setupWatch.Elapsed,
            BotPeakMb: peak,
            FirstError: results.Select(r => r.FirstError).FirstOrDefault(e => e is not null));
    }

    /// <summary>One VPI from nothing to priorities under review; returns its id. Throws if any step is not answered as expected.</summary>
    private static async Task<string> SetUpAsync(BotClient bot, BenchTeam team, int priorities, CancellationToken ct)
    {
        var vpiId = await bot.SetUpVpiAsync(team, "AllReviewers", ct);
        await bot.AddMemberAsync(team, vpiId, team.Alliance, reviewer: false, ct);
        foreach (var reviewer in team.Reviewers)
        {
            await bot.AddMemberAsync(team, vpiId, reviewer, reviewer: true, ct);
        }
        for (var p = 1; p <= priorities; p++)
        {
            await bot.SubmitPriorityAsync(team, vpiId, p, ct);
        }
        var sent = await bot.SayAsync(team, team.Facilitator, "send priorities", ct);
        BotClient.Expect(sent.Contains($"Priorities sent for review: {priorities}.", StringComparison.Ordinal), "send priorities", sent);
        return vpiId;
    }

    /// <summary>A reviewer's own view of a review card (the refresh) has the decision buttons, with the data the workers send.</summary>
    private static async Task CheckReviewerViewAsync(BotClient bot, BenchTeam team, string vpiId, CancellationToken ct)
    {
        var view = await bot.ClickAsync(team, team.Reviewers[0], "priority.view", new JsonObject { ["vpiId"] = vpiId, ["number"] = 1 }, ct);
        var approve = view["actions"]?.AsArray().Select(a => a?["data"]).FirstOrDefault(d => d?["decision"]?.GetValue<string>() == "Approve");
        BotClient.Expect(approve is not null && approve["revision"]?.GetValue<int>() == 1 && approve["number"]?.GetValue<int>() == 1 && approve["vpiId"]?.GetValue<string>() == vpiId,
            "an Approve button with revision 1 on the reviewer's view", view.ToJsonString());
    }

    /// <summary>Per worker, the decision invokes it sends, in its own order.</summary>
    private static List<byte[]>[] Plan(BenchTeam[] teams, string[] vpiIds, ReviewOptions options, int concurrency, string serviceUrl, bool warm)
    {
        var plan = Enumerable.Range(0, concurrency).Select(_ => new List<byte[]>()).ToArray();
        for (var w = 0; w < concurrency; w++)
        {
            var mine = new List<(BenchTeam Team, int Reviewer, int Number)>();
            foreach (var team in teams.Where(t => (t.Index < options.WarmupVpis) == warm))
            {
                for (var r = w; r < options.Reviewers; r += concurrency)
                {
                    for (var p = 1; p <= options.Priorities; p++)
                    {
                        mine.Add((team, r, p));
                    }
                }
            }
            var order = mine.ToArray();
            new Random(7919 * concurrency + w + (warm ? 0 : 104729)).Shuffle(order);
            foreach (var (team, r, p) in order)
            {
                plan[w].Add(team.CardExecute(serviceUrl, $"d-{concurrency}-{team.Index}-{r}-{p}", team.Reviewers[r], "priority.decide", new JsonObject
                {
                    ["vpiId"] = vpiIds[team.Index], ["number"] = p, ["revision"] = 1, ["decision"] = "Approve",
                    ["comment"] = $"Approved by reviewer {r}: fits the national plan.",
                }));
            }
        }
        return plan;
    }

    private sealed record WorkerResult(List<long> Latencies, long Refused, long Errors, string? FirstError);

    private static async Task<WorkerResult> WorkerAsync(HttpClient http, string url, List<byte[]> bodies, CancellationToken ct)
    {
        var latencies = new List<long>(bodies.Count);
        long refused = 0, errors = 0;
        string? firstError = null;
        foreach (var body in bodies)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            string? problem;
            var wasRefused = false;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var response = await http.PostAsync(url, content, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                problem = response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}: {text}"
                    : !text.Contains(AdaptiveCard, StringComparison.Ordinal) ? $"not an Adaptive Card: {text}"
                    : null;
                if (problem is null && !text.Contains(Recorded, StringComparison.Ordinal))
                {
                    // a card, but the decision was not recorded (e.g. the priority was no longer under review)
                    wasRefused = true;
                    problem = $"refused: {text}";
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !ct.IsCancellationRequested)
            {
                problem = $"{e.GetType().Name}: {e.Message}";
            }
            var done = Stopwatch.GetTimestamp();
            if (problem is null)
            {
                latencies.Add(done - started);
                continue;
            }
            if (wasRefused) { refused++; } else { errors++; }
            firstError ??= problem.Length > 600 ? problem[..600] + "…" : problem;
        }
        return new WorkerResult(latencies, refused, errors, firstError);
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
