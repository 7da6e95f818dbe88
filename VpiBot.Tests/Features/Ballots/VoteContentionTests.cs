using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Ballots;

/// <summary>
/// The launch meeting votes, on each store: two hundred voters voting at the same moment on one ballot are all
/// counted, exactly once; one voter's rapid clicks leave one vote, the last; a ballot closing while votes land counts
/// exactly the votes it accepted.
/// </summary>
public abstract class VoteContentionTests : BotTest
{
    protected abstract Dictionary<string, string?> Storage { get; }
    protected override IEnumerable<User> TeamMembers => [Alice, Chioma];
    protected override BotApp CreateApp() => new(new Dictionary<string, string?>(Storage) { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    private static User Voter(int i) => new($"29:voter-{i:D3}", $"c0000000-0000-4000-8000-{i:D12}", $"Voter {i}");

    /// <summary>A VPI with <paramref name="voters"/> voters (half government, half civil society) and one consent ballot on R1.</summary>
    private async Task<string> BallotAsync(int voters)
    {
        var vpiId = await Channel.SetUpVpi();
        var store = App.Services.GetRequiredService<VpiStore>();
        for (var i = 0; i < voters; i++)
        {
            var v = Voter(i);
            var (role, type) = i % 2 == 0 ? (VpiRole.ReviewTeam, OrganisationType.Government) : (VpiRole.Alliance, OrganisationType.Ngo);
            await store.AddNewMemberAsync(vpiId, new Member(v.AadObjectId, v.Id, v.Name, null, role, "Org", type, "", default), default);
        }
        await App.Services.GetRequiredService<RecommendationStore>().CreateAsync(vpiId,
            n => RecommendationRules.Propose(n, new RecommendationText("Shelters", "Shelters for victims."), [1], Chioma.AadObjectId, Chioma.Name, DateTimeOffset.UtcNow), default);
        var (opened, _) = await Channel.Click("ballot.open", new JsonObject
        {
            ["vpiId"] = vpiId, ["recommendations"] = "1", ["method"] = "Consent", ["deadlineDate"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"),
            ["deadlineTime"] = "12:00", ["quorum"] = "50", ["doubleMajority"] = "true", ["anonymous"] = "false", ["hideResults"] = "false", ["facilitatorsVote"] = "false",
        }, Alice);
        Assert.Contains("is open", CardReading.Visible(opened!));
        return vpiId;
    }

    private async Task<string> VoteAsync(string vpiId, User voter, string stance)
    {
        var data = new JsonObject { ["vpiId"] = vpiId, ["number"] = 1, ["choice1"] = stance };
        if (stance is "Disagree" or "Block")
        {
            data["reason1"] = "Not ready";
        }
        var (_, answer) = await Channel.Send(Teams.CardExecute("ballot.vote", data, "card-1", voter, inChannel: true));
        Assert.Equal(200, answer!["statusCode"]!.GetValue<int>());
        return CardReading.Visible(answer["value"]);
    }

    [Fact]
    public async Task Two_hundred_voters_voting_at_once_are_all_counted()
    {
        var vpiId = await BallotAsync(200);
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => VoteAsync(vpiId, Voter(i), i % 3 == 0 ? "Abstain" : "Agree"))));
        Assert.All(answers, a => Assert.Contains("Your vote on ballot B1 is recorded", a));
        var ballots = App.Services.GetRequiredService<BallotStore>();
        Assert.Equal(200, (await ballots.VotesAsync(vpiId, 1, default)).Count);
        Assert.Equal(200, (await ballots.MarksAsync(vpiId, 1, default)).Values.Count(m => m.Voted));
        Assert.Contains("Ballot B1 is closed", (await Channel.Say("close vote 1"))["text"]!.GetValue<string>());
        var result = (await ballots.GetAsync(vpiId, 1, default))!.Item.Result!;
        Assert.Equal(200, result.Counted);
        Assert.Equal(200 - 67, result.Outcomes[0].Sides.Sum(s => s.Agree));
    }

    [Fact]
    public async Task Ten_rapid_clicks_of_one_voter_leave_one_vote_the_last()
    {
        var vpiId = await BallotAsync(4);
        var ballots = App.Services.GetRequiredService<BallotStore>();
        var ballot = (await ballots.GetAsync(vpiId, 1, default))!.Item;
        var voter = ballot.Electorate[0];
        var t0 = DateTimeOffset.UtcNow;
        // ten clicks, sent at once in a shuffled order: each carries the moment it was made; the last made must win
        var stances = new[] { Stance.Agree, Stance.Abstain, Stance.Disagree, Stance.Agree, Stance.Abstain, Stance.Agree, Stance.Disagree, Stance.Abstain, Stance.Agree, Stance.Block };
        var clicks = Enumerable.Range(0, 10).OrderBy(_ => Random.Shared.Next()).ToList();
        await Task.WhenAll(clicks.Select(i => Task.Run(() => ballots.CastAsync(vpiId, ballot, voter,
            [new BallotChoice(1, stances[i], Reason: "r")], t0.AddMilliseconds(i), [], default))));
        var vote = Assert.Single(await ballots.VotesAsync(vpiId, 1, default));
        Assert.Equal(Stance.Block, vote.Choices[0].Stance);
        Assert.Equal(t0.AddMilliseconds(9), (await ballots.MarksAsync(vpiId, 1, default))[voter.AadObjectId].LastAt);
    }

    [Fact]
    public async Task Once_the_gates_are_shut_no_vote_lands_and_those_before_stand()
    {
        var vpiId = await BallotAsync(4);
        var ballots = App.Services.GetRequiredService<BallotStore>();
        var ballot = (await ballots.GetAsync(vpiId, 1, default))!.Item;
        var (first, second) = (ballot.Electorate[0], ballot.Electorate[1]);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(VoteOutcome.Recorded, await ballots.CastAsync(vpiId, ballot, first, [new BallotChoice(1, Stance.Agree)], now, [], default));

        await ballots.ShutAsync(vpiId, ballot, default);
        Assert.Equal(VoteOutcome.Closed, await ballots.CastAsync(vpiId, ballot, second, [new BallotChoice(1, Stance.Agree)], now.AddSeconds(1), [], default));
        Assert.Equal(VoteOutcome.Closed, await ballots.CastAsync(vpiId, ballot, first, [new BallotChoice(1, Stance.Block, Reason: "r")], now.AddSeconds(1), [], default));
        var vote = Assert.Single(await ballots.VotesAsync(vpiId, 1, default));
        Assert.Equal(Stance.Agree, vote.Choices[0].Stance); // the vote cast before the shut, unchanged
        var marks = await ballots.MarksAsync(vpiId, 1, default);
        Assert.Equal(ballot.Electorate.Count, marks.Count); // every voter's gate is shut, voted or not
        Assert.All(marks.Values, m => Assert.True(m.Closed));
        await ballots.ShutAsync(vpiId, ballot, default); // shutting again (another closer) changes nothing
        Assert.Single(await ballots.VotesAsync(vpiId, 1, default));
    }

    [Fact]
    public async Task Closing_while_votes_land_counts_exactly_the_votes_accepted()
    {
        var vpiId = await BallotAsync(60);
        var closing = Task.Run(async () =>
        {
            await Task.Delay(20);
            return await Channel.Say("close vote 1");
        });
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => VoteAsync(vpiId, Voter(i), "Agree"))));
        await closing;
        var accepted = answers.Count(a => a.Contains("is recorded", StringComparison.Ordinal));
        Assert.Equal(60, accepted + answers.Count(a => a.Contains("has closed", StringComparison.Ordinal)));
        var result = (await App.Services.GetRequiredService<BallotStore>().GetAsync(vpiId, 1, default))!.Item.Result!;
        Assert.Equal(accepted, result.Counted);
        Assert.Equal(accepted, result.Outcomes[0].Sides.Sum(s => s.Agree));
    }
}

public sealed class VoteContentionOnSqliteTests : VoteContentionTests
{
    protected override Dictionary<string, string?> Storage { get; } = StorageSettings.Sqlite();
}

[Collection(VpiBot.Tests.Storage.AzuriteCollection.Name)]
public sealed class VoteContentionOnAzuriteTests(VpiBot.Tests.Storage.AzuriteFixture azurite) : VoteContentionTests
{
    protected override Dictionary<string, string?> Storage { get; } = StorageSettings.Azurite(azurite);
}
