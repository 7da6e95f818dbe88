using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VpiBot.Bench;

/// <summary>
/// A task-update run: the load driver's figures for <c>task.update</c> invokes on one storage, with the card updates
/// (PUTs) the connector received in the run's window (warm-up and measurement).
/// </summary>
public sealed record TaskRun(string Storage, int Owners, int Tasks, RunResult Result, TimeSpan Setup, double? BotPeakMb, long PutsInWindow);

/// <summary>
/// Roadmap task updates, on one bot and one VPI set up through the bot's own endpoint as in Teams (not measured): the
/// facilitator sets up a VPI, adds <c>owners</c> people from the team roster (alternately review team / Government and
/// alliance / NGO) with <c>vpi.member.add</c>, and adds <c>tasks</c> tasks with <c>task.add</c> (the form's inputs:
/// no recommendation, joint lead, started 40 days ago, due days spread over ±30 days around today; task n owned by
/// owner (n−1) mod owners, and every even one also by owner (n+6) mod owners). Then, after the connector has been quiet
/// for 3 s (each task's card is posted in the channel and sent 1:1 to its owners), the closed loop at each concurrency.
/// </summary>
/// <remarks>
/// Worker w of c updates the tasks n with (n−1) mod c = w in turn, as the task's first owner, so no task has two
/// updates in flight and each worker tracks the revisions of its own tasks: every update carries the revision the
/// owner last saw, read from the previous answer's card (the "Save update" button's data). Each update changes the
/// status (In progress / Blocked, by the revision's parity) and the progress, with a comment; it is an error unless
/// HTTP 200 with an Adaptive Card saying "Your update of Tn is saved.". The concurrencies run one after the other on the
/// same tasks (revisions carry over); every update also appends to the task's log.
/// </remarks>
public static partial class TaskScenario
{
    public static async Task<List<TaskRun>> RunAsync(string botDll, FakeConnector connector, BenchStorage storage, int owners, int tasks,
        int[] concurrencies, TimeSpan warmup, TimeSpan duration, CancellationToken ct)
    {
        var team = new BenchTeam(200, owners);
        connector.Roster = teamId => teamId == team.TeamId ? team.RosterJson : null;
        using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(60), storage.BotEnvironment([team]));
        using var http = BotClient.NewHttp(Math.Max(16, concurrencies.Max()), TimeSpan.FromSeconds(120));
        var client = new BotClient(http, bot.BaseUrl + "/api/messages", connector);

        var setup = Stopwatch.StartNew();
        var vpiId = await client.SetUpVpiAsync(team, "AnyReviewer", ct);
        for (var i = 0; i < owners; i++)
        {
            await client.AddMemberAsync(team, vpiId, team.Reviewers[i], reviewer: i % 2 == 0, ct);
        }
        // the VPI is in Ghana (Africa/Accra, UTC all year): its today is UTC's
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var n = 1; n <= tasks; n++)
        {
            await client.AddTaskAsync(team, vpiId, $"Bench task {n}: train labour inspectors in region {n % 16}", Owners(team, owners, n),
                today.AddDays(-40), today.AddDays((n * 37 % 61) - 30), ct);
        }
        var quiet = await BallotScenario.WaitQuietAsync(connector, ct);
        setup.Stop();
        Console.Write($"set-up {setup.Elapsed.TotalSeconds:0} s{(quiet ? "" : " (connector not quiet)")}, ");

        // revisions[n]: the revision of task n as its owner last saw it (1 when added); lastTask[w]: the task worker w sent last
        var revisions = Enumerable.Repeat(1, tasks + 1).ToArray();
        var driver = new LoadDriver(http, client.Url, connector, bot.CpuTime);
        var runs = new List<TaskRun>();
        foreach (var concurrency in concurrencies)
        {
            var lastTask = new int[concurrency];
            var mine = Enumerable.Range(0, concurrency).Select(w => Enumerable.Range(1, tasks).Where(n => (n - 1) % concurrency == w).ToArray()).ToArray();
            var workload = new Workload(
                (id, worker, k) =>
                {
                    var number = mine[worker][(int)(k % mine[worker].Length)];
                    lastTask[worker] = number;
                    var revision = revisions[number];
                    return team.CardExecute(connector.ServiceUrl, id, Owners(team, owners, number)[0], "task.update", new JsonObject
                    {
                        ["vpiId"] = vpiId, ["number"] = number, ["revision"] = revision,
                        ["status"] = revision % 2 == 0 ? "Blocked" : "InProgress",
                        ["progress"] = (revision % 99 + 1).ToString(CultureInfo.InvariantCulture),
                        ["comment"] = $"Week {k}: two more districts trained.",
                    });
                },
                text => text.Contains("\"statusCode\":200", StringComparison.Ordinal) && text.Contains(AdaptiveCard, StringComparison.Ordinal)
                    && Saved().IsMatch(text)
                    ? null
                    : $"not saved: {(text.Length > 600 ? text[..600] + "…" : text)}",
                (worker, text) =>
                {
                    // the card as it is now carries the revision the next update must name (whether this one was saved or not)
                    if (RevisionSeen().Match(text) is { Success: true } m)
                    {
                        revisions[lastTask[worker]] = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    }
                });
            var putsBefore = connector.Updates;
            var result = await driver.RunAsync(Scenario.TaskUpdate, concurrency, warmup, duration, workload, ct);
            runs.Add(new TaskRun(storage.Name, owners, tasks, result, setup.Elapsed, bot.MemoryMb("VmHWM"), connector.Updates - putsBefore));
        }
        return runs;
    }

    /// <summary>Task <paramref name="n"/>'s owners: owner (n−1) mod owners, and for even n also owner (n+6) mod owners.</summary>
    private static Person[] Owners(BenchTeam team, int owners, int n) =>
        (n % 2 == 0 ? new[] { (n - 1) % owners, (n + 6) % owners } : [(n - 1) % owners]).Distinct().Select(i => team.Reviewers[i]).ToArray();

    private const string AdaptiveCard = "\"type\":\"application/vnd.microsoft.card.adaptive\"";

    [GeneratedRegex(@"Your update of T\d+ is saved\.")]
    private static partial Regex Saved();

    /// <summary>The "Save update" button's data names the revision shown (the only <c>revision</c> on a task card).</summary>
    [GeneratedRegex("\"revision\":(\\d+)")]
    private static partial Regex RevisionSeen();
}
