using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain.Meetings;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// Ghana's VPI as the dashboard tests show it, made only through the bot's own commands and card actions (as people do in
/// the channel): Alice (a configured facilitator) sets it up and adds Bob and Dave (the government's review team), Chioma
/// (an NGO) and Femi (a university) to the alliance, marks the first two activities done and ticks two components of
/// the menu of options. Six priorities: five submitted and sent for review (two approved, one
/// rejected, two still under review) and Chioma's draft. Three recommendations proposed from the approved priorities; a
/// named consent ballot on two of them, voted by all four and closed; an anonymous ballot on the third, open, Chioma
/// having voted. Eight roadmap tasks, three of them overdue, one updated by its owner. A government scoping meeting booked
/// against the fake Graph (Alice, Bob, Chioma).
/// </summary>
public static class DashboardVpi
{
    public static readonly User Femi = new("29:1femi-teams-id", "a1b2c3d4-0000-4000-8000-000000000006", "Femi Adeyemi");

    public static IReadOnlyList<User> Team => [Alice, Bob, Chioma, Dave, Femi];

    private static string ChannelPath => "/v3/conversations/" + Uri.EscapeDataString(ChannelConversationId) + "/activities";

    private static string Day(int fromToday) => DateTime.UtcNow.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // Accra is UTC

    /// <summary>Builds the VPI through <paramref name="channel"/>; returns its id.</summary>
    public static async Task<string> BuildAsync(VpiChannel channel)
    {
        var vpiId = await channel.SetUpVpi();
        await channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await channel.AddMember(vpiId, Dave, "ReviewTeam", "Ministry of the Interior", "Government");
        await channel.AddMember(vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        await channel.AddMember(vpiId, Femi, "Alliance", "University of Ghana", "Academia");

        // the first two activities done, two components of the menu of options ticked
        foreach (var (stage, day) in new[] { ("IdentifyStakeholders", -20), ("GovernmentScoping", -10) })
        {
            var (done, notDone) = await channel.Click("vpi.stage.complete", new JsonObject { ["vpiId"] = vpiId, ["stage"] = stage, ["date"] = Day(day) }, Alice);
            Assert.True(done is not null, notDone);
        }
        var (ticked, notTicked) = await channel.Click("vpi.menu.save", new JsonObject { ["vpiId"] = vpiId, ["components"] = "GovernmentStakeholderMeeting,NationalPriorities" }, Alice);
        Assert.True(ticked is not null, notTicked);

        // priorities: 1-5 submitted, 6 Chioma's draft; Alice sends the submitted ones for review
        async Task Priority(User by, string title, string organisation, string mode = "submit")
        {
            var (card, message) = await channel.Click("priority.save", new JsonObject
            {
                ["vpiId"] = vpiId, ["mode"] = mode, ["title"] = title, ["description"] = "Description of " + title.ToLowerInvariant() + ".",
                ["instrument"] = "TraffickingInPersons", ["cluster"] = "Prevention", ["rationale"] = "Raised at the scoping meeting.",
                ["organisation"] = organisation,
            }, by);
            Assert.True(card is not null, message);
        }
        await Priority(Chioma, "Specialised shelters for victims", "Ghana Anti-Trafficking Coalition");
        await Priority(Femi, "Data on trafficking cases", "University of Ghana");
        await Priority(Chioma, "Joint border patrols with Togo", "Ghana Anti-Trafficking Coalition");
        await Priority(Femi, "Training for labour inspectors", "University of Ghana");
        await Priority(Chioma, "Hotline in local languages", "Ghana Anti-Trafficking Coalition");
        await Priority(Chioma, "School outreach", "Ghana Anti-Trafficking Coalition", mode: "draft");
        await channel.Say("send priorities", Alice);
        await channel.Delivered();
        async Task Decide(User reviewer, int number, string decision, string? comment = null)
        {
            var (card, message) = await channel.Click("priority.decide", new JsonObject
            {
                ["vpiId"] = vpiId, ["number"] = number, ["revision"] = 1, ["decision"] = decision, ["comment"] = comment,
            }, reviewer);
            Assert.True(card is not null, message);
        }
        await Decide(Bob, 1, "Approve", "Fits the national plan.");
        await Decide(Dave, 2, "Approve");
        await Decide(Bob, 3, "Reject", "Not a priority for this cycle.");
        await channel.Delivered();

        // recommendations from the approved priorities
        async Task Recommend(User by, string title, string priorities)
        {
            var (card, message) = await channel.Click("recommendation.save", new JsonObject
            {
                ["vpiId"] = vpiId, ["title"] = title, ["text"] = title + " as the review recommends.", ["priorities"] = priorities,
            }, by);
            Assert.True(card is not null, message);
        }
        await Recommend(Chioma, "Fund shelters in every region", "1");
        await Recommend(Femi, "Publish yearly case statistics", "2");
        await Recommend(Chioma, "Legal aid desks in courts", "1");

        // ballot 1: named consent ballot on 1 and 2, everyone votes, Alice closes it; ballot 2: anonymous on 3, left open
        var named = await OpenBallot(channel, vpiId, "1,2", anonymous: false);
        await Vote(channel, named, Bob, ("choice1", "Agree"), ("choice2", "Disagree"), ("reason2", "Too costly this year."));
        await Vote(channel, named, Dave, ("choice1", "Agree"), ("choice2", "Disagree"), ("reason2", "The statistics office does this."));
        await Vote(channel, named, Chioma, ("choice1", "Agree"), ("choice2", "Agree"));
        await Vote(channel, named, Femi, ("choice1", "Agree"), ("choice2", "Agree"));
        await channel.Say("close vote 1", Alice);
        await channel.Delivered(); // the closed ballot's card has left before the next ballot's is looked for
        var anonymous = await OpenBallot(channel, vpiId, "3", anonymous: true);
        await Vote(channel, anonymous, Chioma, ("choice1", "Agree"));
        await channel.Delivered();

        // eight tasks, three overdue; Chioma reports progress on the first
        JsonObject? first = null;
        async Task Task(string title, string lead, int start, int due, params User[] owners)
        {
            await channel.Delivered();
            var before = channel.Connector.Calls.Count;
            var (card, message) = await channel.Click("task.add", new JsonObject
            {
                ["vpiId"] = vpiId, ["title"] = title, ["description"] = "Description of " + title.ToLowerInvariant() + ".", ["recommendation"] = "0",
                ["owners"] = string.Join(",", owners.Select(o => o.AadObjectId)), ["lead"] = lead, ["start"] = Day(start), ["due"] = Day(due),
            }, Alice);
            Assert.True(card is not null, message);
            first ??= (await channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null).Card!;
        }
        await Task("Draft the shelter standards", "Joint", -10, 20, Chioma, Bob);
        await Task("Map the shelters that exist today", "Alliance", -30, -3, Femi);
        await Task("Collect court statistics", "Government", -20, -1, Dave);
        await Task("Train labour inspectors", "Government", 0, 45, Bob);
        await Task("Publish the hotline numbers", "Alliance", -15, -5, Chioma);
        await Task("Brief the parliamentary committee", "Joint", 5, 60, Alice);
        await Task("Translate the leaflets", "Alliance", 0, 30, Femi, Chioma);
        await Task("Agree a data-sharing protocol", "Government", -5, 15, Dave, Bob);
        var chiomaView = await ViewAs(channel, Chioma, first!);
        var update = chiomaView["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == "task.update")!["data"]!.DeepClone().AsObject();
        update["status"] = "InProgress";
        update["progress"] = "40";
        update["comment"] = "Met the ministry.";
        var (updated, refused) = await channel.Click("task.update", update, Chioma);
        Assert.True(updated is not null, refused);
        await channel.Delivered();

        // a government scoping meeting inviting Bob and Chioma, booked in Alice's calendar (the fake Graph)
        var kinds = await channel.Say("schedule meeting", Alice);
        var form = await Click(channel, "meeting.kind", ButtonData(kinds, "meeting.kind",
            ExecuteButtons(kinds).ToList().FindIndex(b => b["data"]!["kind"]!.GetValue<string>() == nameof(MeetingKind.GovernmentScoping))));
        var find = ButtonData(form, "meeting.find");
        foreach (var (key, value) in Inputs(form))
        {
            find[key] = value!.DeepClone();
        }
        find["required"] = $"{Alice.AadObjectId},{Bob.AadObjectId},{Chioma.AadObjectId}";
        var proposal = await Click(channel, "meeting.find", find);
        Assert.Contains("Booked.", Visible(await Click(channel, "meeting.book", ButtonData(proposal, "meeting.book"))));
        await channel.Delivered();
        return vpiId;
    }

    private static async Task<JsonObject> OpenBallot(VpiChannel channel, string vpiId, string recommendations, bool anonymous)
    {
        var local = DateTimeOffset.UtcNow.AddDays(3);
        await channel.Delivered();
        var before = channel.Connector.Calls.Count;
        var (card, message) = await channel.Click("ballot.open", new JsonObject
        {
            ["vpiId"] = vpiId, ["recommendations"] = recommendations, ["method"] = "Consent",
            ["deadlineDate"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["deadlineTime"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["quorum"] = "50", ["doubleMajority"] = "true", ["anonymous"] = anonymous ? "true" : "false",
            ["hideResults"] = "false", ["facilitatorsVote"] = "false",
        }, Alice);
        Assert.True(card is not null, message);
        var posted = (await channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null);
        return VpiChannel.Valid(posted.Card!);
    }

    private static async Task Vote(VpiChannel channel, JsonObject posted, User voter, params (string Input, string Value)[] choices)
    {
        var view = await ViewAs(channel, voter, posted);
        var data = view["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == "ballot.vote")!["data"]!.DeepClone().AsObject();
        foreach (var (input, value) in choices)
        {
            data[input] = value;
        }
        var (card, message) = await channel.Click("ballot.vote", data, voter);
        Assert.True(card is not null, message);
    }

    /// <summary>What a person sees: their own view if the card lists them for refresh, else the card as posted.</summary>
    private static async Task<JsonObject> ViewAs(VpiChannel channel, User viewer, JsonObject posted)
    {
        var userIds = posted["refresh"]?["userIds"]?.AsArray().Select(u => u!.GetValue<string>()).ToList() ?? [];
        if (!userIds.Contains(viewer.Id))
        {
            return posted;
        }
        var refresh = posted["refresh"]!["action"]!;
        var (card, message) = await channel.Click(refresh["verb"]!.GetValue<string>(), refresh["data"]!.AsObject(), viewer);
        Assert.True(card is not null, message);
        return card;
    }

    private static async Task<JsonObject> Click(VpiChannel channel, string verb, JsonObject data)
    {
        var (card, message) = await channel.Click(verb, data, Alice);
        Assert.True(card is not null, message);
        return card;
    }
}
