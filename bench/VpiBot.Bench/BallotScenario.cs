using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VpiBot.Domain;

namespace VpiBot.Bench;

/// <summary>A vote run: the load driver's figures for <c>ballot.vote</c> invokes on one storage.</summary>
public sealed record VoteRun(string Storage, int Voters, RunResult Result, TimeSpan Setup, double? BotPeakMb);

/// <summary>
/// One ballot closed: by the facilitator's "close vote N" (<paramref name="AnswerMs"/>: until the command's reply;
/// <paramref name="OutcomeMs"/>: from sending it until the outcome card reached the channel), or at its deadline
/// (<paramref name="OutcomeMs"/>: from the deadline instant until the outcome card reached the channel).
/// </summary>
public sealed record CloseRun(string Storage, string Variant, int Repetition, double? AnswerMs, double OutcomeMs, bool Quiet);

/// <summary>
/// Ballots on joint recommendations, set up through the bot's own endpoint as in Teams (not measured): the facilitator
/// sets up a VPI (policy AnyReviewer), adds an alliance member and one reviewer from the team roster, the alliance member
/// submits a priority, "send priorities", the reviewer approves it; then the other voters are added (half review team /
/// Government, half alliance / NGO: the alliance member and <see cref="BenchTeam.Reviewers"/> at odd positions are
/// alliance, at even positions review team), the alliance member proposes recommendations from the approved priority,
/// and the facilitator opens a consent ballot on them (double majority, quorum 50 %, not anonymous, results shown).
/// </summary>
public static partial class BallotScenario
{
    public const int CloseVoters = 60;
    private const int VoteRecommendations = 3;
    private static readonly string[] Stances = ["Agree", "Abstain", "Disagree"];

    /// <summary>
    /// <c>ballot.vote</c> invokes, closed loop at each concurrency, on one 400-voter ballot (deadline two days ahead) of
    /// one bot: worker w votes as voters w, w + c, w + 2c… in turn (c the concurrency), so a voter never has two votes
    /// in flight and every voter re-votes, each time with another stance (a re-vote replaces their vote).
    /// </summary>
    public static async Task<List<VoteRun>> RunVoteAsync(string botDll, FakeConnector connector, BenchStorage storage, int voters,
        int[] concurrencies, TimeSpan warmup, TimeSpan duration, CancellationToken ct)
    {
        var team = new BenchTeam(100, voters - 1);
        connector.Roster = teamId => teamId == team.TeamId ? team.RosterJson : null;
        using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(60), storage.BotEnvironment([team]));
        using var http = BotClient.NewHttp(Math.Max(16, concurrencies.Max()), TimeSpan.FromSeconds(120));
        var client = new BotClient(http, bot.BaseUrl + "/api/messages", connector);

        var setup = Stopwatch.StartNew();
        var vpiId = await SetUpVotersAsync(client, team, ct);
        var recommendations = new List<int>();
        for (var r = 0; r < VoteRecommendations; r++)
        {
            recommendations.Add(await ProposeAsync(client, team, vpiId, ct));
        }
        var number = await OpenAsync(client, team, vpiId, recommendations, DateTimeOffset.UtcNow.AddDays(2), ct);
        // the ballot card goes to the channel and 1:1 to every voter, paced at Teams' 50/s per tenant: let it go first
        var quiet = await WaitQuietAsync(connector, ct);
        setup.Stop();
        Console.Write($"set-up {setup.Elapsed.TotalSeconds:0} s{(quiet ? "" : " (connector not quiet)")}, ");

        var everyone = Voters(team);
        var driver = new LoadDriver(http, client.Url, connector, bot.CpuTime);
        var runs = new List<VoteRun>();
        foreach (var concurrency in concurrencies)
        {
            var workload = new Workload(
                (id, worker, n) =>
                {
                    var voter = everyone[(int)((worker + n * concurrency) % everyone.Count)].Person;
                    return team.CardExecute(connector.ServiceUrl, id, voter, "ballot.vote", Vote(vpiId, number, VoteRecommendations, Stances[(n + worker) % Stances.Length]));
                },
                text => text.Contains("\"statusCode\":200", StringComparison.Ordinal) && text.Contains(AdaptiveCard, StringComparison.Ordinal)
                    && text.Contains($"Your vote on ballot B{number} is recorded.", StringComparison.Ordinal)
                    ? null
                    : $"not recorded: {(text.Length > 600 ? text[..600] + "…" : text)}");
            var result = await driver.RunAsync(Scenario.Vote, concurrency, warmup, duration, workload, ct);
            runs.Add(new VoteRun(storage.Name, everyone.Count, result, setup.Elapsed, bot.MemoryMb("VmHWM")));
        }
        return runs;
    }

    /// <summary>
    /// From a 60-voter ballot's close to its outcome card ("Ballot Bn closed: …") posted in the channel: first
    /// <paramref name="repetitions"/> ballots closed by the facilitator's "close vote N" (each: a recommendation
    /// proposed, a ballot opened with its deadline two days ahead, all 60 voters voting, the connector quiet, then the
    /// command); then one ballot closed by the bot's <see cref="Features.Ballots.BallotCloser"/> at its deadline, set
    /// 5½ minutes ahead when it is opened (the form's minimum is 5), with the default <c>Voting:CheckInterval</c>.
    /// </summary>
    public static async Task<List<CloseRun>> RunCloseAsync(string botDll, FakeConnector connector, BenchStorage storage, int repetitions, CancellationToken ct)
    {
        BenchTeam[] teams = [new(101, CloseVoters - 1), new(102, CloseVoters - 1)];
        var (commandTeam, deadlineTeam) = (teams[0], teams[1]);
        connector.Roster = teamId => teams.FirstOrDefault(t => t.TeamId == teamId)?.RosterJson;
        using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(60), storage.BotEnvironment(teams));
        using var http = BotClient.NewHttp(16, TimeSpan.FromSeconds(120));
        var client = new BotClient(http, bot.BaseUrl + "/api/messages", connector);
        var runs = new List<CloseRun>();

        var vpiId = await SetUpVotersAsync(client, commandTeam, ct);
        for (var rep = 1; rep <= repetitions; rep++)
        {
            var recommendation = await ProposeAsync(client, commandTeam, vpiId, ct);
            var number = await OpenAsync(client, commandTeam, vpiId, [recommendation], DateTimeOffset.UtcNow.AddDays(2), ct);
            await VoteAllAsync(client, commandTeam, vpiId, number, ct);
            var quiet = await WaitQuietAsync(connector, ct);

            var outcome = connector.NextPost(commandTeam.ChannelId, $"Ballot B{number} closed: ");
            var sent = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            var reply = await client.SayAsync(commandTeam, commandTeam.Facilitator, $"close vote {number}", ct);
            var answered = watch.Elapsed;
            BotClient.Expect(reply.Contains($"Ballot B{number} is closed", StringComparison.Ordinal), "the ballot closed", reply);
            var arrived = await outcome.WaitAsync(TimeSpan.FromSeconds(60), ct);
            runs.Add(new CloseRun(storage.Name, "close vote N", rep, answered.TotalMilliseconds, (arrived - sent).TotalMilliseconds, quiet));
            Console.Write($"close vote {number}: {(arrived - sent).TotalMilliseconds:0} ms; ");
        }

        var deadlineVpi = await SetUpVotersAsync(client, deadlineTeam, ct);
        var deadlineRecommendation = await ProposeAsync(client, deadlineTeam, deadlineVpi, ct);
        var now = DateTimeOffset.UtcNow;
        var deadline = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(330); // whole seconds: the form's HH:mm:ss
        var ballot = await OpenAsync(client, deadlineTeam, deadlineVpi, [deadlineRecommendation], deadline, ct);
        var atDeadline = connector.NextPost(deadlineTeam.ChannelId, $"Ballot B{ballot} closed: ");
        await VoteAllAsync(client, deadlineTeam, deadlineVpi, ballot, ct);
        var quietBefore = await WaitQuietAsync(connector, ct);
        Console.Write($"waiting for the deadline ({(deadline - DateTimeOffset.UtcNow).TotalSeconds:0} s) … ");
        var closedAt = await atDeadline.WaitAsync(deadline - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3), ct);
        runs.Add(new CloseRun(storage.Name, "deadline", 1, null, (closedAt - deadline).TotalMilliseconds, quietBefore));
        return runs;
    }

    private const string AdaptiveCard = "\"type\":\"application/vnd.microsoft.card.adaptive\"";

    /// <summary>The team's voters (everyone but the facilitator) and their side.</summary>
    private static List<(Person Person, bool Reviewer)> Voters(BenchTeam team) =>
        [(team.Alliance, false), .. team.Reviewers.Select((p, i) => (p, i % 2 == 0))];

    /// <summary>The team's VPI with an approved priority (see the class summary) and every voter on it; returns its id.</summary>
    private static async Task<string> SetUpVotersAsync(BotClient client, BenchTeam team, CancellationToken ct)
    {
        var vpiId = await client.SetUpVpiAsync(team, "AnyReviewer", ct);
        var voters = Voters(team);
        var approver = team.Reviewers[0];
        await client.AddMemberAsync(team, vpiId, team.Alliance, reviewer: false, ct);
        await client.AddMemberAsync(team, vpiId, approver, reviewer: true, ct);
        await client.SubmitPriorityAsync(team, vpiId, 1, ct);
        var sent = await client.SayAsync(team, team.Facilitator, "send priorities", ct);
        BotClient.Expect(sent.Contains("Priorities sent for review: 1.", StringComparison.Ordinal), "send priorities", sent);
        var decided = await client.ClickAsync(team, approver, "priority.decide", new JsonObject
        {
            ["vpiId"] = vpiId, ["number"] = 1, ["revision"] = 1, ["decision"] = "Approve", ["comment"] = "Fits the national plan.",
        }, ct);
        BotClient.Expect(decided.ToJsonString().Contains("Approved", StringComparison.Ordinal), "the priority approved", decided.ToJsonString());
        foreach (var (person, reviewer) in voters.Where(v => v.Person != team.Alliance && v.Person != approver))
        {
            await client.AddMemberAsync(team, vpiId, person, reviewer, ct);
        }
        return vpiId;
    }

    /// <summary>The alliance member proposes a recommendation from an approved priority (1 unless told); returns its number.</summary>
    internal static async Task<int> ProposeAsync(BotClient client, BenchTeam team, string vpiId, CancellationToken ct, int priority = 1)
    {
        var card = (await client.ClickAsync(team, team.Alliance, "recommendation.save", new JsonObject
        {
            ["vpiId"] = vpiId, ["title"] = "Shelters in every region",
            ["text"] = "Fund shelters and legal aid for victims of trafficking in every region.", ["priorities"] = priority.ToString(CultureInfo.InvariantCulture),
        }, ct)).ToJsonString();
        var proposed = ProposedRecommendation().Match(card);
        BotClient.Expect(proposed.Success, "a recommendation proposed", card);
        return int.Parse(proposed.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The facilitator opens a consent ballot on the recommendations, closing at <paramref name="deadline"/>; returns its number.</summary>
    internal static async Task<int> OpenAsync(BotClient client, BenchTeam team, string vpiId, IEnumerable<int> recommendations, DateTimeOffset deadline, CancellationToken ct)
    {
        // the form's deadline is a date and a time in the VPI's time zone, set up from its country
        var local = TimeZoneInfo.ConvertTime(deadline, TimeZoneInfo.FindSystemTimeZoneById(TimeZones.Default("GH")));
        var answer = await client.InvokeAsync(team, team.Facilitator, "ballot.open", new JsonObject
        {
            ["vpiId"] = vpiId, ["recommendations"] = string.Join(',', recommendations), ["method"] = "Consent",
            ["deadlineDate"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["deadlineTime"] = local.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["quorum"] = "50", ["doubleMajority"] = "true", ["anonymous"] = "false", ["hideResults"] = "false", ["facilitatorsVote"] = "false",
        }, ct);
        var opened = OpenedBallot().Match(answer);
        BotClient.Expect(opened.Success, "a ballot opened", answer);
        return int.Parse(opened.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Every voter votes once (eight at a time, Agree or Abstain), each vote checked.</summary>
    private static Task VoteAllAsync(BotClient client, BenchTeam team, string vpiId, int number, CancellationToken ct) =>
        Parallel.ForEachAsync(Voters(team).Select((v, i) => (v.Person, Stance: Stances[i % 2])), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (vote, token) =>
            {
                var answer = await client.InvokeAsync(team, vote.Person, "ballot.vote", Vote(vpiId, number, 1, vote.Stance), token);
                BotClient.Expect(answer.Contains($"Your vote on ballot B{number} is recorded.", StringComparison.Ordinal), "the vote recorded", answer);
            });

    /// <summary>The Vote button's data: the same stance on each recommendation, with a reason when it disagrees.</summary>
    private static JsonObject Vote(string vpiId, int number, int recommendations, string stance)
    {
        var data = new JsonObject { ["vpiId"] = vpiId, ["number"] = number };
        for (var i = 1; i <= recommendations; i++)
        {
            data[$"choice{i}"] = stance;
            if (stance == "Disagree")
            {
                data[$"reason{i}"] = "The budget line is missing.";
            }
        }
        return data;
    }

    /// <summary>Waits until the bot has made no request of the connector for 3 s (at most 3 minutes); returns whether it was quiet.</summary>
    internal static async Task<bool> WaitQuietAsync(FakeConnector connector, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + 180 * Stopwatch.Frequency;
        var (seen, since) = (connector.Traffic, Stopwatch.GetTimestamp());
        while (Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(250, ct);
            if (connector.Traffic != seen)
            {
                (seen, since) = (connector.Traffic, Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(since) >= TimeSpan.FromSeconds(3))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"Recommendation R(\d+) is proposed")]
    private static partial Regex ProposedRecommendation();

    [GeneratedRegex(@"Ballot B(\d+) is open")]
    private static partial Regex OpenedBallot();
}
