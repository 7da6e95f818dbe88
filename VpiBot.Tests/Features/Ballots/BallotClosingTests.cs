using VpiBot.Domain;
using VpiBot.Features.Ballots;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Ballots;

/// <summary>
/// Ballots close on their own at the deadline (driven by the app's <see cref="TimeProvider"/>, here a fake clock the
/// test moves), also after a restart, exactly once with two instances on one store; voters who have not voted are
/// reminded once before the deadline.
/// </summary>
public sealed class BallotClosingTests : BallotTestBed, IAsyncLifetime
{
    private readonly RunningFakeClock _clock = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly string _database = TempSqlite.NewPath();

    protected override BotApp CreateApp() => AppOn(_database);

    private BotApp AppOn(string database) => new(
        new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId, ["Storage:Sqlite:Path"] = database },
        services: s => s.AddSingleton<TimeProvider>(_clock));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _clock.DisposeAsync();
    }

    /// <summary>Waits (bounded, real time) until the connector has seen what the test expects.</summary>
    private async Task<List<ConnectorCall>> Until(Func<List<ConnectorCall>, bool> done, int after, int timeoutMs = 15_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            var calls = Connector.Calls.Skip(after).ToList();
            if (done(calls))
            {
                return calls;
            }
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException("The bot did not do it in time.");
    }

    private static bool IsOutcome(ConnectorCall c) => c.Card is { } card && Visible(card).Contains(" closed: ", StringComparison.Ordinal) && c.Method == "POST";

    [Fact]
    public async Task A_ballot_closes_at_its_deadline_on_its_own()
    {
        await SetUp();
        var r1 = await Propose("Specialised shelters");
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1}", deadline: _clock.GetUtcNow().AddHours(1), quorum: "0"));
        foreach (var voter in new[] { Bob, Chioma })
        {
            await Channel.Click("ballot.vote", VoteData(await ViewAs(voter, posted), ("choice1", "Agree")), voter);
        }
        var before = Connector.Calls.Count;
        await Task.Delay(200);
        Assert.DoesNotContain(Connector.Calls.Skip(before), IsOutcome); // not before the deadline

        _clock.Advance(TimeSpan.FromHours(1));
        var calls = await Until(c => c.Any(IsOutcome) && c.Count(x => x.Method == "POST" && x.Card is not null && x.RawPath != ChannelPath) >= 1, before);
        var outcome = Visible(calls.Single(IsOutcome).Card);
        Assert.Contains("Ballot B1 closed: 1 of 1 adopted", outcome);
        var ballot = await StoredBallot(1);
        Assert.Equal(BallotStatus.Closed, ballot.Status);
        Assert.Equal(Text("Ballot.ClosedAutomatically"), ballot.ClosedByName);
        Assert.Equal(RecommendationStatus.Adopted, (await StoredRecommendation(r1)).Status);
        // Chioma, the proposer, is told 1:1
        Assert.Contains(calls, c => c.Card is { } card && Visible(card).Contains("Your recommendation R1 was adopted", StringComparison.Ordinal));
    }

    private static string Text(string key) => VpiBot.Resources.Text.Get(key, System.Globalization.CultureInfo.GetCultureInfo("en"));

    [Fact]
    public async Task A_ballot_that_came_due_while_no_instance_ran_closes_after_a_restart()
    {
        await SetUp();
        var r1 = await Propose("Witness protection");
        await OpenBallot(OpenInputs(VpiId, $"{r1}", deadline: _clock.GetUtcNow().AddHours(1), quorum: "0"));
        await App.DisposeAsync();

        _clock.Advance(TimeSpan.FromHours(3));
        var before = Connector.Calls.Count;
        App = AppOn(_database);
        _ = App.Services; // starts the host: its closer looks at once
        await Until(c => c.Any(IsOutcome), before);
        Assert.Equal(BallotStatus.Closed, (await StoredBallot(1)).Status);
        Assert.Equal(RecommendationStatus.NotAdopted, (await StoredRecommendation(r1)).Status); // nobody voted
    }

    [Fact]
    public async Task Two_instances_on_one_store_close_a_ballot_exactly_once()
    {
        await SetUp();
        var r1 = await Propose("Asset recovery");
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1}", deadline: _clock.GetUtcNow().AddHours(1), quorum: "0"));
        await Channel.Click("ballot.vote", VoteData(await ViewAs(Bob, posted), ("choice1", "Agree")), Bob);
        await using var second = AppOn(_database);
        var closers = new[] { App.Services.GetRequiredService<BallotCloser>(), second.Services.GetRequiredService<BallotCloser>() };

        var before = Connector.Calls.Count;
        _clock.Advance(TimeSpan.FromHours(1));
        // besides their own loops, force both instances through the closing at the same moment, several times
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => closers[i % 2].RunOnceAsync(default))));
        var calls = await Until(c => c.Any(IsOutcome), before);
        await Task.Delay(1000); // time for a second outcome, were there one
        Assert.Single(Connector.Calls.Skip(before), IsOutcome);
        var ballot = await StoredBallot(1);
        Assert.Equal(1, ballot.Result!.Counted);
        var recommendation = await StoredRecommendation(r1);
        Assert.Single(recommendation.History, t => t.To is RecommendationStatus.Adopted or RecommendationStatus.NotAdopted);
    }

    [Fact]
    public async Task Voters_who_have_not_voted_are_reminded_once_before_the_deadline()
    {
        await SetUp();
        var r1 = await Propose("Data on smuggling routes");
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1}", deadline: _clock.GetUtcNow().AddHours(48)));
        await Channel.Click("ballot.vote", VoteData(await ViewAs(Bob, posted), ("choice1", "Agree")), Bob);
        var before = Connector.Calls.Count;

        _clock.Advance(TimeSpan.FromHours(23));
        await Task.Delay(300);
        Assert.DoesNotContain(Connector.Calls.Skip(before), c => c.Card is { } card && Visible(card).Contains("closes soon", StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromHours(2)); // 23 h before the deadline: within the default 24 h
        static bool IsReminder(ConnectorCall c) => c.Card is { } card && Visible(card).Contains("closes soon", StringComparison.Ordinal);
        var calls = await Until(c => c.Count(IsReminder) >= 3, before);
        _clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(500);
        var reminders = Connector.Calls.Skip(before).Where(IsReminder).ToList();
        Assert.Equal(3, reminders.Count); // Dave, Chioma, Femi: not Bob, who voted; and once
        Assert.DoesNotContain(reminders, c => c.RawPath == ChannelPath);
        Assert.True((await StoredBallot(1)).Reminded);
    }
}
