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

    // ---- retries: what, and how long ----

    /// <summary>Waits (bounded, on the wall clock) until the handler has asked <paramref name="time"/> for a retry wait,
    /// and returns it: the wait is read from the clock itself, so a test checks it as an exact value or a range.</summary>
    private static async Task<TimeSpan> NextRetryWaitAsync(RecordingTimeProvider time, int waitsBefore = 0)
    {
        for (var i = 0; i < 500 && time.RetryWaits.Count <= waitsBefore; i++)
        {
            await Task.Delay(10);
        }
        Assert.True(time.RetryWaits.Count > waitsBefore, "the handler never waited before a retry");
        return time.RetryWaits[waitsBefore];
    }

    /// <summary>A client with the retry handler alone on <paramref name="time"/> (no app around it, so the only timers
    /// on that clock are the handler's).</summary>
    private static ConnectorClient ClientOn(RecordingTimeProvider time, ConnectorRetryOptions? retry = null)
    {
        var handler = new ConnectorRetryHandler(retry ?? new ConnectorRetryOptions(), time) { InnerHandler = new SocketsHttpHandler() };
        return new ConnectorClient(new HttpClient(handler), new ConnectorTokens(Options.Create(new BotFrameworkOptions()), null, time));
    }

    [Fact]
    public async Task A_429_is_retried_after_exactly_Retry_After_and_then_succeeds()
    {
        var time = new RecordingTimeProvider();
        var client = ClientOn(time);
        _connector.Then(429, """{"error":{"code":"Throttled","message":"slow down"}}""", retryAfter: "2");

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        var wait = await NextRetryWaitAsync(time);
        Assert.Equal(TimeSpan.FromSeconds(2), wait); // neither sooner (another 429) nor later (a turn kept waiting)
        Assert.Single(Calls);
        time.Advance(wait);
        var id = await send.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, Calls.Length);
        Assert.Equal("sent-1", id);
    }

    [Fact]
    public async Task A_Retry_After_given_as_a_date_is_honoured_exactly()
    {
        var time = new RecordingTimeProvider();
        var client = ClientOn(time);
        _connector.Then(429, retryAfter: time.GetUtcNow().AddSeconds(3).ToString("R"));

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        var wait = await NextRetryWaitAsync(time);
        time.Advance(wait);
        await send.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(3), wait);
        Assert.Equal(2, Calls.Length);
    }

    [Fact]
    public async Task A_503_is_retried_with_exponential_backoff_between_half_and_all_of_BaseDelay_times_two_to_the_attempt()
    {
        var time = new RecordingTimeProvider();
        var client = ClientOn(time, new ConnectorRetryOptions { BaseDelay = TimeSpan.FromSeconds(1) });
        _connector.Then(503);
        _connector.Then(503);

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        var first = await NextRetryWaitAsync(time);
        time.Advance(first);
        var second = await NextRetryWaitAsync(time, waitsBefore: 1);
        time.Advance(second);
        var id = await send.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(first, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.InRange(second, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(3, Calls.Length);
        Assert.Equal("sent-1", id);
    }

    [Theory]
    [InlineData(0, 500, 1000)]
    [InlineData(1, 1000, 2000)]
    [InlineData(2, 1500, 3000)] // 4 s capped at MaxDelay 3 s
    [InlineData(9, 1500, 3000)]
    public void Backoff_stays_within_half_and_all_of_its_capped_ceiling(int attempt, int minMs, int maxMs)
    {
        var handler = new ConnectorRetryHandler(new ConnectorRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) },
            new FakeTimeProvider());
        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(handler.Backoff(attempt), TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs));
        }
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(503)]
    public async Task A_send_is_retried_when_the_answer_proves_it_was_not_taken_MaxRetries_times_then_surfaces_as_Throttled(int status)
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

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task A_send_or_reply_is_not_retried_after_an_answer_that_may_come_after_delivery(int status)
    {
        var client = Client();
        _connector.Then(status);
        _connector.Then(status);

        var send = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default));
        var reply = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyAsync(ServiceUrl, ChannelThread, "1", Message("hi"), default));

        Assert.Equal((HttpStatusCode)status, send.Status);
        Assert.Equal((HttpStatusCode)status, reply.Status);
        Assert.Equal(2, Calls.Length); // one each: a duplicate card is worse than a lost reply
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Update_delete_and_get_are_idempotent_and_retried_on_5xx_too(int status)
    {
        var client = Client();
        foreach (var path in new[] { $"/v3/conversations/{ChannelThread}/activities/1", $"/v3/conversations/{ChannelThread}/activities/2",
            $"/v3/conversations/{ChannelThread}/pagedmembers" })
        {
            _connector.Then(status, retryAfter: status == 429 ? "0" : null, onPath: path);
        }

        await client.UpdateAsync(ServiceUrl, ChannelThread, "1", Message("edited"), default);
        await client.DeleteAsync(ServiceUrl, ChannelThread, "2", default);
        await client.GetPagedMembersAsync(ServiceUrl, ChannelThread, 10, null, default);

        Assert.Equal(["PUT", "PUT", "DELETE", "DELETE", "GET", "GET"], Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task A_connection_reset_mid_request_is_not_retried_for_a_send_but_is_for_an_update()
    {
        var client = Client();
        _connector.ThenAnswer(http => { http.Abort(); return Task.CompletedTask; });
        _connector.ThenAnswer(http => { http.Abort(); return Task.CompletedTask; });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default));
        Assert.Single(Calls);
        await client.UpdateAsync(ServiceUrl, ChannelThread, "1", Message("edited"), default);

        Assert.Equal(["POST", "PUT", "PUT"], Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task A_refused_connection_is_what_the_handler_takes_for_nothing_sent()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        using var http = new HttpClient();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync($"http://127.0.0.1:{port}/v3/conversations/a/activities", new StringContent("{}")));

        Assert.True(ConnectorRetryHandler.IsRetryable(refused, idempotent: false, attemptTimedOut: false), $"{refused.HttpRequestError} is not retried");
        Assert.False(ConnectorRetryHandler.IsRetryable(new HttpRequestException(HttpRequestError.ResponseEnded, "reset"), idempotent: false, attemptTimedOut: false));
    }

    [Fact]
    public async Task A_send_whose_connection_was_refused_is_sent_again()
    {
        var attempts = 0;
        var handler = new ConnectorRetryHandler(new ConnectorRetryOptions { BaseDelay = TimeSpan.Zero }, TimeProvider.System)
        {
            InnerHandler = new StubHandler(_ => ++attempts == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)")
                : new HttpResponseMessage(HttpStatusCode.Created)),
        };
        using var invoker = new HttpMessageInvoker(handler);

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, ServiceUrl + "v3/conversations/a/activities"), default);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_send_that_hears_nothing_ends_at_the_attempt_bound_and_is_not_sent_again()
    {
        var time = new FakeTimeProvider();
        var client = Client(new() { ["Connector:AttemptTimeout"] = "00:00:10", ["Connector:Timeout"] = "00:00:15" }, time);
        _connector.ThenAnswer(Hang);

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        await _connector.WaitForCallsAsync(1);
        time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(Calls);
    }

    [Fact]
    public async Task An_update_that_hears_nothing_is_tried_again_and_the_call_ends_at_Connector_Timeout()
    {
        var time = new FakeTimeProvider();
        var client = Client(new() { ["Connector:AttemptTimeout"] = "00:00:10", ["Connector:Timeout"] = "00:00:15" }, time);
        _connector.ThenAnswer(Hang);
        _connector.ThenAnswer(Hang);

        var update = client.UpdateAsync(ServiceUrl, ChannelThread, "1", Message("edited"), default);
        await _connector.WaitForCallsAsync(1);
        time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 500 && Calls.Length < 2; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10)); // the backoff (BaseDelay 10 ms in tests)
            await _connector.WaitForCallsAsync(2, timeoutMs: 20);
        }
        Assert.Equal(2, Calls.Length);
        Assert.False(update.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(15) - (time.GetUtcNow() - time.Start));

        await Assert.ThrowsAsync<TimeoutException>(() => update.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, Calls.Length);
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
    public async Task A_Retry_After_within_MaxDelay_but_beyond_Connector_Timeout_is_not_waited()
    {
        var time = new FakeTimeProvider();
        var client = Client(new() { ["Connector:Retry:MaxDelay"] = "00:00:30", ["Connector:Timeout"] = "00:00:15" }, time);
        _connector.Then(429, retryAfter: "20");

        var send = client.SendAsync(ServiceUrl, "a:1personal", Message("hi"), default);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter?.Delta);
        Assert.Single(Calls);
        Assert.Equal(time.Start, time.GetUtcNow()); // no fake time had to pass: nothing was waited
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
        _connector.Then(502); // idempotent: Teams returns the existing 1:1 chat

        var id = await client.CreatePersonalConversationAsync(ServiceUrl, "28:" + BotApp.AppId, TeamsActivities.Bob.Id, TenantId, default);

        var calls = Calls;
        Assert.Equal(2, calls.Length);
        Assert.NotEmpty(calls[0].Body);
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.Equal("a:created-1", id);
    }

    /// <summary>A Connector that never answers (until the bot gives up and closes the connection).</summary>
    private static async Task Hang(HttpContext http)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(answer(request));
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
