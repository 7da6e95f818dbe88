using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VpiBot.Protocol.Auth;

namespace VpiBot.Dashboard;

/// <summary>The person a dashboard request is from: their Entra object id (as the roster keeps it), tenant and name.</summary>
public sealed record DashboardUser(string ObjectId, string TenantId, string Name)
{
    public const string ObjectIdClaim = "oid";
    public const string TenantIdClaim = "tid";
    public const string NameClaim = "name";

    public static DashboardUser? From(ClaimsPrincipal principal) =>
        principal.FindFirst(ObjectIdClaim)?.Value is { Length: > 0 } oid && principal.FindFirst(TenantIdClaim)?.Value is { Length: > 0 } tid
            ? new DashboardUser(oid, tid, principal.FindFirst(NameClaim)?.Value ?? "")
            : null;
}

/// <summary>What a token check found: the user, or why not (logged, never sent).</summary>
public sealed record DashboardTokenCheck(DashboardUser? User, string? Failure);

/// <summary>
/// Validates the tab's single sign-on token, an Entra ID v2 access token
/// (https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-token-graph#validate-the-access-token,
/// https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens): RS256 only, signed by a key of
/// <see cref="DashboardOptions.MetadataUrl"/> (or, in Development only, the <see cref="DevTokenIssuer"/>'s key);
/// issuer exactly <c>https://login.microsoftonline.com/{tid}/v2.0</c> for the token's own <c>tid</c> (multi-tenant:
/// whether that tenant is the VPI's is the endpoint's check); audience the configured <c>api://</c> URI or the app id;
/// a lifetime, with <see cref="ClockSkew"/>; the <c>access_as_user</c> scope; an <c>oid</c>.
/// </summary>
public sealed class DashboardTokenValidator(IOptions<DashboardOptions> options, IConfiguration configuration, OpenIdMetadataCache metadata,
    DevTokenIssuer? devIssuer = null)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public static string EntraIssuer(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    /// <summary>
    /// An Entra id as it may appear in <c>tid</c> and <c>oid</c>: hex digits and dashes (a GUID from Entra; the Agents
    /// Playground's ids, which the dev issuer mints for, are GUID-like but longer).
    /// </summary>
    public static bool IsEntraId(string? id) => id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiHexDigit(c) || c == '-');

    /// <summary>The audiences accepted: the configured application ID URI and the bare app id, whichever are set.</summary>
    public IReadOnlyList<string> Audiences()
    {
        var audiences = new List<string>();
        if (options.Value.Audience is { Length: > 0 } uri)
        {
            audiences.Add(uri);
        }
        if (configuration["MicrosoftAppId"] is { Length: > 0 } appId)
        {
            audiences.Add(appId);
        }
        if (devIssuer is not null)
        {
            audiences.Add(devIssuer.Audience);
        }
        return audiences;
    }

    public async Task<DashboardTokenCheck> ValidateAsync(string raw, CancellationToken ct)
    {
        var settings = options.Value;
        if (!Handler.CanReadToken(raw))
        {
            return Fail("token is not a JWT");
        }
        JsonWebToken token;
        try
        {
            token = Handler.ReadJsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return Fail("token is not a JWT");
        }
        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return Fail($"algorithm '{token.Alg}' is not RS256");
        }
        if (!token.TryGetPayloadValue<string>(DashboardUser.TenantIdClaim, out var tid) || !IsEntraId(tid))
        {
            return Fail("token has no tenant id");
        }
        var issuer = EntraIssuer(tid);
        if (!string.Equals(token.Issuer, issuer, StringComparison.Ordinal))
        {
            return Fail("issuer is not the v2 issuer of the token's tenant");
        }
        if (string.IsNullOrEmpty(token.Kid))
        {
            return Fail("token names no signing key");
        }
        SecurityKey? key;
        if (devIssuer is not null && token.Kid == devIssuer.KeyId)
        {
            key = devIssuer.Key; // Development only: the issuer is not registered anywhere else
        }
        else
        {
            try
            {
                key = (await metadata.For(settings.MetadataUrl).FindKeyAsync(token.Kid, ct))?.Key;
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or TaskCanceledException)
            {
                return Fail($"signing keys unavailable: {e.GetType().Name}");
            }
        }
        if (key is null)
        {
            return Fail("signing key is unknown");
        }
        var audiences = Audiences();
        if (audiences.Count == 0)
        {
            return Fail("no audience configured (Dashboard:Audience, MicrosoftAppId)");
        }
        var result = await Handler.ValidateTokenAsync(token, StrictTokens.Parameters(issuer, audiences, key, ClockSkew));
        if (!result.IsValid)
        {
            return Fail($"token rejected: {result.Exception?.GetType().Name}");
        }
        var scopes = token.TryGetPayloadValue<string>("scp", out var scp) ? scp.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (!scopes.Contains(settings.Scope, StringComparer.Ordinal))
        {
            return Fail($"token lacks the scope '{settings.Scope}'");
        }
        if (!token.TryGetPayloadValue<string>(DashboardUser.ObjectIdClaim, out var oid) || !IsEntraId(oid))
        {
            return Fail("token has no object id");
        }
        var name = token.TryGetPayloadValue<string>(DashboardUser.NameClaim, out var n) ? n : "";
        return new DashboardTokenCheck(new DashboardUser(oid.ToLowerInvariant(), tid.ToLowerInvariant(), name), null);
    }

    private static DashboardTokenCheck Fail(string why) => new(null, why);
}
