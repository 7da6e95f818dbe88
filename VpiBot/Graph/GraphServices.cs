using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using VpiBot.Protocol;
using VpiBot.Telemetry;

namespace VpiBot.Graph;

public static class GraphServices
{
    /// <summary>
    /// The Graph calendar layer (section <c>Graph</c>). Not configured, <see cref="GraphCalendar"/> answers
    /// <see cref="GraphProblem.NotConfigured"/> to every call; nothing is validated at start-up.
    /// </summary>
    public static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GraphOptions>(configuration.GetSection("Graph"));
        services.AddSingleton(sp => CredentialFor(sp.GetRequiredService<IOptions<GraphOptions>>().Value,
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value, sp.GetService<TokenCredential>(), sp.GetService<IHostEnvironment>()?.IsDevelopment() == true));
        services.AddVpiInstruments();
        services.AddSingleton<GraphCalendar>();
        return services;
    }

    /// <summary>
    /// The bot's own Entra identity, for Graph: a registered <see cref="TokenCredential"/> when there is one (tests,
    /// a host's managed identity); else the bot's app registration — user-assigned managed identity, certificate or
    /// secret — in the tenant of <see cref="GraphOptions.TenantId"/> or, for a single-tenant bot, its own tenant.
    /// </summary>
    public static GraphCredential CredentialFor(GraphOptions graph, BotFrameworkOptions bot, TokenCredential? registered, bool development = false)
    {
        if (!graph.IsConfigured)
        {
            return new GraphCredential(null, "Microsoft Graph is not configured.");
        }
        if (registered is not null)
        {
            return new GraphCredential(registered, null);
        }
        if (development && bot.IsAnonymous && Uri.TryCreate(graph.BaseUrl, UriKind.Absolute, out var url) && url.IsLoopback)
        {
            return new GraphCredential(new LocalGraphCredential(), null); // the local Graph of dev/VpiBot.LocalGraph: no Entra needed
        }
        if (bot.IsAnonymous)
        {
            return new GraphCredential(null, "Microsoft Graph needs the bot's identity (MicrosoftAppId), and none is configured.");
        }
        if (string.Equals(bot.MicrosoftAppType, BotFrameworkOptions.AppTypes.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            return new GraphCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(bot.MicrosoftAppId!)), null);
        }
        var tenant = !string.IsNullOrWhiteSpace(graph.TenantId) ? graph.TenantId : bot.IsSingleTenant ? bot.MicrosoftAppTenantId : null;
        if (string.IsNullOrWhiteSpace(tenant))
        {
            return new GraphCredential(null, "Microsoft Graph needs the organization's tenant: set Graph:TenantId (or MicrosoftAppTenantId for a single-tenant bot).");
        }
        return !string.IsNullOrWhiteSpace(bot.MicrosoftAppCertificatePath)
            ? new GraphCredential(new ClientCertificateCredential(tenant, bot.MicrosoftAppId, bot.MicrosoftAppCertificatePath), null)
            : new GraphCredential(new ClientSecretCredential(tenant, bot.MicrosoftAppId, bot.MicrosoftAppPassword), null);
    }
}

/// <summary>
/// The token for a Graph on this machine (<c>dev/VpiBot.LocalGraph</c>), used only in Development, by an anonymous bot,
/// with <c>Graph:BaseUrl</c> on a loopback address: no secret exists to leak, and no real Graph would take it.
/// </summary>
public sealed class LocalGraphCredential : TokenCredential
{
    public const string Token = "local-development-only";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
