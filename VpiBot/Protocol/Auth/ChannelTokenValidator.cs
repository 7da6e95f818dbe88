using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VpiBot.Protocol.Auth;

/// <summary>What a validated token allows: which channels its key speaks for, and which service URL it names.</summary>
public sealed record ChannelIdentity(bool FromBotFrameworkChannel, IReadOnlySet<string> Endorsements, string? ServiceUrl)
{
    /// <summary>
    /// The checks that need the activity: the signing key is endorsed for the activity's channel, and the token's
    /// <c>serviceurl</c> claim equals <c>activity.serviceUrl</c> (so a token for one service cannot make the bot
    /// send to another). Entra ID tokens (single-tenant bots) carry no endorsements; their serviceurl, when present, must match.
    /// </summary>
    public string? RefusalFor(Activity activity)
    {
        if (FromBotFrameworkChannel)
        {
            if (string.IsNullOrEmpty(activity.ChannelId) || !Endorsements.Contains(activity.ChannelId))
            {
                return "signing key is not endorsed for the activity's channel";
            }
            if (ServiceUrl is null)
            {
                return "token has no serviceurl claim";
            }
        }
        if (ServiceUrl is not null && !string.Equals(ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return "serviceurl claim does not match activity.serviceUrl";
        }
        return null;
    }
}

public sealed record TokenCheck(ChannelIdentity? Identity, string? Failure)
{
    public static TokenCheck Fail(string why) => new(null, why);
}

/// <summary>
/// Validates the bearer token Bot Connector (or Entra ID, for single-tenant bots) puts on every request to the bot.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
/// Every failure is a reason string (logged), never an exception: the endpoint turns it into a 401.
/// </summary>
public sealed class ChannelTokenValidator(IOptions<BotFrameworkOptions> options, OpenIdMetadataCache metadata)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<TokenCheck> ValidateAsync(string? authorizationHeader, CancellationToken ct)
    {
        var settings = options.Value;
        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Fail("no bearer token");
        }
        var raw = authorizationHeader[scheme.Length..].Trim();
        if (!Handler.CanReadToken(raw))
        {
            return TokenCheck.Fail("token is not a JWT");
        }
        JsonWebToken token;
        try
        {
            token = Handler.ReadJsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return TokenCheck.Fail("token is not a JWT");
        }
        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return TokenCheck.Fail($"algorithm '{token.Alg}' is not RS256");
        }

        var issuer = token.Issuer;
        var fromChannel = issuer == settings.ToBotFromChannelTokenIssuer;
        string metadataUrl;
        if (fromChannel)
        {
            metadataUrl = settings.ToBotFromChannelOpenIdMetadataUrl;
        }
        else if (settings.IsSingleTenant && EntraIssuers(settings.MicrosoftAppTenantId!).Contains(issuer))
        {
            metadataUrl = settings.ToBotFromEntraOpenIdMetadataUrl.Replace("{tenant}", settings.MicrosoftAppTenantId, StringComparison.Ordinal);
        }
        else
        {
            return TokenCheck.Fail($"issuer '{issuer}' is not trusted");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return TokenCheck.Fail("token names no signing key");
        }
        SigningKey? key;
        try
        {
            key = await metadata.For(metadataUrl).FindKeyAsync(token.Kid, ct);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or TaskCanceledException)
        {
            return TokenCheck.Fail($"signing keys unavailable: {e.Message}");
        }
        if (key is null)
        {
            return TokenCheck.Fail($"signing key '{token.Kid}' is unknown");
        }

        var result = await Handler.ValidateTokenAsync(token, StrictTokens.Parameters(issuer, [settings.MicrosoftAppId!, $"api://{settings.MicrosoftAppId}"], key.Key, ClockSkew));
        if (!result.IsValid)
        {
            return TokenCheck.Fail($"token rejected: {result.Exception?.GetType().Name}");
        }
        var serviceUrl = token.TryGetPayloadValue<string>("serviceurl", out var url) ? url : null;
        return new TokenCheck(new ChannelIdentity(fromChannel, key.Endorsements, serviceUrl), null);
    }

    private static string[] EntraIssuers(string tenant) =>
        [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"];
}
