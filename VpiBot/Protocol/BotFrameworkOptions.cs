namespace VpiBot.Protocol;

/// <summary>
/// Bot Framework settings, under the keys every Bot Framework deployment guide uses
/// (they are read from the configuration root, so environment variables of the same names work).
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// </summary>
public sealed class BotFrameworkOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string MicrosoftAppType { get; set; } = AppTypes.MultiTenant;
    public string? MicrosoftAppTenantId { get; set; }
    /// <summary>Path to a PEM or PFX certificate, used instead of a password when set.</summary>
    public string? MicrosoftAppCertificatePath { get; set; }
    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string ToBotFromChannelTokenIssuer { get; set; } = "https://api.botframework.com";
    /// <summary>Metadata for Entra ID tokens (single-tenant bots); <c>{tenant}</c> is replaced by the tenant id.</summary>
    public string ToBotFromEntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";
    public string ToChannelFromBotLoginUrl { get; set; } = "https://login.microsoftonline.com/botframework.com";
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com/.default";

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant =>
        string.Equals(MicrosoftAppType, AppTypes.SingleTenant, StringComparison.OrdinalIgnoreCase)
        || string.Equals(MicrosoftAppType, AppTypes.UserAssignedMsi, StringComparison.OrdinalIgnoreCase);

    public static class AppTypes
    {
        public const string MultiTenant = "MultiTenant";
        public const string SingleTenant = "SingleTenant";
        public const string UserAssignedMsi = "UserAssignedMSI";
    }

    /// <summary>Startup checks; each problem is a sentence an operator can act on.</summary>
    public IEnumerable<string> Problems(bool isDevelopment)
    {
        if (IsAnonymous)
        {
            if (!isDevelopment)
            {
                yield return "MicrosoftAppId is not set. Anonymous mode (no authentication) is allowed only in the Development environment; "
                    + "set MicrosoftAppId and its credential, or run with ASPNETCORE_ENVIRONMENT=Development on your own machine.";
            }
            yield break;
        }
        var known = new[] { AppTypes.MultiTenant, AppTypes.SingleTenant, AppTypes.UserAssignedMsi };
        if (!known.Contains(MicrosoftAppType, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"MicrosoftAppType must be one of {string.Join(", ", known)}.";
        }
        if (IsSingleTenant && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant or UserAssignedMSI.";
        }
        foreach (var (key, url) in new[] { ("ToBotFromChannelOpenIdMetadataUrl", ToBotFromChannelOpenIdMetadataUrl), ("ToBotFromEntraOpenIdMetadataUrl", ToBotFromEntraOpenIdMetadataUrl) })
        {
            if (!IsSecureOrLoopback(url.Replace("{tenant}", "t", StringComparison.Ordinal)))
            {
                yield return $"{key} must be an https:// URL (http:// is accepted only for a loopback host).";
            }
        }
    }

    /// <summary>https everywhere; plain http only to this machine (how tests run their own token issuer).</summary>
    public static bool IsSecureOrLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
