using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Protocol;

/// <summary>The HTTP contract of POST /api/messages, as Bot Connector and Teams see it.</summary>
public sealed class MessagesEndpointTests : BotTest
{
    protected override BotApp CreateApp() => new(new() { ["Bot:MaxActivityBytes"] = "4096" }, services: s => s.AddSingleton(WithExplodingCommand()));

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("\"message\"")]
    [InlineData("{}")]
    [InlineData("""{"type":"message"}""")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"not a url"}""")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"file:///etc/passwd"}""")]
    [InlineData("""{"type":12,"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1/"}""")]
    public async Task A_body_that_is_not_an_activity_is_a_400(string body)
    {
        var response = await App.PostRawAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_before_it_is_read()
    {
        var message = Teams.PersonalMessage(new string('x', 5000));
        var response = await App.PostAsync(message);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_too()
    {
        var bytes = Encoding.UTF8.GetBytes(Teams.PersonalMessage(new string('x', 5000)).ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new NoLengthStream(bytes)),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        var response = await App.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    /// <summary>A "help" message padded with trailing JSON whitespace to exactly <paramref name="bytes"/> bytes.</summary>
    private byte[] HelpOfExactly(int bytes)
    {
        var json = Teams.PersonalMessage("help").ToJsonString();
        var body = Encoding.UTF8.GetBytes(json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json)));
        Assert.Equal(bytes, body.Length);
        return body;
    }

    private async Task<HttpResponseMessage> PostBytesAsync(byte[] body, bool chunked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = chunked ? new StreamContent(new NoLengthStream(body)) : new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        else
        {
            Assert.Equal(body.Length, request.Content.Headers.ContentLength);
        }
        return await App.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_of_exactly_MaxActivityBytes_is_accepted_and_one_byte_more_is_a_413(bool chunked)
    {
        var atLimit = await PostBytesAsync(HelpOfExactly(4096), chunked);
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Single(Connector.Calls);

        var over = await PostBytesAsync(HelpOfExactly(4097), chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Single(Connector.Calls);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task Another_content_type_is_a_415(string contentType)
    {
        var response = await App.PostRawAsync(Teams.PersonalMessage("help").ToJsonString(), contentType: contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Json_with_a_charset_is_accepted()
    {
        var response = await App.PostRawAsync(Teams.PersonalMessage("help").ToJsonString(), contentType: "application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_is_a_405()
    {
        var response = await App.CreateClient().GetAsync("/api/messages");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Liveness_is_answered()
    {
        var response = await App.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_with_a_reference_and_no_detail_and_the_user_is_told()
    {
        var response = await App.PostAsync(Teams.PersonalMessage("explode"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ExplodingCommand.Secret, body);
        Assert.DoesNotContain("at VpiBot", body); // no stack trace
        var reference = JsonNode.Parse(body)!["reference"]!.GetValue<string>();
        var apology = Assert.Single(Connector.Calls);
        Assert.Contains(reference, apology.Text);
        Assert.DoesNotContain(ExplodingCommand.Secret, apology.Text);
    }

    [Fact]
    public async Task HealthCheck_invoke_is_answered_like_the_SDK()
    {
        var response = await App.PostAsync(Teams.Invoke("healthCheck"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["healthResults"]!["success"]!.GetValue<bool>());
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task An_unknown_invoke_is_a_501()
    {
        var response = await App.PostAsync(Teams.Invoke("composeExtension/query", new JsonObject()));
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task A_card_action_with_an_unknown_verb_gets_a_universal_action_error()
    {
        var response = await App.PostAsync(Teams.CardExecute("noSuchVerb", new JsonObject(), "card-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["value"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_card_action_invoke_without_an_action_is_an_error_not_a_crash()
    {
        var response = await App.PostAsync(Teams.Invoke("adaptiveCard/action", new JsonObject { ["action"] = "oops" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("messageUpdate")]
    [InlineData("event")]
    [InlineData("somethingTeamsInventsNextYear")]
    public async Task Other_activity_types_are_accepted_and_ignored(string type)
    {
        var activity = Teams.PersonalMessage("help");
        activity["type"] = type;
        var response = await App.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task Channel_data_of_an_unexpected_shape_does_not_break_a_turn()
    {
        var activity = Teams.PersonalMessage("help");
        activity["channelData"] = new JsonArray(1, 2, 3);
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = "nobody" });
        var response = await App.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Connector.Calls);
    }

    /// <summary>The bot's routes plus a command that fails with an exception whose message must never reach the caller.</summary>
    private static RouteTable WithExplodingCommand()
    {
        var table = VpiBot.Features.VpiRouteTable.Build().Table;
        table.Add(new CommandRoute("explode", "Help.Command.Help", "Help.Group.GettingStarted", CommandMenu.None, "Anyone",
            (_, _, _, _) => throw new InvalidOperationException(ExplodingCommand.Secret)));
        return table;
    }

    private static class ExplodingCommand
    {
        public const string Secret = "connection string Password=hunter2";
    }

    /// <summary>A stream that hides its length, so the client must send it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
