using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>
/// Each test here fails on one bug a mutation audit injected and the suite let pass: a role changed mid-round, a
/// withdrawal reported but not saved, racing setups, the comment limit, the author told too early, a list that reads
/// one page, an update that ignores the ETag, the refresh cap of Teams, the facilitator list.
/// </summary>
public sealed class GuardTests : BotTest
{
    private string _vpiId = "";

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Dave];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    private VpiStore Vpis => App.Services.GetRequiredService<VpiStore>();
    private PriorityStore Priorities => App.Services.GetRequiredService<PriorityStore>();

    private async Task SetUp(string policy = "AllReviewers")
    {
        _vpiId = await Channel.SetUpVpi(policy);
        await Channel.AddMember(_vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await Channel.AddMember(_vpiId, Dave, "ReviewTeam", "Ministry of the Interior", "Government");
        await Channel.AddMember(_vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
    }

    private JsonObject Form(string mode = "Submit") => new()
    {
        ["vpiId"] = _vpiId, ["mode"] = mode, ["title"] = "Victim shelters", ["description"] = "Shelters and legal aid.", ["instrument"] = "Untoc",
        ["cluster"] = "Prevention", ["rationale"] = "Raised at scoping.", ["organisation"] = "GATC",
    };

    private async Task SubmitAndSend()
    {
        var (saved, message) = await Channel.Click("priority.save", Form(), Chioma);
        Assert.True(saved is not null, message);
        await Channel.Say("send priorities");
        await Channel.Delivered();
    }

    private JsonObject Decide(string decision, string? comment = null) => new()
    {
        ["vpiId"] = _vpiId, ["number"] = 1, ["revision"] = 1, ["decision"] = decision, ["comment"] = comment,
    };

    [Fact]
    public async Task A_reviewer_whose_role_changed_mid_round_can_no_longer_decide()
    {
        await SetUp();
        await SubmitAndSend();
        await Channel.AddMember(_vpiId, Bob, "Alliance", "Ghana NGO", "Ngo"); // Bob leaves the review team
        var (card, message) = await Channel.Click("priority.decide", Decide("Approve"), Bob);
        Assert.Null(card);
        Assert.Contains("government review team", message);
        Assert.Empty((await Priorities.GetAsync(_vpiId, 1, default))!.Priority.Decisions);
    }

    [Fact]
    public async Task A_withdrawal_is_saved_not_just_reported()
    {
        await SetUp();
        var (draft, _) = await Channel.Click("priority.save", Form("Draft"), Chioma);
        Assert.NotNull(draft);
        var (withdrawn, _) = await Channel.Click("priority.withdraw", new JsonObject { ["vpiId"] = _vpiId, ["number"] = 1, ["revision"] = 1 }, Chioma);
        Assert.Contains("withdrawn", Visible(withdrawn));
        Assert.Equal(PriorityStatus.Withdrawn, (await Priorities.GetAsync(_vpiId, 1, default))!.Priority.Status);
        Assert.Contains("Withdrawn", Visible(await Channel.Say("priority 1")));
    }

    [Fact]
    public async Task Two_facilitators_setting_up_the_same_channel_at_once_make_one_VPI()
    {
        await Channel.Say("setup");
        var inputs = VpiChannel.SetupInputs("GH", "Untoc", "Prevention", "Medium");
        var clicks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Channel.Click("vpi.setup", inputs))));
        var ids = clicks.Select(c => Visible(c.Card)).ToList();
        Assert.All(ids, shown => Assert.Contains("Ghana", shown));
        Assert.Single(ids, shown => shown.Contains("set up", StringComparison.OrdinalIgnoreCase) && !shown.Contains("already", StringComparison.OrdinalIgnoreCase));
        var binding = await Vpis.FindByConversationAsync(ChannelConversationId, default);
        Assert.Single(await Vpis.GetMembersAsync(binding!.Vpi.Id, default)); // one VPI, with its one facilitator
    }

    [Fact]
    public async Task A_comment_of_the_longest_length_is_taken_and_one_more_character_is_refused()
    {
        await SetUp();
        await SubmitAndSend();
        var (_, tooLong) = await Channel.Click("priority.decide", Decide("Approve", new string('c', 1001)), Bob);
        Assert.Contains("1000", tooLong);
        Assert.Empty((await Priorities.GetAsync(_vpiId, 1, default))!.Priority.Decisions);
        var (recorded, _) = await Channel.Click("priority.decide", Decide("Approve", new string('c', 1000)), Bob);
        Assert.Contains("recorded", Visible(recorded));
    }

    [Fact]
    public async Task The_author_is_told_once_when_the_round_ends_not_after_every_decision()
    {
        await SetUp("AllReviewers");
        await SubmitAndSend();
        var before = Connector.Calls.Count;
        await Channel.Click("priority.decide", Decide("Approve"), Bob);
        var afterFirst = (await Channel.Delivered()).Skip(before).ToList();
        Assert.DoesNotContain(afterFirst, c => c.Method == "POST" && c.RawPath == "/v3/conversations" && c.Body.Contains(Chioma.Id, StringComparison.Ordinal));
        await Channel.Click("priority.decide", Decide("Approve"), Dave);
        var afterLast = (await Channel.Delivered()).Skip(before).ToList();
        var toChioma = afterLast.Where(c => c.Method == "POST" && c.RawPath == "/v3/conversations" && c.Body.Contains(Chioma.Id, StringComparison.Ordinal)).ToList();
        Assert.Single(toChioma);
        var outcome = afterLast.Where(c => c.Method == "POST" && c.RawPath.StartsWith("/v3/conversations/a%3Acreated-", StringComparison.Ordinal)
            && Visible(c.Card).Contains("Approved", StringComparison.Ordinal) && Visible(c.Card).Contains("Victim shelters", StringComparison.Ordinal)).ToList();
        Assert.Single(outcome);
    }

    [Fact]
    public async Task In_a_round_of_more_than_sixty_a_decision_updates_the_channel_card_and_the_end_updates_every_copy()
    {
        await SetUp("AllReviewers");
        for (var i = 0; i < 60; i++) // with Bob and Dave: 62 reviewers
        {
            await Vpis.AddNewMemberAsync(_vpiId, new Member($"c0000000-0000-4000-8000-{i:D12}", $"29:extra-{i}", $"Reviewer {i}", null,
                VpiRole.ReviewTeam, "Ministry", OrganisationType.Government, "", default), default);
        }
        await Vpis.ChangeRosterAsync((await Vpis.GetAsync(_vpiId, default))!, null, null, default); // nothing but a new version
        await SubmitAndSend();
        var p = (await Priorities.GetAsync(_vpiId, 1, default))!.Priority;
        Assert.Equal(62, p.Electorate.Count);
        int PutsSince(int before, ConnectorCall[] calls) => calls.Skip(before).Where(c => c.Method == "PUT").Select(c => c.RawPath).Distinct().Count();
        // Bob approves: the round goes on; only the channel's copy shows it (not 62 reviewers' copies for each decision)
        var before = Connector.Calls.Count;
        await Channel.Click("priority.decide", Decide("Approve"), Bob);
        var afterBob = await Channel.Delivered();
        Assert.Equal(1, PutsSince(before, afterBob));
        // and that copy shows Bob's decision (the row of the priority did not change: the decision is a row of its own)
        Assert.Contains("Bob Owusu", Visible(afterBob.Skip(before).Single(c => c.Method == "PUT").Card));
        // Dave rejects: the round ends, and every copy shows the outcome (62 reviewers' and the channel's)
        before = Connector.Calls.Count;
        await Channel.Click("priority.decide", Decide("Reject", "Not a priority for this cycle."), Dave);
        Assert.Equal(63, PutsSince(before, await Channel.Delivered()));
    }

    [Fact]
    public async Task The_list_reads_every_page_of_the_store()
    {
        await SetUp();
        var now = DateTimeOffset.UtcNow;
        var text = new PriorityText("t", "d", Instrument.Untoc, ReviewCluster.Prevention, "", "o");
        for (var i = 0; i < TableLimits.MaxPageSize + 5; i++)
        {
            await Priorities.CreateAsync(_vpiId, n => PriorityReview.Create(n, text, false, Chioma.AadObjectId, Chioma.Name, now), default);
        }
        var all = await Priorities.ListAsync(_vpiId, default);
        Assert.Equal(TableLimits.MaxPageSize + 5, all.Count);
        Assert.Equal(TableLimits.MaxPageSize + 5, all[0].Number); // newest first
        Assert.Contains($"({TableLimits.MaxPageSize + 5} in all)", Visible(await Channel.Say("priorities")));
    }

    [Fact]
    public async Task A_VPI_update_made_on_an_old_read_is_refused()
    {
        await SetUp();
        var read = (await Vpis.GetAsync(_vpiId, default))!;
        await Vpis.UpdateAsync(read, read.Vpi with { CompletedComponents = new HashSet<string> { "NationalPriorities" } }, default);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Vpis.UpdateAsync(read, read.Vpi with { CompletedComponents = new HashSet<string>() }, default));
        Assert.Contains("NationalPriorities", (await Vpis.GetAsync(_vpiId, default))!.Vpi.CompletedComponents);
    }

    [Fact]
    public async Task Refresh_lists_at_most_sixty_people_as_Teams_allows_and_none_beyond()
    {
        await SetUp();
        foreach (var count in new[] { 60, 61 })
        {
            var p = PriorityReview.SendForReview(PriorityReview.Create(1, new PriorityText("t", "d", Instrument.Untoc, ReviewCluster.Prevention, "", "o"), true, "a", "A", default),
                Enumerable.Range(0, count).Select(i => $"r{i}").ToList(), "f", "F", default).Priority!;
            var vpi = (await Vpis.GetAsync(_vpiId, default))!.Vpi;
            var card = VpiBot.Features.Priorities.Cards.ReviewCard.Build(vpi, p, Enumerable.Range(0, count).Select(i => $"29:r{i}").ToList(), false,
                System.Globalization.CultureInfo.InvariantCulture, posted: true);
            var userIds = card["refresh"]!["userIds"];
            Assert.Equal(count == 60 ? 60 : null, userIds?.AsArray().Count);
            Assert.NotNull(card["refresh"]!["action"]); // beyond 60, Teams refreshes when someone asks (and 'Show my options' is there)
        }
    }
}
