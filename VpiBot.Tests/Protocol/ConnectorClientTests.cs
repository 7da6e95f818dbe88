using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// The outbound Bot Connector client as Bot Connector sees it: routes and raw (escaped) paths, bodies, bearer tokens,
/// retries and typed failures. The client comes from the real app's services, so the real wiring (retry handler
/// included) is under test. https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
/// </summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string ChannelThread = "19:abc@thread.tacv2;messageid=123";
    private const string ChannelThreadEscaped = "19%3Aabc%40thread.tacv2%3Bmessageid%3D123";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly FakeConnector _connector = new();
    private readonly FakeCredential _credential = new();
    private readonly List<BotApp> _apps = [];

    public Task InitializeAsync() => _connector.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
        await _connector.DisposeAsync();
    }

    /// <summary>A client from an app with an app id (so it authenticates with <see cref="_credential"/>).</summary>
    private ConnectorClient Client(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?> { ["MicrosoftAppId"] = BotApp.AppId, ["MicrosoftAppPassword"] = "not-used-in-tests" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        var app = new BotApp(all, "Production", s =>
        {
            s.AddSingleton<Azure.Core.TokenCredential>(_credential);
            if (time is not null)
            {
                s.AddSingleton(time);
            }
        });
        _apps.Add(app);
        return app.Services.GetRequiredService<ConnectorClient>();
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private string ServiceUrl => _connector.BaseUrl; // ends with '/', as Teams' serviceUrls do

    private ConnectorCall[] Calls => _connector.Calls.ToArray();

    /// <summary>
    /// Moves fake time forward in steps until the connector has heard <paramref name="count"/> calls; returns how far
    /// it moved. A retry cannot go out before its delay has elapsed on this clock, so the result is a lower bound check.
    /// </summary>
    private async Task<TimeSpan> AdvanceUntilCallsAsync(FakeTimeProvider time, int count, TimeSpan step)
    {
        var start = time.GetUtcNow();
        for (var i = 0; i < 1000 && _connector.Calls.Count < count; i++)
        {
            time.Advance(step);
            await _connector.WaitForCallsAsync(count, timeoutMs: 20);
        }
        Assert.True(_connector.Calls.Count >= count, $"expected {count} calls, the connector heard {_connector.Calls.Count}");
        return time.GetUtcNow() - start;
    }

    // ---- routes and escaping ----

    [Fact]
    public async Task Send_posts_to_the_conversation_with_the_id_percent_encoded_and_returns_the_activity_id()
    {
        var id = await Client().SendAsync(ServiceUrl, ChannelThread, Message("hello"), default);

        var call = Assert.Single(Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEscaped}/activities", call.RawPath);
        Assert.StartsWith("application/json", call.ContentType);
        Assert.Equal("hello", call.Text);
        Assert.Equal("message", call.Json!["type"]!.GetValue<string>());
        Assert.Equal("sent-1", id);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer")]
    public async Task A_service_url_with_a_path_is_kept_with_or_without_its_trailing_slash(string teamsServiceUrl)
    {
        var serviceUrl = ServiceUrl + new Uri(teamsServiceUrl).AbsolutePath.TrimStart('/');

        await Client().SendAsync(serviceUrl, "a:1personal", Message("hi"), default);

        Assert.Equal("/amer/v3/conversations/a%3A1personal/activities", Assert.Single(Calls).RawPath);
    }

    [Fact]
    public async Task A_service_url_without_a_trailing_slash_reaches_the_same_route()
    {
        var client = Client();
        await client.SendAsync(ServiceUrl, "a:1personal", Message("one"), default);
        await client.SendAsync(ServiceUrl.TrimEnd('/'), "a:1personal", Message("two"), default);

        Assert.All(Calls, c => Assert.Equal("/v3/conversations/a%3A1personal/activities", c.RawPath));
    }

    [Fact]
    public async Task Reply_posts_to_the_activity_it_answers()
    {
        await Client().ReplyAsync(ServiceUrl, ChannelThread, "1:reply@to;this", Message("in thread"), default);

        var call = Assert.Single(Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEscaped}/activities/1%3Areply%40to%3Bthis", call.RawPath);
        Assert.Equal("in thread", call.Text);
    }

    [Fact]
    public async Task Update_puts_the_activity_at_its_id_and_carries_the_id_in_the_body()
    {
        await Client().UpdateAsync(ServiceUrl, ChannelThread, "1712345678901", Message("edited"), default);

        var call = Assert.Single(Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEscaped}/activities/1712345678901", call.RawPath);
        Assert.Equal("1712345678901", call.Json!["id"]!.GetValue<string>());
        Assert.Equal("edited", call.Text);
    }

    [Fact]
    public async Task Delete_deletes_the_activity_at_its_id()
    {
        await Client().DeleteAsync(ServiceUrl, ChannelThread, "1712345678901", default);

        var call = Assert.Single(Calls);
        Assert.Equal("DELETE", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEscaped}/activities/1712345678901", call.RawPath);
    }

    [Fact]
    public async Task Create_conversation_sends_the_body_Teams_documents_and_returns_the_new_conversation_id()
    {
        var id = await Client().CreatePersonalConversationAsync(ServiceUrl, "28:" + BotApp.AppId, TeamsActivities.Alice.Id, TenantId, default);

        var call = Assert.Single(Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations", call.RawPath);
        var body = call.Json!;
        Assert.Equal("28:" + BotApp.AppId, body["bot"]!["id"]!.GetValue<string>());
        var member = Assert.Single(body["members"]!.AsArray());
        Assert.Equal(TeamsActivities.Alice.Id, member!["id"]!.GetValue<string>());
        Assert.False(body["isGroup"]!.GetValue<bool>());
        Assert.Equal(TenantId, body["tenantId"]!.GetValue<string>());
        Assert.Equal(TenantId, body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("a:created-1", id);
    }

    [Fact]
    public async Task Paged_members_passes_page_size_and_escaped_continuation_token_and_reads_the_page()
    {
        _connector.Then(200, """
            {
              "continuationToken": "next+page/2==",
              "members": [
                { "id": "29:1alice-teams-id", "name": "Alice Mensah", "aadObjectId": "a1b2c3d4-0000-4000-8000-000000000001",
                  "email": "alice@contoso.com", "userPrincipalName": "alice@contoso.com", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                  "userRole": "user", "givenName": "Alice", "surname": "Mensah" },
                { "id": "29:1bob-teams-id", "name": "Bob Owusu" }
              ]
            }
            """);

        var page = await Client().GetPagedMembersAsync(ServiceUrl, ChannelThread, 100, "token+with/odd=chars&more", default);

        var call = Assert.Single(Calls);
        Assert.Equal("GET", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEscaped}/pagedmembers?pageSize=100&continuationToken=token%2Bwith%2Fodd%3Dchars%26more", call.RawPath);
        Assert.Equal("next+page/2==", page.ContinuationToken);
        Assert.Equal(2, page.Members.Count);
        var alice = page.Members[0];
        Assert.Equal(("29:1alice-teams-id", "Alice Mensah", "a1b2c3d4-0000-4000-8000-000000000001"), (alice.Id, alice.Name, alice.AadObjectId));
        Assert.Equal(("alice@contoso.com", "alice@contoso.com", TenantId, "user"), (alice.Email, alice.UserPrincipalName, alice.TenantId, alice.UserRole));
        Assert.Equal(("Alice", "Mensah"), (alice.GivenName, alice.Surname));
        Assert.Equal("29:1bob-teams-id", page.Members[1].Id);
    }

    [Fact]
    public async Task The_first_page_of_members_has_no_continuation_token_and_the_last_page_returns_none()
    {
        var page = await Client().GetPagedMembersAsync(ServiceUrl, "a:1personal", 50, null, default);

        Assert.Equal("/v3/conversations/a%3A1personal/pagedmembers?pageSize=50", Assert.Single(Calls).RawPath);
        Assert.Empty(page.Members);
        Assert.Null(page.ContinuationToken);
    }

    // ---- authentication ----

    [Fact]
    public async Task Calls_carry_a_bearer_token_for_the_Bot_Framework_scope_requested_once_for_many_calls()
    {
        var client = Client();
        await client.SendAsync(ServiceUrl, "a:1personal", Message("one"), default);
        await client.ReplyAsync(ServiceUrl, ChannelThread, "1", Message("two"), default);
        await client.UpdateAsync(ServiceUrl, ChannelThread, "1", Message("three"), default);
        await client.DeleteAsync(ServiceUrl, ChannelThread, "1", default);
        await client.GetPagedMembersAsync(ServiceUrl, ChannelThread, 10, null, default);

        Assert.Equal(5, Calls.Length);
        Assert.All(Calls, c => Assert.Equal("Bearer " + FakeCredential.Token, c.Authorization));
        Assert.Equal(1, _credential.Requests);
        Assert.Equal(["https://api.botframework.com/.default"], _credential.LastScopes);
    }

    [Fact]
    public async Task Anonymous_mode_sends_no_Authorization_header()
    {
        var app = new BotApp(); // Development, no MicrosoftAppId
        _apps.Add(app);

        await app.Services.GetRequiredService<ConnectorClient>().SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);

        Assert.Null(Assert.Single(Calls).Authorization);
    }

    // ---- retries ----

    [Fact]
    public async Task A_429_is_retried_no_sooner_than_Retry_After_and_then_succeeds()
    {
        var time = new FakeTimeProvider();
        var client = Client(time: time);
        _connector.Then(429, """{"error":{"code":"Throttled","message":"slow down"}}""", retryAfter: "2");

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        await _connector.WaitForCallsAsync(1);
        var waited = await AdvanceUntilCallsAsync(time, 2, TimeSpan.FromMilliseconds(250));
        var id = await send;

        Assert.True(waited >= TimeSpan.FromSeconds(2), $"retried after {waited}, Retry-After asked for 2 s");
        Assert.Equal(2, Calls.Length);
        Assert.Equal("sent-1", id);
    }

    [Fact]
    public async Task A_Retry_After_given_as_a_date_is_honoured()
    {
        var time = new FakeTimeProvider();
        var client = Client(time: time);
        _connector.Then(429, retryAfter: time.GetUtcNow().AddSeconds(3).ToString("R"));

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        await _connector.WaitForCallsAsync(1);
        var waited = await AdvanceUntilCallsAsync(time, 2, TimeSpan.FromMilliseconds(250));
        await send;

        Assert.True(waited >= TimeSpan.FromSeconds(3), $"retried after {waited}, Retry-After asked until 3 s later");
        Assert.Equal(2, Calls.Length);
    }

    [Fact]
    public async Task A_503_is_retried_with_growing_backoff_until_it_succeeds()
    {
        var time = new FakeTimeProvider();
        var client = Client(new() { ["Connector:Retry:BaseDelay"] = "00:00:01" }, time);
        _connector.Then(503);
        _connector.Then(503);

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        await _connector.WaitForCallsAsync(1);
        var first = await AdvanceUntilCallsAsync(time, 2, TimeSpan.FromMilliseconds(100));
        var second = await AdvanceUntilCallsAsync(time, 3, TimeSpan.FromMilliseconds(100));
        var id = await send;

        // Backoff is BaseDelay * 2^attempt with up to half of it random: at least 0.5 s, then at least 1 s.
        Assert.True(first >= TimeSpan.FromMilliseconds(500), $"first retry after {first}");
        Assert.True(second >= TimeSpan.FromSeconds(1), $"second retry after {second}");
        Assert.Equal(3, Calls.Length);
        Assert.Equal("sent-1", id);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_failures_are_retried_MaxRetries_times_then_surface_as_Throttled(int status)
    {
        var client = Client();
        var maxRetries = _apps[^1].Services.GetRequiredService<IOptions<ConnectorRetryOptions>>().Value.MaxRetries;
        for (var i = 0; i <= maxRetries; i++)
        {
            _connector.Then(status, retryAfter: status == 429 ? "0" : null);
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default));

        Assert.Equal(ConnectorFailure.Throttled, error.Failure);
        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal(maxRetries + 1, Calls.Length);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxDelay_is_not_cut_short_the_call_fails_as_Throttled()
    {
        var client = Client(new() { ["Connector:Retry:MaxDelay"] = "00:00:30" });
        _connector.Then(429, retryAfter: "3600");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default));

        Assert.Equal(ConnectorFailure.Throttled, error.Failure);
        Assert.Single(Calls);
    }

    [Fact]
    public async Task A_retried_post_sends_the_same_body_each_time()
    {
        var client = Client();
        _connector.Then(429, retryAfter: "0");
        _connector.Then(503);
        var activity = Message("same every time");
        activity.Attachments = [Attachment.AdaptiveCard(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5" })];

        await client.SendAsync(ServiceUrl, ChannelThread, activity, default);

        var calls = Calls;
        Assert.Equal(3, calls.Length);
        Assert.NotEmpty(calls[0].Body);
        Assert.All(calls, c => Assert.Equal(calls[0].Body, c.Body));
        Assert.All(calls, c => Assert.Equal(calls[0].RawPath, c.RawPath));
        Assert.All(calls, c => Assert.Equal("Bearer " + FakeCredential.Token, c.Authorization));
    }

    [Fact]
    public async Task A_retried_create_conversation_sends_the_same_body_each_time()
    {
        var client = Client();
        _connector.Then(502);

        var id = await client.CreatePersonalConversationAsync(ServiceUrl, "28:" + BotApp.AppId, TeamsActivities.Bob.Id, TenantId, default);

        var calls = Calls;
        Assert.Equal(2, calls.Length);
        Assert.NotEmpty(calls[0].Body);
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.Equal("a:created-1", id);
    }

    // ---- typed failures ----

    [Theory]
    [InlineData("BotNotInConversationRoster", ConnectorFailure.BotNotInConversationRoster)]
    [InlineData("ConversationBlockedByUser", ConnectorFailure.ConversationBlockedByUser)]
    [InlineData("BotDisabledByAdmin", ConnectorFailure.BotDisabledByAdmin)]
    [InlineData("ForbiddenOperationException", ConnectorFailure.Other)]
    public async Task A_403_is_not_retried_and_surfaces_its_code(string code, ConnectorFailure expected)
    {
        var client = Client();
        _connector.Then(403, $$$"""{"error":{"code":"{{{code}}}","message":"The bot cannot post here."}}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, ChannelThread, Message("hi"), default));

        Assert.Equal(expected, error.Failure);
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Single(Calls);
    }

    [Fact]
    public async Task A_413_is_not_retried_and_surfaces_as_MessageSizeTooBig()
    {
        var client = Client();
        _connector.Then(413, """{"error":{"code":"MessageSizeTooBig","message":"Message size too big"}}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, ChannelThread, Message(new string('x', 100)), default));

        Assert.Equal(ConnectorFailure.MessageSizeTooBig, error.Failure);
        Assert.Single(Calls);
    }

    [Fact]
    public async Task A_413_without_a_body_is_still_MessageSizeTooBig()
    {
        var client = Client();
        _connector.Then(413);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.UpdateAsync(ServiceUrl, ChannelThread, "1", Message("big"), default));

        Assert.Equal(ConnectorFailure.MessageSizeTooBig, error.Failure);
        Assert.Single(Calls);
    }

    [Fact]
    public async Task A_404_on_delete_is_not_retried_and_surfaces_as_NotFound()
    {
        var client = Client();
        _connector.Then(404, """{"error":{"code":"ConversationNotFound","message":"Conversation not found."}}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.DeleteAsync(ServiceUrl, ChannelThread, "1", default));

        Assert.Equal(ConnectorFailure.NotFound, error.Failure);
        Assert.Single(Calls);
    }
}
