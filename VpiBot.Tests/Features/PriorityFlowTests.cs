using System.Text.Json.Nodes;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>
/// Priorities end to end: the alliance submits, the facilitator sends them to the government's review team, reviewers
/// decide from the card (each person seeing their own view), everyone's copy of the card is updated and the author told.
/// </summary>
public sealed class PriorityFlowTests : BotTest
{
    private string _vpiId = "";

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Dave];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    private async Task SetUp(string policy = "AnyReviewer")
    {
        _vpiId = await Channel.SetUpVpi(policy);
        await Channel.AddMember(_vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await Channel.AddMember(_vpiId, Dave, "ReviewTeam", "Ministry of the Interior", "Government");
        await Channel.AddMember(_vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
    }

    private JsonObject Form(string title, string description = "Shelters and legal aid for victims of trafficking.", string mode = "submit", int? number = null)
    {
        var data = new JsonObject
        {
            ["vpiId"] = _vpiId, ["mode"] = mode, ["title"] = title, ["description"] = description, ["instrument"] = "TraffickingInPersons",
            ["cluster"] = "Prevention", ["rationale"] = "Identified at the stakeholder scoping meeting.", ["organisation"] = "Ghana Anti-Trafficking Coalition",
        };
        if (number is not null)
        {
            data["number"] = number;
        }
        return data;
    }

    private async Task<JsonObject> Submit(string title, User? by = null)
    {
        var (card, message) = await Channel.Click("priority.save", Form(title), by ?? Chioma);
        Assert.True(card is not null, message);
        return card;
    }

    /// <summary>What a person sees on a review card: Teams refreshes it for them (they are in refresh.userIds) or shows the base card.</summary>
    private async Task<JsonObject> ViewAs(User viewer, JsonObject baseCard, bool personal = false)
    {
        var userIds = baseCard["refresh"]?["userIds"]?.AsArray().Select(u => u!.GetValue<string>()).ToList() ?? [];
        if (!userIds.Contains(viewer.Id))
        {
            return baseCard;
        }
        var refresh = baseCard["refresh"]!["action"]!;
        var (card, message) = await Channel.Click(refresh["verb"]!.GetValue<string>(), refresh["data"]!.AsObject(), viewer, personal: personal);
        Assert.True(card is not null, message);
        return card;
    }

    /// <summary>The data of a decision button (Reject's is inside its confirmation); a reason is typed for all but Approve.</summary>
    private static JsonObject DecideData(JsonObject reviewerView, string decision, string? comment = null)
    {
        var buttons = reviewerView["actions"]!.AsArray().SelectMany(a => a!["card"]?["actions"]?.AsArray().AsEnumerable() ?? new[] { a });
        var button = buttons.Single(a => a!["data"]?["decision"]?.GetValue<string>() == decision)!;
        var data = button["data"]!.DeepClone().AsObject();
        comment ??= decision == "Approve" ? null : "Please add the shelters' capacity.";
        if (comment is not null)
        {
            data["comment"] = comment;
        }
        return data;
    }

    private async Task<JsonObject> SendForReview()
    {
        var command = Channel.Teams.ChannelMessage("send priorities");
        var before = Connector.Calls.Count;
        var (sent, _) = await Channel.Send(command);
        var reply = sent.Single(c => c.RawPath.EndsWith("/activities/" + command["id"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("Priorities sent for review: 1.", reply.Text);
        // a new post in the VPI's channel (not a reply in the thread the command was typed in), sent by the outbox
        var channelPost = (await Channel.Delivered()).Skip(before).Single(c => c.RawPath == "/v3/conversations/" + Uri.EscapeDataString(ChannelConversationId) + "/activities");
        return VpiChannel.Valid(channelPost.Card!);
    }

    [Fact]
    public async Task The_whole_loop_submit_send_review_decide_update_and_tell_the_author()
    {
        await SetUp();
        var form = await Channel.Say("submit priority", Chioma);
        Assert.Contains("Ghana Anti-Trafficking Coalition", form.ToJsonString()); // organisation prefilled
        var detail = await Submit("Protection of trafficking victims");
        Assert.Contains("Submitted", Visible(detail));

        var before = Connector.Calls.Count;
        var channelCard = await SendForReview();
        var calls = Connector.Calls.Skip(before).ToList();
        // 1:1 to both reviewers: Teams conversations opened with the documented body, then the card sent there
        var creates = calls.Where(c => c.Method == "POST" && c.RawPath == "/v3/conversations").ToList();
        Assert.Equal(2, creates.Count);
        Assert.All(creates, c => Assert.Equal(TenantId, c.Json!["tenantId"]!.GetValue<string>()));
        Assert.Equal([Bob.Id, Dave.Id], creates.Select(c => c.Json!["members"]![0]!["id"]!.GetValue<string>()).Order());
        Assert.Equal(2, calls.Count(c => c.Method == "POST" && c.RawPath.StartsWith("/v3/conversations/a%3Acreated-", StringComparison.Ordinal) && c.Card is not null));

        // user-specific views: reviewers listed for refresh; the base card has no decision buttons, only a way to ask
        // for one's own view in a client that does not refresh cards by itself
        Assert.Equal([Bob.Id, Dave.Id], channelCard["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).Order());
        Assert.Equal(["Show my options"], ButtonTitles(channelCard));
        var bobSees = await ViewAs(Bob, channelCard);
        Assert.Equal(["Approve", "Reject", "Request changes"], ButtonTitles(bobSees));
        var open = channelCard["actions"]![0]!;
        var (bobOpens, _) = await Channel.Click(open["verb"]!.GetValue<string>(), open["data"]!.AsObject(), Bob);
        Assert.Equal(ButtonTitles(bobSees), ButtonTitles(bobOpens)); // the same view, asked for by hand
        var chiomaSees = await ViewAs(Chioma, channelCard); // not a reviewer: Teams shows her the posted card
        Assert.Equal(["Show my options"], ButtonTitles(chiomaSees));
        var (chiomaOpens, _) = await Channel.Click(open["verb"]!.GetValue<string>(), open["data"]!.AsObject(), Chioma);
        Assert.Empty(ButtonTitles(chiomaOpens)); // nothing for her to decide
        Assert.Contains("Under review", Visible(chiomaOpens));

        // Bob approves (any one reviewer decides)
        var updatesBefore = Connector.Calls.Count;
        var (after, _) = await Channel.Click("priority.decide", DecideData(bobSees, "Approve", "Fits our national plan"), Bob);
        Assert.Empty(ButtonTitles(after));
        Assert.Contains("Approved", Visible(after));
        Assert.Contains("Fits our national plan", Visible(after));

        // in the background: every posted copy is replaced (PUT), ending with the outcome, and Chioma is told 1:1
        var followUp = (await Channel.Delivered()).Skip(updatesBefore).ToList();
        var copies = followUp.Where(c => c.Method == "PUT").GroupBy(c => c.RawPath).ToList();
        Assert.Equal(3, copies.Count);
        Assert.All(copies, copy => Assert.Contains("Approved", Visible(copy.Last().Card)));
        var told = followUp.Last(c => c.Method == "POST" && c.Card is not null);
        Assert.Contains("Approved", Visible(told.Card));
        Assert.Contains(followUp, c => c.Method == "POST" && c.RawPath == "/v3/conversations" && c.Json!["members"]![0]!["id"]!.GetValue<string>() == Chioma.Id);

        // the audit trail
        var history = Visible(await Channel.Say("priority 1"));
        Assert.Contains("Draft → Submitted", history);
        Assert.Contains("Submitted → Under review", history);
        Assert.Contains("Under review → Approved — Fits our national plan", history);
    }

    [Fact]
    public async Task A_reviewer_who_already_chats_with_the_bot_gets_the_card_in_that_chat()
    {
        await SetUp();
        var bobsChat = Channel.Teams.PersonalMessage("help", Bob);
        await Channel.Send(bobsChat); // Bob has a 1:1 chat with the bot: its reference is stored
        await Submit("Cyber-enabled trafficking");
        var before = Connector.Calls.Count;
        await SendForReview();
        var calls = Connector.Calls.Skip(before).ToList();
        var creates = calls.Where(c => c.RawPath == "/v3/conversations").Select(c => c.Json!["members"]![0]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([Dave.Id], creates); // only Dave needed a new chat
        var bobsConversation = Uri.EscapeDataString(bobsChat["conversation"]!["id"]!.GetValue<string>());
        Assert.Contains(calls, c => c.RawPath == $"/v3/conversations/{bobsConversation}/activities" && c.Card is not null);
    }

    [Fact]
    public async Task A_reviewer_who_blocked_the_bot_does_not_stop_the_others()
    {
        await SetUp();
        await Submit("Firearms marking");
        // Teams refuses the first 1:1 chat the bot opens (whichever reviewer's comes first)
        Connector.Then(403, """{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}""", onPath: "/v3/conversations");
        var before = Connector.Calls.Count;
        var command = Channel.Teams.ChannelMessage("send priorities");
        var (sent, _) = await Channel.Send(command);

        Assert.Contains("Priorities sent for review: 1.", sent.Single(c => c.RawPath.EndsWith("/activities/" + command["id"]!.GetValue<string>(), StringComparison.Ordinal)).Text);
        var calls = (await Channel.Delivered()).Skip(before).ToList();
        var opened = calls.Where(c => c.RawPath == "/v3/conversations").Select(c => c.Json!["members"]![0]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([Bob.Id, Dave.Id], opened.Order());
        var blocked = opened[0] == Bob.Id ? Bob : Dave;
        // the other reviewer still got the card, and the channel its post; the facilitators are told, once, who cannot be reached
        Assert.Single(calls, c => c.RawPath.StartsWith("/v3/conversations/a%3Acreated-", StringComparison.Ordinal) && c.Card is not null);
        var channel = calls.Where(c => c.RawPath == "/v3/conversations/" + Uri.EscapeDataString(ChannelConversationId) + "/activities").ToList();
        Assert.Single(channel, c => c.Card is not null);
        Assert.Contains(blocked.Name, Assert.Single(channel, c => c.Text is not null).Text);
        // and the outbox says so to a facilitator
        var outbox = Visible(await Channel.Say("outbox"));
        Assert.Contains("Waiting to be sent: 0", outbox);
        Assert.Contains("Cannot be reached 1:1: 1", outbox);
        Assert.Contains(blocked.Name, outbox);
        Assert.Contains("Under review", Visible(await Channel.Say("priority 1")));
    }

    [Fact]
    public async Task A_double_click_records_one_decision_and_others_cannot_decide()
    {
        await SetUp("AllReviewers");
        await Submit("Data on smuggling routes");
        var bobSees = await ViewAs(Bob, await SendForReview());
        var data = DecideData(bobSees, "Approve");

        await Channel.Click("priority.decide", data, Bob);
        var (again, _) = await Channel.Click("priority.decide", data, Bob);
        Assert.Contains("already recorded", Visible(again));

        var (_, chioma) = await Channel.Click("priority.decide", data, Chioma);
        Assert.Contains("government review team", chioma);
        var (_, alice) = await Channel.Click("priority.decide", DecideData(bobSees, "Reject"), Alice);
        Assert.Contains("government review team", alice);

        var detail = Visible(await Channel.Say("priority 1"));
        Assert.Contains("Under review", detail); // all reviewers must approve: Dave has not
        Assert.Single(detail.Split('\n'), l => l.StartsWith("Approved — Bob Owusu", StringComparison.Ordinal));
        Assert.DoesNotContain("Rejected —", detail);
    }

    [Fact]
    public async Task Two_reviewers_deciding_at_the_same_moment_are_both_recorded()
    {
        await SetUp("AllReviewers");
        await Submit("Witness protection");
        var card = await SendForReview();
        var bob = DecideData(await ViewAs(Bob, card), "Approve");
        var dave = DecideData(await ViewAs(Dave, card), "Approve");
        await Task.WhenAll(Channel.Click("priority.decide", bob, Bob), Channel.Click("priority.decide", dave, Dave));
        var detail = Visible(await Channel.Say("priority 1"));
        Assert.Contains("Under review → Approved", detail);
        Assert.Contains("Bob Owusu", detail);
        Assert.Contains("Dave Asante", detail);
    }

    [Fact]
    public async Task Changes_requested_then_an_edit_makes_old_cards_out_of_date()
    {
        await SetUp();
        await Submit("Training for prosecutors");
        var firstRound = await ViewAs(Bob, await SendForReview());
        await Channel.Click("priority.decide", DecideData(firstRound, "RequestChanges", "Add a budget"), Bob);

        // Chioma edits and resubmits; the facilitator sends it again
        var detail = await Channel.Say("priority 1", Chioma);
        Assert.Equal(["Edit", "Withdraw"], ButtonTitles(detail));
        var (editForm, _) = await Channel.Click("priority.edit", detail["actions"]![0]!["data"]!.AsObject(), Chioma);
        Assert.Contains("Training for prosecutors", editForm!.ToJsonString());
        await Channel.Click("priority.save", Form("Training for prosecutors (with budget)", number: 1), Chioma);
        await SendForReview();

        // Dave clicks a button of the first round's card: refused, the card shows the current revision
        var (stale, _) = await Channel.Click("priority.decide", DecideData(firstRound, "Approve"), Dave);
        Assert.Contains("edited after this card was made", Visible(stale));
        Assert.Contains("with budget", Visible(stale));
        Assert.Contains("Under review", Visible(await Channel.Say("priority 1")));
    }

    [Fact]
    public async Task A_review_card_clicked_in_a_personal_chat_works_for_a_reviewer_of_that_VPI_only()
    {
        await SetUp();
        await Submit("Asset recovery");
        var card = await SendForReview();
        var bobSees = await ViewAs(Bob, card, personal: true);
        Assert.Equal(3, ButtonTitles(bobSees).Count());
        var (_, outsider) = await Channel.Click("priority.view", card["refresh"]!["action"]!["data"]!.AsObject(), new User("29:x", "a1b2c3d4-0000-4000-8000-0000000000ff", "Eve"), personal: true);
        Assert.Contains("not on this VPI's roster", outsider);
        var forged = DecideData(bobSees, "Approve");
        forged["vpiId"] = "some-other-vpi";
        var (_, other) = await Channel.Click("priority.decide", forged, Bob, personal: true);
        Assert.Contains("does not belong", other);
    }

    [Fact]
    public async Task Invalid_input_comes_back_on_the_form_with_the_text_kept_and_saves_nothing()
    {
        await SetUp();
        var huge = new string('d', 100_000);
        var (card, _) = await Channel.Click("priority.save", Form(new string('t', 130), huge), Chioma);
        var text = Visible(card);
        Assert.Contains("Title can have at most 120 characters (it has 130)", text);
        Assert.Contains("Description can have at most 2000 characters (it has 100000)", text);
        var title = card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "title")!;
        Assert.Equal(new string('t', 120), title["value"]!.GetValue<string>());

        // every field at fault is named, as an error (attention colour), on Submit; a draft needs only a title
        var (missing, _) = await Channel.Click("priority.save", Form("", ""), Chioma);
        Assert.Contains("Title: please fill it in", Visible(missing));
        Assert.Contains("Description: please fill it in", Visible(missing));
        Assert.Contains(Descendants(missing!), e => e["color"]?.GetValue<string>() == "Attention");
        var draftOnlyTitle = new JsonObject { ["vpiId"] = _vpiId, ["mode"] = "Draft", ["title"] = "Just an idea" };
        var (draft, _) = await Channel.Click("priority.save", draftOnlyTitle, Chioma);
        Assert.Contains("Draft by", Visible(draft));
        var (noTitle, _) = await Channel.Click("priority.save", new JsonObject { ["vpiId"] = _vpiId, ["mode"] = "Draft" }, Chioma);
        Assert.Contains("Title: please fill it in", Visible(noTitle));
        Assert.Single((await App.Services.GetRequiredService<VpiBot.Storage.PriorityStore>().ListAsync(_vpiId, default)));
    }

    [Fact]
    public async Task The_review_team_cannot_submit_and_outsiders_get_a_clear_answer()
    {
        await SetUp();
        Assert.Contains("submitted by the National Civil Society Alliance", (await Channel.Say("submit priority", Bob))["text"]!.GetValue<string>());
        var (_, forged) = await Channel.Click("priority.save", Form("Sneaky"), Bob);
        Assert.Contains("submitted by the National Civil Society Alliance", forged);
        Assert.Contains("None yet", Visible(await Channel.Say("priorities")));
    }

    [Fact]
    public async Task User_text_is_stored_exactly_and_never_becomes_markdown_mentions_or_broken_json()
    {
        await SetUp();
        const string title = "[Click me](https://evil.example.com) <at>Alice Mensah</at> **bold** \"}]}{\\";
        const string description = "Line one\n\n# heading?\n- list\n[evil](https://evil.example.com/d) {\"type\":\"Action.OpenUrl\"}";
        const string comment = "Please see [this](https://evil.example.com/c) <at>Bob Owusu</at> _now_";
        var (card, _) = await Channel.Click("priority.save", Form(title, description), Chioma);
        var posted = await SendForReview();
        var bobSees = await ViewAs(Bob, posted);
        var (decided, _) = await Channel.Click("priority.decide", DecideData(bobSees, "RequestChanges", comment), Bob);
        foreach (var shown in new[] { card!, await Channel.Say("priority 1"), await Channel.Say("priorities"), decided! })
        {
            // what people typed is only ever a TextRun (never read as markdown), so no link, mention or formatting comes of it
            var textBlocks = Descendants(shown).Where(e => e["type"]?.GetValue<string>() == "TextBlock").Select(e => e["text"]!.GetValue<string>()).ToList();
            Assert.DoesNotContain(textBlocks, t => t.Contains("evil.example.com", StringComparison.Ordinal) || t.Contains("<at>", StringComparison.Ordinal));
            var textRuns = Descendants(shown).Where(e => e["type"]?.GetValue<string>() == "TextRun").Select(e => e["text"]!.GetValue<string>()).ToList();
            Assert.Contains(textRuns, t => t.EndsWith(title, StringComparison.Ordinal));
            Assert.Null(shown["entities"]); // no mention entities, so nobody is notified
        }
        var detail = await Channel.Say("priority 1");
        Assert.Contains(Descendants(detail), e => e["type"]?.GetValue<string>() == "TextRun" && e["text"]?.GetValue<string>() == description);
        Assert.Contains(Descendants(detail), e => e["type"]?.GetValue<string>() == "TextRun" && e["text"]!.GetValue<string>().EndsWith(comment, StringComparison.Ordinal));
        Assert.Contains(Descendants(decided!), e => e["type"]?.GetValue<string>() == "TextRun" && e["text"]!.GetValue<string>().EndsWith(comment, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_list_is_newest_first_paged_and_filterable_and_every_page_stays_small()
    {
        await SetUp();
        for (var i = 1; i <= 23; i++)
        {
            var (_, _) = await Channel.Click("priority.save", Form($"Priority number {i} " + new string('x', 90), mode: i % 2 == 0 ? "draft" : "submit"), Chioma);
        }
        var first = await Channel.Say("priorities");
        Assert.Contains("Page 1 of 3 (23 in all)", Visible(first));
        Assert.StartsWith("#23 Priority number 23", Descendants(first).First(e => e["type"]?.GetValue<string>() == "TextRun")["text"]!.GetValue<string>());
        var next = first["actions"]!.AsArray().Single()!;
        var (page2, _) = await Channel.Click(next["verb"]!.GetValue<string>(), next["data"]!.AsObject());
        Assert.Contains("Page 2 of 3", Visible(page2));
        Assert.Contains("#13 Priority number 13", Visible(page2));

        var drafts = await Channel.Say("priorities draft");
        Assert.Contains("Page 1 of 2 (11 in all)", Visible(drafts));
        Assert.DoesNotContain("Submitted ·", Visible(drafts));
    }

    [Fact]
    public async Task Send_needs_a_review_team_and_something_to_send_and_only_facilitators_may()
    {
        _vpiId = await Channel.SetUpVpi();
        Assert.Contains("no government review team", (await Channel.Say("send priorities"))["text"]!.GetValue<string>());
        await Channel.AddMember(_vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        Assert.Contains("no submitted priorities", (await Channel.Say("send priorities"))["text"]!.GetValue<string>());
        Assert.Contains("Only the VPI's facilitators", (await Channel.Say("send priorities", Bob))["text"]!.GetValue<string>());
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
