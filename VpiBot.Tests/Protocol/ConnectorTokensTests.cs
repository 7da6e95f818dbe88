using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// The bot's outbound token is reused while fresh and fetched again five minutes before it expires — never after, when
/// Bot Connector would answer 401. https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector
/// </summary>
public sealed class ConnectorTokensTests
{
    private readonly FakeTimeProvider _time = new();

    /// <summary>Hands out "token-N", valid for one hour from the fake clock's now.</summary>
    private sealed class HourlyCredential(TimeProvider time) : TokenCredential
    {
        public int Requests;

        public override AccessToken GetToken(TokenRequestContext context, CancellationToken ct) =>
            new("token-" + Interlocked.Increment(ref Requests), time.GetUtcNow().AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext context, CancellationToken ct) => ValueTask.FromResult(GetToken(context, ct));
    }

    [Fact]
    public async Task A_token_is_reused_until_five_minutes_before_it_expires_and_refreshed_then()
    {
        var credential = new HourlyCredential(_time);
        var tokens = new ConnectorTokens(Options.Create(new BotFrameworkOptions { MicrosoftAppId = "app" }), credential, _time);

        Assert.Equal("token-1", await tokens.GetTokenAsync(default));
        _time.Advance(TimeSpan.FromMinutes(54)); // 6 minutes left: still fresh
        Assert.Equal("token-1", await tokens.GetTokenAsync(default));
        _time.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left: refreshed before it expires
        Assert.Equal("token-2", await tokens.GetTokenAsync(default));
        Assert.Equal("token-2", await tokens.GetTokenAsync(default));
        Assert.Equal(2, credential.Requests);
    }
}
