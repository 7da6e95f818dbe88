using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// Inbound authentication, case by case, as the Bot Framework specifies it:
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
/// Every refusal is a 401 and reaches no feature (the fake connector hears nothing).
/// </summary>
public sealed class AuthenticationTests : AuthenticatedBot
{

    private JsonObject Help() => _teams.PersonalMessage("help");

    private string ValidToken() => _issuer.Token(BotApp.AppId, _connector.BaseUrl);

    private async Task AssertRefused(JsonNode activity, string? token)
    {
        var response = await _app.PostAsync(activity, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_valid_token_is_accepted_and_the_turn_runs()
    {
        var response = await _app.PostAsync(Help(), ValidToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_connector.Calls);
        Assert.Equal("Bearer " + FakeCredential.Token, call.Authorization);
    }

    [Fact]
    public Task Missing_token_is_refused() => AssertRefused(Help(), null);

    [Fact]
    public Task Garbage_token_is_refused() => AssertRefused(Help(), "not.a.jwt-at-all");

    [Fact]
    public Task Wrong_issuer_is_refused() =>
        AssertRefused(Help(), _issuer.Token(BotApp.AppId, _connector.BaseUrl, issuer: "https://evil.example.com"));

    [Fact]
    public Task Entra_issuer_is_refused_for_a_multi_tenant_bot() =>
        AssertRefused(Help(), _issuer.Token(BotApp.AppId, _connector.BaseUrl, issuer: $"https://sts.windows.net/{TeamsActivities.TenantId}/"));

    [Fact]
    public Task Wrong_audience_is_refused() =>
        AssertRefused(Help(), _issuer.Token("00000000-1111-2222-3333-444444444444", _connector.BaseUrl));

    [Fact]
    public async Task Api_scheme_audience_is_accepted()
    {
        var response = await _app.PostAsync(Help(), _issuer.Token($"api://{BotApp.AppId}", _connector.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public Task Expired_beyond_the_five_minute_skew_is_refused() =>
        AssertRefused(Help(), _issuer.Token(BotApp.AppId, _connector.BaseUrl,
            notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6)));

    [Fact]
    public async Task Expired_within_the_five_minute_skew_is_accepted()
    {
        var token = _issuer.Token(BotApp.AppId, _connector.BaseUrl, notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-3));
        var response = await _app.PostAsync(Help(), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public Task Not_yet_valid_beyond_the_skew_is_refused() =>
        AssertRefused(Help(), _issuer.Token(BotApp.AppId, _connector.BaseUrl,
            notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1)));

    [Fact]
    public async Task Unknown_signing_key_is_refused_after_one_metadata_refresh()
    {
        await AssertRefused(Help(), _issuer.Token(BotApp.AppId, _connector.BaseUrl, key: _issuer.UnpublishedKey));
        // first fetch, then one forced refresh for the unknown kid; a second forged kid within 5 minutes does not refetch
        Assert.Equal(2, _issuer.MetadataRequests);
        await AssertRefused(Help(), _issuer.Token(BotApp.AppId, _connector.BaseUrl, key: _issuer.UnpublishedKey));
        Assert.Equal(2, _issuer.MetadataRequests);
    }

    [Fact]
    public Task Key_not_endorsed_for_msteams_is_refused() =>
        AssertRefused(Help(), _issuer.Token(BotApp.AppId, _connector.BaseUrl, key: _issuer.UnendorsedKey));

    [Fact]
    public async Task Activity_from_a_channel_the_key_does_not_endorse_is_refused()
    {
        var activity = Help();
        activity["channelId"] = "skype";
        await AssertRefused(activity, ValidToken());
    }

    [Fact]
    public Task ServiceUrl_claim_must_match_the_activity() =>
        AssertRefused(Help(), _issuer.Token(BotApp.AppId, "https://smba.trafficmanager.net/emea/"));

    [Fact]
    public async Task A_Bot_Framework_token_without_a_serviceurl_claim_is_refused()
    {
        var token = _issuer.Token(BotApp.AppId, serviceUrl: null);
        Assert.False(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).TryGetPayloadValue<string>("serviceurl", out _));
        await AssertRefused(Help(), token);
    }

    [Fact]
    public async Task A_token_without_an_exp_claim_is_refused()
    {
        var token = _issuer.Token(BotApp.AppId, _connector.BaseUrl, withExpiry: false);
        Assert.False(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).TryGetPayloadValue<long>("exp", out _));
        await AssertRefused(Help(), token);
    }

    [Fact]
    public Task Unsigned_alg_none_token_is_refused() =>
        AssertRefused(Help(), FakeTokenIssuer.UnsignedToken(BotApp.AppId, _connector.BaseUrl, _issuer.EndorsedKey.KeyId));

    [Fact]
    public Task Hmac_key_confusion_forgery_is_refused() =>
        AssertRefused(Help(), _issuer.HmacConfusionToken(BotApp.AppId, _connector.BaseUrl));

    [Fact]
    public async Task Token_with_a_tampered_payload_is_refused()
    {
        var parts = ValidToken().Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace(BotApp.AppId, BotApp.AppId.ToUpperInvariant(), StringComparison.Ordinal)
            + " ";
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        await AssertRefused(Help(), forged);
    }

    [Theory]
    [InlineData(256 * 1024, HttpStatusCode.Unauthorized)] // exactly the default Bot:MaxActivityBytes: size is fine, the token is not
    [InlineData(256 * 1024 + 1, HttpStatusCode.RequestEntityTooLarge)] // one byte more: refused by its Content-Length, before authentication
    public async Task Without_a_token_a_body_over_the_limit_is_a_413_from_its_Content_Length_and_one_at_the_limit_a_401(int bytes, HttpStatusCode expected)
    {
        var json = Help().ToJsonString();
        var body = json + new string(' ', bytes - System.Text.Encoding.UTF8.GetByteCount(json)); // trailing JSON whitespace

        var response = await _app.PostRawAsync(body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Refusals_do_not_depend_on_the_body_being_an_activity()
    {
        // no token and a body without type: 401, not 400 or 500 (the JavaScript SDK crashes here)
        var response = await _app.PostRawAsync("""{"hello":"world"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Keys_are_fetched_once_and_reused()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(Help(), ValidToken())).StatusCode);
        }
        Assert.Equal(1, _issuer.MetadataRequests);
    }
}

/// <summary>
/// Signing keys are fetched again once they are 24 hours old, even when every token names a known key (the Bot
/// Framework rotates them and asks bots to refresh at least daily), on the app's fake clock. Token lifetimes are
/// checked on the wall clock, so the tokens stay valid while the fake clock moves on.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
/// </summary>
public sealed class SigningKeyRefreshTests : AuthenticatedBot
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new();

    protected override Action<IServiceCollection>? Services => s => s.AddSingleton<TimeProvider>(_time);

    private async Task Accepted()
    {
        var response = await _app.PostAsync(_teams.PersonalMessage("help"), _issuer.Token(BotApp.AppId, _connector.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Keys_are_kept_for_24_hours_and_fetched_again_after()
    {
        await Accepted();
        Assert.Equal(1, _issuer.MetadataRequests);

        _time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        await Accepted();
        Assert.Equal(1, _issuer.MetadataRequests);

        _time.Advance(TimeSpan.FromMinutes(2));
        await Accepted();
        Assert.Equal(2, _issuer.MetadataRequests);
    }
}

/// <summary>Single-tenant bots also accept Entra ID tokens for their own tenant, with keys from that tenant's metadata.</summary>
public sealed class SingleTenantAuthenticationTests : AuthenticatedBot
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppTenantId"] = TeamsActivities.TenantId,
        ["ToBotFromEntraOpenIdMetadataUrl"] = _issuer.MetadataUrl + "?tenant={tenant}",
    };

    [Theory]
    [InlineData("https://sts.windows.net/{0}/")]
    [InlineData("https://login.microsoftonline.com/{0}/v2.0")]
    public async Task Entra_tokens_for_the_bots_tenant_are_accepted(string issuerFormat)
    {
        var token = _issuer.Token(BotApp.AppId, _connector.BaseUrl, issuer: string.Format(issuerFormat, TeamsActivities.TenantId));
        var response = await _app.PostAsync(_teams.PersonalMessage("help"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Entra_tokens_of_another_tenant_are_refused()
    {
        var token = _issuer.Token(BotApp.AppId, _connector.BaseUrl, issuer: "https://sts.windows.net/11111111-2222-3333-4444-555555555555/");
        var response = await _app.PostAsync(_teams.PersonalMessage("help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bot_Framework_tokens_still_work()
    {
        var response = await _app.PostAsync(_teams.PersonalMessage("help"), _issuer.Token(BotApp.AppId, _connector.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>The real app trusting a fake token issuer, with a fake connector to answer to: each test gets its own.</summary>
public abstract class AuthenticatedBot : IAsyncLifetime
{
    protected readonly FakeTokenIssuer _issuer = new();
    protected readonly FakeConnector _connector = new();
    protected BotApp _app = null!;
    protected TeamsActivities _teams = null!;

    /// <summary>Settings beyond the app id and the issuer's metadata URL.</summary>
    protected virtual Dictionary<string, string?> Settings => [];

    /// <summary>Services replaced in the app (e.g. its clock).</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    public async Task InitializeAsync()
    {
        await _issuer.StartAsync();
        await _connector.StartAsync();
        _app = BotApp.Authenticated(_issuer, Settings, Services);
        _teams = new TeamsActivities(_connector.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _issuer.DisposeAsync();
        await _connector.DisposeAsync();
    }
}
