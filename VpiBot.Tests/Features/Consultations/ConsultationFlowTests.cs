using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Features.Consultations;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Consultations;

/// <summary>
/// Consultations end to end in Ghana's VPI (Accra: UTC all year) under a fake clock: Alice facilitates; Bob and Dave are
/// the review team; Chioma (an NGO) and Femi (a university) the alliance. Opened, answered 1:1 and changed, read by the
/// review team by organisation, reminded once, closed at the deadline.
/// </summary>
public sealed class ConsultationFlowTests : BotTest, IAsyncLifetime
{
    private static readonly User Femi = VpiBot.Tests.Features.Ballots.BallotTestBed.Femi;

    // Monday 1 March 2027, 09:00 in Accra
    private readonly RunningFakeClock _clock = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private string _vpiId = "";

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Dave, Femi];

    protected override BotApp CreateApp() => new(
        new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId, ["Consultations:CheckInterval"] = "00:00:05" },
        services: s => s.AddSingleton<TimeProvider>(_clock));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _clock.DisposeAsync();
    }

    private ConsultationStore Store => App.Services.GetRequiredService<ConsultationStore>();

    private async Task SetUp()
    {
        _vpiId = await Channel.SetUpVpi(); // Trafficking in Persons Protocol, cluster 2
        await Channel.AddMember(_vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await Channel.AddMember(_vpiId, Dave, "ReviewTeam", "Ministry of the Interior", "Government");
        await Channel.AddMember(_vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        await Channel.AddMember(_vpiId, Femi, "Alliance", "University of Ghana", "Academia");
        foreach (var who in new[] { Alice, Bob, Chioma, Dave, Femi })
        {
            await Channel.Send(Teams.PersonalMessage("help", who)); // each has a 1:1 chat with the bot, which 1:1 cards use
        }
        await Channel.Delivered();
    }

    private JsonObject Form(string title, string questions, string articles = "", string date = "2027-03-11", string time = "17:00", string consulted = "") => new()
    {
        ["vpiId"] = _vpiId, ["title"] = title, ["questions"] = questions, ["articles"] = articles, ["deadlineDate"] = date, ["deadlineTime"] = time, ["consulted"] = consulted,
    };

    /// <summary>Alice opens a consultation; returns her answer.</summary>
    private async Task<JsonObject> Open(JsonObject form)
    {
        var (card, message) = await Channel.Click("consultation.open", form, Alice);
        Assert.True(card is not null, message);
        Assert.Contains("is open", Visible(card));
        return card;
    }

    private static string PersonalChat(User u) => Uri.EscapeDataString("a:1personal-" + u.AadObjectId);

    /// <summary>The consultation cards sent 1:1 to <paramref name="who"/> so far (not the answers to their "help").</summary>
    private List<JsonObject> Sent1to1(User who) => [.. Connector.Calls
        .Where(c => c.Method == "POST" && c.RawPath.Contains(PersonalChat(who), StringComparison.Ordinal) && c.Card is not null)
        .Where(c => ExecuteButtons(c.Card).Any(b => b["verb"]!.GetValue<string>().StartsWith("consultation.", StringComparison.Ordinal)))
        .Select(c => VpiChannel.Valid(c.Card!))];

    private List<JsonObject> Posted() => [.. Connector.Calls
        .Where(c => c.Method == "POST" && c.RawPath.Contains(Uri.EscapeDataString(ChannelConversationId), StringComparison.Ordinal) && c.Card is not null).Select(c => c.Card!)];

    /// <summary>Clicks a Save button of an answer card with what is typed in its inputs (a1…), in the clicker's 1:1 chat.</summary>
    private async Task<(JsonObject? Card, string? Message)> Save(JsonObject card, User who, int button = 0, params string[] typed)
    {
        var data = ButtonData(card, SaveConsultationAnswers.Verb, button);
        for (var i = 0; i < typed.Length; i++)
        {
            data[SaveConsultationAnswers.InputId(i)] = typed[i];
        }
        return await Channel.Click(SaveConsultationAnswers.Verb, data, who, personal: true);
    }

    private static async Task Until(Func<bool> done, int timeoutMs = 30_000) // a bound on waiting, not a timing assertion
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException("The bot did not do it in time.");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>The texts of every TextBlock (which Teams renders as markdown) on a card.</summary>
    private static IEnumerable<string> TextBlocks(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o => o.SelectMany(p => TextBlocks(p.Value)),
        JsonArray a => a.SelectMany(TextBlocks),
        _ => [],
    };

    private void To(DateTimeOffset at) => _clock.Advance(at - _clock.GetUtcNow());

    [Fact]
    public async Task Opened_the_alliance_answers_1to1_comes_back_to_edit_and_the_review_team_reads_the_inputs_by_organisation()
    {
        await SetUp();
        var form = await Channel.Say("open consultation");
        var articles = form.ToJsonString(VpiBot.Protocol.BotJson.Options);
        Assert.Contains("Article 6: Assistance to and protection of victims of trafficking in persons", articles); // the cluster's articles
        Assert.DoesNotContain("Article 5: Criminalization", articles); // cluster 1's are not offered

        await Open(Form("Questionnaire, cluster 2", "Which shelters exist for victims?\n\nWhat training do labour inspectors get?", articles: "9,6"));
        await Channel.Delivered();
        Assert.Single(Sent1to1(Chioma));
        Assert.Single(Sent1to1(Femi));
        Assert.Empty(Sent1to1(Bob)); // the alliance only, by default
        Assert.Empty(Sent1to1(Dave));
        Assert.Empty(Sent1to1(Alice));
        var announced = Assert.Single(Posted(), p => Visible(p).Contains("C1: Questionnaire, cluster 2", StringComparison.Ordinal));
        Assert.Contains("0 of 2", Visible(announced));

        var card = Sent1to1(Chioma)[0];
        var text = Visible(card);
        Assert.True(text.IndexOf("Article 6 of the", StringComparison.Ordinal) < text.IndexOf("Article 9 of the", StringComparison.Ordinal)); // articles in order
        Assert.Contains("4. What training do labour inspectors get?", text);
        Assert.Single(ExecuteButtons(card), b => b["verb"]!.GetValue<string>() == SaveConsultationAnswers.Verb); // four questions: one page, one Save

        var markdown = "**Yes**, see [the act](https://evil.example.com) <at>Bob</at>";
        var (saved, refused) = await Save(card, Chioma, 0, markdown, "Two shelters, in Accra and Tamale.", "", "None yet.");
        Assert.True(saved is not null, refused);
        Assert.Contains("Saved.", Visible(saved));
        Assert.Contains("Saved at {{DATE(2027-03-01T", Visible(saved));
        // typed text is a text run, never markdown a TextBlock would render
        Assert.DoesNotContain(TextBlocks(saved), t => t.Contains("evil.example.com", StringComparison.Ordinal));

        // the channel's card counts her as answered (updated in place); editing her answers later changes no count, so no update
        await Channel.Delivered();
        var updates = Connector.Calls.Where(c => c.Method == "PUT" && c.RawPath.Contains(Uri.EscapeDataString(ChannelConversationId), StringComparison.Ordinal)).ToList();
        Assert.Contains("1 of 2", Visible(Assert.Single(updates).Card!));

        // she comes back later from the card's Open button, and changes an answer
        var (again, _) = await Channel.Click("consultation.view", new JsonObject { ["vpiId"] = _vpiId, ["number"] = 1, ["page"] = 1, ["own"] = true }, Chioma, personal: true);
        Assert.Equal(markdown, Inputs(again)["a1"]!.GetValue<string>());
        Assert.Equal("Two shelters, in Accra and Tamale.", Inputs(again)["a2"]!.GetValue<string>());
        var (edited, _) = await Save(again!, Chioma, 0, markdown, "Three shelters now.", "", "None yet.");
        Assert.Contains("Three shelters now.", Inputs(edited)["a2"]!.GetValue<string>());
        var stored = (await Store.GetAnswerAsync(_vpiId, 1, Chioma.AadObjectId, default))!.Item;
        Assert.Equal([markdown, "Three shelters now.", "", "None yet."], stored.Answers);
        Assert.Equal(("Ghana Anti-Trafficking Coalition", OrganisationType.Ngo), (stored.Organisation, stored.OrganisationType));

        await Channel.Delivered();
        Assert.Single(Connector.Calls, c => c.Method == "PUT" && c.RawPath.Contains(Uri.EscapeDataString(ChannelConversationId), StringComparison.Ordinal));

        // the review team reads every input, by question, with the organisation that gave it
        var inputs = Visible(await Channel.Say("consultation 1", Bob));
        Assert.Contains("Ghana Anti-Trafficking Coalition (NGO)", inputs);
        Assert.Contains("Three shelters now.", inputs);
        Assert.DoesNotContain("Two shelters", inputs);
        Assert.Contains("Inputs: 3 · organisations: 1 · answered: 1 of the 2 consulted.", inputs);
        Assert.True(inputs.IndexOf("Three shelters now.", StringComparison.Ordinal) < inputs.IndexOf("3. Which shelters", StringComparison.Ordinal)); // under question 2

        // Femi (the alliance) sees his own answer card, never Chioma's answers, however he asks
        var femis = await Channel.Say("consultation C1", Femi);
        Assert.Contains("\"id\":\"a1\"", femis.ToJsonString());
        Assert.DoesNotContain("Three shelters", femis.ToJsonString());
        var (viewed, _) = await Channel.Click("consultation.view", new JsonObject { ["vpiId"] = _vpiId, ["number"] = 1, ["page"] = 1, ["own"] = false }, Femi);
        Assert.DoesNotContain("Three shelters", viewed!.ToJsonString());

        var list = Visible(await Channel.Say("consultations", Femi));
        Assert.Contains("Open · 1 of 2 answered", list);
    }

    [Fact]
    public async Task Someone_not_consulted_is_refused_and_an_answer_over_the_limit_is_refused_with_nothing_stored()
    {
        await SetUp();
        await Open(Form("Chosen members only", "Is article 9 implemented?", consulted: Chioma.AadObjectId));
        await Channel.Delivered();
        Assert.Single(Sent1to1(Chioma));
        Assert.Empty(Sent1to1(Femi)); // not chosen

        var chiomas = Sent1to1(Chioma)[0];
        var (card, refused) = await Save(chiomas, Femi, 0, "Forwarded to me, answering anyway"); // a forwarded card
        Assert.Null(card);
        Assert.Contains("not among those consulted", refused);
        Assert.Null(await Store.GetAnswerAsync(_vpiId, 1, Femi.AadObjectId, default));
        var (notMine, _) = await Channel.Click("consultation.view", new JsonObject { ["vpiId"] = _vpiId, ["number"] = 1, ["page"] = 1, ["own"] = true }, Femi, personal: true);
        Assert.Null(notMine);

        var huge = new string('x', 100 * 1024);
        var (tooLong, said) = await Save(chiomas, Chioma, 0, huge);
        Assert.Null(tooLong); // the card is left as it is in Teams: the text stays on it
        Assert.Contains($"at most {ConsultationRules.MaxAnswer} characters; it has {huge.Length}", said);
        Assert.Contains("Nothing was saved", said);
        Assert.Null(await Store.GetAnswerAsync(_vpiId, 1, Chioma.AadObjectId, default));
    }

    [Fact]
    public async Task The_form_names_every_problem_and_keeps_what_was_typed()
    {
        await SetUp();
        var (card, _) = await Channel.Click("consultation.open",
            Form(new string('T', 250), string.Join("\n", Enumerable.Range(1, 21).Select(i => $"Question {i}?")), articles: "5", date: "2027-02-27"), Alice);
        var text = Visible(card);
        Assert.Contains("at most 200 characters; it has 250", text);
        Assert.Contains("not one of the cluster under review", text);
        Assert.Contains("at most 20 questions; this one asks 21", text);
        Assert.Contains("at least 30 minutes from now", text);
        var typed = Inputs(card);
        Assert.Equal(new string('T', 200), typed["title"]!.GetValue<string>());
        Assert.Contains("Question 21?", typed["questions"]!.GetValue<string>());
        Assert.Empty(await Store.ListAsync(_vpiId, default));
        // a reviewer cannot open one
        var (none, refusal) = await Channel.Click("consultation.open", Form("Mine", "Q?"), Bob);
        Assert.Null(none);
        Assert.NotNull(refusal);
    }

    [Fact]
    public async Task The_reminder_goes_once_to_those_who_have_not_answered_even_with_rounds_at_once()
    {
        await SetUp();
        await Open(Form("Reminded", "Q1?\nQ2?", date: "2027-03-11", time: "09:00"));
        await Channel.Delivered();
        var (saved, _) = await Save(Sent1to1(Chioma)[0], Chioma, 0, "Answered", "");
        Assert.NotNull(saved);

        var rounds = App.Services.GetRequiredService<ConsultationRounds>();
        To(new DateTimeOffset(2027, 3, 9, 8, 59, 0, TimeSpan.Zero)); // a minute before: 48 hours before the deadline
        await rounds.RunOnceAsync(default);
        await Channel.Delivered();
        Assert.Single(Sent1to1(Femi));

        To(new DateTimeOffset(2027, 3, 9, 9, 0, 0, TimeSpan.Zero));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => rounds.RunOnceAsync(default)))); // with the hosted round too
        await Until(() => Sent1to1(Femi).Count == 2);
        await Task.Delay(1500); // several more rounds (5 s of fake time each)
        await rounds.RunOnceAsync(default);
        await Channel.Delivered();
        var reminders = Sent1to1(Femi).Skip(1).ToList();
        Assert.Single(reminders);
        Assert.Contains("have not answered yet", Visible(reminders[0]));
        Assert.True(ButtonData(reminders[0], "consultation.view")["own"]!.GetValue<bool>()); // opens her own answer card
        Assert.Single(Sent1to1(Chioma)); // she answered: no reminder
    }

    [Fact]
    public async Task At_the_deadline_it_closes_once_tells_the_channel_and_a_save_after_is_refused_with_nothing_lost()
    {
        await SetUp();
        await Open(Form("Closing", "Q1?\nQ2?", date: "2027-03-02", time: "09:00"));
        await Channel.Delivered();
        var femis = Sent1to1(Femi)[0];
        await Save(Sent1to1(Chioma)[0], Chioma, 0, "Yes", "No");
        await Save(femis, Femi, 0, "Partly", "");

        To(new DateTimeOffset(2027, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await Until(() => Posted().Any(p => Visible(p).Contains("closed at its deadline", StringComparison.Ordinal)));
        await Task.Delay(1500);
        await App.Services.GetRequiredService<ConsultationRounds>().RunOnceAsync(default);
        await Channel.Delivered();
        var closed = Assert.Single(Posted(), p => Visible(p).Contains("closed at its deadline", StringComparison.Ordinal));
        Assert.Contains("Inputs received: 3. Organisations that answered: 2.", Visible(closed));

        var (card, refused) = await Save(femis, Femi, 0, "Changed my mind", "Added late");
        Assert.Null(card); // the card stays in Teams with what he typed
        Assert.Contains("answers can no longer change. Nothing was saved; your text is still on the card", refused);
        Assert.Equal(["Partly", ""], (await Store.GetAnswerAsync(_vpiId, 1, Femi.AadObjectId, default))!.Item.Answers);

        var annex = Assert.Single(await Store.AnnexAsync(_vpiId, default));
        Assert.Equal(new DateTimeOffset(2027, 3, 2, 9, 0, 0, TimeSpan.Zero), annex.ClosedAt);
        Assert.Equal(["Ghana Anti-Trafficking Coalition", "University of Ghana"], annex.Questions[0].Inputs.Select(i => i.Organisation));
        Assert.Equal([new AnnexInput("Ghana Anti-Trafficking Coalition", OrganisationType.Ngo, "No")], annex.Questions[1].Inputs);
    }

    [Fact]
    public async Task A_facilitator_closes_early_after_confirming_once_and_answers_stop()
    {
        await SetUp();
        await Open(Form("Early", "Q1?"));
        await Channel.Delivered();
        var confirm = await Channel.Say("close consultation 1");
        Assert.Contains("Close this consultation now? 0 of the 2 consulted answered.", Visible(confirm));
        Assert.Equal(ConsultationStatus.Open, (await Store.GetAsync(_vpiId, 1, default))!.Item.Status); // asking closes nothing

        var data = ButtonData(confirm, "consultation.close");
        var clicks = await Task.WhenAll(Channel.Click("consultation.close", data, Alice), Channel.Click("consultation.close", data, Alice));
        Assert.Single(clicks, c => c.Card is not null);
        Assert.Single(clicks, c => c.Message?.Contains("closed already", StringComparison.Ordinal) == true);
        await Channel.Delivered();
        Assert.Single(Posted(), p => Visible(p).Contains("This consultation was closed early. Inputs received: 0.", StringComparison.Ordinal));
        var (card, refused) = await Save(Sent1to1(Chioma)[0], Chioma, 0, "Too late");
        Assert.Null(card);
        Assert.Contains("This consultation is closed", refused);
        var (_, notAllowed) = await Channel.Click("consultation.close", data, Bob);
        Assert.NotNull(notAllowed);
    }

    [Fact]
    public async Task Two_devices_saving_two_pages_at_once_keep_both_and_the_same_page_says_it_was_saved_over()
    {
        await SetUp();
        await Open(Form("Long", string.Join("\n", Enumerable.Range(1, 7).Select(i => $"Question {i}?")), consulted: Chioma.AadObjectId));
        await Channel.Delivered();
        var first = Sent1to1(Chioma)[0];
        Assert.Contains("Page 1 of 2.", Visible(first));
        var (second, _) = await Save(first, Chioma, 1, "1", "2", "3", "4", "5"); // "Save and go to the next questions"
        Assert.Contains("Page 2 of 2.", Visible(second));
        Assert.Contains("6. Question 6?", Visible(second));

        // the phone saves page 1 while the laptop saves page 2: both are kept
        var saves = await Task.WhenAll(Save(first, Chioma, 0, "one", "two", "three", "four", "five"), Save(second!, Chioma, 0, "six", "seven"));
        Assert.All(saves, s => Assert.True(s.Card is not null, s.Message));
        Assert.Equal(["one", "two", "three", "four", "five", "six", "seven"], (await Store.GetAnswerAsync(_vpiId, 1, Chioma.AadObjectId, default))!.Item.Answers);
        // a card older than the last save says its page was saved over what the other device had saved
        var (stale, _) = await Save(first, Chioma, 0, "uno", "dos", "tres", "cuatro", "cinco");
        Assert.Contains("also been saved from another device", Visible(stale));
    }
}
