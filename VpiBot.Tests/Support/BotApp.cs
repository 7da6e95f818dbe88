using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace VpiBot.Tests.Support;

/// <summary>
/// The real VpiBot app hosted in-process (the SDK's TestAdapter, ours): Teams' side is played by the test, Bot
/// Connector by <see cref="FakeConnector"/>, login.botframework.com by <see cref="FakeTokenIssuer"/>. Settings are
/// the Bot Framework's own configuration keys.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    public const string AppId = "5e2cb9b1-6b1d-4a4b-9c5e-0b3f7a1d2c3e";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    public BotApp(Dictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Connector:Retry:BaseDelay"] = "00:00:00.010",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Storage:Sqlite:Path"] = TempSqlite.NewPath(),
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
        _environment = environment;
        _services = services;
        _client = new Lazy<HttpClient>(() => CreateClient(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>An app that authenticates every request against <paramref name="issuer"/>.</summary>
    public static BotApp Authenticated(FakeTokenIssuer issuer, Dictionary<string, string?>? more = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl,
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return new BotApp(settings, "Production", s =>
        {
            s.AddSingleton<Azure.Core.TokenCredential>(new FakeCredential());
            services?.Invoke(s);
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>
    /// One client for every request: <see cref="WebApplicationFactory{T}.CreateClient()"/> keeps the clients it makes in a
    /// plain list, which two hundred concurrent posts corrupted (a null in it broke the factory's dispose).
    /// </summary>
    private readonly Lazy<HttpClient> _client;

    /// <summary>POSTs an activity as Teams does; <paramref name="token"/> is the bearer token, if any.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token = null) =>
        PostRawAsync(activity.ToJsonString(), token);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? token = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await _client.Value.SendAsync(request);
    }
}

/// <summary>Stands in for Entra ID when the bot asks for a Connector token: counts requests, hands out a fixed token.</summary>
public sealed class FakeCredential : Azure.Core.TokenCredential
{
    public const string Token = "fake-connector-token";
    public int Requests;
    public string[] LastScopes = [];

    public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext context, CancellationToken ct)
    {
        Interlocked.Increment(ref Requests);
        LastScopes = context.Scopes;
        return new Azure.Core.AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext context, CancellationToken ct) =>
        ValueTask.FromResult(GetToken(context, ct));
}
