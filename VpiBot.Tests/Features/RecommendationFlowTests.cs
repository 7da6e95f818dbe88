using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>
/// Joint recommendations end to end: a priority submitted by the alliance and approved by the review team, then a
/// recommendation proposed from it, listed, shown with its history, edited and withdrawn by its proposer only.
/// </summary>
public sealed class RecommendationFlowTests : BotTest
{
    private string _vpiId = "";

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Dave];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    /// <summary>Alice facilitates; Bob is the review team; Chioma and Dave are in the alliance.</summary>
    private async Task SetUp()
    {
        _vpiId = await Channel.SetUpVpi();
        await Channel.AddMember(_vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await Channel.AddMember(_vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        await Channel.AddMember(_vpiId, Dave, "Alliance", "University of Ghana", "Academia");
    }

    private RecommendationStore Store => App.Services.GetRequiredService<RecommendationStore>();

    /// <summary>Chioma submits a priority; unless <paramref name="approve"/> is false, Alice sends it and Bob approves it from his card.</summary>
    private async Task<int> Priority(string title, bool approve = true)
    {
        var (card, message) = await Channel.Click("priority.save", new JsonObject
        {
            ["vpiId"] = _vpiId, ["mode"] = "Submit", ["title"] = title, ["description"] = "Shelters and legal aid.", ["instrument"] = "TraffickingInPersons",
            ["cluster"] = "Prevention", ["rationale"] = "From the scoping meeting.", ["organisation"] = "Ghana Anti-Trafficking Coalition",
        }, Chioma);
        Assert.True(card is not null, message);
        var number = (await App.Services.GetRequiredService<PriorityStore>().ListAsync(_vpiId, default))[0].Number; // newest first
        if (approve)
        {
            Assert.Contains("Priorities sent for review: 1.", (await Channel.Say("send priorities"))["text"]!.GetValue<string>());
            var (bobSees, _) = await Channel.Click("priority.view", new JsonObject { ["vpiId"] = _vpiId, ["number"] = number }, Bob);
            var approveButton = bobSees!["actions"]!.AsArray().Single(a => a!["data"]?["decision"]?.GetValue<string>() == "Approve")!;
            var (decided, _) = await Channel.Click("priority.decide", approveButton["data"]!.AsObject(), Bob);
            Assert.Contains("Approved", Visible(decided));
            await Channel.Delivered();
        }
        return number;
    }

    /// <summary>What the form sends: its button's data with the inputs as typed.</summary>
    private static JsonObject Typed(JsonObject buttonData, string? title, string? text, string? priorities)
    {
        var data = (JsonObject)buttonData.DeepClone();
        data["title"] = title;
        data["text"] = text;
        data["priorities"] = priorities;
        foreach (var empty in data.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            data.Remove(empty);
        }
        return data;
    }

    private async Task<JsonObject> Propose(string title, string priorities, User by, string text = "Fund shelters for victims of trafficking in every region.")
    {
        var (card, message) = await Channel.Click("recommendation.save", Typed(new JsonObject { ["vpiId"] = _vpiId }, title, text, priorities), by);
        Assert.True(card is not null, message);
        return card;
    }

    private static JsonObject Button(JsonObject card, string title) =>
        card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == title)!.AsObject();

    /// <summary>The Withdraw button's confirmation (inside its Action.ShowCard).</summary>
    private static JsonObject ConfirmWithdraw(JsonObject detail)
    {
        var confirm = Button(detail, "Withdraw")["card"]!["actions"]![0]!.AsObject();
        Assert.Equal("destructive", confirm["style"]!.GetValue<string>());
        return confirm["data"]!.AsObject();
    }

    private static JsonNode Input(JsonObject card, string id) => card["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == id)!;

    private static string? InputValue(JsonObject card, string id) => Input(card, id)["value"]?.GetValue<string>();

    private async Task<string> Stored(int number) => System.Text.Json.JsonSerializer.Serialize(await Store.GetAsync(_vpiId, number, default));

    [Fact]
    public async Task The_whole_loop_from_an_approved_priority_to_a_proposed_recommendation_listed_and_shown()
    {
        await SetUp();
        var none = (await Channel.Say("propose recommendation", Dave))["text"]!.GetValue<string>();
        Assert.Contains("no approved priorities yet", none);
        Assert.Contains("approved by the government review team", none);

        var shelters = await Priority("Protection of trafficking victims");
        var pending = await Priority("Data on smuggling routes", approve: false);
        Assert.Contains("#1 Protection of trafficking victims", Visible(await Channel.Say("priority P1"))); // as the recommendation cards name it

        // any member may propose, the review team too; only approved priorities are offered, several may be chosen
        var form = await Channel.Say("propose recommendation", Bob);
        var choices = Input(form, "priorities");
        Assert.True(choices["isMultiSelect"]!.GetValue<bool>());
        Assert.Equal(new[] { $"{shelters}" }, choices["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>())); // not P{pending}
        Assert.Equal("P1 — Protection of trafficking victims", choices["choices"]![0]!["title"]!.GetValue<string>());

        var (detail, _) = await Channel.Click("recommendation.save", Typed(Button(form, "Propose")["data"]!.AsObject(), "Shelters in every region",
            "Fund shelters for victims of trafficking in every region.", $"{shelters}"), Dave);
        var shown = Visible(detail);
        Assert.Contains("Recommendation R1 is proposed.", shown);
        Assert.Contains("R1 — Shelters in every region", shown);
        Assert.Contains("Proposed by Dave Asante", shown);
        Assert.Contains("P1 — Protection of trafficking victims", shown);
        Assert.Contains("Dave Asante: proposed", shown);
        Assert.Equal(["Edit", "Withdraw"], ButtonTitles(detail));

        // everyone in the VPI reads it; only its proposer gets the buttons
        foreach (var asked in new[] { "recommendation R1", "recommendation r1", "recommendation #1", "recommendation 1" })
        {
            var seen = await Channel.Say(asked, Chioma);
            Assert.Contains("Fund shelters for victims of trafficking in every region.", Visible(seen));
            Assert.Empty(ButtonTitles(seen));
        }
        Assert.Equal(["Edit", "Withdraw"], ButtonTitles(await Channel.Say("recommendation R1", Dave)));
        Assert.Contains("no such recommendation", (await Channel.Say("recommendation R2"))["text"]!.GetValue<string>());
        Assert.Contains("no such recommendation", (await Channel.Say("recommendation P1"))["text"]!.GetValue<string>());

        var list = await Channel.Say("recommendations");
        Assert.Contains("R1 — Shelters in every region", Visible(list));
        Assert.Contains("Proposed · priorities P1", Visible(list));
        var open = list["body"]!.AsArray().Single(e => e!["selectAction"] is not null)!["selectAction"]!;
        var (opened, _) = await Channel.Click(open["verb"]!.GetValue<string>(), open["data"]!.AsObject(), Dave);
        Assert.Equal(["Edit", "Withdraw", "Back to the list"], ButtonTitles(opened));
    }

    [Fact]
    public async Task Invalid_input_comes_back_on_the_form_named_with_the_text_kept_and_saves_nothing()
    {
        await SetUp();
        var approved = await Priority("Protection of trafficking victims");
        var pending = await Priority("Data on smuggling routes", approve: false);

        var (missing, _) = await Channel.Click("recommendation.save", new JsonObject { ["vpiId"] = _vpiId }, Chioma);
        Assert.Contains("Title: please fill it in.", Visible(missing));
        Assert.Contains("Recommendation: please fill it in.", Visible(missing));
        Assert.Contains("Approved priorities: choose at least one.", Visible(missing));

        // 100 KB of text: refused, shown back cut to the limit, the title and choice kept
        var (huge, _) = await Channel.Click("recommendation.save", Typed(new JsonObject { ["vpiId"] = _vpiId }, "Shelters", new string('x', 100_000), $"{approved}"), Chioma);
        Assert.Contains("Recommendation can have at most 2000 characters (it has 100000)", Visible(huge));
        Assert.Equal(new string('x', 2000), InputValue(huge!, "text"));
        Assert.Equal("Shelters", InputValue(huge!, "title"));
        Assert.Equal($"{approved}", InputValue(huge!, "priorities"));

        // priority numbers the card never offered: named (not approved, or not there at all), the approved one kept
        var (forged, _) = await Channel.Click("recommendation.save", Typed(new JsonObject { ["vpiId"] = _vpiId }, "Shelters", "Fund them.", $"{approved},{pending},99"), Chioma);
        Assert.Contains($"cannot be chosen: P{pending}, P99.", Visible(forged));
        Assert.Equal($"{approved}", InputValue(forged!, "priorities"));
        Assert.Equal("Fund them.", InputValue(forged!, "text"));
        var (garbage, _) = await Channel.Click("recommendation.save", Typed(new JsonObject { ["vpiId"] = _vpiId }, "Shelters", "Fund them.", "1;DROP"), Chioma);
        Assert.Contains("could not be read", Visible(garbage));

        Assert.Empty(await Store.ListAsync(_vpiId, default));
        Assert.Contains("None yet", Visible(await Channel.Say("recommendations")));
    }

    [Fact]
    public async Task The_list_is_newest_first_paged_and_filterable()
    {
        await SetUp();
        var approved = await Priority("Protection of trafficking victims");
        var other = await Priority("Witness protection");
        for (var i = 1; i <= 23; i++)
        {
            await Propose($"Recommendation number {i}", i == 5 ? $"{approved},{other}" : $"{approved}", i % 2 == 0 ? Chioma : Dave);
        }
        var fifth = await Channel.Say("recommendation R5", Dave);
        await Channel.Click("recommendation.withdraw", ConfirmWithdraw(fifth), Dave);

        var first = await Channel.Say("recommendations");
        Assert.Contains("Page 1 of 3 (23 in all), newest first.", Visible(first));
        Assert.StartsWith("R23 — Recommendation number 23", Visible(first["body"]!.AsArray()[2]));
        var next = Button(first, "Next");
        var (page2, _) = await Channel.Click(next["verb"]!.GetValue<string>(), next["data"]!.AsObject());
        Assert.Contains("Page 2 of 3", Visible(page2));
        Assert.Contains("R13 — Recommendation number 13", Visible(page2));
        Assert.Contains("R4 — Recommendation number 4", Visible(page2));
        Assert.DoesNotContain("R14 —", Visible(page2));
        Assert.DoesNotContain("R3 —", Visible(page2));
        Assert.Contains("Withdrawn · priorities P1, P2", Visible(page2));
        Assert.Equal(["Previous", "Next"], ButtonTitles(page2));

        var withdrawn = await Channel.Say("recommendations withdrawn");
        Assert.Contains("Page 1 of 1 (1 in all)", Visible(withdrawn));
        Assert.Contains("R5 — Recommendation number 5", Visible(withdrawn));
        var proposed = await Channel.Say("recommendations Proposed");
        Assert.Contains("(22 in all)", Visible(proposed));
        Assert.DoesNotContain("Withdrawn ·", Visible(proposed));
        Assert.Contains("None yet", Visible(await Channel.Say("recommendations on ballot")));
        var unknown = (await Channel.Say("recommendations bogus"))["text"]!.GetValue<string>();
        Assert.Contains("\"bogus\" is not a status I know", unknown);
        Assert.Contains("on ballot", unknown);
    }

    [Fact]
    public async Task The_proposer_edits_then_withdraws_and_the_history_keeps_both()
    {
        await SetUp();
        var shelters = await Priority("Protection of trafficking victims");
        var witnesses = await Priority("Witness protection");
        var detail = await Propose("Shelters", $"{shelters}", Dave);

        var (form, _) = await Channel.Click("recommendation.edit", Button(detail, "Edit")["data"]!.AsObject(), Dave);
        Assert.Equal("Edit recommendation R1", Visible(form!["body"]![0]));
        Assert.Equal("Shelters", InputValue(form, "title"));
        Assert.Equal($"{shelters}", InputValue(form, "priorities"));
        Assert.Equal(2, Input(form, "priorities")["choices"]!.AsArray().Count);
        var (saved, _) = await Channel.Click("recommendation.save",
            Typed(Button(form, "Save changes")["data"]!.AsObject(), "Shelters and witnesses", "Fund shelters and protect witnesses.", $"{witnesses},{shelters}"), Dave);
        var text = Visible(saved);
        Assert.Contains("Recommendation R1 is saved.", text);
        Assert.Contains("R1 — Shelters and witnesses", text);
        Assert.Contains("P1 — Protection of trafficking victims", text);
        Assert.Contains("P2 — Witness protection", text);
        Assert.Contains("Dave Asante: edited", text);
        Assert.Equal(2, Button(saved!, "Edit")["data"]!["revision"]!.GetValue<int>());
        Assert.Equal(2, (await Store.GetAsync(_vpiId, 1, default))!.Item.Revision);

        var (withdrawn, _) = await Channel.Click("recommendation.withdraw", ConfirmWithdraw(saved!), Dave);
        Assert.Contains("Recommendation R1 is withdrawn.", Visible(withdrawn));
        Assert.Empty(ButtonTitles(withdrawn));
        var history = Visible(await Channel.Say("recommendation R1"));
        Assert.Contains("Dave Asante: proposed", history);
        Assert.Contains("Dave Asante: edited", history);
        Assert.Contains("Dave Asante: Proposed → Withdrawn", history);
        Assert.Contains("Withdrawn", history);

        // withdrawn is final: the edit form's button (still on screen) changes nothing
        var before = await Stored(1);
        var (late, _) = await Channel.Click("recommendation.edit", Button(saved!, "Edit")["data"]!.AsObject(), Dave);
        Assert.Contains("only be changed while it is proposed", Visible(late));
        var (lateSave, _) = await Channel.Click("recommendation.save", Typed(Button(form, "Save changes")["data"]!.AsObject(), "Again", "Again.", $"{shelters}"), Dave);
        Assert.Contains("only be changed while it is proposed", Visible(lateSave));
        Assert.Equal(before, await Stored(1));
    }

    [Fact]
    public async Task Someone_elses_edit_or_withdraw_is_refused_and_changes_nothing()
    {
        await SetUp();
        var shelters = await Priority("Protection of trafficking victims");
        var detail = await Propose("Shelters", $"{shelters}", Dave);
        var before = await Stored(1);

        foreach (var other in new[] { Chioma, Alice })
        {
            var (edit, _) = await Channel.Click("recommendation.edit", Button(detail, "Edit")["data"]!.AsObject(), other);
            Assert.Contains("Only the person who proposed this recommendation can change it", Visible(edit));
            Assert.Null(edit!["body"]!.AsArray().FirstOrDefault(e => e!["id"] is not null)); // not the form
            var (withdraw, _) = await Channel.Click("recommendation.withdraw", ConfirmWithdraw(detail), other);
            Assert.Contains("Only the person who proposed this recommendation can change it", Visible(withdraw));
            Assert.Contains("Proposed", Visible(withdraw));
            var (save, _) = await Channel.Click("recommendation.save",
                Typed(new JsonObject { ["vpiId"] = _vpiId, ["number"] = 1, ["revision"] = 1 }, "Hijacked", "Hijacked.", $"{shelters}"), other);
            Assert.Contains("Only the person who proposed this recommendation can change it", Visible(save));
        }
        var (_, outsider) = await Channel.Click("recommendation.withdraw", ConfirmWithdraw(detail), new User("29:x", "a1b2c3d4-0000-4000-8000-0000000000ff", "Eve"));
        Assert.Contains("not on this VPI's roster", outsider);
        Assert.Equal(before, await Stored(1));
    }

    [Fact]
    public async Task A_card_of_an_older_revision_changes_nothing_and_a_form_from_one_keeps_the_text()
    {
        await SetUp();
        var shelters = await Priority("Protection of trafficking victims");
        var firstCard = await Propose("Shelters", $"{shelters}", Dave);
        var (firstForm, _) = await Channel.Click("recommendation.edit", Button(firstCard, "Edit")["data"]!.AsObject(), Dave);
        var saveFromFirst = Button(firstForm!, "Save changes")["data"]!.AsObject();
        await Channel.Click("recommendation.save", Typed(saveFromFirst, "Shelters, second text", "Second.", $"{shelters}"), Dave);
        var before = await Stored(1);

        // buttons of the card made on revision 1
        var (edit, _) = await Channel.Click("recommendation.edit", Button(firstCard, "Edit")["data"]!.AsObject(), Dave);
        Assert.Contains("changed after this card was made", Visible(edit));
        Assert.Contains("Shelters, second text", Visible(edit));
        var (withdraw, _) = await Channel.Click("recommendation.withdraw", ConfirmWithdraw(firstCard), Dave);
        Assert.Contains("changed after this card was made", Visible(withdraw));
        Assert.Equal(before, await Stored(1));

        // the form filled from revision 1, saved again (another window): refused, the text typed kept, to be saved again
        var (again, _) = await Channel.Click("recommendation.save", Typed(saveFromFirst, "Shelters, third text", "Third.", $"{shelters}"), Dave);
        Assert.Contains("Recommendation R1 was changed meanwhile", Visible(again));
        Assert.Equal("Third.", InputValue(again!, "text"));
        Assert.Equal(before, await Stored(1));
        var (saved, _) = await Channel.Click("recommendation.save", Typed(Button(again!, "Save changes")["data"]!.AsObject(), "Shelters, third text", "Third.", $"{shelters}"), Dave);
        Assert.Contains("Recommendation R1 is saved.", Visible(saved));
        Assert.Equal(3, (await Store.GetAsync(_vpiId, 1, default))!.Item.Revision);
    }

    [Fact]
    public async Task Two_saves_of_the_same_revision_at_once_keep_one_and_give_the_other_its_form_back()
    {
        await SetUp();
        var shelters = await Priority("Protection of trafficking victims");
        var card = await Propose("Shelters", $"{shelters}", Dave);
        var (form, _) = await Channel.Click("recommendation.edit", Button(card, "Edit")["data"]!.AsObject(), Dave);
        var save = Button(form!, "Save changes")["data"]!.AsObject();

        var answers = await Task.WhenAll(
            Channel.Click("recommendation.save", Typed(save, "From window A", "Text A.", $"{shelters}"), Dave),
            Channel.Click("recommendation.save", Typed(save, "From window B", "Text B.", $"{shelters}"), Dave));

        var stored = (await Store.GetAsync(_vpiId, 1, default))!.Item;
        Assert.Equal(2, stored.Revision);
        Assert.Equal(2, stored.History.Count);
        var loser = Assert.Single(answers, a => Visible(a.Card).Contains("changed meanwhile", StringComparison.Ordinal)).Card!;
        Assert.NotEqual(stored.Text.Text, InputValue(loser, "text")); // the text that was not saved is the one kept on the form
        Assert.Single(answers, a => Visible(a.Card).Contains("is saved", StringComparison.Ordinal));
    }
}
