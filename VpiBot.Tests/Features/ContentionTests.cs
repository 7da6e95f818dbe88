using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>
/// A launch meeting's load, on each store: two hundred reviewers deciding at the same moment, fifty of them clicking
/// four times, two hundred priorities submitted at once. Every decision is recorded once, every priority gets its own
/// number, nobody is told "out of date" when their card was not, and nothing answers 500.
/// </summary>
public abstract class ContentionTests : BotTest
{
    protected abstract Dictionary<string, string?> Storage { get; }
    protected override IEnumerable<User> TeamMembers => [Alice, Chioma];
    protected override BotApp CreateApp() => new(new Dictionary<string, string?>(Storage) { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    private static User Reviewer(int i) => new($"29:reviewer-{i:D3}", $"b0000000-0000-4000-8000-{i:D12}", $"Reviewer {i}");

    /// <summary>A VPI with Chioma (alliance) and <paramref name="reviewers"/> reviewers, one priority sent for review.</summary>
    private async Task<(string VpiId, JsonObject Decide)> UnderReviewAsync(int reviewers, string policy)
    {
        var vpiId = await Channel.SetUpVpi(policy);
        await Channel.AddMember(vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        var store = App.Services.GetRequiredService<VpiStore>();
        for (var i = 0; i < reviewers; i++)
        {
            var r = Reviewer(i);
            await store.AddNewMemberAsync(vpiId, new Member(r.AadObjectId, r.Id, r.Name, null, VpiRole.ReviewTeam, "Ministry", OrganisationType.Government, "", default), default);
        }
        var (saved, _) = await Channel.Click("priority.save", new JsonObject
        {
            ["vpiId"] = vpiId, ["mode"] = "Submit", ["title"] = "Shelters", ["description"] = "Shelters for victims.", ["instrument"] = "Untoc",
            ["cluster"] = "Prevention", ["rationale"] = "Raised at scoping.", ["organisation"] = "GATC",
        }, Chioma);
        Assert.NotNull(saved);
        Assert.Contains("Priorities sent for review: 1.", (await Channel.Say("send priorities"))["text"]!.GetValue<string>());
        return (vpiId, new JsonObject { ["vpiId"] = vpiId, ["number"] = 1, ["revision"] = 1, ["decision"] = "Approve" });
    }

    private async Task<string> DecideAsync(JsonObject decide, User reviewer)
    {
        var (_, answer) = await Channel.Send(Teams.CardExecute("priority.decide", decide, "card-1", reviewer, inChannel: true));
        Assert.Equal(200, answer!["statusCode"]!.GetValue<int>());
        return CardReading.Visible(answer["value"]);
    }

    [Fact]
    public async Task Two_hundred_reviewers_deciding_at_once_are_all_recorded()
    {
        var (vpiId, decide) = await UnderReviewAsync(200, "AllReviewers");
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => DecideAsync(decide, Reviewer(i)))));
        Assert.All(answers, a => Assert.Contains("Your decision is recorded", a));
        Assert.All(answers, a => Assert.DoesNotContain("out of date", a));
        var priority = (await App.Services.GetRequiredService<PriorityStore>().GetAsync(vpiId, 1, default))!.Priority;
        Assert.Equal(PriorityStatus.Approved, priority.Status); // the last approval concluded the round, once
        Assert.Equal(200, priority.Decisions.Count);
        Assert.Single(priority.History, t => t.To == PriorityStatus.Approved);
    }

    [Fact]
    public async Task Fifty_reviewers_clicking_four_times_each_are_recorded_once_each()
    {
        var (vpiId, decide) = await UnderReviewAsync(50, "AllReviewers");
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => DecideAsync(decide, Reviewer(i % 50)))));
        Assert.Equal(50, answers.Count(a => a.Contains("Your decision is recorded", StringComparison.Ordinal)));
        var priority = (await App.Services.GetRequiredService<PriorityStore>().GetAsync(vpiId, 1, default))!.Priority;
        Assert.Equal(50, priority.Decisions.Select(d => d.ReviewerAadObjectId).Distinct().Count());
        Assert.Equal(PriorityStatus.Approved, priority.Status);
    }

    [Fact]
    public async Task Two_hundred_priorities_submitted_at_once_get_two_hundred_numbers()
    {
        var vpiId = await Channel.SetUpVpi();
        await Channel.AddMember(vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        var cards = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var (card, message) = await Channel.Click("priority.save", new JsonObject
            {
                ["vpiId"] = vpiId, ["mode"] = "Draft", ["title"] = $"Priority {i}", ["description"] = "d", ["instrument"] = "Untoc",
                ["cluster"] = "Prevention", ["rationale"] = "r", ["organisation"] = "GATC",
            }, Chioma);
            Assert.True(card is not null, message);
            return card;
        })));
        var numbers = (await App.Services.GetRequiredService<PriorityStore>().ListAsync(vpiId, default)).Select(p => p.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 200), numbers);
    }
}

public sealed class ContentionOnSqliteTests : ContentionTests
{
    protected override Dictionary<string, string?> Storage { get; } = StorageSettings.Sqlite();
}

[Collection(VpiBot.Tests.Storage.AzuriteCollection.Name)]
public sealed class ContentionOnAzuriteTests(VpiBot.Tests.Storage.AzuriteFixture azurite) : ContentionTests
{
    protected override Dictionary<string, string?> Storage { get; } = StorageSettings.Azurite(azurite);
}
