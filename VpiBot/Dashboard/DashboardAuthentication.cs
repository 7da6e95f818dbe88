using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VpiBot.Dashboard;

/// <summary>
/// The dashboard's authentication scheme: a bearer token checked by <see cref="DashboardTokenValidator"/>. It looks only
/// at requests under <see cref="DashboardEndpoints.Prefix"/> (the bot's own <c>/api/messages</c> has its own check).
/// </summary>
public sealed class DashboardAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, DashboardTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "DashboardSso";
    public const string Policy = "DashboardUser";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Path.StartsWithSegments(DashboardEndpoints.Prefix))
        {
            return AuthenticateResult.NoResult();
        }
        const string bearer = "Bearer ";
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var check = await validator.ValidateAsync(header[bearer.Length..].Trim(), Context.RequestAborted);
        if (check.User is not { } user)
        {
            Logger.LogInformation("Dashboard token refused: {Reason}", check.Failure);
            return AuthenticateResult.Fail(check.Failure ?? "refused");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(DashboardUser.ObjectIdClaim, user.ObjectId),
            new Claim(DashboardUser.TenantIdClaim, user.TenantId),
            new Claim(DashboardUser.NameClaim, user.Name),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

public static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<DashboardOptions>(configuration.GetSection(DashboardOptions.Section));
        if (environment.IsDevelopment())
        {
            services.AddSingleton<DevTokenIssuer>();
        }
        services.AddSingleton(sp => new DashboardTokenValidator(
            sp.GetRequiredService<IOptions<DashboardOptions>>(), configuration,
            sp.GetRequiredService<Protocol.Auth.OpenIdMetadataCache>(), sp.GetService<DevTokenIssuer>()));
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<DashboardCache>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DashboardAuthenticationHandler>(DashboardAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuthenticationHandler.Policy, policy => policy
            .AddAuthenticationSchemes(DashboardAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(DashboardUser.ObjectIdClaim)
            .RequireClaim(DashboardUser.TenantIdClaim));
        return services;
    }

    /// <summary>Refuses to start outside Development with a dashboard metadata URL that is neither https nor loopback.</summary>
    public static void ValidateDashboardConfiguration(this WebApplication app)
    {
        var url = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.MetadataUrl;
        if (!Protocol.BotFrameworkOptions.IsSecureOrLoopback(url))
        {
            throw new InvalidOperationException("Dashboard:MetadataUrl must be an https:// URL (http:// is accepted only for a loopback host).");
        }
    }
}
