using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// A card for an Arabic reader, in the official Adaptive Cards renderer: laid out right to left (AdaptiveCard.rtl,
/// https://adaptivecards.io/explorer/AdaptiveCard.html), the same card for an English reader left to right.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ArabicCardInBrowserTests(TeamsCardHost host) : IAsyncLifetime
{
    private readonly FakeConnector _connector = new();
    private BotApp _app = null!;
    private TeamsChat _chat = null!;

    public async Task InitializeAsync()
    {
        await _connector.StartAsync();
        _connector.Roster.AddRange([Alice, Bob]);
        _app = new BotApp(new Dictionary<string, string?> { ["Vpi:Facilitators:0"] = Alice.AadObjectId });
        _chat = new TeamsChat(_app, new TeamsActivities(_connector.BaseUrl), _connector);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<System.Text.Json.Nodes.JsonObject> SetupCardIn(string locale)
    {
        var before = _connector.Calls.Count;
        var message = _chat.Teams.ChannelMessage("setup", Alice);
        message["locale"] = locale;
        await _chat.Bot.PostAsync(message);
        return _connector.Calls.Skip(before).Single(c => c.Method == "POST" && c.RawPath.Contains("/activities", StringComparison.Ordinal)).Card!;
    }

    /// <summary>The direction the browser lays the card's text out in.</summary>
    private static Task<string> DirectionAsync(TeamsCardView view) =>
        view.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#card-root .ac-textBlock')).direction");

    [Fact]
    public async Task The_setup_card_reads_right_to_left_for_an_Arabic_reader_only()
    {
        await using var arabic = await host.RenderAsync(await SetupCardIn("ar-SA"), Alice, _chat, step: "setup-ar");
        Assert.Equal("rtl", await DirectionAsync(arabic));
        Assert.Contains("العربية", await arabic.TextAsync());

        await using var english = await host.RenderAsync(await SetupCardIn("en-US"), Alice, _chat, "card-2", step: "setup-en");
        Assert.Equal("ltr", await DirectionAsync(english));
    }
}
