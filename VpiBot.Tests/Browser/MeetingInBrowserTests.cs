using System.Globalization;
using VpiBot.Domain.Meetings;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// Meetings in a real renderer, in Ghana's VPI, against the fake Graph on 127.0.0.1 (the clock a fake one, Monday
/// 1 March 2027). Alice fills the "schedule meeting" form in the page, the proposal shows three times as the renderer
/// formats them for the viewer (no raw <c>{{DATE()}}</c> left), she books one from the page, and the meeting card posted
/// in the channel is shown to Bob with the replies Graph has. Screenshots go to TestResults/cards/ as <c>meeting-nn-….png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingInBrowserTests(TeamsCardHost host) : GhanaVpiInBrowser
{
    private const string Shots = "meeting";
    private readonly RunningFakeClock _clock = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeGraph _graph = new();

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Graph:Enabled"] = "true", ["Graph:BaseUrl"] = _graph.GraphBaseUrl, ["Graph:RetryDelaySeconds"] = "0", ["Meetings:CheckInterval"] = "01:00:00",
    };

    protected override void Services(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<Azure.Core.TokenCredential>(new FakeCredential());
    }

    protected override Task StartAsync() => _graph.StartAsync();

    protected override async Task StopAsync()
    {
        await _graph.DisposeAsync();
        await _clock.DisposeAsync();
    }

    [Fact]
    public async Task Schedule_from_the_form_see_three_times_book_one_from_the_page_and_see_the_replies()
    {
        _graph.UnknownAddresses.Add("ambassador@mfa.example.org"); // outside the organisation: Outlook shows no calendar
        var kinds = await Channel.Say("schedule meeting");
        await using (var choose = await host.RenderAsync(kinds, Alice, Chat, "kinds-1", step: "kinds", test: Shots))
        {
            Assert.Empty(choose.ParseWarnings);
            // each kind is a button named by what it shows: the kind and what it is for
            Assert.Equal(1, await choose.Page.Locator("#card-root [role=button]:not([aria-label])").Filter(new() { HasText = "VPI launch meeting" }).CountAsync());
        }
        var (form, message) = await Channel.Click("meeting.kind", new System.Text.Json.Nodes.JsonObject { ["vpiId"] = VpiId, ["kind"] = "VpiLaunch" }, Alice);
        Assert.True(form is not null, message);

        await using (var alice = await host.RenderAsync(form, Alice, Chat, "form-1", step: "form", test: Shots))
        {
            Assert.Empty(alice.ParseWarnings);
            Assert.Equal("120", await alice.ValueAsync("duration"));
            Assert.Equal("2027-03-02", await alice.ValueAsync("from"));
            await alice.FillAsync("title", "Ghana VPI launch meeting");
            await alice.FillAsync("externals", "ambassador@mfa.example.org");
            await alice.FillAsync("duration", "90");
            var found = await alice.ClickAsync("Find times", step: "proposal");
            Assert.NotNull(found.NewCard);
            var text = await alice.TextAsync();
            Assert.Contains("M1 · Ghana VPI launch meeting", text);
            Assert.Contains("Option 1", text);
            Assert.Contains("Option 3", text);
            Assert.DoesNotContain("{{", text); // the renderer formatted every time for the viewer
            Assert.Contains("Calendar not visible (1): ambassador@mfa.example.org", text);
            Assert.Equal(["Book Option 1", "Book Option 2", "Book Option 3", "Look two weeks further", "Discard"], await alice.ButtonTitlesAsync());

            var booked = await alice.ClickAsync("Book Option 2", step: "booked");
            Assert.NotNull(booked.NewCard);
            Assert.Contains("Booked. Outlook has sent the invitations", await alice.TextAsync());
            Assert.Contains("Join the meeting", await alice.ButtonTitlesAsync());
        }
        var created = Assert.Single(_graph.Events);
        Assert.Empty(_graph.Violations);
        var meeting = (await Channel.App.Services.GetRequiredService<MeetingStore>().GetAsync(VpiId, 1, default))!.Item;
        Assert.Equal((MeetingStatus.Booked, 90), (meeting.Status, meeting.Plan.Minutes));
        Assert.Equal(meeting.Start!.Value.UtcDateTime, DateTime.Parse(created["start"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        // Bob sees the card posted in the channel, and the replies once Graph has them
        _graph.SetResponse(meeting.EventId!, FakeConnector.Upn(Bob), "accepted");
        _graph.SetResponse(meeting.EventId!, FakeConnector.Upn(Chioma), "tentativelyAccepted");
        var posted = (await Channel.Delivered()).First(c => c.RawPath == ChannelPath && c.Card is not null).Card!;
        await using var bob = await host.RenderAsync(posted, Bob, Chat, "meeting-1", step: "posted", test: Shots);
        Assert.Empty(bob.ParseWarnings);
        Assert.False(bob.WasRefreshed); // only facilitators get their own view
        Assert.Equal(["Join the meeting", "Show the latest replies"], await bob.ButtonTitlesAsync());
        var replies = await bob.ClickAsync("Show the latest replies", step: "replies");
        Assert.NotNull(replies.NewCard);
        var after = await bob.TextAsync();
        Assert.Contains("Accepted (1): Bob Owusu", after);
        Assert.Contains("Tentative (1): Chioma [Link](https://evil.example.com) *Eze*", after); // as typed, no link
        Assert.Equal(0, await bob.Page.Locator("#card-root a").CountAsync());
        Assert.DoesNotContain("{{", after);
    }
}
