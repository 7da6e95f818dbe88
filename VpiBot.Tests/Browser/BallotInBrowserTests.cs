using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// Ballot cards in a real renderer. A consent ballot and a ranked ballot are opened in Ghana's VPI (Alice facilitates;
/// Bob and Dave are the government's review team; Chioma and Femi the alliance). The card posted in the channel is
/// shown to Alice, who does not vote, and to a voter as Teams shows it to them (their own view: the automatic refresh,
/// or "Open my ballot"); the voter fills the inputs in the page and clicks Vote, and the card the bot answers with
/// is shown in place. What was chosen in the page is checked against the store. Screenshots go to TestResults/cards/
/// as <c>ballot-consent-nn-….png</c> and <c>ballot-ranked-nn-….png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BallotInBrowserTests(TeamsCardHost host) : GhanaVpiInBrowser
{

    private const string ConsentShots = "ballot-consent";
    private const string RankedShots = "ballot-ranked";

    protected override IReadOnlyList<(User Who, string Role, string Organisation, string Type)> Roster =>
    [
        (Bob, "ReviewTeam", "Ministry of Justice", "Government"),
        (Dave, "ReviewTeam", "Ministry of the Interior", "Government"),
        (Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo"),
        (Femi, "Alliance", "University of Ghana", "Academia"),
    ];

    [Fact]
    public async Task Consent_ballot_as_the_facilitator_and_as_a_voter_who_votes_from_the_page()
    {
        var r1 = await Propose("Specialised shelters for victims of trafficking");
        var r2 = await Propose("A national referral mechanism");
        var posted = await OpenBallot($"{r1},{r2}", "Consent");

        // Alice (facilitator, not a voter) sees the card as posted: the rules, the turnout per side, "Open my ballot"
        await using (var alice = await host.RenderAsync(posted, Alice, Chat, "ballot-1", step: "nonvoter", test: ConsentShots))
        {
            Assert.False(alice.WasRefreshed);
            Assert.Empty(alice.ParseWarnings);
            var text = await alice.TextAsync();
            Assert.Contains("Ballot B1: a vote on joint recommendations", text);
            Assert.Contains("Consent", text);
            Assert.Contains("Double majority", text);
            Assert.Contains("Government: 0 of 2 voted — quorum of 1 not met", text);
            Assert.Contains("Civil society: 0 of 2 voted — quorum of 1 not met", text);
            Assert.Contains("Specialised shelters for victims of trafficking", text);
            AssertDeadlineFormatted(text);
            Assert.Equal(["Open my ballot"], await alice.ButtonTitlesAsync());
            Assert.Equal(0, await alice.Page.Locator("#card-root input, #card-root select, #card-root textarea").CountAsync());
        }

        // Bob (review team) sees his own view: Teams fetches it for him (the card's refresh lists him)
        await using var bob = await host.RenderAsync(posted, Bob, Chat, "ballot-1", step: "voter", test: ConsentShots);
        Assert.True(bob.WasRefreshed);
        Assert.Equal("ballot.view", bob.RefreshSent!["value"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Empty(bob.ParseWarnings);
        var own = await bob.TextAsync();
        AssertDeadlineFormatted(own);
        Assert.Contains("You have not voted yet.", own);
        Assert.Equal(["Vote"], await bob.ButtonTitlesAsync());
        foreach (var id in new[] { "choice1", "choice2", "reason1", "reason2" })
        {
            await AssertLabelledAsync(bob, id);
        }
        Assert.Contains("Your stance on R1", own);
        Assert.Contains("Your reason for R2 (required to disagree or block", own);
        // every stance is a radio button with its own visible label
        foreach (var stance in new[] { "Agree", "Abstain", "Disagree", "Block" })
        {
            Assert.Equal(2, await bob.Page.GetByLabel(stance, new() { Exact = true }).CountAsync());
        }

        // he disagrees with R2 without a reason: the renderer lets it go (the reason is optional to it), the bot names the problem
        await bob.FillAsync("choice1", "Agree");
        await bob.FillAsync("choice2", "Disagree");
        var refused = await bob.ClickAsync("Vote", step: "voter-reason-missing");
        Assert.False(refused.Stopped);
        Assert.Equal("ballot.vote", refused.Sent!["value"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal("Disagree", refused.Sent["value"]!["action"]!["data"]!["choice2"]!.GetValue<string>());
        Assert.NotNull(refused.NewCard);
        Assert.Contains("R2: a reason is required to disagree or block.", await bob.TextAsync());
        Assert.Equal("Agree", await bob.ValueAsync("choice1")); // what he chose is kept
        Assert.Equal("Disagree", await bob.ValueAsync("choice2"));
        Assert.Empty(await Votes(1));

        // he types the reason and votes again
        await bob.FillAsync("reason2", "It duplicates the 2019 referral guidelines.");
        var voted = await bob.ClickAsync("Vote", step: "voter-voted");
        Assert.NotNull(voted.NewCard);
        var after = await bob.TextAsync();
        Assert.Contains("Your vote on ballot B1 is recorded.", after);
        Assert.Contains("Your vote is recorded, as marked above.", after);
        Assert.DoesNotContain("a reason is required", after);
        Assert.Equal("Agree", await bob.ValueAsync("choice1")); // his vote, marked
        Assert.Equal("Disagree", await bob.ValueAsync("choice2"));
        Assert.Equal("It duplicates the 2019 referral guidelines.", await bob.ValueAsync("reason2"));
        Assert.True(await bob.Page.GetByLabel("Disagree", new() { Exact = true }).Nth(1).IsCheckedAsync());
        Assert.Equal(["Change my vote"], await bob.ButtonTitlesAsync());

        // what was chosen in the page is what was stored
        var stored = Assert.Single(await Votes(1));
        Assert.Equal(Side.Government, stored.Side);
        Assert.Equal(Stance.Agree, Choice(stored, r1).Stance);
        Assert.Null(Choice(stored, r1).Reason);
        Assert.Equal(Stance.Disagree, Choice(stored, r2).Stance);
        Assert.Equal("It duplicates the 2019 referral guidelines.", Choice(stored, r2).Reason);

        // the channel's copy follows: Alice sees the turnout move, never how Bob voted
        await using var aliceAfter = await host.RenderAsync(await ChannelCopy(), Alice, Chat, "ballot-1", step: "nonvoter-after-vote", test: ConsentShots);
        var turnout = await aliceAfter.TextAsync();
        Assert.Contains("Government: 1 of 2 voted — quorum of 1 met", turnout);
        Assert.DoesNotContain("duplicates", turnout);
    }

    [Fact]
    public async Task Ranked_ballot_a_voter_ranks_two_of_three_and_the_same_rank_twice_is_named()
    {
        var r1 = await Propose("Specialised shelters for victims of trafficking");
        var r2 = await Propose("A national referral mechanism");
        var r3 = await Propose("Training for labour inspectors on forced labour indicators");
        var posted = await OpenBallot($"{r1},{r2},{r3}", "Ranked");

        await using (var alice = await host.RenderAsync(posted, Alice, Chat, "ballot-1", step: "nonvoter", test: RankedShots))
        {
            Assert.False(alice.WasRefreshed);
            Assert.Empty(alice.ParseWarnings);
            var text = await alice.TextAsync();
            Assert.Contains("Ranked", text);
            Assert.Contains("Government: 0 of 2 voted — quorum of 1 not met", text);
            Assert.Contains("Training for labour inspectors", text);
            AssertDeadlineFormatted(text);
            Assert.Equal(["Open my ballot"], await alice.ButtonTitlesAsync());
        }

        // Femi's client does not refresh the card by itself (as for a ballot of more than 60 voters): he asks for his own view
        var unlisted = (JsonObject)posted.DeepClone();
        unlisted["refresh"]!.AsObject().Remove("userIds");
        await using var femi = await host.RenderAsync(unlisted, Femi, Chat, "ballot-1", step: "voter-posted", test: RankedShots);
        Assert.False(femi.WasRefreshed);
        var open = await femi.ClickAsync("Open my ballot", step: "voter");
        Assert.Equal("ballot.view", open.Sent!["value"]!["action"]!["verb"]!.GetValue<string>());
        Assert.NotNull(open.NewCard);
        Assert.Empty(femi.ParseWarnings);
        Assert.Equal(["Vote"], await femi.ButtonTitlesAsync());
        foreach (var id in new[] { "choice1", "choice2", "choice3" })
        {
            await AssertLabelledAsync(femi, id);
        }
        Assert.Contains("Your rank for R3 (1 = first)", await femi.TextAsync());
        Assert.Equal("0", await femi.ValueAsync("choice3")); // "Not ranked" until he ranks it
        Assert.Equal(["Not ranked", "1", "2", "3"], await femi.Page.Locator("#card-root [id=\"choice3\"] option:not([hidden])").AllInnerTextsAsync());

        // the same rank twice: the bot names it on the card, keeps the choices, stores nothing
        await femi.FillAsync("choice1", "1");
        await femi.FillAsync("choice2", "1");
        await femi.FillAsync("choice3", "3");
        var twice = await femi.ClickAsync("Vote", step: "voter-same-rank");
        Assert.False(twice.Stopped);
        Assert.NotNull(twice.NewCard);
        Assert.Contains("R2: this rank is already given to another recommendation; give each rank once.", await femi.TextAsync());
        Assert.Equal("1", await femi.ValueAsync("choice1"));
        Assert.Equal("1", await femi.ValueAsync("choice2"));
        Assert.Equal("3", await femi.ValueAsync("choice3"));
        Assert.Empty(await Votes(1));

        // two of three ranked, the third taken back to "Not ranked": recorded
        await femi.FillAsync("choice2", "2");
        await femi.FillAsync("choice3", "0");
        var voted = await femi.ClickAsync("Vote", step: "voter-voted");
        var sent = voted.Sent!["value"]!["action"]!["data"]!;
        Assert.Equal("1", sent["choice1"]!.GetValue<string>());
        Assert.Equal("2", sent["choice2"]!.GetValue<string>());
        Assert.Equal("0", sent["choice3"]!.GetValue<string>());
        var after = await femi.TextAsync();
        Assert.Contains("Your vote on ballot B1 is recorded.", after);
        Assert.DoesNotContain("already given", after);
        Assert.Equal("1", await femi.ValueAsync("choice1")); // his ranking, marked
        Assert.Equal("2", await femi.ValueAsync("choice2"));
        Assert.Equal("0", await femi.ValueAsync("choice3"));
        Assert.Contains("Civil society: 3 points · ranked first by 1 voter", after);
        Assert.Contains("Civil society: 2 points · ranked first by 0 voters", after);
        Assert.Equal(["Change my vote"], await femi.ButtonTitlesAsync());

        var stored = Assert.Single(await Votes(1));
        Assert.Equal(Side.CivilSociety, stored.Side);
        Assert.Equal(1, Choice(stored, r1).Rank);
        Assert.Equal(2, Choice(stored, r2).Rank);
        Assert.Null(stored.Choices.FirstOrDefault(c => c.Recommendation == r3)?.Rank);
    }

    /// <summary>A recommendation proposed by Chioma (as stored once proposed).</summary>
    private async Task<int> Propose(string title)
    {
        var store = Channel.App.Services.GetRequiredService<RecommendationStore>();
        var r = await store.CreateAsync(VpiId, n => RecommendationRules.Propose(n, new RecommendationText(title, "Text of " + title), [1], Chioma.AadObjectId, Chioma.Name, DateTimeOffset.UtcNow), default);
        return r.Number;
    }

    /// <summary>Alice opens a ballot (deadline in three days, quorum 50 % per side, double majority); returns the card posted in the channel.</summary>
    private async Task<JsonObject> OpenBallot(string recommendations, string method)
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(3); // Ghana: Africa/Accra is UTC all year
        var before = Connector.Calls.Count;
        var (opened, message) = await Channel.Click("ballot.open", new JsonObject
        {
            ["vpiId"] = VpiId, ["recommendations"] = recommendations, ["method"] = method,
            ["deadlineDate"] = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["deadlineTime"] = "17:00",
            ["quorum"] = "50", ["doubleMajority"] = "true", ["anonymous"] = "false", ["hideResults"] = "false", ["facilitatorsVote"] = "false",
        }, Alice);
        Assert.True(opened is not null, message);
        Assert.Contains("is open", CardReading.Visible(opened)); // the form gives way to what happened
        return (await Channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null).Card!;
    }

    /// <summary>The channel's copy of the ballot card as it is now (the bot updates it after each vote).</summary>
    private async Task<JsonObject> ChannelCopy() =>
        (await Channel.Delivered()).Last(c => c.Method == "PUT" && c.RawPath.StartsWith(ChannelPath + "/", StringComparison.Ordinal) && c.Card is not null).Card!;

    private Task<IReadOnlyList<StoredVote>> Votes(int ballot) =>
        Channel.App.Services.GetRequiredService<BallotStore>().VotesAsync(VpiId, ballot, default);

    private static BallotChoice Choice(StoredVote vote, int recommendation) => vote.Choices.Single(c => c.Recommendation == recommendation);

    /// <summary>The renderer formatted the deadline in the viewer's language (no <c>{{DATE(…)}}</c> left), and the VPI's own time is given.</summary>
    private static void AssertDeadlineFormatted(string text)
    {
        Assert.DoesNotContain("{{", text);
        Assert.Contains("Voting closes ", text);
        Assert.Contains("(your time)", text);
        Assert.Contains("17:00 in Africa/Accra", text);
    }

    /// <summary>The input has a visible label above it, tied to it for screen readers (aria-labelledby), and it is not cut.</summary>
    private static async Task AssertLabelledAsync(TeamsCardView view, string id)
    {
        var label = await view.Page.EvaluateAsync<string?>(
            """
            id => {
              const field = document.querySelector(`#card-root [id="${id}"]`);
              const control = field && (field.matches("input, select, textarea, [role=radiogroup]") ? field : field.querySelector("input, select, textarea, [role=radiogroup]"));
              const ref = control && (control.getAttribute("aria-labelledby") || field.getAttribute("aria-labelledby"));
              const label = ref && document.getElementById(ref.split(" ")[0]);
              if (!label) return null;
              const box = label.getBoundingClientRect();
              return box.width > 0 && box.height > 0 && label.scrollWidth <= label.clientWidth + 1 ? label.innerText : "(hidden or cut) " + label.innerText;
            }
            """, id);
        Assert.False(string.IsNullOrWhiteSpace(label), $"Input \"{id}\" has no visible label.");
        Assert.DoesNotContain("(hidden or cut)", label);
    }
}
