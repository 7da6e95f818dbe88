using System.Text.Json.Nodes;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>The harness itself: every input kind is filled as a person would, and Action.Submit is sent as Teams sends it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamsCardHarnessTests(TeamsCardHost host) : IAsyncLifetime
{
    private readonly FakeConnector _connector = new();
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        await _connector.StartAsync();
        _app = new BotApp();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private static JsonObject Input(string type, string id, string label, params (string Key, JsonNode Value)[] more)
    {
        var input = new JsonObject { ["type"] = type, ["id"] = id, ["label"] = label };
        foreach (var (key, value) in more)
        {
            input[key] = value;
        }
        return input;
    }

    private static JsonArray Choices(params string[] values) =>
        new(values.Select(v => (JsonNode)new JsonObject { ["title"] = "Option " + v, ["value"] = v }).ToArray());

    [Fact]
    public async Task Every_input_kind_is_filled_and_an_Action_Submit_becomes_a_message_with_the_data_and_inputs()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(
                Input("Input.Text", "title", "Title", ("isRequired", true), ("errorMessage", "Title")),
                Input("Input.Date", "due", "Due"),
                Input("Input.Toggle", "urgent", "Urgent", ("title", "Urgent")),
                Input("Input.ChoiceSet", "tags", "Tags", ("isMultiSelect", true), ("choices", Choices("a", "b", "c"))),
                Input("Input.Number", "count", "Count"),
                Input("Input.ChoiceSet", "size", "Size", ("style", "expanded"), ("value", "b"), ("choices", Choices("a", "b")))),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.Submit", ["title"] = "Save", ["data"] = new JsonObject { ["verb"] = "test.save", ["id"] = 7 },
            }),
        };
        var chat = new TeamsChat(_app, new TeamsActivities(_connector.BaseUrl), _connector, ChatKind.Personal);
        await using var view = await host.RenderAsync(card, Bob, chat, "card-9", step: "form");

        Assert.Contains("Option b", await view.TextAsync());
        Assert.Equal("b", await view.ValueAsync("size")); // reading the text changes nothing
        Assert.True((await view.ClickAsync("Save")).Stopped); // the title is required

        await view.FillAsync("title", "Workshop");
        await view.FillAsync("due", "2026-12-01");
        await view.FillAsync("urgent", "true");
        await view.FillAsync("tags", "a,c");
        await view.FillAsync("count", "3");
        var click = await view.ClickAsync("Save");

        var sent = click.Sent!;
        Assert.Equal("message", sent["type"]!.GetValue<string>());
        Assert.Equal("card-9", sent["replyToId"]!.GetValue<string>());
        Assert.Equal(Bob.Id, sent["from"]!["id"]!.GetValue<string>());
        Assert.Equal("personal", sent["conversation"]!["conversationType"]!.GetValue<string>());
        var value = sent["value"]!;
        Assert.Equal("test.save", value["verb"]!.GetValue<string>());
        Assert.Equal(7, value["id"]!.GetValue<int>());
        Assert.Equal("Workshop", value["title"]!.GetValue<string>());
        Assert.Equal("2026-12-01", value["due"]!.GetValue<string>());
        Assert.Equal("true", value["urgent"]!.GetValue<string>());
        Assert.Equal("a,c", value["tags"]!.GetValue<string>());
        Assert.Equal("3", value["count"]!.GetValue<string>());
        Assert.Equal("b", value["size"]!.GetValue<string>());
        // the bot knows no "test.save": it says so in the chat
        Assert.NotNull(Assert.Single(click.Posted).Text);
    }
}
