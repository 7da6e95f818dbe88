using System.Net;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Protocol;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>Configuration is checked at startup, with messages an operator can act on. Runs alone: one test sets process environment variables.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class StartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Anonymous_mode_is_refused_outside_Development(string environment)
    {
        using var app = new BotApp(environment: environment);
        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("MicrosoftAppId", error.Message);
        Assert.Contains("Development", error.Message);
    }

    [Fact]
    public async Task Anonymous_mode_runs_in_Development()
    {
        await using var app = new BotApp();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("http://login.example.com/v1/.well-known/openidconfiguration")]
    [InlineData("ftp://127.0.0.1/metadata")]
    public void Metadata_must_be_https_unless_on_loopback(string url)
    {
        using var app = new BotApp(new() { ["MicrosoftAppId"] = BotApp.AppId, ["MicrosoftAppPassword"] = "x", ["ToBotFromChannelOpenIdMetadataUrl"] = url }, "Production");
        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("ToBotFromChannelOpenIdMetadataUrl", error.Message);
    }

    [Fact]
    public void Single_tenant_needs_its_tenant()
    {
        using var app = new BotApp(new() { ["MicrosoftAppId"] = BotApp.AppId, ["MicrosoftAppPassword"] = "x", ["MicrosoftAppType"] = "SingleTenant" }, "Production");
        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("MicrosoftAppTenantId", error.Message);
    }

    [Fact]
    public async Task The_Bot_Framework_keys_are_read_from_environment_variables()
    {
        // Azure App Service and every Bot Framework guide set these exact names as environment variables.
        Environment.SetEnvironmentVariable("MicrosoftAppId", BotApp.AppId);
        try
        {
            await using var app = new BotApp(environment: "Production");
            app.CreateClient(); // starts: with an app id from the environment this is not anonymous mode
            var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VpiBot.Protocol.BotFrameworkOptions>>().Value;
            Assert.Equal(BotApp.AppId, options.MicrosoftAppId);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MicrosoftAppId", null);
        }
    }
}
