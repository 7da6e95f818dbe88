using Microsoft.IdentityModel.Tokens;

namespace VpiBot.Protocol.Auth;

/// <summary>
/// How every inbound JWT is checked (the Bot Connector's and the dashboard's single sign-on alike): one issuer, the
/// given audiences, signed with RS256 by the one key its <c>kid</c> names, with an expiry, within a small clock skew.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// </summary>
public static class StrictTokens
{
    public static TokenValidationParameters Parameters(string issuer, IEnumerable<string> audiences, SecurityKey key, TimeSpan clockSkew) => new()
    {
        ValidIssuer = issuer,
        ValidAudiences = audiences,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = clockSkew,
        TryAllIssuerSigningKeys = false,
    };
}
