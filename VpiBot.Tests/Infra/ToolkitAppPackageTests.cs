using System.IO.Compression;
using System.Text.Json.Nodes;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using VpiBot.AppPackage;
using VpiBot.Storage;

namespace VpiBot.Tests.Infra;

/// <summary>
/// What the deployment relies on in the app: the Agents Toolkit's Teams app id in the package (m365agents.yml), and
/// the storage settings infra/main.bicep gives (Storage:TableServiceUri with the bot's user-assigned identity).
/// </summary>
public sealed class ToolkitAppPackageTests : IDisposable
{
    private const string BotId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string TeamsAppId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private readonly string _work = Directory.CreateTempSubdirectory("vpibot-atk-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void The_build_command_takes_the_toolkits_teams_app_id_and_keeps_the_bot_id()
    {
        var zip = Path.Combine(_work, "appPackage.dev.zip");
        var error = new StringWriter();

        Assert.Equal(0, AppPackageCommand.Run(["--app-id", BotId, "--teams-app-id", TeamsAppId, "--out", zip], new StringWriter(), error));

        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        var manifest = JsonNode.Parse(reader.ReadToEnd())!;
        Assert.Equal(TeamsAppId, (string?)manifest["id"]);
        Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(1, AppPackageCommand.Run(["--app-id", BotId, "--teams-app-id", "nope", "--out", zip], new StringWriter(), error));
    }

    [Fact]
    public void Without_a_teams_app_id_the_bot_id_is_the_app_id_as_before()
    {
        var template = File.ReadAllText(Path.Combine(AppPackageCommand.FindAppPackageDirectory(AppContext.BaseDirectory)!, AppPackageCommand.TemplateFileName));

        var manifest = JsonNode.Parse(AppPackageBuilder.FillManifest(template, BotId))!;

        Assert.Equal(BotId, (string?)manifest["id"]);
    }

    [Fact]
    public void Table_storage_uses_the_configured_user_assigned_identity()
    {
        static Azure.Core.TokenCredential CredentialFor(Dictionary<string, string?> settings) =>
            StorageServices.Credential(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Storage"));

        Assert.IsType<ManagedIdentityCredential>(CredentialFor(new() { ["Storage:ManagedIdentityClientId"] = BotId }));
        Assert.IsType<DefaultAzureCredential>(CredentialFor([]));
    }
}
