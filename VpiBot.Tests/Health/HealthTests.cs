using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Tests.Storage;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Health;

/// <summary>
/// <c>/healthz</c> says the process lives; <c>/readyz</c> says it can serve: storage answers and, with an identity, a
/// Connector token can be had — 200 with the checks, 503 otherwise.
/// </summary>
public sealed class HealthTests
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(BotApp app, string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, path == "/readyz" ? JsonNode.Parse(text) : JsonValue.Create(text));
    }

    [Fact]
    public async Task With_a_SQLite_file_the_app_is_ready()
    {
        await using var app = new BotApp(StorageSettings.Sqlite());

        var (status, body) = await GetAsync(app, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body!["status"]!.GetValue<string>());
        Assert.Equal("ok", body["checks"]!["storage"]!.GetValue<string>());
        Assert.Equal("not configured", body["checks"]!["connector"]!.GetValue<string>()); // anonymous (Development): no token to get
        Assert.Equal((HttpStatusCode.OK, "ok"), await HealthzAsync(app));
    }

    [Fact]
    public async Task On_Azure_Table_Storage_it_is_ready_while_storage_answers_and_not_ready_once_it_stops_while_it_still_lives()
    {
        var azurite = await AzuriteProcess.StartAsync(TimeSpan.FromSeconds(60)); // its own: this test stops it
        var stopped = false;
        try
        {
            var settings = StorageSettings.Azurite(azurite.ConnectionString);
            settings["Health:Timeout"] = "00:00:02";
            await using var app = new BotApp(settings);

            var (ready, readyBody) = await GetAsync(app, "/readyz");
            Assert.Equal(HttpStatusCode.OK, ready);
            Assert.Equal("ok", readyBody!["checks"]!["storage"]!.GetValue<string>());

            await azurite.DisposeAsync(); // storage is gone
            stopped = true;
            var (notReady, notReadyBody) = await GetAsync(app, "/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
            Assert.Equal("not ready", notReadyBody!["status"]!.GetValue<string>());
            Assert.NotEqual("ok", notReadyBody["checks"]!["storage"]!.GetValue<string>());
            Assert.Equal((HttpStatusCode.OK, "ok"), await HealthzAsync(app)); // the process still lives: App Service must not recycle it for this
        }
        finally
        {
            if (!stopped)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task With_an_identity_it_is_ready_only_when_a_Connector_token_can_be_had()
    {
        var credential = new FakeCredential();
        await using var app = WithIdentity(credential);
        var (status, body) = await GetAsync(app, "/readyz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body!["checks"]!["connector"]!.GetValue<string>());
        await GetAsync(app, "/readyz");
        Assert.Equal(1, credential.Requests); // the token is cached (ConnectorTokens): a probe does not ask Entra each time

        await using var refused = WithIdentity(new RefusingCredential());
        var (refusedStatus, refusedBody) = await GetAsync(refused, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedStatus);
        Assert.Equal("failed: AuthenticationFailedException", refusedBody!["checks"]!["connector"]!.GetValue<string>());
        Assert.DoesNotContain("secret detail", refusedBody.ToJsonString(), StringComparison.Ordinal); // the failure's type, never its message
        Assert.Equal((HttpStatusCode.OK, "ok"), await HealthzAsync(refused));
    }

    private static async Task<(HttpStatusCode, string)> HealthzAsync(BotApp app)
    {
        using var response = await app.CreateClient().GetAsync("/healthz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static BotApp WithIdentity(Azure.Core.TokenCredential credential) => new(new Dictionary<string, string?>
    {
        ["MicrosoftAppId"] = BotApp.AppId,
        ["MicrosoftAppPassword"] = "not-used-in-tests",
    }, "Production", s => s.AddSingleton(credential));

    private sealed class RefusingCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext context, CancellationToken ct) =>
            throw new Azure.Identity.AuthenticationFailedException("secret detail of the refusal");

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext context, CancellationToken ct) =>
            throw new Azure.Identity.AuthenticationFailedException("secret detail of the refusal");
    }
}
