using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Ballots;

/// <summary>Ballots end to end, as the facilitator and the voters use them in the channel and in their 1:1 chats.</summary>
public sealed class BallotFlowTests : BallotTestBed
{
    [Fact]
    public async Task Open_vote_change_a_vote_close_and_everyone_hears_the_outcome()
    {
        await SetUp();
        var r1 = await Propose("Specialised shelters for victims of trafficking");
        var r2 = await Propose("A national referral mechanism", Femi);

        var form = await Channel.Say("open vote");
        Assert.Contains("Specialised shelters", form.ToJsonString());
        var before = Connector.Calls.Count;
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1},{r2}"));
        var calls = (await Channel.Delivered()).Skip(before).ToList();
        // 1:1 to each of the four voters (the review team and the alliance; facilitators not ticked)
        Assert.Equal([Bob.Id, Chioma.Id, Dave.Id, Femi.Id], calls.Where(c => c.RawPath == "/v3/conversations").Select(c => c.Json!["members"]![0]!["id"]!.GetValue<string>()).Order());
        Assert.Equal([Bob.Id, Chioma.Id, Dave.Id, Femi.Id], posted["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).Order());
        Assert.Equal(["Open my ballot"], ButtonTitles(posted));
        Assert.Contains("Government: 0 of 2 voted — quorum of 1 not met", Visible(posted));
        Assert.Equal(RecommendationStatus.OnBallot, (await StoredRecommendation(r1)).Status);

        // Bob's own view: a stance per recommendation and Vote; Alice (not a voter) sees the posted card
        var bob = await ViewAs(Bob, posted);
        Assert.Equal(["Vote"], ButtonTitles(bob));
        Assert.Contains("\"id\":\"choice2\"", bob.ToJsonString());
        Assert.Same(posted, await ViewAs(Alice, posted));

        // disagreeing needs a reason: named on the card, what he chose kept, nothing stored
        var (refused, _) = await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Agree"), ("choice2", "Disagree")), Bob);
        Assert.Contains("R2: a reason is required", Visible(refused!), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Disagree", InputValue(refused!, "choice2"));
        Assert.Empty(await App.Services.GetRequiredService<BallotStore>().VotesAsync(VpiId, 1, default));

        var (voted, _) = await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Agree"), ("choice2", "Disagree"), ("reason2", "Duplicates the 2019 law")), Bob);
        Assert.Contains("Your vote on ballot B1 is recorded", Visible(voted!));
        Assert.Equal("Agree", InputValue(voted!, "choice1")); // his vote, marked
        Assert.Equal(["Change my vote"], ButtonTitles(voted!));
        // he changes it: the later vote replaces the earlier
        await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Agree"), ("choice2", "Abstain")), Bob);
        var stored = Assert.Single(await App.Services.GetRequiredService<BallotStore>().VotesAsync(VpiId, 1, default));
        Assert.Equal(Stance.Abstain, stored.Choices.Single(c => c.Recommendation == r2).Stance);

        foreach (var voter in new[] { Dave, Chioma })
        {
            var view = await ViewAs(voter, posted);
            await Channel.Click("ballot.vote", VoteData(view, ("choice1", "Agree"), ("choice2", "Agree")), voter);
        }
        // Alice may not vote (facilitators were not ticked): refused, nothing changes
        var (_, notVoter) = await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Block"), ("reason1", "x")), Alice);
        Assert.Contains("not among the voters", notVoter);
        Assert.Equal(3, (await App.Services.GetRequiredService<BallotStore>().VotesAsync(VpiId, 1, default)).Count);

        var missing = Visible(await Channel.Say("who hasn't voted 1"));
        Assert.Contains("Civil society: 1 of 2 have not voted", missing);
        Assert.Contains("Femi Adeyemi", missing);
        Assert.DoesNotContain("Bob Owusu", missing);

        before = Connector.Calls.Count;
        var closed = await Channel.Say("close vote 1");
        Assert.Contains("Ballot B1 is closed: 2 of 2 recommendations adopted", closed["text"]!.GetValue<string>());
        calls = (await Channel.Delivered()).Skip(before).ToList();
        var outcome = Visible(calls.Single(c => c.RawPath == ChannelPath && c.Card is not null).Card);
        Assert.Contains("Ballot B1 closed: 2 of 2 adopted", outcome);
        Assert.Contains("Government: 2 of 2 voted — quorum of 1 met", outcome);
        Assert.Contains("Civil society: 1 of 2 voted — quorum of 1 met", outcome);
        // every posted copy follows (PUT), and each proposer is told 1:1
        Assert.True(calls.Where(c => c.Method == "PUT").Select(c => c.RawPath).Distinct().Count() >= 5);
        Assert.All(calls.Where(c => c.Method == "PUT").GroupBy(c => c.RawPath), copy => Assert.Contains("closed", Visible(copy.Last().Card)));
        Assert.Equal(RecommendationStatus.Adopted, (await StoredRecommendation(r1)).Status);
        Assert.Equal(RecommendationStatus.Adopted, (await StoredRecommendation(r2)).Status);

        // a vote after the close is refused and changes nothing
        var (late, _) = await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Block"), ("choice2", "Block"), ("reason1", "x"), ("reason2", "x")), Femi);
        Assert.Contains("has closed", Visible(late!));
        Assert.Equal(3, (await StoredBallot(1)).Result!.Counted);
    }

    [Fact]
    public async Task Nothing_proposed_and_bad_forms_get_clear_answers_and_open_nothing()
    {
        await SetUp();
        Assert.Contains("no proposed recommendation", (await Channel.Say("open vote"))["text"]!.GetValue<string>());
        var r1 = await Propose("Witness protection");
        var (pastForm, _) = await Channel.Click("ballot.open", OpenInputs(VpiId, $"{r1}", deadline: DateTimeOffset.UtcNow.AddHours(-1)), Alice);
        Assert.Contains("at least 5 minutes from now", Visible(pastForm!));
        // the ends of the calendar: no instant in some zones, so refused on the day before any arithmetic (was a 500)
        var vpis = App.Services.GetRequiredService<VpiStore>();
        foreach (var (zone, date, says) in new[] { ("Asia/Tokyo", "0001-01-01", "at least 5 minutes from now"), ("America/New_York", "9999-12-31", "within 366 days") })
        {
            var read = (await vpis.GetAsync(VpiId, default))!;
            await vpis.UpdateAsync(read, read.Vpi with { TimeZone = zone }, default);
            var inputs = OpenInputs(VpiId, $"{r1}");
            inputs["deadlineDate"] = date;
            inputs["deadlineTime"] = date.StartsWith('0') ? "00:00" : "23:59";
            var (refused, _) = await Channel.Click("ballot.open", inputs, Alice);
            Assert.Contains(says, Visible(refused!));
        }
        var (unknown, _) = await Channel.Click("ballot.open", OpenInputs(VpiId, "99"), Alice);
        Assert.Contains("R99 is no longer a proposed recommendation", Visible(unknown!));
        var (tampered, _) = await Channel.Click("ballot.open", OpenInputs(VpiId, $"{r1}", method: "Dictator"), Alice);
        Assert.Contains("Choose a voting method", Visible(tampered!));
        Assert.Empty(await App.Services.GetRequiredService<BallotStore>().ListAsync(VpiId, default));
        Assert.Equal(RecommendationStatus.Proposed, (await StoredRecommendation(r1)).Status);
    }

    [Fact]
    public async Task A_ballot_of_another_VPI_or_a_tampered_vote_is_refused()
    {
        await SetUp();
        var r1 = await Propose("Asset recovery office");
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1}"));
        var bob = await ViewAs(Bob, posted);
        var data = VoteData(bob, ("choice1", "Agree"));
        data["vpiId"] = "another-vpi";
        var (_, other) = await Channel.Click("ballot.vote", data, Bob);
        Assert.Contains("does not belong to this conversation's VPI", other);
        // an input for a position the ballot does not have
        var (_, extra) = await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Agree"), ("choice7", "Block")), Bob);
        Assert.Equal(VpiBot.Resources.Text.Get("Refusal.StaleCard", System.Globalization.CultureInfo.InvariantCulture), extra);
        // a stance of another method
        var (wrong, _) = await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Yes")), Bob);
        Assert.Contains("R1", Visible(wrong!));
        Assert.Empty(await App.Services.GetRequiredService<BallotStore>().VotesAsync(VpiId, 1, default));
    }

    [Fact]
    public async Task A_VPI_without_a_time_zone_is_asked_for_one_before_its_first_vote()
    {
        await SetUp();
        await Propose("Witness protection");
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var read = (await vpis.GetAsync(VpiId, default))!;
        await vpis.UpdateAsync(read, read.Vpi with { TimeZone = null }, default); // set up before the time zone was asked

        var asked = await Channel.Say("open vote");
        Assert.Contains("confirm this VPI's time zone", Visible(asked));
        var save = asked["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == "vpi.timezone")!["data"]!.DeepClone().AsObject();
        save["timeZone"] = "Africa/Accra";
        var (saved, _) = await Channel.Click("vpi.timezone", save, Alice);
        Assert.Contains("open vote", saved!.ToJsonString()); // a button to go on where they were
        Assert.Contains("Deadline: date (Africa/Accra)", (await Channel.Say("open vote")).ToJsonString());
    }

    [Fact]
    public async Task A_100_KB_reason_is_refused_with_the_card_kept_within_size_and_nothing_stored()
    {
        await SetUp();
        var r1 = await Propose("Asset recovery office");
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1}"));
        var bob = await ViewAs(Bob, posted);
        var (card, _) = await Channel.Click("ballot.vote", VoteData(bob, ("choice1", "Block"), ("reason1", new string('x', 100_000))), Bob); // Valid() checks 40 KB
        Assert.Contains("R1: the reason is too long", Visible(card!), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(BallotRules.MaxReason, InputValue(card!, "reason1")!.Length);
        Assert.Empty(await App.Services.GetRequiredService<BallotStore>().VotesAsync(VpiId, 1, default));
    }

    [Fact]
    public async Task Who_hasnt_voted_is_understood_with_a_typographic_apostrophe()
    {
        await SetUp();
        var r1 = await Propose("Asset recovery office");
        await OpenBallot(OpenInputs(VpiId, $"{r1}"));
        Assert.Contains("Femi Adeyemi", Visible(await Channel.Say("who hasn\u2019t voted 1")));
        Assert.Contains("Femi Adeyemi", Visible(await Channel.Say("Who hasn't voted"))); // the only open ballot
    }
}
