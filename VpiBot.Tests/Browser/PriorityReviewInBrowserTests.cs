using System.Text.Json.Nodes;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// The priority loop in a real renderer: Chioma (alliance) fills the submission card and clicks Submit; the review card
/// is then seen by Bob (review team: Teams refreshes it for him, and he gets the decision buttons) and by Chioma (she
/// sees the status only); Bob approves from the card. Screenshots of each card go to TestResults/cards/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PriorityReviewInBrowserTests(TeamsCardHost host) : IAsyncLifetime
{
    private readonly FakeConnector _connector = new();
    private VpiChannel _channel = null!;
    private TeamsChat _chat = null!;

    public async Task InitializeAsync()
    {
        await _connector.StartAsync();
        _connector.Roster.AddRange([Alice, Bob, Chioma]);
        var app = new BotApp(new Dictionary<string, string?> { ["Vpi:Facilitators:0"] = Alice.AadObjectId });
        var teams = new TeamsActivities(_connector.BaseUrl);
        _channel = new VpiChannel(app, _connector, teams);
        _chat = new TeamsChat(app, teams, _connector);
        var vpiId = await _channel.SetUpVpi();
        await _channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await _channel.AddMember(vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
    }

    public async Task DisposeAsync()
    {
        await _channel.App.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Alice_s_alliance_submits_and_only_the_reviewer_gets_the_decision_buttons()
    {
        // Chioma fills in the submission card and clicks Submit
        await using (var form = await host.RenderAsync(await _channel.Say("submit priority", Chioma), Chioma, _chat, step: "submission"))
        {
            Assert.Equal("Ghana Anti-Trafficking Coalition", await form.ValueAsync("organisation")); // prefilled
            await form.FillAsync("title", "Protection and assistance for victims of trafficking");
            await form.FillAsync("description", "Shelters, legal aid and residence permits for identified victims.");
            await form.FillAsync("rationale", "Raised by three NGOs at the stakeholder scoping meeting.");
            var submit = await form.ClickAsync("Submit");
            Assert.False(submit.Stopped);
            Assert.Equal("priority.save", submit.Sent!["value"]!["action"]!["verb"]!.GetValue<string>());
            Assert.Equal("Chioma [Link](https://evil.example.com) *Eze*", submit.Sent["from"]!["name"]!.GetValue<string>());
            var detail = await form.TextAsync();
            Assert.Contains("Priority #1 is submitted", detail);
            Assert.Contains("Protection and assistance for victims of trafficking", detail);
        }

        // Alice sends it to the review team; the review card is posted in the channel
        var before = _connector.Calls.Count;
        await _channel.Send(_channel.Teams.ChannelMessage("send priorities", Alice));
        var reviewCard = (await _channel.Delivered()).Skip(before)
            .First(c => c.RawPath == "/v3/conversations/" + Uri.EscapeDataString(ChannelConversationId) + "/activities").Card!;

        await using var bobView = await host.RenderAsync(reviewCard, Bob, _chat, "review-1", step: "review-bob");
        await using var chiomaView = await host.RenderAsync(reviewCard, Chioma, _chat, "review-1", step: "review-chioma");

        Assert.True(bobView.WasRefreshed);
        Assert.Equal(["Approve", "Reject", "Request changes"], await bobView.ButtonTitlesAsync());
        Assert.False(chiomaView.WasRefreshed);
        Assert.Equal(["Show my options"], await chiomaView.ButtonTitlesAsync()); // the posted card: no decision for her
        Assert.Contains("Under review", await chiomaView.TextAsync());
        // her own name is shown as typed: the markdown in it is not a link
        Assert.Contains("Chioma [Link](https://evil.example.com) *Eze*", await chiomaView.TextAsync());

        // Bob approves with a comment, from the card
        await bobView.FillAsync("comment", "Consistent with the national action plan.");
        var approve = await bobView.ClickAsync("Approve");
        Assert.Equal("priority.decide", approve.Sent!["value"]!["action"]!["verb"]!.GetValue<string>());
        var after = await bobView.TextAsync();
        Assert.Contains("Your decision is recorded", after);
        Assert.Contains("Approved — Bob Owusu: Consistent with the national action plan.", after);
        Assert.Empty(await bobView.ButtonTitlesAsync());
    }
}
