using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Storage;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Features;

/// <summary>What a person sees when they install VpiBot and ask it for help.</summary>
public sealed class WelcomeAndHelpTests : BotTest
{
    [Fact]
    public async Task Installing_personally_posts_one_welcome_card_although_Teams_sends_two_activities()
    {
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(Teams.InstalledPersonally())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(Teams.BotAddedPersonally())).StatusCode);

        var call = Assert.Single(Connector.Calls);
        Assert.Equal("POST", call.Method);
        CardAssert.ValidAdaptiveCard(call.Card!);
        Assert.Contains("VpiBot", call.Card!.ToJsonString());
    }

    [Fact]
    public async Task The_Playground_install_sequence_gets_one_welcome()
    {
        await App.PostAsync(Teams.Sample("personal-installationupdate-add.json"));
        await App.PostAsync(Teams.Sample("personal-conversationupdate-membersadded.json"));
        var call = Assert.Single(Connector.Calls);
        Assert.StartsWith("/v3/conversations/demo-conv/activities", call.RawPath);
        CardAssert.ValidAdaptiveCard(call.Card!);
    }

    [Fact]
    public async Task Installing_in_a_team_welcomes_the_channel_and_remembers_it()
    {
        await App.PostAsync(Teams.InstalledInTeam());
        var call = Assert.Single(Connector.Calls);
        Assert.StartsWith("/v3/conversations/" + Uri.EscapeDataString(TeamsActivities.ChannelConversationId) + "/activities", call.RawPath);
        CardAssert.ValidAdaptiveCard(call.Card!);

        var stored = await App.Services.GetRequiredService<IConversationReferenceStore>().FindAsync(TeamsActivities.ChannelConversationId, default);
        Assert.NotNull(stored);
        Assert.Equal(Connector.BaseUrl, stored.ServiceUrl);
        Assert.Equal(TeamsActivities.TeamId, stored.TeamId);
        Assert.Equal(TeamsActivities.TenantId, stored.TenantId);
    }

    [Fact]
    public async Task Reinstalling_after_removal_welcomes_again()
    {
        await App.PostAsync(Teams.InstalledPersonally());
        var removed = Teams.InstalledPersonally();
        removed["action"] = "remove";
        await App.PostAsync(removed);
        await App.PostAsync(Teams.InstalledPersonally());
        Assert.Equal(2, Connector.Calls.Count(c => c.Card is not null));
    }

    [Fact]
    public async Task References_and_the_welcome_survive_a_restart()
    {
        var db = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = TempSqlite.NewPath() };
        await using (var first = new BotApp(db))
        {
            await first.PostAsync(Teams.InstalledPersonally(TeamsActivities.Bob));
        }
        await using var second = new BotApp(db);
        await second.PostAsync(Teams.BotAddedPersonally(TeamsActivities.Bob)); // Teams' second install activity, after a restart
        Assert.Single(Connector.Calls, c => c.Card is not null);
        var stored = await second.Services.GetRequiredService<IConversationReferenceStore>().FindPersonalAsync(TeamsActivities.Bob.AadObjectId, default);
        Assert.Equal(Connector.BaseUrl, stored?.ServiceUrl);
    }

    [Fact]
    public async Task A_personal_chat_is_remembered_for_proactive_messages()
    {
        await App.PostAsync(Teams.PersonalMessage("help", TeamsActivities.Bob));
        var stored = await App.Services.GetRequiredService<IConversationReferenceStore>()
            .FindPersonalAsync(TeamsActivities.Bob.AadObjectId, default);
        Assert.NotNull(stored);
        Assert.Equal(TeamsActivities.Bob.Id, stored.UserId);
        Assert.Equal(TeamsActivities.BotId, stored.BotId);
    }

    public static TheoryData<string> Places() => new() { "personal", "group", "channel" };

    [Theory]
    [MemberData(nameof(Places))]
    public async Task Help_answers_with_a_card_listing_the_commands_in_every_kind_of_chat(string place)
    {
        var activity = place switch
        {
            "personal" => Teams.PersonalMessage("Help"),
            "group" => Teams.GroupChatMessage("help"),
            _ => Teams.ChannelMessage("help"),
        };
        await App.PostAsync(activity);
        var call = Assert.Single(Connector.Calls);
        // a reply to the user's message, so channel threads stay together
        Assert.EndsWith("/activities/" + activity["id"]!.GetValue<string>(), call.RawPath);
        Assert.Equal(activity["conversation"]!["id"]!.GetValue<string>(), call.Json!["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsActivities.BotId, call.Json!["from"]!["id"]!.GetValue<string>());
        CardAssert.ValidAdaptiveCard(call.Card!);
        var facts = call.Card!["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray();
        Assert.Contains(facts, f => f!["title"]!.GetValue<string>() == "help");
    }

    [Fact]
    public async Task The_welcome_cards_button_runs_help_as_if_the_user_typed_it()
    {
        await App.PostAsync(Teams.InstalledPersonally());
        var button = Connector.Calls.Single().Card!["actions"]![0]!;
        Assert.Equal("Action.Execute", button["type"]!.GetValue<string>()); // not messageBack: some clients' renderers fail on it

        // what Teams then sends: an adaptiveCard/action invoke; the help card is posted as a new message, the welcome stays
        var response = await App.PostAsync(Teams.CardExecute(button["verb"]!.GetValue<string>(), button["data"]!.AsObject(), "welcome-1"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        var posted = Connector.Calls.Last();
        Assert.Contains("VpiBot commands", posted.Card!.ToJsonString());
        Assert.False(posted.Json!.AsObject().ContainsKey("replyToId")); // a new message, not a reply to the invoke

        // a button naming something that is not a command (or a command with arguments) is refused
        var bad = await App.PostAsync(Teams.CardExecute("vpi.command", new JsonObject { ["command"] = "remove member everyone" }, "welcome-1"));
        Assert.Equal(400, JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["statusCode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("what is this")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[click](https://evil.example.com)")]
    public async Task An_unknown_command_gets_a_polite_answer_that_does_not_echo_the_input(string typed)
    {
        await App.PostAsync(Teams.PersonalMessage(typed));
        var call = Assert.Single(Connector.Calls);
        Assert.Contains("help", call.Text);
        Assert.DoesNotContain(typed, call.Text);
    }

    [Fact]
    public async Task A_card_submit_from_an_old_card_is_answered_not_ignored()
    {
        await App.PostAsync(Teams.CardSubmit(new JsonObject { ["verb"] = "retiredVerb" }, "card-42"));
        var call = Assert.Single(Connector.Calls);
        Assert.False(string.IsNullOrWhiteSpace(call.Text));
    }
}
