using System.Text.Json.Nodes;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// The setup flow as a facilitator lives it in Teams: the bot's real cards, rendered by the official Adaptive Cards
/// renderer in chromium, filled and clicked like a person would; every click reaches the real app as Teams sends it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SetupInBrowserTests(TeamsCardHost host) : IAsyncLifetime
{
    private readonly FakeConnector _connector = new();
    private BotApp _app = null!;
    private TeamsChat _chat = null!;

    public async Task InitializeAsync()
    {
        await _connector.StartAsync();
        _connector.Roster.AddRange([Alice, Bob, Chioma]);
        // Development, SQLite in a temp file (BotApp's defaults); Alice is the configured facilitator
        _app = new BotApp(new Dictionary<string, string?> { ["Vpi:Facilitators:0"] = Alice.AadObjectId });
        _chat = new TeamsChat(_app, new TeamsActivities(_connector.BaseUrl), _connector);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    /// <summary>Someone types a command in the channel; returns the card the bot posted.</summary>
    private async Task<JsonObject> CardFor(string command, User from)
    {
        var before = _connector.Calls.Count;
        await _chat.Bot.PostAsync(_chat.Teams.ChannelMessage(command, from));
        var posted = _connector.Calls.Skip(before).Single(c => c.Method == "POST" && c.RawPath.Contains("/activities", StringComparison.Ordinal));
        return posted.Card ?? throw new Xunit.Sdk.XunitException($"The bot answered \"{command}\" with text: {posted.Text}");
    }

    [Fact]
    public async Task Alice_fills_in_the_setup_card_and_sees_the_VPI_summary()
    {
        await using var card = await host.RenderAsync(await CardFor("setup", Alice), Alice, _chat, step: "setup");
        Assert.Contains("Set up a Voluntary Pilot Initiative", await card.TextAsync());
        Assert.Equal(["Create the VPI"], await card.ButtonTitlesAsync());

        await card.FillAsync("country", "GH");                        // filtered: types "Ghana"
        await card.FillAsync("instrument", "TraffickingInPersons");   // compact drop-down
        await card.FillAsync("cluster", "Prevention");
        await card.FillAsync("level", "Medium");                       // expanded: radio buttons
        Assert.Equal("GH", await card.ValueAsync("country"));
        var click = await card.ClickAsync("Create the VPI");

        Assert.False(click.Stopped);
        var sent = click.Sent!;
        Assert.Equal("invoke", sent["type"]!.GetValue<string>());
        Assert.Equal("adaptiveCard/action", sent["name"]!.GetValue<string>());
        Assert.Equal("manual", sent["value"]!["trigger"]!.GetValue<string>());
        Assert.Equal("vpi.setup", sent["value"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal(Alice.Id, sent["from"]!["id"]!.GetValue<string>());
        Assert.Equal("GH", sent["value"]!["action"]!["data"]!["country"]!.GetValue<string>());

        // the summary replaced the form in place, as Teams shows it
        var text = await card.TextAsync();
        Assert.Contains("VPI: Ghana", text);
        Assert.Contains("The VPI is set up", text);
        Assert.Contains("Trafficking in Persons Protocol", text);
        Assert.DoesNotContain("Create the VPI", await card.ButtonTitlesAsync());
        CardAssert.ValidAdaptiveCard(card.Card);

        // its "Members" button is a Universal Action (works in every client, the Playground too); the bot posts the roster
        var members = await card.ClickAsync("Members");
        Assert.Equal("invoke", members.Sent!["type"]!.GetValue<string>());
        Assert.Equal("vpi.command", members.Sent["value"]!["action"]!["verb"]!.GetValue<string>());
        var roster = Assert.Single(members.Posted).Card!;
        await using var rosterView = await host.RenderAsync(roster, Alice, _chat, "card-2", step: "roster");
        Assert.Contains("Alice Mensah", await rosterView.TextAsync());
    }

    [Fact]
    public async Task Create_with_a_required_field_empty_is_stopped_by_the_renderer_and_nothing_reaches_the_bot()
    {
        await using var card = await host.RenderAsync(await CardFor("setup", Alice), Alice, _chat, step: "setup");
        await card.FillAsync("country", "GH");
        await card.FillAsync("level", "Medium"); // the review cluster is left empty

        var before = _connector.Calls.Count;
        var click = await card.ClickAsync("Create the VPI");

        Assert.True(click.Stopped);
        Assert.Null(click.Sent);
        Assert.Contains("Choose the review cluster the VPI focuses on.", click.ValidationErrors); // what to do, not the label again
        Assert.Contains("Set up a Voluntary Pilot Initiative", await card.TextAsync()); // still the form
        Assert.Equal(before, _connector.Calls.Count);
        Assert.Null(await card.ValueAsync("cluster"));

        var nothing = await _chat.Bot.PostAsync(_chat.Teams.ChannelMessage("members", Alice));
        Assert.Contains("There is no VPI", _connector.Calls.Last().Text);
        nothing.Dispose();
    }
}
