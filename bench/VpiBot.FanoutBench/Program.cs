using System.Diagnostics;
using Azure.Data.Tables;
using VpiBot.Bench;
using VpiBot.Domain;
using VpiBot.FanoutBench;
using VpiBot.Notifications;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Storage;

// Fan-out through the durable outbox: Azurite, one or two real bots (child processes), a Teams-like fake Connector.
// dotnet run -c Release --project bench/VpiBot.FanoutBench -- [--members 1000] [--rounds 5] [--scenarios one,two,kill]
// 200 decisions at once: -- --members 200 --scenarios decide
var members = Arg("--members", 1000);
var rounds = Arg("--rounds", 5);
var scenarios = (ArgText("--scenarios") ?? "one,two,kill").Split(',');
var botDll = Path.Combine(AppContext.BaseDirectory, "VpiBot.dll");
const string Home = "19:bench-home@thread.tacv2"; // the VPI's channel

await using var azurite = await AzuriteProcess.StartAsync(TimeSpan.FromSeconds(60));
await using var connector = await TeamsConnector.StartAsync();
Console.WriteLine($"{members} members, {rounds} notifications each = {members * rounds} 1:1 sends; Connector latency {connector.Latency.TotalMilliseconds} ms");
Console.WriteLine("| scenario | bots | delivered | sends/s (sustained) | 429s | lost | duplicated | in flight at kill |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
var failed = false;
foreach (var scenario in scenarios)
{
    if (scenario == "decide")
    {
        failed |= !await DecideAsync();
        continue;
    }
    var result = await RunAsync(scenario);
    Console.WriteLine($"| {scenario} | {result.Bots} | {result.Delivered} | {result.Rate:F1} | {result.Throttled} | {result.Lost} | {result.Duplicated} | {result.InFlightAtKill?.ToString() ?? "–"} |");
    failed |= result.Lost > 0 || (result.InFlightAtKill is null ? result.Duplicated > 0 : result.Duplicated > result.InFlightAtKill);
}
return failed ? 1 : 0;

async Task<Result> RunAsync(string scenario)
{
    connector.Reset();
    var tableName = "fanout" + Guid.NewGuid().ToString("N")[..10];
    var table = new AzureTableStore(new TableServiceClient(azurite.ConnectionString), tableName);
    var vpiId = "bench-" + scenario;
    var roster = await SeedVpiAsync(table, vpiId);
    var environment = new Dictionary<string, string>
    {
        ["Storage__Provider"] = "AzureTables",
        ["Storage__ConnectionString"] = azurite.ConnectionString,
        ["Storage__TableName"] = tableName,
        ["Outbox__Lease"] = "00:00:10", // a killed bot's claims come back after 10 s
        ["Outbox__PacingMargin"] = Environment.GetEnvironmentVariable("FANOUT_MARGIN") ?? "00:00:00.100",
    };
    var bots = new List<BotProcess>();
    for (var i = 0; i < (scenario == "one" ? 1 : 2); i++)
    {
        bots.Add(await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(60), environment));
    }
    await Task.Delay(TimeSpan.FromSeconds(6)); // both heartbeats seen: each paces at its share from the start

    var expected = members * rounds;
    await TriggerAsync(table, vpiId, bots[0]);
    long? inFlightAtKill = null;
    var clock = Stopwatch.StartNew();
    var lastProgress = clock.Elapsed;
    var lastCount = 0;
    while (true)
    {
        await Task.Delay(200);
        var count = connector.DeliveredOneToOne;
        if (scenario == "kill" && inFlightAtKill is null && count >= expected * 2 / 5)
        {
            inFlightAtKill = connector.InFlight; // an upper bound: sends in flight from either bot
            bots[1].Dispose(); // Process.Kill: SIGKILL, no graceful stop
            bots.RemoveAt(1);
        }
        if (count != lastCount)
        {
            (lastCount, lastProgress) = (count, clock.Elapsed);
        }
        if (count >= expected && connector.InFlight == 0 || clock.Elapsed - lastProgress > TimeSpan.FromSeconds(40))
        {
            break;
        }
    }
    await Task.Delay(TimeSpan.FromSeconds(2)); // late duplicates, if any
    foreach (var bot in bots)
    {
        bot.Dispose();
    }
    var times = connector.DeliveredAt.ToArray();
    var span = times.Length > 1 ? (times.Max() - times.Min()).TotalSeconds : 1;
    var delivered = connector.DeliveredOneToOne;
    return new Result(scenario == "one" ? 1 : 2, delivered, connector.Delivered.Values.Sum() / span, connector.Throttled, expected - delivered,
        connector.Delivered.Values.Sum(n => n - 1), inFlightAtKill);
}

// 200 reviewers (--members) decide on one priority at the same moment, on Azurite (policy: all reviewers must approve).
// Each decision is its own row: all must be recorded; prints the latency of the 200 answers.
async Task<bool> DecideAsync()
{
    connector.Reset();
    var tableName = "decide" + Guid.NewGuid().ToString("N")[..10];
    var table = new AzureTableStore(new TableServiceClient(azurite.ConnectionString), tableName);
    var vpiId = "bench-decide";
    var roster = await SeedVpiAsync(table, vpiId, ApprovalPolicy.AllReviewers);
    using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(60), new Dictionary<string, string>
    {
        ["Storage__Provider"] = "AzureTables", ["Storage__ConnectionString"] = azurite.ConnectionString, ["Storage__TableName"] = tableName,
    });
    var saved = rounds;
    rounds = 1;
    await TriggerAsync(table, vpiId, bot);
    rounds = saved;
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
    string Decide(Member m) => $$$"""
        {"type":"invoke","name":"adaptiveCard/action","id":"decide-{{{m.AadObjectId}}}","channelId":"msteams","serviceUrl":"{{{connector.ServiceUrl}}}",
         "from":{"id":"{{{m.TeamsId}}}","aadObjectId":"{{{m.AadObjectId}}}","name":"{{{m.Name}}}"},"recipient":{"id":"28:bench-bot","name":"VpiBot"},
         "conversation":{"id":"{{{Home}}};messageid=review-1","conversationType":"channel","isGroup":true,"tenantId":"tenant-bench"},
         "channelData":{"team":{"id":"19:bench-team@thread.tacv2"},"channel":{"id":"{{{Home}}}"},"tenant":{"id":"tenant-bench"}},
         "replyToId":"review-1",
         "value":{"action":{"type":"Action.Execute","verb":"priority.decide","data":{"vpiId":"{{{vpiId}}}","number":1,"revision":1,"decision":"Approve"}},"trigger":"manual"}}
        """;
    var start = new TaskCompletionSource();
    var calls = roster.Select(async m =>
    {
        await start.Task;
        var clock = Stopwatch.StartNew();
        var response = await http.PostAsync(bot.BaseUrl + "/api/messages", new StringContent(Decide(m), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        return (Ms: clock.Elapsed.TotalMilliseconds, Recorded: body.Contains("Your decision is recorded", StringComparison.Ordinal), Status: (int)response.StatusCode);
    }).ToList();
    start.SetResult();
    var results = await Task.WhenAll(calls);
    var ms = results.Select(r => r.Ms).Order().ToArray();
    double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
    var priority = (await new PriorityStore(table, new OutboxStore(table, TimeProvider.System, new WakeSignal())).GetAsync(vpiId, 1, default))!.Priority;
    Console.WriteLine();
    Console.WriteLine("| decisions at once | recorded (answers) | recorded (stored) | outcome | 500s | p50 ms | p99 ms | max ms |");
    Console.WriteLine("|---:|---:|---:|---|---:|---:|---:|---:|");
    Console.WriteLine($"| {roster.Count} | {results.Count(r => r.Recorded)} | {priority.Decisions.Count} | {priority.Status} | {results.Count(r => r.Status >= 500)} | {P(0.5):F0} | {P(0.99):F0} | {ms[^1]:F0} |");
    return results.All(r => r.Recorded) && priority.Decisions.Count == roster.Count;
}

// The VPI, its members and their 1:1 conversations (as if each had talked to the bot once), through VpiBot's stores.
async Task<List<Member>> SeedVpiAsync(ITableStore table, string vpiId, ApprovalPolicy policy = ApprovalPolicy.AnyReviewer)
{
    var vpis = new VpiStore(table);
    var home = new VpiHome(Home, connector.ServiceUrl, "19:bench-team@thread.tacv2", Home, true);
    var vpi = new Vpi(vpiId, "GH", "tenant-bench", Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.Medium, home,
        new Dictionary<VpiStage, DateOnly>(), [], "aad-facilitator", DateTimeOffset.UtcNow, policy);
    var roster = Enumerable.Range(0, members).Select(i => new Member($"aad-{i:D5}", $"29:member-{i:D5}", $"Member {i}", null,
        VpiRole.ReviewTeam, "Org", OrganisationType.Government, "aad-facilitator", DateTimeOffset.UtcNow)).ToList();
    await vpis.CreateAsync(vpi, roster[0] with { AadObjectId = "aad-facilitator", Role = VpiRole.Facilitator }, default);
    var references = new TableConversationReferences(table);
    await Parallel.ForEachAsync(roster, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, ct) =>
    {
        await vpis.AddNewMemberAsync(vpiId, m, ct);
        await references.SaveAsync(new ConversationReference("a:" + m.TeamsId, ReferenceKind.Personal, connector.ServiceUrl,
            "tenant-bench", "28:bench-bot", m.TeamsId, m.AadObjectId, null, null, "en", DateTimeOffset.UtcNow), ct);
    });
    return roster;
}

// THE TRIGGER: `rounds` submitted priorities, then the facilitator types "send priorities" in the VPI's channel (a real
// turn on the first bot): each priority owes its review card 1:1 to every member of the review team, and one channel post.
async Task TriggerAsync(ITableStore table, string vpiId, BotProcess bot)
{
    var priorities = new PriorityStore(table, new OutboxStore(table, TimeProvider.System, new WakeSignal()));
    for (var n = 1; n <= rounds; n++)
    {
        var text = new PriorityText($"Bench priority {n}", "Shelters and legal aid for victims.", Instrument.Untoc, ReviewCluster.Prevention, "", "Bench NGO");
        await priorities.CreateAsync(vpiId, number => PriorityReview.Create(number, text, submit: true, "aad-facilitator", "Facilitator", DateTimeOffset.UtcNow), default);
    }
    var message = $$$"""
        {"type":"message","id":"send-1","channelId":"msteams","serviceUrl":"{{{connector.ServiceUrl}}}",
         "from":{"id":"29:facilitator","aadObjectId":"aad-facilitator","name":"Facilitator"},
         "recipient":{"id":"28:bench-bot","name":"VpiBot"},
         "conversation":{"id":"{{{Home}}};messageid=send-1","conversationType":"channel","isGroup":true,"tenantId":"tenant-bench"},
         "channelData":{"team":{"id":"19:bench-team@thread.tacv2"},"channel":{"id":"{{{Home}}}"},"tenant":{"id":"tenant-bench"}},
         "text":"<at>VpiBot</at> send priorities","entities":[{"type":"mention","text":"<at>VpiBot</at>","mentioned":{"id":"28:bench-bot","name":"VpiBot"}}]}
        """;
    using var http = new HttpClient();
    var response = await http.PostAsync(bot.BaseUrl + "/api/messages", new StringContent(message, System.Text.Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
}

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
string? ArgText(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

internal sealed record Result(int Bots, int Delivered, double Rate, long Throttled, int Lost, int Duplicated, long? InFlightAtKill);
