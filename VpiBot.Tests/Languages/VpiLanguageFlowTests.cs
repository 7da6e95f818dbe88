using System.Text.Json.Nodes;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Languages;

/// <summary>
/// The VPI's language (its channel cards): chosen at setup among the six, prefilled with the facilitator's own; asked once
/// of the facilitators of a VPI set up before; every card for an Arabic reader right to left; help in the reader's words.
/// </summary>
public sealed class VpiLanguageFlowTests : BotTest
{

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    private VpiStore Store => App.Services.GetRequiredService<VpiStore>();

    private static JsonObject In(JsonObject activity, string locale)
    {
        activity["locale"] = locale;
        return activity;
    }

    /// <summary>The one card the bot answered the message with (a reply to it).</summary>
    private async Task<(JsonObject Answer, ConnectorCall[] Others)> SayIn(string locale, string text, User? from = null)
    {
        var message = In(Teams.ChannelMessage(text, from), locale);
        var (sent, _) = await Channel.Send(message);
        var reply = Assert.Single(sent, c => c.RawPath.EndsWith("/activities/" + message["id"]!.GetValue<string>(), StringComparison.Ordinal));
        return (reply.Card is { } card ? VpiChannel.Valid(card) : new JsonObject { ["text"] = reply.Text }, sent.Except([reply]).ToArray());
    }

    private static JsonObject LanguageInput(JsonNode card) =>
        card["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "language")!.AsObject();

    private async Task<string?> StoredLanguage(string vpiId) => (await Store.GetAsync(vpiId, default))!.Vpi.Language;

    private async Task<string> OlderVpi()
    {
        var vpiId = await Channel.SetUpVpi();
        var read = (await Store.GetAsync(vpiId, default))!;
        await Store.UpdateAsync(read, read.Vpi with { Language = null }, default); // as set up before the language was asked
        return vpiId;
    }

    /// <summary>The card asking the VPI's language, in whatever language it was posted: it is the one with its Save.</summary>
    private static bool IsAsk(ConnectorCall call) => call.Card is { } card && CardReading.ExecuteButtons(card).Any(b => b["verb"]?.GetValue<string>() == "vpi.language");

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("ar-SA", "ar")]
    [InlineData("zh-TW", "zh-Hans")]
    [InlineData("de-DE", "en")]
    public async Task Setup_offers_the_six_languages_by_their_own_names_prefilled_with_the_facilitators(string locale, string prefilled)
    {
        var (form, _) = await SayIn(locale, "setup");
        var input = LanguageInput(form);
        Assert.True(input["isRequired"]!.GetValue<bool>());
        Assert.Equal(prefilled, input["value"]!.GetValue<string>());
        Assert.Equal(["ar", "zh-Hans", "en", "fr", "ru", "es"], input["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal(["العربية", "中文", "English", "Français", "Русский", "Español"], input["choices"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Setup_without_a_language_creates_nothing_and_keeps_what_was_chosen_and_with_one_saves_it()
    {
        await Channel.Say("setup");
        var inputs = VpiChannel.SetupInputs("GH", "Untoc", "Prevention", "Medium");
        inputs.Remove("language");
        var (again, _) = await Channel.Click("vpi.setup", inputs);
        Assert.Contains("Choose the language of the cards posted in the channel.", CardReading.Visible(again));
        Assert.Contains("\"value\":\"GH\"", again!.ToJsonString()); // the country chosen is kept
        Assert.Null(await Store.FindByConversationAsync(ChannelConversationId, default));

        inputs["language"] = "klingon";
        Assert.Null((await Channel.Click("vpi.setup", inputs)).Card!["body"]!.AsArray().FirstOrDefault(e => CardReading.Visible(e).Contains("Ghana")
            && CardReading.Visible(e).Contains("set up")));
        Assert.Null(await Store.FindByConversationAsync(ChannelConversationId, default));

        inputs["language"] = "ar";
        var (summary, _) = await Channel.Click("vpi.setup", inputs);
        Assert.Contains("Ghana", CardReading.Visible(summary));
        Assert.Equal("ar", (await Store.FindByConversationAsync(ChannelConversationId, default))!.Vpi.Language);
    }

    [Fact]
    public async Task Every_card_for_an_Arabic_reader_is_right_to_left_and_no_other_readers_card_is()
    {
        var vpiId = await Channel.SetUpVpi();
        var (arabic, _) = await SayIn("ar-SA", "members");
        Assert.True(arabic["rtl"]!.GetValue<bool>());
        var (english, _) = await SayIn("en-US", "members");
        Assert.Null(english["rtl"]);
        var (french, _) = await SayIn("fr-FR", "members");
        Assert.Null(french["rtl"]);

        // a card returned to a click (the invoke's answer, or a refreshed view) follows the clicker's language
        var click = In(Teams.CardExecute("vpi.language", new JsonObject { ["vpiId"] = vpiId, ["language"] = "xx" }, "card-1", inChannel: true), "ar-EG");
        var (_, answer) = await Channel.Send(click);
        Assert.True(answer!["value"]!["rtl"]!.GetValue<bool>());
        VpiChannel.Valid(answer["value"]!.AsObject());
    }

    [Fact]
    public async Task Help_lists_the_commands_as_the_reader_types_them()
    {
        var (help, _) = await SayIn("ar-SA", "help");
        Assert.True(help["rtl"]!.GetValue<bool>());
        var facts = help["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(f => f!["facts"]!.AsArray()).Select(f => f!["title"]!.GetValue<string>()).ToList();
        var table = App.Services.GetRequiredService<VpiBot.Protocol.Routing.RouteTable>();
        var arabic = VpiBot.Protocol.Languages.For("ar-SA");
        // each command by its Arabic words, with the English name in brackets where they differ (English until translated)
        Assert.Equal(table.Commands.Select(c => c.WordsIn(arabic) == c.Name ? c.Name : $"\u2068{c.WordsIn(arabic)}\u2069 (\u2068{c.Name}\u2069)").Order(), facts.Order());
        Assert.Contains("\u2068مهامي\u2069 (\u2068my tasks\u2069)", facts); // Arabic words, the English name kept in order beside them
    }

    [Fact]
    public async Task A_VPI_set_up_before_is_asked_its_language_once_by_the_first_facilitator_who_types_a_command()
    {
        var vpiId = await OlderVpi();
        await Channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");

        var (_, toBob) = await SayIn("en-US", "status", Bob);
        Assert.DoesNotContain(toBob, IsAsk); // not a facilitator: not theirs to choose

        var (answer, others) = await SayIn("fr-FR", "status");
        var ask = Assert.Single(others, IsAsk); // posted in the conversation before the answer, which follows as usual
        Assert.Contains("Ghana", CardReading.Visible(answer));
        Assert.Equal("fr", LanguageInput(ask.Card!)["value"]!.GetValue<string>()); // prefilled with the facilitator's language
        var save = ask.Card!["actions"]![0]!.AsObject();
        Assert.Equal("vpi.language", save["verb"]!.GetValue<string>());

        var (_, later) = await SayIn("en-US", "status");
        Assert.DoesNotContain(later, IsAsk); // once per VPI, not every command
        Assert.Null(await StoredLanguage(vpiId));
    }

    [Fact]
    public async Task Two_facilitators_typing_at_once_in_an_older_VPI_are_asked_once()
    {
        var vpiId = await OlderVpi();
        await Channel.AddMember(vpiId, Bob, "Facilitator", "UNODC", "Unodc");
        await Task.WhenAll(Task.Run(() => SayIn("en-US", "members")), Task.Run(() => SayIn("en-US", "members", Bob)));
        Assert.Single(Connector.Calls, IsAsk);
    }

    [Fact]
    public async Task A_facilitator_saves_the_language_and_only_a_facilitator_can()
    {
        var vpiId = await OlderVpi();
        await Channel.AddMember(vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");

        var (refused, message) = await Channel.Click("vpi.language", new JsonObject { ["vpiId"] = vpiId, ["language"] = "fr" }, Bob);
        Assert.Null(refused);
        Assert.NotNull(message);
        Assert.Null(await StoredLanguage(vpiId));

        var (unknown, _) = await Channel.Click("vpi.language", new JsonObject { ["vpiId"] = vpiId, ["language"] = "xx" });
        Assert.Contains("Choose the language of the cards posted in the channel.", CardReading.Visible(unknown));
        Assert.Null(await StoredLanguage(vpiId));

        var (saved, _) = await Channel.Click("vpi.language", new JsonObject { ["vpiId"] = vpiId, ["language"] = "ru" });
        Assert.Contains("The channel's cards are now posted in Русский.", CardReading.Visible(saved));
        Assert.Equal("ru", await StoredLanguage(vpiId));
        Assert.Equal("ru", LanguageInput(saved!)["value"]!.GetValue<string>());
    }
}
