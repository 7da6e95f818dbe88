using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VpiBot.Dashboard;

/// <summary>
/// Development only: mints tokens shaped like the tab's Entra v2 SSO token, so the dashboard can be opened in a browser
/// outside Teams (<c>GET /dev/token?oid=…&amp;tid=…&amp;name=…</c>). Its RSA key is made at start and lives in memory; the
/// validator trusts it only because this class is registered, which happens only in the Development environment.
/// </summary>
public sealed class DevTokenIssuer
{
    public const string Path = "/dev/token";
    public string KeyId { get; } = "vpibot-dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    public RsaSecurityKey Key { get; }

    /// <summary>The audience its tokens carry (accepted by the validator in Development only).</summary>
    public string Audience => "api://localhost/vpibot-dev";

    public DevTokenIssuer() => Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = KeyId };

    public string Mint(string oid, string tid, string name, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DashboardTokenValidator.EntraIssuer(tid),
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                [DashboardUser.ObjectIdClaim] = oid,
                [DashboardUser.TenantIdClaim] = tid,
                [DashboardUser.NameClaim] = name,
                ["scp"] = "access_as_user",
                ["ver"] = "2.0",
            },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (string oid, string tid, string? name, DevTokenIssuer issuer, TimeProvider time) =>
            !DashboardTokenValidator.IsEntraId(oid) || !DashboardTokenValidator.IsEntraId(tid)
                ? Results.BadRequest()
                : Results.Json(new { accessToken = issuer.Mint(oid, tid, name ?? "Developer", time), expiresIn = 3600 }));
}
