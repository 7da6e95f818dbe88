using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace VpiBot.Protocol.Connector;

/// <summary>
/// Bearer tokens for the bot's calls to Bot Connector, for <c>ToChannelFromBotOAuthScope</c>.
/// Cached until five minutes before expiry; anonymous mode (no app id) sends no token.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector
/// </summary>
public sealed class ConnectorTokens(IOptions<BotFrameworkOptions> options, TokenCredential? credential, TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached; // one reference, so a reader never sees a token with another token's expiry

    private sealed record Cached(string Token, DateTimeOffset ExpiresOn);

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        if (credential is null)
        {
            return null;
        }
        if (_cached is { } cached && IsFresh(cached))
        {
            return cached.Token;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is not { } current || !IsFresh(current))
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext([options.Value.ToChannelFromBotOAuthScope]), ct);
                _cached = current = new Cached(token.Token, token.ExpiresOn);
            }
            return current.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(Cached token) => token.ExpiresOn - RefreshMargin > time.GetUtcNow();

    /// <summary>The Azure.Identity credential for the configured app type; null in anonymous mode.</summary>
    public static TokenCredential? CredentialFor(BotFrameworkOptions o)
    {
        if (o.IsAnonymous)
        {
            return null;
        }
        if (string.Equals(o.MicrosoftAppType, BotFrameworkOptions.AppTypes.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.MicrosoftAppId!));
        }
        // ToChannelFromBotLoginUrl is authority host + tenant, e.g. https://login.microsoftonline.com/botframework.com
        var login = new Uri(o.ToChannelFromBotLoginUrl);
        var tenant = o.IsSingleTenant ? o.MicrosoftAppTenantId! : login.AbsolutePath.Trim('/');
        var identityOptions = new ClientCertificateCredentialOptions { AuthorityHost = new Uri(login.GetLeftPart(UriPartial.Authority)) };
        if (!string.IsNullOrWhiteSpace(o.MicrosoftAppCertificatePath))
        {
            return new ClientCertificateCredential(tenant, o.MicrosoftAppId, o.MicrosoftAppCertificatePath, identityOptions);
        }
        return new ClientSecretCredential(tenant, o.MicrosoftAppId, o.MicrosoftAppPassword,
            new ClientSecretCredentialOptions { AuthorityHost = identityOptions.AuthorityHost });
    }
}
