using System.Diagnostics;
using System.Globalization;
using System.Net;
using VpiBot.Bench;
using VpiBot.Tests.Storage;

// VpiBot load benchmark: the real bot as a child process, a fake Bot Connector in this process, a closed-loop HTTP driver.
// Usage: dotnet run -c Release --project bench/VpiBot.Bench -- [--duration 10] [--warmup 2] [--concurrency 1,16]
//        [--scenarios health,help,review] [--vpis 44] [--priorities 10] [--voters 400] [--owners 40] [--tasks 300]
//        [--storage sqlite,azurite]   (scenarios vote, close and tasks, on each --storage, are run only when named)
//        --scenarios questions,recogniser   (plain-language questions through the bot on SQLite; the recogniser alone)
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: VpiBot.Bench [--duration SECONDS] [--warmup SECONDS] [--concurrency 1,16] [--scenarios health,help,review,vote,close,tasks,questions,recogniser]");
    Console.Error.WriteLine("                    [--vpis 44] [--priorities 10]   (review: VPIs set up, priorities per VPI; 16 reviewers each;");
    Console.Error.WriteLine("                                                     at most 9,000 decisions per run, concurrency at most 16)");
    Console.Error.WriteLine("                    [--voters 400]                  (vote: voters on the ballot, at least 2)");
    Console.Error.WriteLine("                    [--owners 40] [--tasks 300]     (tasks: VPI members owning tasks, tasks on the roadmap, at least the concurrency)");
    Console.Error.WriteLine("                    [--storage sqlite,azurite]      (vote, close, tasks: where the bot keeps its data; azurite needs `npm ci`)");
    return 2;
}

var botDll = Path.Combine(AppContext.BaseDirectory, "VpiBot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"VpiBot.dll not found next to the driver ({botDll}); build the bench project.");
    return 1;
}

// Hard upper bound on the whole run, whatever happens.
var loadScenarios = new[] { Scenario.HealthCheck, Scenario.HelpMessage }.Where(options.Scenarios.Contains).ToArray();
var phases = loadScenarios.Length * options.Concurrency.Length;
var reviewRuns = options.Review is null ? 0 : options.Concurrency.Length;
var voteRuns = options.Vote ? options.Storage.Length : 0;   // set-up up to 3 min, then each concurrency
var closeRuns = options.Close ? options.Storage.Length : 0; // three closes, then a deadline 5½ min ahead
var taskRuns = options.Tasks ? options.Storage.Length : 0;  // set-up up to 4 min, then each concurrency
var questionRuns = options.Questions ? 1 : 0;                // set-up up to 3 min, then each concurrency
var recogniserRuns = options.Recogniser ? 2 : 0;             // one thread, then 16 (it does not watch the deadline: in time or not at all)
using var deadline = new CancellationTokenSource((options.Warmup + options.Duration) * (phases + (voteRuns + taskRuns + questionRuns) * options.Concurrency.Length)
    + options.Duration * recogniserRuns
    + TimeSpan.FromMinutes(2 + 6 * reviewRuns + 4 * voteRuns + 12 * closeRuns + 5 * taskRuns + 3 * questionRuns));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; deadline.Cancel(); };

await using var connector = await FakeConnector.StartAsync();
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, fake connector at {connector.ServiceUrl}");
var results = new List<RunResult>();
var problems = new List<string>();
if (loadScenarios.Length > 0)
{
    await RunLoadScenariosAsync();
}
if (options.Review is { } review)
{
    await RunReviewAsync(review);
}
if (options.Vote || options.Close || options.Tasks)
{
    await RunBallotsAsync();
}
if (options.Questions)
{
    await RunQuestionsAsync();
}
if (options.Recogniser)
{
    RecogniserBench.Run(options.Duration);
}
foreach (var problem in problems)
{
    Console.WriteLine($"PROBLEM: {problem}");
}
return problems.Count == 0 ? 0 : 1;

async Task RunLoadScenariosAsync()
{
    using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(30));

    using var http = new HttpClient(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = options.Concurrency.Max(),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
    var messagesUrl = bot.BaseUrl + "/api/messages";
    var driver = new LoadDriver(http, messagesUrl, connector, bot.CpuTime);

    Console.WriteLine($"VpiBot bench: bot pid {bot.Id} at {bot.BaseUrl}; warm-up {options.Warmup.TotalSeconds:0.#} s, measure {options.Duration.TotalSeconds:0.#} s per run");

    // Smoke check: "help" must come back to the connector as an Adaptive Card, or the numbers mean nothing.
    using (var smoke = new ByteArrayContent(Activities.HelpMessage(connector.ServiceUrl, "smoke-1", 0)))
    {
        smoke.Headers.ContentType = new("application/json");
        using var answer = await http.PostAsync(messagesUrl, smoke, deadline.Token);
        if (answer.StatusCode != HttpStatusCode.OK || connector.LastBody?.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal) != true)
        {
            problems.Add($"smoke check failed: HTTP {(int)answer.StatusCode}, connector got: {connector.LastBody ?? "(nothing)"}");
            return;
        }
    }

    foreach (var scenario in loadScenarios)
    {
        foreach (var concurrency in options.Concurrency)
        {
            Console.Write($"  {scenario} x{concurrency} ... ");
            var result = await driver.RunAsync(scenario, concurrency, options.Warmup, options.Duration, deadline.Token);
            results.Add(result);
            Console.WriteLine($"{result.RequestsPerSecond:0} req/s, bot RSS now {bot.MemoryMb("VmRSS"):0} MB");
        }
    }

    Console.WriteLine();
    Console.WriteLine("| scenario           | conc |    req/s | p50 ms | p99 ms | max ms |   turns | errors | replies | bot CPU us/req |");
    Console.WriteLine("|--------------------|-----:|---------:|-------:|-------:|-------:|--------:|-------:|--------:|---------------:|");
    foreach (var r in results)
    {
        var name = r.Scenario == Scenario.HealthCheck ? "invoke healthCheck" : "message \"help\"";
        var replies = r.Replies is { } n ? n.ToString(CultureInfo.InvariantCulture) : "-";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name,-18} | {r.Concurrency,4} | {r.RequestsPerSecond,8:0} | {r.P50Ms,6:0.00} | {r.P99Ms,6:0.00} | {r.MaxMs,6:0.0} | {r.Ok,7} | {r.Errors,6} | {replies,7} | {r.BotCpuMicrosPerRequest,14:0} |"));
    }
    Console.WriteLine();
    Console.WriteLine($"bot peak RSS (VmHWM): {bot.MemoryMb("VmHWM"):0.0} MB; driver + fake connector peak: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} MB");

    foreach (var r in results)
    {
        if (r.Errors > 0)
        {
            problems.Add($"{r.Scenario} x{r.Concurrency}: {r.Errors} errors, first: {r.FirstError}");
        }
        if (r.Replies is { } replies && replies != r.Ok)
        {
            problems.Add($"{r.Scenario} x{r.Concurrency}: {r.Ok} message turns but {replies} replies at the connector");
        }
    }
}

async Task RunReviewAsync(ReviewOptions review)
{
    Console.WriteLine();
    Console.WriteLine($"review decisions on SQLite: {review.Vpis} VPIs (own tenant, team, channel) x {review.Priorities} priorities x {review.Reviewers} reviewers, " +
        $"policy AllReviewers; warm-up on {review.WarmupVpis} VPIs ({review.Decisions - review.MeasuredDecisions} decisions), " +
        $"measured {review.MeasuredDecisions} decisions; a fresh bot and SQLite file per run");
    var runs = new List<ReviewResult>();
    foreach (var concurrency in options.Concurrency)
    {
        Console.Write($"  review decide x{concurrency} ... ");
        try
        {
            var r = await ReviewScenario.RunAsync(botDll, connector, review, concurrency, deadline.Token);
            runs.Add(r);
            Console.WriteLine($"set-up {r.Setup.TotalSeconds:0.0} s, {r.DecisionsPerSecond:0} decisions/s, bot peak RSS {r.BotPeakMb:0} MB");
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine("failed");
            problems.Add($"review x{concurrency}: {e.Message}");
        }
    }
    Console.WriteLine();
    Console.WriteLine("| scenario           | conc | decisions | seconds | dec/s | p50 ms | p99 ms | max ms | errors | refused | PUTs in window | PUTs +2 s / uncoalesced | bot CPU us/req |");
    Console.WriteLine("|--------------------|-----:|----------:|--------:|------:|-------:|-------:|-------:|-------:|--------:|---------------:|---------------------:|---------------:|");
    foreach (var r in runs)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {"invoke decide",-18} | {r.Concurrency,4} | {r.Ok,9} | {r.Seconds,7:0.00} | {r.DecisionsPerSecond,5:0} | {r.P50Ms,6:0.00} | {r.P99Ms,6:0.00} | {r.MaxMs,6:0.0} | {r.Errors,6} | {r.Refused,7} | {r.UpdatesInWindow,14} | {$"{r.UpdatesAtEnd} / {r.UpdatesExpected}",20} | {r.BotCpuMicrosPerRequest,14:0} |"));
        if (r.Errors + r.Refused > 0)
        {
            problems.Add($"review x{r.Concurrency}: {r.Errors} errors, {r.Refused} refused, first: {r.FirstError}");
        }
    }
    Console.WriteLine();
    Console.WriteLine("PUTs = card updates (one per posted copy of the card: the channel's and each reviewer's 1:1) the fake connector received;");
    Console.WriteLine("the bot sends them from its background outbox, paced for Teams' rate limits, so most are still queued when a run ends.");
}

async Task RunBallotsAsync() // and the roadmap task updates: vote, close and tasks run on each --storage
{
    // Azurite only when asked for: as the tests start it (127.0.0.1, in memory, --disableTelemetry), killed at the end
    await using var azurite = options.Storage.Contains("azurite") ? await AzuriteProcess.StartAsync(TimeSpan.FromSeconds(60)) : null;
    BenchStorage NewStorage(string name, string tag) => name == "azurite" ? BenchStorage.Azurite(azurite!.ConnectionString) : BenchStorage.Sqlite(tag);

    var votes = new List<VoteRun>();
    var closes = new List<CloseRun>();
    var taskUpdates = new List<TaskRun>();
    foreach (var name in options.Storage)
    {
        try
        {
            if (options.Vote)
            {
                Console.WriteLine();
                Console.Write($"  ballot votes on {name}: {options.Voters} voters, one consent ballot on 3 recommendations ... ");
                using var storage = NewStorage(name, "vote");
                var runs = await BallotScenario.RunVoteAsync(botDll, connector, storage, options.Voters, options.Concurrency, options.Warmup, options.Duration, deadline.Token);
                votes.AddRange(runs);
                Console.WriteLine(string.Join(", ", runs.Select(r => $"x{r.Result.Concurrency}: {r.Result.RequestsPerSecond:0} votes/s")));
            }
            if (options.Close)
            {
                Console.WriteLine();
                Console.Write($"  ballot close on {name}: {BallotScenario.CloseVoters} voters ... ");
                using var storage = NewStorage(name, "close");
                closes.AddRange(await BallotScenario.RunCloseAsync(botDll, connector, storage, repetitions: 3, deadline.Token));
                Console.WriteLine("done");
            }
            if (options.Tasks)
            {
                Console.WriteLine();
                Console.Write($"  task updates on {name}: {options.Owners} owners, {options.TaskCount} tasks ... ");
                using var storage = NewStorage(name, "tasks");
                var runs = await TaskScenario.RunAsync(botDll, connector, storage, options.Owners, options.TaskCount, options.Concurrency, options.Warmup, options.Duration, deadline.Token);
                taskUpdates.AddRange(runs);
                Console.WriteLine(string.Join(", ", runs.Select(r => $"x{r.Result.Concurrency}: {r.Result.RequestsPerSecond:0} updates/s")));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            Console.WriteLine("failed");
            problems.Add($"{string.Join('/', new[] { options.Vote ? "vote" : null, options.Close ? "close" : null, options.Tasks ? "tasks" : null }.OfType<string>())} on {name}: {e.Message}");
        }
    }
    if (votes.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("| storage | voters | conc |  votes/s | p50 ms | p99 ms | max ms |   votes | errors | bot CPU us/req | set-up s | bot peak MB |");
        Console.WriteLine("|---------|-------:|-----:|---------:|-------:|-------:|-------:|--------:|-------:|---------------:|---------:|------------:|");
        foreach (var (storage, voters, r, setup, peak) in votes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {storage,-7} | {voters,6} | {r.Concurrency,4} | {r.RequestsPerSecond,8:0} | {r.P50Ms,6:0.00} | {r.P99Ms,6:0.00} | {r.MaxMs,6:0.0} | {r.Ok,7} | {r.Errors,6} | {r.BotCpuMicrosPerRequest,14:0} | {setup.TotalSeconds,8:0} | {peak,11:0} |"));
            if (r.Errors > 0)
            {
                problems.Add($"vote on {storage} x{r.Concurrency}: {r.Errors} errors, first: {r.FirstError}");
            }
        }
    }
    if (closes.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("| storage | closed by    | # | command answered ms | to outcome card ms | connector quiet before |");
        Console.WriteLine("|---------|--------------|--:|--------------------:|-------------------:|:----------------------:|");
        foreach (var c in closes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Storage,-7} | {c.Variant,-12} | {c.Repetition} | {(c.AnswerMs is { } a ? a.ToString("0", CultureInfo.InvariantCulture) : "-"),19} | {c.OutcomeMs,18:0} | {(c.Quiet ? "yes" : "no"),-22} |"));
        }
        Console.WriteLine("close vote N: from sending the command to the outcome card's POST in the channel; deadline: from the deadline instant to it.");
    }
    if (taskUpdates.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("| storage | owners | tasks | conc | updates/s | p50 ms | p99 ms | max ms | updates | errors | bot CPU us/req | PUTs in window | set-up s | bot peak MB |");
        Console.WriteLine("|---------|-------:|------:|-----:|----------:|-------:|-------:|-------:|--------:|-------:|---------------:|---------------:|---------:|------------:|");
        foreach (var (storage, owners, tasks, r, setup, peak, puts) in taskUpdates)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {storage,-7} | {owners,6} | {tasks,5} | {r.Concurrency,4} | {r.RequestsPerSecond,9:0} | {r.P50Ms,6:0.00} | {r.P99Ms,6:0.00} | {r.MaxMs,6:0.0} | {r.Ok,7} | {r.Errors,6} | {r.BotCpuMicrosPerRequest,14:0} | {puts,14} | {setup.TotalSeconds,8:0} | {peak,11:0} |"));
            if (r.Errors > 0)
            {
                problems.Add($"tasks on {storage} x{r.Concurrency}: {r.Errors} errors, first: {r.FirstError}");
            }
        }
        Console.WriteLine("PUTs in window: card updates (the channel's copy and the owners' 1:1 copies) the connector received during warm-up and measurement.");
    }
}

async Task RunQuestionsAsync()
{
    Console.WriteLine();
    Console.Write("  questions on sqlite: one VPI, the facilitator asking the labelled questions in its channel ... ");
    try
    {
        var runs = await QuestionScenario.RunAsync(botDll, connector, options.Concurrency, options.Warmup, options.Duration, deadline.Token);
        Console.WriteLine(string.Join(", ", runs.Select(r => $"x{r.Result.Concurrency}: {r.Result.RequestsPerSecond:0} questions/s")));
        Console.WriteLine();
        Console.WriteLine("| scenario           | conc | questions/s | p50 ms | p99 ms | max ms |   turns | errors | replies | bot CPU us/question | set-up s | bot peak MB |");
        Console.WriteLine("|--------------------|-----:|------------:|-------:|-------:|-------:|--------:|-------:|--------:|--------------------:|---------:|------------:|");
        foreach (var (r, _, _, _, setup, peak) in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {"message question",-18} | {r.Concurrency,4} | {r.RequestsPerSecond,11:0} | {r.P50Ms,6:0.00} | {r.P99Ms,6:0.00} | {r.MaxMs,6:0.0} | {r.Ok,7} | {r.Errors,6} | {r.Replies,7} | {r.BotCpuMicrosPerRequest,19:0} | {setup.TotalSeconds,8:0} | {peak,11:0} |"));
            if (r.Errors > 0)
            {
                problems.Add($"questions x{r.Concurrency}: {r.Errors} errors, first: {r.FirstError}");
            }
            if (r.Replies != r.Ok)
            {
                problems.Add($"questions x{r.Concurrency}: {r.Ok} question turns but {r.Replies} replies at the connector");
            }
        }
    }
    catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException)
    {
        Console.WriteLine("failed");
        problems.Add($"questions: {e.Message}");
    }
}

internal sealed record BenchOptions(TimeSpan Duration, TimeSpan Warmup, int[] Concurrency, Scenario[] Scenarios, ReviewOptions? Review,
    bool Vote, bool Close, int Voters, string[] Storage, bool Tasks = false, int Owners = 40, int TaskCount = 300,
    bool Questions = false, bool Recogniser = false)
{
    public static BenchOptions? Parse(string[] args)
    {
        var duration = 10.0;
        var warmup = 2.0;
        int[] concurrency = [1, 16];
        string[] scenarios = ["health", "help", "review"];
        var vpis = 44;
        var priorities = 10;
        var voters = 400;
        var owners = 40;
        var tasks = 300;
        string[] storage = ["sqlite", "azurite"];
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--duration" when double.TryParse(value, CultureInfo.InvariantCulture, out duration) && duration is > 0 and <= 600:
                case "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out warmup) && warmup is >= 0 and <= 60:
                case "--vpis" when int.TryParse(value, CultureInfo.InvariantCulture, out vpis) && vpis is >= 2 and <= 500:
                case "--priorities" when int.TryParse(value, CultureInfo.InvariantCulture, out priorities) && priorities is >= 1 and <= 50:
                case "--voters" when int.TryParse(value, CultureInfo.InvariantCulture, out voters) && voters is >= 2 and <= 2000:
                case "--owners" when int.TryParse(value, CultureInfo.InvariantCulture, out owners) && owners is >= 2 and <= 500:
                case "--tasks" when int.TryParse(value, CultureInfo.InvariantCulture, out tasks) && tasks is >= 1 and <= 5000:
                    i++;
                    break;
                case "--concurrency" when value is not null:
                    concurrency = value.Split(',').Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out var c) && c is > 0 and <= 512 ? c : 0).ToArray();
                    if (concurrency.Length == 0 || concurrency.Contains(0))
                    {
                        return null;
                    }
                    i++;
                    break;
                case "--scenarios" when value is not null:
                    scenarios = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (scenarios.Length == 0 || scenarios.Any(s => s is not ("health" or "help" or "review" or "vote" or "close" or "tasks" or "questions" or "recogniser")))
                    {
                        return null;
                    }
                    i++;
                    break;
                case "--storage" when value is not null:
                    storage = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
                    if (storage.Length == 0 || storage.Any(s => s is not ("sqlite" or "azurite")))
                    {
                        return null;
                    }
                    i++;
                    break;
                default:
                    return null;
            }
        }
        const int reviewers = 16;
        ReviewOptions? review = null;
        if (scenarios.Contains("review"))
        {
            review = new ReviewOptions(vpis, priorities, reviewers, WarmupVpis: Math.Max(1, vpis / 11));
            // Each decision queues one job in the bot's outbox (capacity 10,000), which drains slowly (Teams' rate limits):
            // past that, decisions would wait for the outbox and the figure would measure the pacing, not the decisions.
            if (review.Decisions > 9_000 || concurrency.Any(c => c > reviewers))
            {
                return null;
            }
        }
        if (scenarios.Contains("tasks") && concurrency.Max() > tasks)
        {
            return null; // each worker updates tasks of its own
        }
        var load = scenarios.Select(s => s switch { "health" => Scenario.HealthCheck, "help" => Scenario.HelpMessage, _ => (Scenario?)null })
            .OfType<Scenario>().ToArray();
        return new BenchOptions(TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup), concurrency, load, review,
            scenarios.Contains("vote"), scenarios.Contains("close"), voters, storage, scenarios.Contains("tasks"), owners, tasks,
            scenarios.Contains("questions"), scenarios.Contains("recogniser"));
    }
}
