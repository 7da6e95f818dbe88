using VpiBot.Tests.Support;

// A Microsoft Graph for trying meetings on this machine (in Microsoft 365 Agents Playground): the tests' fake Graph,
// on http://127.0.0.1:5099/v1.0, which checks each request against Graph's documented shapes and prints what it got.
// Everyone it is asked about works 08:00–17:00 Central European time and is busy on weekday mornings until 10:00.
// Run the bot with Graph:Enabled=true and Graph:BaseUrl=http://127.0.0.1:5099/v1.0 (README, "Meetings on this machine").
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 5099;
await using var graph = new FakeGraph
{
    View = (_, start, n) => string.Concat(Enumerable.Range(0, n).Select(i =>
        start.AddMinutes(30 * i) is { DayOfWeek: not (DayOfWeek.Saturday or DayOfWeek.Sunday) } at && at.Hour is >= 7 and < 9 ? '2' : '0')),
};
await graph.StartAsync(port);
Console.WriteLine($"Local Microsoft Graph on {graph.GraphBaseUrl} — Ctrl+C to stop.");
var seen = 0;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
while (!stop.IsCancellationRequested)
{
    foreach (var call in graph.Calls.Skip(seen))
    {
        seen++;
        Console.WriteLine($"{call.Method} {call.Path} {(call.Problems.Count == 0 ? "ok" : "PROBLEMS: " + string.Join("; ", call.Problems))}");
    }
    try
    {
        await Task.Delay(500, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}
