using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// Activities no Teams client sends, each found by fuzzing: every one is a 400 before anything of it is used or
/// stored (no reply, no stored conversation), never a 500.
/// </summary>
public sealed class HostileActivityTests : BotTest
{
    private static readonly string LongId = new('x', 600);

    public static TheoryData<string, string> Hostile() => new()
    {
        // a lone UTF-16 surrogate, written as JSON allows (.NET refuses to make it a string)
        { "value", """{"verb":"\ud800"}""" },
        { "channelData", """{"team":{"id":"\ud800"}}""" },
        { "entities", """[{"type":"\udc00"}]""" },
        { "text", "\"help \\ud800\"" },
        // ids far longer than any Teams id (they become storage keys)
        { "from", $$"""{"id":"{{LongId}}","aadObjectId":"a1b2c3d4-0000-4000-8000-000000000001"}""" },
        { "conversation", $$"""{"id":"{{LongId}}","conversationType":"personal"}""" },
        { "id", $"\"{LongId}\"" },
        { "channelData", $$$"""{"team":{"id":"{{{LongId}}}"}}""" },
        // service URLs the Connector client cannot call
        { "serviceUrl", "\"http://127.0.0.1:1/\\u2029path\"" },
        { "serviceUrl", "\"http://exa\\udbff\\udfffmple.com/\"" },
        { "serviceUrl", "\"http://user:secret@127.0.0.1/\"" },
        { "serviceUrl", $"\"http://127.0.0.1/{new string('a', 3000)}\"" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Is_a_400_and_changes_nothing(string property, string json)
    {
        foreach (var activity in new[] { Teams.PersonalMessage("help"), Teams.Invoke("healthCheck") })
        {
            activity.Remove(property);
            var body = activity.ToJsonString()[..^1] + $",\"{property}\":{json}}}"; // raw JSON: a lone surrogate cannot be built as a .NET string
            var response = await App.PostRawAsync(body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Empty(Connector.Calls);
        var table = App.Services.GetRequiredService<ITableStore>();
        var personal = Teams.PersonalMessage("help")["conversation"]!["id"]!.GetValue<string>();
        Assert.Null(await table.GetAsync("ref|" + personal, "ref", default)); // not even the conversation was remembered
    }

    [Fact]
    public async Task Null_members_in_a_conversation_update_are_ignored()
    {
        foreach (var list in new[] { "membersAdded", "membersRemoved" })
        {
            var update = Teams.PersonalMessage("x");
            update["type"] = "conversationUpdate";
            update.Remove("text");
            update[list] = new JsonArray(null, new JsonObject { ["id"] = "29:someone" });
            var response = await App.PostAsync(update);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
