using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Features.Shared;
using VpiBot.Tests.Features.Ballots;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Questions;

/// <summary>
/// Questions in plain language, end to end in Ghana's VPI (Alice facilitates; Bob and Dave are the review team; Chioma
/// and Femi the alliance), with Kenya's VPI in another channel: each answer is the one its command gives, within what
/// the asker may see; a 1:1 chat answers for the asker's VPI (or asks which); nothing of another VPI leaks.
/// </summary>
public sealed class QuestionFlowTests : BallotTestBed
{
    private static readonly User Eve = new("29:1eve-teams-id", "a1b2c3d4-0000-4000-8000-000000000005", "Eve Boateng"); // in the team, not on the roster
    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Dave, Femi, Eve];

    private VpiChannel Kenya => new(App, Connector, new TeamsActivities(Connector.BaseUrl, "19:vpi-kenya@thread.tacv2"));

    /// <summary>What the bot answered, as a person reads it (a card's text or the message).</summary>
    private async Task<string> Ask(string question, User who, VpiChannel? channel = null) =>
        Visible(await (channel ?? Channel).Say(question, who));

    /// <summary>Asks in the person's 1:1 chat with the bot; returns the answer (card or text).</summary>
    private async Task<JsonObject> AskPersonally(string question, User who)
    {
        var message = Teams.PersonalMessage(question, who);
        var (sent, _) = await Channel.Send(message);
        var call = Assert.Single(sent, c => c.RawPath.EndsWith("/activities/" + message["id"]!.GetValue<string>(), StringComparison.Ordinal));
        return call.Card is { } card ? VpiChannel.Valid(card) : new JsonObject { ["text"] = call.Text };
    }

    /// <summary>Ghana with a priority under review by Bob and Dave, and an open ballot on an adopted-to-be recommendation.</summary>
    private async Task<int> GhanaAtWork()
    {
        await SetUp();
        var priorities = App.Services.GetRequiredService<PriorityStore>();
        var p = await priorities.CreateAsync(VpiId, n => PriorityReview.Create(n, new PriorityText("Shelters for victims", "Fund and staff shelters.", Instrument.TraffickingInPersons, ReviewCluster.Prevention, "Victims sleep in police stations.", "Ghana Anti-Trafficking Coalition"), submit: true,
            Chioma.AadObjectId, Chioma.Name, DateTimeOffset.UtcNow), default);
        var read = (await priorities.GetAsync(VpiId, p.Number, default))!;
        await priorities.SaveAsync(VpiId, read, PriorityReview.SendForReview(read.Priority, [Bob.AadObjectId, Dave.AadObjectId], Alice.AadObjectId, Alice.Name, DateTimeOffset.UtcNow).Priority!, default);
        var r = await Propose("Independent shelter inspections");
        await OpenBallot(OpenInputs(VpiId, $"{r}"));
        return r;
    }

    [Fact]
    public async Task The_same_question_gets_each_asker_what_their_role_lets_them_see()
    {
        await GhanaAtWork();

        // "where are we?" — everyone in the channel may see the VPI's status
        foreach (var who in new[] { Alice, Bob, Chioma, Eve })
        {
            var status = await Ask("Where are we?", who);
            Assert.Contains("Ghana VPI: where things stand", status);
            Assert.Contains("1 under review", status);
            Assert.Contains("1 vote is open", status);
        }

        // "what is waiting for me?" — a reviewer has a priority to decide and a vote; an alliance member only the vote
        var bob = await Ask("What is waiting for me?", Bob);
        Assert.Contains("1 priority to decide", bob);
        Assert.Contains("Shelters for victims", bob);
        Assert.Contains("1 vote to cast", bob);
        var chioma = await Ask("What is waiting for me?", Chioma);
        Assert.DoesNotContain("priority to decide", chioma);
        Assert.Contains("1 vote to cast", chioma);
        Assert.Contains(Text("Refusal.NotAMember"), await Ask("What is waiting for me?", Eve)); // not on the roster

        // "who hasn't voted?" — facilitators only: Alice gets the list, Chioma the refusal the command gives
        var alice = await Ask("Who hasn't voted yet?", Alice);
        Assert.Contains("Bob Owusu", alice);
        var refused = await Ask("Who hasn't voted yet?", Chioma);
        Assert.Contains(Text("Refusal.NotFacilitator"), refused);
        Assert.DoesNotContain("Bob Owusu", refused);
    }

    [Fact]
    public async Task A_question_in_another_VPI_is_answered_from_that_VPI_only()
    {
        await GhanaAtWork();
        var kenya = Kenya;
        var (summary, _) = await kenya.Click("vpi.setup", VpiChannel.SetupInputs("KE", "Untoc", "Prevention", "Minimum"));
        Assert.Contains("Kenya", Visible(summary));

        var status = await Ask("Where are we?", Alice, kenya);
        Assert.Contains("Kenya VPI: where things stand", status);
        Assert.DoesNotContain("under review", status);
        Assert.Contains("No vote is open.", status);
        // Bob is in Ghana's VPI, not Kenya's: what waits for him there is not shown here
        Assert.Contains(Text("Refusal.NotAMember"), await Ask("What is waiting for me?", Bob, kenya));
    }

    [Fact]
    public async Task In_a_1_to_1_chat_a_question_is_answered_for_the_askers_VPI_or_asks_which()
    {
        await GhanaAtWork();
        await Channel.Say("where are we?", Bob); // Bob asked in Ghana's channel before: the bot knows he is in it

        var mine = await AskPersonally("what is waiting for me?", Bob);
        Assert.Contains("1 priority to decide", Visible(mine));

        // taken off the roster, Bob is no longer answered for Ghana in his 1:1 chat
        var vpis = App.Services.GetRequiredService<VpiStore>();
        await vpis.ChangeRosterAsync((await vpis.GetAsync(VpiId, default))!, null, Bob.AadObjectId, default);
        Assert.Contains("do not know of one for you", (await AskPersonally("what is waiting for me?", Bob))["text"]!.GetValue<string>());

        // nobody knows Eve in any VPI: she is told how to ask
        var eve = await AskPersonally("where are we?", Eve);
        Assert.Contains("do not know of one for you", eve["text"]!.GetValue<string>());

        // Alice facilitates Ghana's and Kenya's VPIs: she is asked which, and her choice answers it
        var (kenya, _) = await Kenya.Click("vpi.setup", VpiChannel.SetupInputs("KE", "Untoc", "Prevention", "Minimum"));
        Assert.NotNull(kenya);
        var which = await AskPersonally("where are we?", Alice);
        Assert.Contains("several VPIs", Visible(which));
        var choices = which["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["Ghana", "Kenya"], choices.Order());
        var kenyaChoice = which["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Kenya")!["data"]!.AsObject();
        var (answer, message) = await Channel.Click("question.invpi", kenyaChoice, Alice, personal: true);
        Assert.True(answer is not null, message);
        Assert.Contains("Kenya VPI: where things stand", Visible(answer));

        // a forged choice of a VPI she is not in changes nothing and shows nothing
        var ghanaId = VpiId;
        var (forged, refusal) = await Channel.Click("question.invpi", new JsonObject { ["vpiId"] = ghanaId, ["question"] = "where are we?" }, Eve, personal: true);
        Assert.Null(forged);
        Assert.Contains(Text("Refusal.NotAMember"), refusal);
    }

    [Fact]
    public async Task A_question_not_understood_says_so_and_offers_the_nearest_three()
    {
        await SetUp();
        var card = await Channel.Say("qwertz blorp?", Chioma);
        Assert.Contains("did not understand", Visible(card));
        var asks = card["actions"]!.AsArray().Where(a => a!["verb"]?.GetValue<string>() == "question.ask").ToList();
        Assert.Equal(3, asks.Count);
        Assert.Contains("Help", ButtonTitles(card));
        Assert.DoesNotContain("qwertz", card.ToJsonString()); // what was typed is not echoed

        // each button asks its own question: the answer is what typing that question's command gives
        foreach (var ask in asks)
        {
            var data = ask!["data"]!.AsObject();
            var intent = Enum.Parse<VpiBot.Domain.Questions.QuestionIntent>(data["intent"]!.GetValue<string>());
            var call = VpiBot.Features.Questions.QuestionCommands.For(new(intent, new(), 1, "en"))!;
            var (answer, message) = await Channel.Click("question.ask", data, Chioma);
            var clicked = answer is not null ? Visible(answer) : message!;
            Assert.DoesNotContain("did not understand", clicked);
            Assert.Equal(Visible(await Channel.Say((call.Command + " " + call.Arguments).Trim(), Chioma)), clicked);
        }
    }

    [Fact]
    public async Task A_question_about_a_tool_is_answered_by_it_with_the_commands_own_access()
    {
        await SetUp();
        var report = await Channel.Say("can you write the outcome report for us?", Alice);
        var download = Assert.Single(report["actions"]!.AsArray());
        Assert.Equal("Action.OpenUrl", download!["type"]!.GetValue<string>());
        Assert.Contains($"/downloads/{VpiId}/report?", download["url"]!.GetValue<string>());
        // an alliance member asking the same gets the report command's refusal, not a link
        var refused = await Channel.Say("can you write the outcome report for us?", Chioma);
        Assert.Equal(VpiAccess.Explain(Refusal.NotFacilitator, System.Globalization.CultureInfo.GetCultureInfo("en")), refused["text"]!.GetValue<string>());
        Assert.DoesNotContain("/downloads/", refused.ToJsonString());
        // WhatsOn: the export's two files; consultations: their list
        var export = await Channel.Say("export the stakeholders to WhatsOn", Alice);
        Assert.Equal(2, export["actions"]!.AsArray().Count(x => x!["url"]!.GetValue<string>().Contains($"/downloads/{VpiId}/whatson-", StringComparison.Ordinal)));
        Assert.Contains(Text("Consultations.None"), Visible(await Channel.Say("can I organise the thematic consultations through the bot", Chioma)));
        // the dashboard is a tab: the answer says where
        Assert.Equal(Text("Question.Tools.Dashboard"), (await Channel.Say("is there a dashboard?", Chioma))["text"]!.GetValue<string>());
    }

    private static string Text(string key) => VpiBot.Resources.Text.Get(key, System.Globalization.CultureInfo.GetCultureInfo("en"));
}
