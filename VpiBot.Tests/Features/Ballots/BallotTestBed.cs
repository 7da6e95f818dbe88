using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Ballots;

/// <summary>
/// A VPI ready to vote: Alice facilitates; Bob and Dave are the government's review team; Chioma (an NGO) and Femi
/// (a university) are the alliance. Recommendations are proposed as a member would (stored as proposed).
/// </summary>
public abstract class BallotTestBed : BotTest
{
    public static readonly User Femi = new("29:1femi-teams-id", "a1b2c3d4-0000-4000-8000-000000000006", "Femi Adeyemi");

    protected string VpiId = "";

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Dave, Femi];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    protected string ChannelPath => "/v3/conversations/" + Uri.EscapeDataString(ChannelConversationId) + "/activities";

    protected async Task SetUp()
    {
        VpiId = await Channel.SetUpVpi();
        await Channel.AddMember(VpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await Channel.AddMember(VpiId, Dave, "ReviewTeam", "Ministry of the Interior", "Government");
        await Channel.AddMember(VpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        await Channel.AddMember(VpiId, Femi, "Alliance", "University of Ghana", "Academia");
    }

    /// <summary>A recommendation proposed by <paramref name="by"/> (as stored once proposed).</summary>
    protected async Task<int> Propose(string title, User? by = null)
    {
        var store = App.Services.GetRequiredService<RecommendationStore>();
        var who = by ?? Chioma;
        var r = await store.CreateAsync(VpiId, n => RecommendationRules.Propose(n, new RecommendationText(title, "Text of " + title), [1], who.AadObjectId, who.Name, DateTimeOffset.UtcNow), default);
        return r.Number;
    }

    protected static JsonObject OpenInputs(string vpiId, string recommendations, string method = "Consent", DateTimeOffset? deadline = null,
        string quorum = "50", bool doubleMajority = true, bool anonymous = false, bool hide = false, bool facilitators = false)
    {
        var local = (deadline ?? DateTimeOffset.UtcNow.AddDays(3)).ToOffset(TimeSpan.Zero); // Ghana: Africa/Accra is UTC all year
        return new JsonObject
        {
            ["vpiId"] = vpiId, ["recommendations"] = recommendations, ["method"] = method,
            ["deadlineDate"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["deadlineTime"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["quorum"] = quorum, ["doubleMajority"] = doubleMajority ? "true" : "false", ["anonymous"] = anonymous ? "true" : "false",
            ["hideResults"] = hide ? "true" : "false", ["facilitatorsVote"] = facilitators ? "true" : "false",
        };
    }

    /// <summary>Alice opens a ballot; returns the card posted in the channel (by the outbox, after the turn).</summary>
    protected async Task<JsonObject> OpenBallot(JsonObject inputs)
    {
        var before = Connector.Calls.Count;
        var (card, message) = await Channel.Click("ballot.open", inputs, Alice);
        Assert.True(card is not null, message);
        Assert.Contains("is open", CardReading.Visible(card)); // the form gives way to what happened
        var posted = (await Channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null);
        return VpiChannel.Valid(posted.Card!);
    }

    /// <summary>What a person sees: their own view if the card lists them for refresh, else the card as posted.</summary>
    protected async Task<JsonObject> ViewAs(User viewer, JsonObject posted)
    {
        var userIds = posted["refresh"]?["userIds"]?.AsArray().Select(u => u!.GetValue<string>()).ToList() ?? [];
        if (!userIds.Contains(viewer.Id))
        {
            return posted;
        }
        var refresh = posted["refresh"]!["action"]!;
        var (card, message) = await Channel.Click(refresh["verb"]!.GetValue<string>(), refresh["data"]!.AsObject(), viewer);
        Assert.True(card is not null, message);
        return card;
    }

    /// <summary>A voter's Vote button with what they chose typed into its inputs.</summary>
    protected static JsonObject VoteData(JsonObject voterView, params (string Input, string Value)[] inputs)
    {
        var vote = voterView["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == "ballot.vote")!;
        var data = vote["data"]!.DeepClone().AsObject();
        foreach (var (input, value) in inputs)
        {
            data[input] = value;
        }
        return data;
    }

    /// <summary>The value an input of the card shows (a voter's own vote is marked on their view).</summary>
    protected static string? InputValue(JsonObject card, string id) =>
        card.ToJsonString().Contains($"\"id\":\"{id}\"", StringComparison.Ordinal)
            ? Find(card, id)?["value"]?.GetValue<string>()
            : null;

    private static JsonNode? Find(JsonNode? node, string id) => node switch
    {
        JsonObject o when o["id"]?.GetValue<string>() == id => o,
        JsonObject o => o.Select(p => Find(p.Value, id)).FirstOrDefault(x => x is not null),
        JsonArray a => a.Select(x => Find(x, id)).FirstOrDefault(x => x is not null),
        _ => null,
    };

    protected async Task<Ballot> StoredBallot(int number) => (await App.Services.GetRequiredService<BallotStore>().GetAsync(VpiId, number, default))!.Item;

    protected async Task<Recommendation> StoredRecommendation(int number) => (await App.Services.GetRequiredService<RecommendationStore>().GetAsync(VpiId, number, default))!.Item;
}
