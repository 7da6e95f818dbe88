using System.Diagnostics;
using System.Globalization;
using System.Net;
using VpiBot.Bench;

// VpiBot load benchmark: the real bot as a child process, a fake Bot Connector in this process, a closed-loop HTTP driver.
// Usage: dotnet run -c Release --project bench/VpiBot.Bench -- [--duration 10] [--warmup 2] [--concurrency 1,16]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: VpiBot.Bench [--duration SECONDS] [--warmup SECONDS] [--concurrency 1,16]");
    return 2;
}

var botDll = Path.Combine(AppContext.BaseDirectory, "VpiBot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"VpiBot.dll not found next to the driver ({botDll}); build the bench project.");
    return 1;
}

// Hard upper bound on the whole run, whatever happens.
var phases = 2 * options.Concurrency.Length;
using var deadline = new CancellationTokenSource((options.Warmup + options.Duration) * phases + TimeSpan.FromMinutes(2));

await using var connector = await FakeConnector.StartAsync();
using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(30));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; deadline.Cancel(); };

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

Console.WriteLine($"VpiBot bench: bot pid {bot.Id} at {bot.BaseUrl}, fake connector at {connector.ServiceUrl}");
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, warm-up {options.Warmup.TotalSeconds:0.#} s, measure {options.Duration.TotalSeconds:0.#} s per run");

// Smoke check: "help" must come back to the connector as an Adaptive Card, or the numbers mean nothing.
using (var smoke = new ByteArrayContent(Activities.HelpMessage(connector.ServiceUrl, "smoke-1", 0)))
{
    smoke.Headers.ContentType = new("application/json");
    using var answer = await http.PostAsync(messagesUrl, smoke, deadline.Token);
    if (answer.StatusCode != HttpStatusCode.OK || connector.LastBody?.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal) != true)
    {
        Console.Error.WriteLine($"smoke check failed: HTTP {(int)answer.StatusCode}, connector got: {connector.LastBody ?? "(nothing)"}");
        return 1;
    }
}

var results = new List<RunResult>();
foreach (var scenario in new[] { Scenario.HealthCheck, Scenario.HelpMessage })
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

var problems = new List<string>();
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
foreach (var problem in problems)
{
    Console.WriteLine($"PROBLEM: {problem}");
}
return problems.Count == 0 ? 0 : 1;

internal sealed record BenchOptions(TimeSpan Duration, TimeSpan Warmup, int[] Concurrency)
{
    public static BenchOptions? Parse(string[] args)
    {
        var duration = 10.0;
        var warmup = 2.0;
        int[] concurrency = [1, 16];
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--duration" when double.TryParse(value, CultureInfo.InvariantCulture, out duration) && duration is > 0 and <= 600:
                case "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out warmup) && warmup is >= 0 and <= 60:
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
                default:
                    return null;
            }
        }
        return new BenchOptions(TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup), concurrency);
    }
}
