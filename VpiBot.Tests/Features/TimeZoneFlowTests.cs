using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Features.Vpis.Cards;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>
/// A VPI's time zone: prefilled from the country at setup and shown on its summary; facilitators change it to another
/// zone of the country or UTC (nothing else); a VPI set up before it was asked confirms it once, then carries on.
/// </summary>
public sealed class TimeZoneFlowTests : BotTest
{
    // a summer day: the summary shows the offset in force now, daylight saving time included
    private static readonly DateTimeOffset Now = new(2027, 7, 1, 12, 0, 0, TimeSpan.Zero);

    protected override IEnumerable<User> TeamMembers => [Alice, Bob];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId },
        services: s => s.AddSingleton<TimeProvider>(new PinnedClock(Now)));

    private VpiStore Store => App.Services.GetRequiredService<VpiStore>();

    private async Task<string?> StoredZone(string vpiId) => (await Store.GetAsync(vpiId, default))!.Vpi.TimeZone;

    private static JsonObject Action(JsonObject? card, string title) =>
        card!["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == title)!.AsObject();

    private static JsonObject ZoneInput(JsonObject card) =>
        card["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "timeZone")!.AsObject();

    [Fact]
    public async Task Setup_in_Ghana_gives_Accras_zone_shown_on_the_summary_with_a_change_button_for_facilitators_only()
    {
        await Channel.Say("setup");
        var (summary, _) = await Channel.Click("vpi.setup", VpiChannel.SetupInputs("GH", "Untoc", "Prevention", "Medium"));
        Assert.Contains("Africa/Accra (UTC+00:00)", CardReading.Visible(summary));
        var change = Action(summary, "Change time zone");
        Assert.Equal("vpi.command", change["verb"]!.GetValue<string>());
        Assert.Equal("time zone", change["data"]!["command"]!.GetValue<string>());

        var vpiId = (await Channel.Say("add member"))["actions"]![0]!["data"]!["vpiId"]!.GetValue<string>();
        Assert.Equal("Africa/Accra", await StoredZone(vpiId));
        await Channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        var bobSees = await Channel.Say("setup", Bob);
        Assert.Contains("Africa/Accra (UTC+00:00)", CardReading.Visible(bobSees));
        Assert.DoesNotContain("Change time zone", CardReading.ButtonTitles(bobSees));
        Assert.Contains("Change time zone", CardReading.ButtonTitles(await Channel.Say("setup")));
    }

    [Theory]
    [InlineData("AT", "Europe/Vienna (UTC+02:00)")]
    [InlineData("US", "America/New_York (UTC-04:00)")]
    [InlineData("IN", "Asia/Kolkata (UTC+05:30)")]
    public async Task A_new_VPI_gets_its_capitals_zone_with_the_offset_in_force_now(string country, string shown)
    {
        await Channel.Say("setup");
        var (summary, _) = await Channel.Click("vpi.setup", VpiChannel.SetupInputs(country, "Untoc", "Prevention", "Medium"));
        Assert.Contains(shown, CardReading.Visible(summary));
    }

    [Fact]
    public async Task A_facilitator_changes_the_zone_to_another_the_card_offers()
    {
        var vpiId = await Channel.SetUpVpi();
        var card = await Channel.Say("time zone");
        var input = ZoneInput(card);
        Assert.Equal("Africa/Accra", input["value"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(input["label"]?.GetValue<string>()));
        Assert.Equal(["Africa/Accra", "UTC"], input["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal("vpi.timezone", card["actions"]![0]!["verb"]!.GetValue<string>());

        var (summary, _) = await Channel.Click("vpi.timezone", new JsonObject { ["vpiId"] = vpiId, ["timeZone"] = "UTC" });
        Assert.Contains("The VPI's time zone is now UTC (UTC+00:00).", CardReading.Visible(summary));
        Assert.Equal("UTC", await StoredZone(vpiId));
        Assert.Equal("UTC", ZoneInput(await Channel.Say("time zone"))["value"]!.GetValue<string>()); // prefilled with the saved zone

        // the review team may not
        await Channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        Assert.Contains("Only the VPI's facilitators", (await Channel.Say("time zone", Bob))["text"]!.GetValue<string>());
        var (none, refused) = await Channel.Click("vpi.timezone", new JsonObject { ["vpiId"] = vpiId, ["timeZone"] = "Africa/Accra" }, Bob);
        Assert.Null(none);
        Assert.Contains("Only the VPI's facilitators", refused);
        Assert.Equal("UTC", await StoredZone(vpiId));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Moscow")] // a real zone, but not Ghana's
    [InlineData("africa/accra")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_zone_the_card_did_not_offer_is_refused_politely_and_changes_nothing(string? zone)
    {
        var vpiId = await Channel.SetUpVpi();
        var before = await Store.GetAsync(vpiId, default);
        var data = new JsonObject { ["vpiId"] = vpiId };
        if (zone is not null)
        {
            data["timeZone"] = zone;
        }
        var (card, _) = await Channel.Click("vpi.timezone", data);
        Assert.Contains("not a time zone this VPI can use", CardReading.Visible(card));
        Assert.Equal("Africa/Accra", ZoneInput(card!)["value"]!.GetValue<string>());
        Assert.Equal(before!.ETag, (await Store.GetAsync(vpiId, default))!.ETag);
    }

    [Fact]
    public async Task A_VPI_without_a_zone_confirms_it_once_and_then_carries_on_with_the_command_it_was_asked_for()
    {
        var vpiId = await Channel.SetUpVpi();
        var read = await Store.GetAsync(vpiId, default);
        var old = await Store.UpdateAsync(read!, read!.Vpi with { TimeZone = null }, default); // as set up before zones were asked
        Assert.Contains("Not confirmed yet", CardReading.Visible(await Channel.Say("setup")));

        // what another feature shows instead of "stage" while the zone is missing
        var ask = VpiChannel.Valid(TimeZoneCard.AskFirst(old.Vpi, CultureInfo.InvariantCulture, "stage"));
        Assert.Contains("Before “stage”, confirm this VPI's time zone", CardReading.Visible(ask));
        Assert.Equal("Africa/Accra", ZoneInput(ask)["value"]!.GetValue<string>()); // the country's, prefilled
        var save = ask["actions"]![0]!["data"]!.AsObject();
        Assert.Equal("stage", save["then"]!.GetValue<string>());

        save["timeZone"] = "Africa/Accra";
        var (summary, _) = await Channel.Click("vpi.timezone", save);
        Assert.Equal("Africa/Accra", await StoredZone(vpiId));
        var next = Action(summary, "Continue: stage");
        Assert.Equal("vpi.command", next["verb"]!.GetValue<string>());
        Assert.Same(next, summary!["actions"]![0]); // first, the way on
        var (_, posted) = await Channel.Click("vpi.command", next["data"]!.AsObject());
        Assert.Equal("Here it is, just below.", posted);

        // a "then" that is not a command as typed gives no button (cards are untrusted input)
        foreach (var then in new[] { "delete everything", "stage now", "STAGE" })
        {
            var (plain, _) = await Channel.Click("vpi.timezone", new JsonObject { ["vpiId"] = vpiId, ["timeZone"] = "UTC", ["then"] = then });
            Assert.DoesNotContain(CardReading.ButtonTitles(plain), t => t.StartsWith("Continue", StringComparison.Ordinal));
        }
    }
}
