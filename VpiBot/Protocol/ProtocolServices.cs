using Azure.Core;
using Microsoft.Extensions.Options;
using VpiBot.Protocol.Auth;
using VpiBot.Protocol.Connector;
using VpiBot.Telemetry;

namespace VpiBot.Protocol;

public static class ProtocolServices
{
    /// <summary>The Bot Framework protocol layer: inbound auth, routing, the Connector client.</summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingletonTimeProvider();
        services.AddVpiInstruments();
        services.Configure<BotFrameworkOptions>(configuration); // the Bot Framework's own keys live at the root
        services.Configure<MessagesEndpointOptions>(configuration.GetSection("Bot"));
        services.Configure<ConnectorRetryOptions>(configuration.GetSection("Connector:Retry"));
        services.Configure<ConnectorOptions>(configuration.GetSection("Connector"));

        services.AddHttpClient(nameof(OpenIdMetadata), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<OpenIdMetadataCache>();
        services.AddSingleton<ChannelTokenValidator>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotFrameworkOptions>>();
            var credential = options.Value.IsAnonymous ? null : sp.GetService<TokenCredential>() ?? ConnectorTokens.CredentialFor(options.Value);
            return new ConnectorTokens(options, credential, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<TeamsRateLimiter>();
        services.AddTransient(sp => new ConnectorRetryHandler(sp.GetRequiredService<IOptions<ConnectorRetryOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ConnectorOptions>>().Value));
        // The in-turn client: the retry handler bounds every call to Connector:Timeout (on the app's clock); the
        // HttpClient's own timeout is only a backstop on the wall clock.
        services.AddHttpClient<ConnectorClient>((sp, c) =>
                c.Timeout = sp.GetRequiredService<IOptions<ConnectorOptions>>().Value.Timeout + TimeSpan.FromSeconds(5))
            .AddHttpMessageHandler<ConnectorRetryHandler>()
            // inside the retries: each attempt is measured (a 429 that is retried still counts)
            .AddHttpMessageHandler(sp => new OutgoingCallsHandler(sp.GetRequiredService<VpiTelemetry>(), VpiTelemetry.Services.Connector));

        services.AddScoped<ActivityRouter>(); // features are per request (they hold typed HttpClients)
        services.AddScoped<MessagesEndpoint>(); // holds a typed HttpClient, so not a singleton
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>Refuses to start with a configuration that would run unauthenticated in production, or cannot work.</summary>
    public static void ValidateBotConfiguration(this WebApplication app)
    {
        var problems = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value
            .Problems(app.Environment.IsDevelopment()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("VpiBot cannot start: " + string.Join(" ", problems));
        }
    }
}
