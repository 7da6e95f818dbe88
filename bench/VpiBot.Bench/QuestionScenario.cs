using VpiBot.Tests.Domain.Questions;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Domain.Questions;
using VpiBot.Tests.Support;

namespace VpiBot.Bench;

/// <summary>A plain-language question run: the load driver's figures, with how the distinct questions were answered once.</summary>
public sealed record QuestionRun(RunResult Result, int Questions, int Cards, int Texts, TimeSpan Setup, double? BotPeakMb);

/// <summary>
/// Plain-language questions typed in a VPI's channel, on one bot (a fresh SQLite file) and one VPI set up through the
/// bot's own endpoint as in Teams (not measured): "setup" + <c>vpi.setup</c> (AnyReviewer), one alliance member and 4
/// reviewers added from the roster, 9 priorities submitted and sent for review, P1–P5 approved by a reviewer, R1–R5
/// proposed from them by the alliance member, a consent ballot on R1–R3 opened (deadline two days ahead), 3 tasks, so
/// that the answers have something to show (no meetings: booking one needs the calendar).
/// Then every distinct labelled question (VpiBot.Tests/Domain/Questions/questions.tsv, read from the repo at run time,
/// the <c>Unknown</c> ones left out) is asked once by the facilitator and its reply at the connector must be an Adaptive
/// Card or a text; then the closed loop at each concurrency, the facilitator asking them in turn.
/// </summary>
/// <remarks>
/// Worker w of c sends question (w + k·c) mod n as its k-th turn, with the Teams locale of the question's language
/// (en-US, fr-FR, es-ES). The facilitator may ask anything, so no answer is a refusal for want of rights. A turn is OK
/// when HTTP 200; the bot posts its answer through the connector before it answers the turn, so the replies the
/// connector counted for measured turns must equal the OK turns (as for "help").
/// </remarks>
public static class QuestionScenario
{
    private const int Priorities = 9;
    private const int Recommendations = 5;

    public static async Task<QuestionRun[]> RunAsync(string botDll, FakeConnector connector, int[] concurrencies, TimeSpan warmup, TimeSpan duration,
        CancellationToken ct)
    {
        var questions = BenchQuestions.Load("questions.tsv").Where(q => q.Intent != QuestionIntent.Unknown)
            .DistinctBy(q => q.Text).ToArray();
        var team = new BenchTeam(300, reviewers: 4);
        connector.Roster = teamId => teamId == team.TeamId ? team.RosterJson : null;
        using var storage = BenchStorage.Sqlite("questions");
        using var bot = await BotProcess.StartAsync(botDll, TimeSpan.FromSeconds(60), storage.BotEnvironment([team]));
        using var http = BotClient.NewHttp(Math.Max(16, concurrencies.Max()), TimeSpan.FromSeconds(60));
        var client = new BotClient(http, bot.BaseUrl + "/api/messages", connector);

        var setup = Stopwatch.StartNew();
        var vpiId = await client.SetUpVpiAsync(team, "AnyReviewer", ct);
        await client.AddMemberAsync(team, vpiId, team.Alliance, reviewer: false, ct);
        foreach (var reviewer in team.Reviewers)
        {
            await client.AddMemberAsync(team, vpiId, reviewer, reviewer: true, ct);
        }
        for (var p = 1; p <= Priorities; p++)
        {
            await client.SubmitPriorityAsync(team, vpiId, p, ct);
        }
        var sent = await client.SayAsync(team, team.Facilitator, "send priorities", ct);
        BotClient.Expect(sent.Contains($"Priorities sent for review: {Priorities}.", StringComparison.Ordinal), "send priorities", sent);
        for (var p = 1; p <= Recommendations; p++)
        {
            var decided = await client.ClickAsync(team, team.Reviewers[0], "priority.decide", new JsonObject
            {
                ["vpiId"] = vpiId, ["number"] = p, ["revision"] = 1, ["decision"] = "Approve", ["comment"] = "Fits the national plan.",
            }, ct);
            BotClient.Expect(decided.ToJsonString().Contains("Approved", StringComparison.Ordinal), $"priority {p} approved", decided.ToJsonString());
            var r = await BallotScenario.ProposeAsync(client, team, vpiId, ct, priority: p);
            BotClient.Expect(r == p, $"recommendation R{p}", $"R{r}");
        }
        await BallotScenario.OpenAsync(client, team, vpiId, [1, 2, 3], DateTimeOffset.UtcNow.AddDays(2), ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow); // Ghana: UTC all year
        for (var n = 1; n <= 3; n++)
        {
            await client.AddTaskAsync(team, vpiId, $"Bench task {n}: train labour inspectors", [team.Reviewers[n - 1]],
                today.AddDays(-40), today.AddDays(n * 5 - 8), ct);
        }
        var quiet = await BallotScenario.WaitQuietAsync(connector, ct);

        // every question once, its reply checked: an Adaptive Card or a text
        int cards = 0, texts = 0;
        foreach (var q in questions)
        {
            var reply = await client.SayAsync(team, team.Facilitator, q.Text, ct, LocaleOf(q.Language));
            if (reply.Contains("\"application/vnd.microsoft.card.adaptive\"", StringComparison.Ordinal))
            {
                cards++;
            }
            else
            {
                BotClient.Expect(reply.Contains("\"text\":\"", StringComparison.Ordinal), $"a card or a text answering \"{q.Text}\"", reply);
                texts++;
            }
        }
        setup.Stop();
        Console.Write($"set-up {setup.Elapsed.TotalSeconds:0} s{(quiet ? "" : " (connector not quiet)")}, {questions.Length} questions answered once ({cards} cards, {texts} texts); ");

        var driver = new LoadDriver(http, client.Url, connector, bot.CpuTime);
        var runs = new List<QuestionRun>();
        foreach (var concurrency in concurrencies)
        {
            var workload = new Workload(
                (id, worker, k) =>
                {
                    var q = questions[(int)((worker + k * concurrency) % questions.Length)];
                    return team.ChannelMessage(connector.ServiceUrl, id, team.Facilitator, q.Text, LocaleOf(q.Language));
                },
                _ => null); // HTTP 200; the reply is counted at the connector
            var result = await driver.RunAsync(Scenario.Question, concurrency, warmup, duration, workload, ct);
            runs.Add(new QuestionRun(result, questions.Length, cards, texts, setup.Elapsed, bot.MemoryMb("VmHWM")));
        }
        return [.. runs];
    }

    /// <summary>The Teams locale of a language, as the recogniser test gives it.</summary>
    public static string LocaleOf(string language) => language switch { "fr" => "fr-FR", "es" => "es-ES", _ => "en-US" };
}

/// <summary>The labelled questions of VpiBot.Tests/Domain/Questions, read from the repo with the test's own reader.</summary>
public static class BenchQuestions
{
    public static string PathOf(string file) => Path.Combine(RepoRoot.Path, "VpiBot.Tests", "Domain", "Questions", file);

    public static IReadOnlyList<LabelledQuestion> Load(string file) => LabelledQuestions.Read(PathOf(file));
}
