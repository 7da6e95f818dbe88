using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>
/// A facilitator sets up a VPI in a team channel and manages its roster, stages and checklist — and nobody else can.
/// Everything through the real app, with SQLite storage, as Teams would send it.
/// </summary>
public abstract class VpiSetupTests : BotTest
{
    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma];
    protected override BotApp CreateApp() => NewApp();

    /// <summary>The storage backend the app runs on; the same tests run on each.</summary>
    protected abstract Dictionary<string, string?> Storage { get; }

    private BotApp NewApp()
    {
        var settings = new Dictionary<string, string?>(Storage) { ["Vpi:Facilitators:0"] = Alice.AadObjectId };
        return new BotApp(settings, services: s => s.AddSingleton<TimeProvider>(new PinnedClock(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero))));
    }

    private static JsonObject Valid(JsonObject card) => VpiChannel.Valid(card);
    private Task<(ConnectorCall[] Sent, JsonNode? Answer)> Send(JsonObject activity) => Channel.Send(activity);
    private Task<JsonObject> Say(string text, User? from = null) => Channel.Say(text, from);
    private Task<(JsonObject? Card, string? Message)> Click(string verb, JsonObject data, User? from = null, string tenantId = TenantId) =>
        Channel.Click(verb, data, from, tenantId);
    private Task<string> SetUpVpi() => Channel.SetUpVpi("AnyReviewer");
    private static JsonObject Inputs(string country, string instrument, string cluster, string level) => VpiChannel.SetupInputs(country, instrument, cluster, level);

    private async Task<string> Roster() => (await Say("members")).ToJsonString();

    [Fact]
    public async Task A_facilitator_sets_up_a_VPI_in_a_channel_and_becomes_its_first_facilitator()
    {
        await SetUpVpi();
        var roster = await Roster();
        Assert.Contains("Alice Mensah", roster);
        Assert.Contains("Facilitators", roster);

        // running setup again shows the VPI instead of a new form
        var again = await Say("setup");
        Assert.DoesNotContain("\"id\":\"country\"", again.ToJsonString());
        Assert.Contains("Ghana", again.ToJsonString());
    }

    [Fact]
    public async Task Setup_is_refused_to_someone_not_configured_as_facilitator_and_in_a_personal_chat()
    {
        var refused = await Say("setup", Bob);
        Assert.Contains("facilitator", refused["text"]!.GetValue<string>());
        var (sent, _) = await Send(Teams.PersonalMessage("setup"));
        Assert.Contains("channel", sent.Single().Text);

        // a forged click on the setup button by Bob creates nothing
        var (card, message) = await Click("vpi.setup", Inputs("GH", "Untoc", "Criminalization", "Minimum"), Bob);
        Assert.Null(card);
        Assert.Contains("facilitator", message);
        Assert.Contains("There is no VPI", (await Say("members"))["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("XX", "Untoc", "Prevention", "Medium")]
    [InlineData("GH", "42", "Prevention", "Medium")]
    [InlineData("GH", "Untoc", "Cluster9", "Medium")]
    [InlineData("GH", "Untoc", "Prevention", "")]
    public async Task Invalid_setup_input_comes_back_on_the_card_with_the_choices_kept_and_creates_nothing(string country, string instrument, string cluster, string level)
    {
        await Say("setup");
        var (card, _) = await Click("vpi.setup", Inputs(country, instrument, cluster, level));
        var json = card!.ToJsonString();
        Assert.Contains("Please choose a value", json);
        Assert.Contains("\"id\":\"country\"", json);
        Assert.Contains("There is no VPI", (await Say("members"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_facilitator_adds_a_member_from_the_teams_roster_and_the_identity_comes_from_Teams_not_the_card()
    {
        var vpiId = await SetUpVpi();
        var addCard = Valid(await Say("add member"));
        var people = addCard["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "person")!["choices"]!.AsArray();
        Assert.DoesNotContain(people, p => p!["value"]!.GetValue<string>() == Alice.Id); // already a member
        Assert.Contains(people, p => p!["value"]!.GetValue<string>() == Bob.Id);

        var choices = new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = Bob.Id, ["role"] = "Alliance", ["organisation"] = "Ghana Anti-Trafficking Coalition",
            ["organisationType"] = "Ngo",
        };
        // a card carrying anything the add-member card does not send (here a forged identity) is refused whole
        var forged = (JsonObject)choices.DeepClone();
        forged["aadObjectId"] = "forged-object-id";
        var (_, refused) = await Send(Teams.CardExecute("vpi.member.add", forged, "card-1", inChannel: true));
        Assert.Equal(400, refused!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", refused["type"]!.GetValue<string>());
        Assert.DoesNotContain("Bob Owusu", (await Say("members")).ToJsonString());

        var (roster, _) = await Click("vpi.member.add", choices);
        var json = roster!.ToJsonString();
        Assert.Contains("Bob Owusu", json);
        Assert.Contains("Ghana Anti-Trafficking Coalition", json);

        // Bob is now known by his real Entra id: he can see the VPI but not manage it
        var bobTries = await Say("add member", Bob);
        Assert.Contains("Only the VPI's facilitators", bobTries["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Add_member_with_a_mention_preselects_the_person()
    {
        await SetUpVpi();
        var (sent, _) = await Send(Teams.ChannelMessage("add member", Alice, TenantId, Bob));
        var person = sent.Single().Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "person")!;
        Assert.Equal(Bob.Id, person["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Names_are_shown_as_typed_and_never_as_markdown()
    {
        var vpiId = await SetUpVpi();
        await Click("vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = Chioma.Id, ["role"] = "Alliance", ["organisation"] = "**Bold** <at>Bob</at> [x](https://evil.example.com)",
            ["organisationType"] = "Academia",
        });
        var roster = Valid(await Say("members"));
        var runs = roster["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "RichTextBlock")
            .SelectMany(e => e!["inlines"]!.AsArray()).Select(r => r!["text"]!.GetValue<string>()).ToList();
        Assert.Contains(runs, r => r.Contains("**Bold** <at>Bob</at> [x](https://evil.example.com)", StringComparison.Ordinal));
        var markdownBlocks = roster["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "TextBlock").Select(e => e!["text"]!.GetValue<string>());
        Assert.DoesNotContain(markdownBlocks, t => t.Contains("evil.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_member_input_is_refused_on_the_card_and_a_person_not_in_the_team_is_not_added()
    {
        var vpiId = await SetUpVpi();
        var (tooLong, _) = await Click("vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = Bob.Id, ["role"] = "Alliance", ["organisation"] = new string('x', 100_000), ["organisationType"] = "Ngo",
        });
        Assert.Contains("Please fill in every field", tooLong!.ToJsonString());
        var (stranger, _) = await Click("vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = "29:someone-not-in-the-team", ["role"] = "ReviewTeam", ["organisation"] = "Ministry", ["organisationType"] = "Government",
        });
        Assert.Contains("not in this team", stranger!.ToJsonString());
        Assert.DoesNotContain("Bob Owusu", await Roster());
    }

    [Fact]
    public async Task Tampered_cards_and_other_tenants_are_refused_and_change_nothing()
    {
        var vpiId = await SetUpVpi();
        var add = new JsonObject
        {
            ["vpiId"] = "another-vpi", ["person"] = Bob.Id, ["role"] = "Facilitator", ["organisation"] = "X", ["organisationType"] = "Ngo",
        };
        var (_, tampered) = await Click("vpi.member.add", add);
        Assert.Contains("does not belong", tampered);

        add["vpiId"] = vpiId;
        var (_, otherTenant) = await Click("vpi.member.add", add, Alice, tenantId: "99999999-8888-7777-6666-555555555555");
        Assert.Contains("another organisation", otherTenant);

        var (_, notFacilitator) = await Click("vpi.member.add", add, Bob);
        Assert.Contains("not on this VPI's roster", notFacilitator);

        Assert.DoesNotContain("Bob Owusu", await Roster());
    }

    [Fact]
    public async Task Members_are_removed_after_confirming_but_never_the_last_facilitator()
    {
        var vpiId = await SetUpVpi();
        await Channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");

        // the last facilitator is not offered for removal at all
        var form = Valid(await Say("remove member"));
        var offered = form["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "member")!["choices"]!.AsArray();
        Assert.Equal([Bob.AadObjectId], offered.Select(c => c!["value"]!.GetValue<string>()));
        var (_, lastFacilitator) = await Click("vpi.member.remove", new JsonObject { ["vpiId"] = vpiId, ["member"] = Alice.AadObjectId });
        Assert.Contains("at least one facilitator", lastFacilitator);

        // choosing Bob asks first, and removes nothing yet
        var (confirm, _) = await Click("vpi.member.remove", new JsonObject { ["vpiId"] = vpiId, ["member"] = Bob.AadObjectId });
        Assert.Contains("Remove Bob Owusu (Ministry of Justice)?", CardReading.Visible(confirm));
        Assert.Equal(["Confirm"], CardReading.ButtonTitles(confirm));
        Assert.Equal("Action.Execute", confirm!["actions"]![0]!["type"]!.GetValue<string>());
        Assert.Contains("Bob Owusu", await Roster());

        var (roster, _) = await Click("vpi.member.remove.confirm", (JsonObject)confirm["actions"]![0]!["data"]!.DeepClone());
        Assert.Contains("was removed", roster!.ToJsonString());
        Assert.DoesNotContain("Bob Owusu", await Roster());
        Assert.Contains("Alice Mensah", await Roster());

        // the same confirmation clicked again changes nothing and says he is no longer on the roster
        var (again, _) = await Click("vpi.member.remove.confirm", new JsonObject { ["vpiId"] = vpiId, ["member"] = Bob.AadObjectId });
        Assert.Contains("no longer on the roster", CardReading.Visible(again));
        Assert.Equal("There is nobody to remove: the VPI's only facilitator stays on the roster.", (await Say("remove member"))["text"]!.GetValue<string>());

        // a forged confirmation naming the only facilitator is refused too
        var (_, forged) = await Click("vpi.member.remove.confirm", new JsonObject { ["vpiId"] = vpiId, ["member"] = Alice.AadObjectId });
        Assert.Contains("at least one facilitator", forged);

        // nor can she stop being a facilitator by editing herself, or by an (old) add card naming her
        var (_, demoted) = await Click("vpi.member.edit", new JsonObject
        {
            ["vpiId"] = vpiId, ["member"] = Alice.AadObjectId, ["role"] = "Alliance", ["organisation"] = "Ghana NGO", ["organisationType"] = "Ngo",
        });
        Assert.Contains("at least one facilitator", demoted);
        var (_, addAgain) = await Click("vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = Alice.Id, ["role"] = "Alliance", ["organisation"] = "Ghana NGO", ["organisationType"] = "Ngo",
        });
        Assert.Contains("at least one facilitator", addAgain);
        Assert.Contains("stage.complete", (await Say("stage")).ToJsonString()); // Alice still manages the VPI
    }

    [Fact]
    public async Task Add_member_for_someone_on_the_roster_says_so_and_offers_to_change_their_role_or_organisation()
    {
        var vpiId = await SetUpVpi();
        await Channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");

        var (sent, _) = await Send(Teams.ChannelMessage("add member", Alice, TenantId, Bob));
        var edit = Valid(sent.Single().Card!);
        Assert.Contains("Bob Owusu is already a member (Review team, Ministry of Justice)", CardReading.Visible(edit));
        Assert.Equal("vpi.member.edit", edit["actions"]![0]!["verb"]!.GetValue<string>());
        Assert.Equal("Ministry of Justice", edit["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "organisation")!["value"]!.GetValue<string>());

        // a role and organisation type that do not agree are refused on the card, saying what is allowed
        var change = new JsonObject
        {
            ["vpiId"] = vpiId, ["member"] = Bob.AadObjectId, ["role"] = "Alliance", ["organisation"] = "Ghana Bar Association", ["organisationType"] = "Government",
        };
        var (mismatch, _) = await Click("vpi.member.edit", change);
        Assert.Contains("choose the organisation type NGO, Academia or Private sector", CardReading.Visible(mismatch));
        Assert.Contains("Ministry of Justice", await Roster());

        change["organisationType"] = "Ngo";
        var (saved, _) = await Click("vpi.member.edit", change);
        Assert.Contains("Bob Owusu's details were saved.", CardReading.Visible(saved));
        var roster = await Roster();
        Assert.Contains("Ghana Bar Association", roster);
        Assert.DoesNotContain("Ministry of Justice", roster);

        // "edit member @Bob" opens his card; "edit member" alone asks whom
        var (byMention, _) = await Send(Teams.ChannelMessage("edit member", Alice, TenantId, Bob));
        Assert.Contains("Bob Owusu", CardReading.Visible(byMention.Single().Card));
        var pick = await Say("edit member");
        var (picked, _) = await Click("vpi.member.pick", new JsonObject { ["vpiId"] = vpiId, ["member"] = Bob.AadObjectId });
        Assert.Equal("vpi.member.pick", pick["actions"]![0]!["verb"]!.GetValue<string>());
        Assert.Equal("Alliance", picked!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "role")!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_members_role_and_organisation_type_must_agree()
    {
        var vpiId = await SetUpVpi();
        var (card, _) = await Click("vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = Bob.Id, ["role"] = "ReviewTeam", ["organisation"] = "Ghana Anti-Trafficking Coalition", ["organisationType"] = "Ngo",
        });
        Assert.Contains("choose the organisation type Government", CardReading.Visible(card));
        Assert.Equal(Bob.Id, card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "person")!["value"]!.GetValue<string>()); // choices kept
        Assert.DoesNotContain("Bob Owusu", await Roster());
    }

    [Fact]
    public async Task The_roster_writes_each_organisation_once_with_its_people()
    {
        var vpiId = await SetUpVpi();
        await Channel.AddMember(vpiId, Bob, "Facilitator", "UNODC", "Unodc");
        await Channel.AddMember(vpiId, Chioma, "Facilitator", "unodc ", "Unodc");
        var roster = await Say("members");
        var runs = roster["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "RichTextBlock")
            .SelectMany(e => e!["inlines"]!.AsArray()).Select(r => r!["text"]!.GetValue<string>()).ToList();
        Assert.Single(runs, r => r.Equals("UNODC", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(runs, r => r.StartsWith("Alice Mensah, Bob Owusu, Chioma", StringComparison.Ordinal)); // one line of names
    }

    [Fact]
    public async Task Setup_offers_the_States_parties_by_their_UN_names_and_refuses_any_other_code()
    {
        var form = await Say("setup");
        var countries = form["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "country")!["choices"]!.AsArray()
            .ToDictionary(c => c!["value"]!.GetValue<string>(), c => c!["title"]!.GetValue<string>());
        Assert.Equal(197, countries.Count);
        Assert.Equal("Türkiye", countries["TR"]);
        Assert.Equal("State of Palestine", countries["PS"]);
        Assert.False(countries.ContainsKey("AQ"));
        Assert.False(countries.ContainsKey("BV"));

        var (refused, _) = await Click("vpi.setup", Inputs("AQ", "Untoc", "Prevention", "Medium"));
        Assert.Contains("Please choose a value", refused!.ToJsonString());
        Assert.Contains("There is no VPI", (await Say("members"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_required_input_says_what_to_do_and_every_button_is_a_Universal_Action()
    {
        var vpiId = await SetUpVpi();
        await Channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        var (edit, _) = await Click("vpi.member.pick", new JsonObject { ["vpiId"] = vpiId, ["member"] = Bob.AadObjectId });
        var (confirm, _) = await Click("vpi.member.remove", new JsonObject { ["vpiId"] = vpiId, ["member"] = Bob.AadObjectId });
        var cards = new List<JsonObject> { await Say("add member"), await Say("edit member"), await Say("remove member"), edit!, confirm! };
        await App.DisposeAsync();
        App = NewApp(); // a fresh channel for the setup card (this one has its VPI)
        var other = new TeamsActivities(Connector.BaseUrl, "19:vpi-other@thread.tacv2");
        var (sent, _) = await Send(other.ChannelMessage("setup"));
        cards.Add(sent.Single().Card!);

        foreach (var card in cards)
        {
            foreach (var input in card["body"]!.AsArray().Where(e => e!["isRequired"]?.GetValue<bool>() == true))
            {
                var error = input!["errorMessage"]?.GetValue<string>();
                Assert.False(string.IsNullOrWhiteSpace(error), $"{input["id"]} has no errorMessage");
                Assert.NotEqual(input["label"]!.GetValue<string>(), error);
                Assert.Matches("^(Choose|Type) ", error); // says what to do
            }
            Assert.All(card["actions"]!.AsArray(), a => Assert.Equal("Action.Execute", a!["type"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Two_roster_changes_checked_against_the_same_roster_cannot_both_land()
    {
        // Alice and Bob are the facilitators; each removes the other at the same moment: both checks see two facilitators
        var vpiId = await SetUpVpi();
        await Click("vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = Bob.Id, ["role"] = "Facilitator", ["organisation"] = "UNODC", ["organisationType"] = "Unodc",
        });
        var store = App.Services.GetRequiredService<VpiBot.Storage.VpiStore>();
        var read = (await store.GetAsync(vpiId, default))!; // both read the same version
        await store.ChangeRosterAsync(read, null, Bob.AadObjectId, default);
        await Assert.ThrowsAsync<VpiBot.Storage.Tables.ConcurrencyConflictException>(() => store.ChangeRosterAsync(read, null, Alice.AadObjectId, default));
        Assert.Contains("Alice Mensah", await Roster());

        // and through the bot, the loser's change is checked again against the roster as it now is
        var (_, refused) = await Click("vpi.member.remove", new JsonObject { ["vpiId"] = vpiId, ["member"] = Alice.AadObjectId });
        Assert.Contains("at least one facilitator", refused);
    }

    [Fact]
    public async Task A_facilitator_marks_the_next_stage_done_and_a_stale_card_changes_nothing()
    {
        var vpiId = await SetUpVpi();
        var stageCard = Valid(await Say("stage"));
        Assert.Equal("IdentifyStakeholders", stageCard["actions"]![0]!["data"]!["stage"]!.GetValue<string>());

        var (done, _) = await Click("vpi.stage.complete", new JsonObject { ["vpiId"] = vpiId, ["stage"] = "IdentifyStakeholders", ["date"] = "2026-11-20" });
        Assert.Contains("20 November 2026", done!.ToJsonString());
        Assert.Equal("GovernmentScoping", done["actions"]![0]!["data"]!["stage"]!.GetValue<string>());

        // the same old card clicked again: nothing changes, the card shows the truth
        var (stale, _) = await Click("vpi.stage.complete", new JsonObject { ["vpiId"] = vpiId, ["stage"] = "IdentifyStakeholders", ["date"] = "2026-11-21" });
        Assert.Contains("out of date", stale!.ToJsonString());
        Assert.DoesNotContain("21 November 2026", stale.ToJsonString());

        // a date after tomorrow (on the app's clock, pinned to 28 November 2026) is refused and marks nothing
        var (future, _) = await Click("vpi.stage.complete", new JsonObject { ["vpiId"] = vpiId, ["stage"] = "GovernmentScoping", ["date"] = "2026-11-30" });
        Assert.DoesNotContain("30 November 2026", future!.ToJsonString());
        Assert.Equal("GovernmentScoping", future["actions"]![0]!["data"]!["stage"]!.GetValue<string>()); // still the next one to do
        var (tomorrow, _) = await Click("vpi.stage.complete", new JsonObject { ["vpiId"] = vpiId, ["stage"] = "GovernmentScoping", ["date"] = "2026-11-29" });
        Assert.Contains("29 November 2026", tomorrow!.ToJsonString()); // east of UTC it may already be tomorrow

        // activity 2 was marked by mistake: undone with a reason, which the log keeps; only the last one can be undone
        var undo = new JsonObject { ["vpiId"] = vpiId, ["stage"] = "GovernmentScoping" };
        var (noReason, _) = await Click("vpi.stage.undo", undo);
        Assert.Contains("Say why", CardReading.Visible(noReason));
        Assert.Contains("29 November 2026", noReason!.ToJsonString()); // nothing changed
        undo["reason"] = "Marked by mistake: the scoping meeting was postponed.";
        var (undone, _) = await Click("vpi.stage.undo", undo);
        Assert.Contains("undid activity 2: Marked by mistake", CardReading.Visible(undone));
        Assert.Contains("marked activity 2 done on 29 November 2026", CardReading.Visible(undone)); // the mistake stays on record
        Assert.Equal("GovernmentScoping", undone!["actions"]![0]!["data"]!["stage"]!.GetValue<string>()); // next again
        var (notLast, _) = await Click("vpi.stage.undo", new JsonObject { ["vpiId"] = vpiId, ["stage"] = "LaunchMeeting", ["reason"] = "x" });
        Assert.Contains("out of date", CardReading.Visible(notLast));

        // someone who is not a facilitator sees the stages without the button
        var bobView = await Say("stage", Bob);
        Assert.Null(bobView["actions"]);
        Assert.Contains("20 November 2026", bobView.ToJsonString());
    }

    [Fact]
    public async Task The_checklist_offers_the_levels_components_and_saves_only_those()
    {
        var vpiId = await SetUpVpi(); // Medium: 5 + 3 components
        var menu = Valid(await Say("menu"));
        var checklist = menu["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "components")!;
        Assert.True(checklist["isMultiSelect"]!.GetValue<bool>());
        // 8 components at Medium; the alliance is also activity 6, so it follows the stage and is not ticked here
        Assert.Equal(7, checklist["choices"]!.AsArray().Count);
        Assert.Contains("National Civil Society Alliance established (activity 6", CardReading.Visible(menu));

        // a component of a higher level, or one that does not exist, is not saved
        var (saved, _) = await Click("vpi.menu.save", new JsonObject
        {
            ["vpiId"] = vpiId, ["components"] = "NationalPriorities,TaskForceGroups,AdvisoryBoard,Bogus,CivilSocietyAlliance",
        });
        Assert.Contains("2 of 8", saved!.ToJsonString());
        var ticked = saved["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "components")!["value"]!.GetValue<string>();
        Assert.Equal("NationalPriorities,TaskForceGroups", ticked); // the card shows what was saved
        var bobView = await Say("menu", Bob);
        Assert.DoesNotContain("Input.ChoiceSet", bobView.ToJsonString());
        var lines = bobView["body"]!.AsArray().Select(e => e!["text"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Contains(lines, l => l.StartsWith("✓ National priorities", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("○ Joint recommendations", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Advisory Board", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_VPI_survives_a_restart_of_the_app()
    {
        await SetUpVpi();
        await App.DisposeAsync();
        App = NewApp();
        var roster = await Roster();
        Assert.Contains("Alice Mensah", roster);
    }

    [Fact]
    public async Task A_member_of_one_VPI_can_neither_see_nor_change_another()
    {
        var ghana = await SetUpVpi();
        // Bob sets up a second VPI in another channel (he is configured as a facilitator by UPN)
        var other = new TeamsActivities(Connector.BaseUrl, "19:vpi-kenya@thread.tacv2");
        await using var app = new BotApp(new Dictionary<string, string?>(Storage)
        {
            ["Vpi:Facilitators:0"] = Alice.AadObjectId, ["Vpi:Facilitators:1"] = FakeConnector.Upn(Bob),
        });
        await app.PostAsync(other.ChannelMessage("setup", Bob));
        var created = await app.PostAsync(other.CardExecute("vpi.setup", Inputs("KE", "Firearms", "LawEnforcement", "High"), "c", Bob, inChannel: true));
        Assert.Contains("Kenya", await created.Content.ReadAsStringAsync());

        // Bob, facilitator of Kenya's VPI, clicks a Ghana card in Kenya's channel: refused, Ghana unchanged
        var tampered = await app.PostAsync(other.CardExecute("vpi.member.add", new JsonObject
        {
            ["vpiId"] = ghana, ["person"] = Chioma.Id, ["role"] = "Facilitator", ["organisation"] = "X", ["organisationType"] = "Ngo",
        }, "c", Bob, inChannel: true));
        Assert.Contains("does not belong", await tampered.Content.ReadAsStringAsync());
        // and in Ghana's channel he is nobody
        var (_, inGhana) = await Click("vpi.stage.complete", new JsonObject { ["vpiId"] = ghana, ["stage"] = "IdentifyStakeholders", ["date"] = "2026-11-01" }, Bob);
        Assert.Contains("not on this VPI's roster", inGhana);

        var ghanaRoster = await Roster();
        Assert.DoesNotContain("Chioma", ghanaRoster);
        Assert.DoesNotContain("Bob Owusu", ghanaRoster);
        Assert.DoesNotContain("1 November 2026", (await Say("stage")).ToJsonString());
    }

    [Fact]
    public async Task A_VPI_can_live_in_a_group_chat()
    {
        var (sent, _) = await Send(Teams.GroupChatMessage("setup"));
        Assert.Contains("\"id\":\"country\"", Valid(sent.Single().Card!).ToJsonString());
        var click = Teams.CardExecute("vpi.setup", Inputs("SN", "SmugglingOfMigrants", "InternationalCooperation", "Minimum"), "c");
        click["conversation"] = Teams.GroupChatMessage("x")["conversation"]!.DeepClone();
        var (_, answer) = await Send(click);
        Assert.Contains("Senegal", answer!.ToJsonString());
        var (members, _) = await Send(Teams.GroupChatMessage("members"));
        Assert.Contains("Alice Mensah", members.Single().Card!.ToJsonString());
    }

    [Fact]
    public async Task Help_and_the_manifest_list_the_new_commands()
    {
        var help = (await Say("help")).ToJsonString();
        foreach (var command in new[] { "setup", "members", "add member", "remove member", "stage", "menu" })
        {
            Assert.Contains($"\"title\":\"{command}\"", help);
        }
    }
}

public sealed class VpiSetupOnSqliteTests : VpiSetupTests
{
    protected override Dictionary<string, string?> Storage { get; } = StorageSettings.Sqlite();
}

[Collection(VpiBot.Tests.Storage.AzuriteCollection.Name)]
public sealed class VpiSetupOnAzuriteTests(VpiBot.Tests.Storage.AzuriteFixture azurite) : VpiSetupTests
{
    protected override Dictionary<string, string?> Storage { get; } = StorageSettings.Azurite(azurite);
}
