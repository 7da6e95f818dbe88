using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VpiBot.Tests.Support;

/// <summary>
/// Plays login.botframework.com: an OpenID metadata document and a JWKS whose keys carry Bot Framework
/// <c>endorsements</c>, and mints tokens shaped like Bot Connector's (iss https://api.botframework.com, aud = app id,
/// serviceurl claim). https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
/// </summary>
public sealed class FakeTokenIssuer : LoopbackServer
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public RsaSecurityKey EndorsedKey { get; } = NewKey("endorsed-key");
    public RsaSecurityKey UnendorsedKey { get; } = NewKey("unendorsed-key");
    /// <summary>A key this issuer never publishes.</summary>
    public RsaSecurityKey UnpublishedKey { get; } = NewKey("unpublished-key");

    public int MetadataRequests;

    public string MetadataUrl => BaseUrl + "v1/.well-known/openidconfiguration";

    /// <summary>Plays Entra ID's multi-tenant v2 endpoint (<c>common/v2.0/.well-known/openid-configuration</c>), for the
    /// dashboard's single sign-on tokens; its keys are <see cref="EntraKey"/>.</summary>
    public string EntraMetadataUrl => BaseUrl + "common/v2.0/.well-known/openid-configuration";

    public RsaSecurityKey EntraKey { get; } = NewKey("entra-key");

    protected override void Map(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref MetadataRequests);
            return Results.Json(new JsonObject
            {
                ["issuer"] = BotFrameworkIssuer,
                ["jwks_uri"] = BaseUrl + "v1/.well-known/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            });
        });
        app.MapGet("/common/v2.0/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
            ["jwks_uri"] = BaseUrl + "common/discovery/v2.0/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/common/discovery/v2.0/keys", () => Results.Json(new JsonObject { ["keys"] = new JsonArray(Jwk(EntraKey)) }));
        app.MapGet("/v1/.well-known/keys", () => Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(Jwk(EndorsedKey, "msteams", "webchat"), Jwk(UnendorsedKey, "webchat")),
        }));
    }

    private static JsonObject Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var p = key.Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray()),
        };
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>A token as Bot Connector sends it; every part can be spoiled by a test: a null <paramref name="serviceUrl"/>
    /// leaves the <c>serviceurl</c> claim out, <paramref name="withExpiry"/> false leaves <c>exp</c> out.</summary>
    public string Token(
        string audience,
        string? serviceUrl,
        string issuer = BotFrameworkIssuer,
        SecurityKey? key = null,
        DateTime? notBefore = null,
        DateTime? expires = null,
        bool withExpiry = true)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["appid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db" };
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = withExpiry ? expires ?? now.AddMinutes(59) : null,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? EndorsedKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// An Entra ID v2 access token as TeamsJS <c>authentication.getAuthToken()</c> gets it for the tab
    /// (iss <c>https://login.microsoftonline.com/{tid}/v2.0</c>, aud the app's <c>api://</c> URI, <c>scp access_as_user</c>,
    /// <c>oid</c>, <c>tid</c>); every part can be spoiled by a test.
    /// </summary>
    public string EntraToken(
        string oid,
        string tid,
        string audience,
        string name = "Test User",
        string? issuer = null,
        SecurityKey? key = null,
        DateTime? expires = null,
        string scp = "access_as_user")
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(59);
        var start = exp < now ? exp.AddHours(-1) : now.AddMinutes(-1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? $"https://login.microsoftonline.com/{tid}/v2.0",
            Audience = audience,
            IssuedAt = start,
            NotBefore = start,
            Expires = exp,
            Claims = new Dictionary<string, object> { ["oid"] = oid, ["tid"] = tid, ["name"] = name, ["scp"] = scp, ["ver"] = "2.0" },
            SigningCredentials = new SigningCredentials(key ?? EntraKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with valid-looking claims.</summary>
    public static string UnsignedToken(string audience, string serviceUrl, string kid)
    {
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"JWT","kid":"{{kid}}"}""");
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"{{BotFrameworkIssuer}}","aud":"{{audience}}","exp":{{exp}},"serviceurl":"{{serviceUrl}}"}""");
        return $"{header}.{payload}.";
    }

    /// <summary>
    /// The classic key-confusion forgery: HS256, with the HMAC secret set to the issuer's public RSA key bytes,
    /// naming the real key id. A validator that lets the token pick the algorithm would accept it.
    /// </summary>
    public string HmacConfusionToken(string audience, string serviceUrl)
    {
        var publicKey = EndorsedKey.Rsa.ExportSubjectPublicKeyInfo();
        var secret = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(Convert.ToBase64String(publicKey))) { KeyId = EndorsedKey.KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkIssuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
    }
}
