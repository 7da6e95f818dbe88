namespace VpiBot.Dashboard;

/// <summary>
/// How the dashboard's API checks the Teams single sign-on token (<c>Dashboard:…</c>). The tab gets an Entra ID v2
/// access token for the app's <c>api://{domain}/{MicrosoftAppId}</c> resource with TeamsJS
/// <c>authentication.getAuthToken()</c>; https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-overview
/// </summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Entra's multi-tenant OpenID metadata: its <c>jwks_uri</c> is https://login.microsoftonline.com/common/discovery/v2.0/keys.</summary>
    public const string EntraCommonMetadata = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where the signing keys come from (tests point it at a local issuer). https only (http for a loopback host).</summary>
    public string MetadataUrl { get; set; } = EntraCommonMetadata;

    /// <summary>
    /// The application ID URI the token is for, <c>api://{domain}/{MicrosoftAppId}</c> (as in the manifest's
    /// <c>webApplicationInfo.resource</c>). The bare app id (<c>MicrosoftAppId</c>, what Entra puts in <c>aud</c> of a v2
    /// token) is accepted too. Neither set: every token is refused.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>The delegated scope the tab's token must carry (Entra app registration: "Expose an API").</summary>
    public string Scope { get; set; } = "access_as_user";
}
