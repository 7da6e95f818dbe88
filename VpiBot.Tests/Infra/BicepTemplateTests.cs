using System.Text.Json.Nodes;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Infra;

/// <summary>infra/main.bicep compiles and lints clean with the pinned Bicep CLI, and is safe by <see cref="ArmSecurityCheck"/>.</summary>
public sealed class BicepTemplateTests
{
    [Fact]
    public void The_template_builds_with_no_warning()
    {
        var (exitCode, stdout, stderr) = BicepCli.Run("build", BicepCli.MainTemplate, "--stdout");

        Assert.True(exitCode == 0 && stderr.Trim().Length == 0, $"bicep build exited {exitCode}:\n{stderr}");
        Assert.NotNull(JsonNode.Parse(stdout)?["resources"]);
    }

    [Fact]
    public void The_template_lints_clean()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "infra"), "*.bicep", SearchOption.AllDirectories))
        {
            var (exitCode, stdout, stderr) = BicepCli.Run("lint", file);

            Assert.True(exitCode == 0 && (stdout + stderr).Trim().Length == 0, $"bicep lint {file} exited {exitCode}:\n{stdout}{stderr}");
        }
    }

    [Fact]
    public void The_compiled_template_has_no_security_violation()
    {
        Assert.Empty(ArmSecurityCheck.Violations(BicepCli.CompileMain()));
    }

    [Fact]
    public void The_template_has_what_the_bot_needs()
    {
        var template = BicepCli.CompileMain();
        var resources = template["resources"]!.AsArray().OfType<JsonObject>().ToList();
        JsonObject Single(string type) => Assert.Single(resources, r => (string?)r["type"] == type);

        var site = Single("Microsoft.Web/sites");
        Assert.Equal("DOTNETCORE|10.0", (string?)site["properties"]!["siteConfig"]!["linuxFxVersion"]);
        Assert.Equal("/healthz", (string?)site["properties"]!["siteConfig"]!["healthCheckPath"]);
        Assert.True((bool)site["properties"]!["siteConfig"]!["http20Enabled"]!);
        var plan = Single("Microsoft.Web/serverfarms");
        Assert.True((bool)plan["properties"]!["reserved"]!); // Linux
        Assert.Equal(2, (int)template["parameters"]!["instanceCount"]!["defaultValue"]!);
        Assert.Equal("securestring", (string?)template["parameters"]!["downloadSigningKey"]!["type"]);
        Assert.Equal("[base64(format('{0}{1}', newGuid(), newGuid()))]", (string?)template["parameters"]!["downloadSigningKey"]!["defaultValue"]);

        // The settings are one ARM expression (createObject('name', value, ...) with the optional ones unioned in).
        var settings = (string)Single("Microsoft.Web/sites/config")["properties"]!;
        foreach (var pair in new[]
        {
            "'ASPNETCORE_ENVIRONMENT', 'Production'",
            "'MicrosoftAppType', 'UserAssignedMSI'",
            "'MicrosoftAppId', reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities'",
            "'MicrosoftAppTenantId', tenant().tenantId",
            "'Storage__Provider', 'AzureTables'",
            "'Storage__TableServiceUri', reference(resourceId('Microsoft.Storage/storageAccounts', variables('storageName')), '2023-05-01').primaryEndpoints.table",
            "'Storage__ManagedIdentityClientId', reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities'",
            "'APPLICATIONINSIGHTS_CONNECTION_STRING', reference(resourceId('Microsoft.Insights/components'",
            "variables('facilitatorSettings'), variables('graphSettings')",
            "'Downloads__SigningKey', parameters('downloadSigningKey')", // every instance honours the others' download links
        })
        {
            Assert.Contains(pair, settings, StringComparison.Ordinal);
        }

        var botModule = Single("Microsoft.Resources/deployments");
        var botResources = botModule["properties"]!["template"]!["resources"]!.AsArray().OfType<JsonObject>().ToList();
        var bot = Assert.Single(botResources, r => (string?)r["type"] == "Microsoft.BotService/botServices");
        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("UserAssignedMSI", (string?)bot["properties"]!["msaAppType"]);
        Assert.Single(botResources, r => (string?)r["type"] == "Microsoft.BotService/botServices/channels" && (string?)r["properties"]!["channelName"] == "MsTeamsChannel");
        Assert.Contains("/api/messages", (string?)botModule["properties"]!["parameters"]!["endpoint"]!["value"]);

        var outputs = template["outputs"]!.AsObject();
        foreach (var name in new[] { "appSettings", "botEndpoint", "identityClientId", "appUrl", "BOT_ID", "BOT_AZURE_APP_SERVICE_RESOURCE_ID" })
        {
            Assert.True(outputs.ContainsKey(name), $"no output {name}");
        }
    }

    // The checker must fail on what it is there to catch: each variant of our compiled template breaks one rule.
    public static TheoryData<string, string> Mutations => new()
    {
        { "storage shared keys on", "shared key access" },
        { "storage blob public access on", "blob public access" },
        { "storage TLS 1.0", "minimumTlsVersion" },
        { "storage http allowed", "plain http" },
        { "web app not httpsOnly", "httpsOnly" },
        { "web app FTP AllAllowed", "FTP is not disabled" },
        { "web app TLS 1.0", "minTlsVersion" },
        { "web app no health check", "healthCheckPath" },
        { "web app not always on", "alwaysOn" },
        { "web app system identity only", "user-assigned" },
        { "role assignment on the resource group", "broader than one storage account" },
        { "role assignment Owner", "not Storage Table Data Contributor" },
        { "output with listKeys", "looks like a secret" },
        { "output with an account key", "looks like a secret" },
        { "module output with a password", "looks like a secret" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void The_checker_reports_each_broken_rule(string mutation, string expected)
    {
        var template = BicepCli.CompileMain();
        Mutate(template, mutation);

        var violations = ArmSecurityCheck.Violations(template);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_checker_catches_shared_keys_turned_on_in_the_bicep_source()
    {
        var copy = Path.Combine(Path.GetTempPath(), "vpibot-infra-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(Path.Combine(RepoRoot.Path, "infra"), copy);
            var main = Path.Combine(copy, "main.bicep");
            var source = File.ReadAllText(main);
            Assert.Contains("allowSharedKeyAccess: false", source);
            File.WriteAllText(main, source.Replace("allowSharedKeyAccess: false", "allowSharedKeyAccess: true", StringComparison.Ordinal)
                .Replace("ftpsState: 'Disabled'", "ftpsState: 'AllAllowed'", StringComparison.Ordinal)
                .Replace("httpsOnly: true", "httpsOnly: false", StringComparison.Ordinal));

            var violations = ArmSecurityCheck.Violations(BicepCli.BuildJson(main));

            Assert.Equal(3, violations.Count);
            Assert.Contains(violations, v => v.Contains("shared key access", StringComparison.Ordinal));
            Assert.Contains(violations, v => v.Contains("httpsOnly", StringComparison.Ordinal));
            Assert.Contains(violations, v => v.Contains("FTP is not disabled", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void Mutate(JsonObject template, string mutation)
    {
        var resources = template["resources"]!.AsArray().OfType<JsonObject>().ToList();
        JsonObject Of(string type) => resources.Single(r => (string?)r["type"] == type);
        var storage = Of("Microsoft.Storage/storageAccounts")["properties"]!.AsObject();
        var site = Of("Microsoft.Web/sites");
        var siteConfig = site["properties"]!["siteConfig"]!.AsObject();
        var role = Of("Microsoft.Authorization/roleAssignments");
        switch (mutation)
        {
            case "storage shared keys on": storage["allowSharedKeyAccess"] = true; break;
            case "storage blob public access on": storage["allowBlobPublicAccess"] = true; break;
            case "storage TLS 1.0": storage["minimumTlsVersion"] = "TLS1_0"; break;
            case "storage http allowed": storage["supportsHttpsTrafficOnly"] = false; break;
            case "web app not httpsOnly": site["properties"]!["httpsOnly"] = false; break;
            case "web app FTP AllAllowed": siteConfig["ftpsState"] = "AllAllowed"; break;
            case "web app TLS 1.0": siteConfig["minTlsVersion"] = "1.0"; break;
            case "web app no health check": siteConfig.Remove("healthCheckPath"); break;
            case "web app not always on": siteConfig["alwaysOn"] = false; break;
            case "web app system identity only": site["identity"] = new JsonObject { ["type"] = "SystemAssigned" }; break;
            case "role assignment on the resource group": role.Remove("scope"); break;
            case "role assignment Owner":
                role["properties"]!["roleDefinitionId"] = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]";
                break;
            case "output with listKeys":
                template["outputs"]!["storageKey"] = new JsonObject { ["type"] = "string", ["value"] = "[listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageName')), '2023-05-01').keys[0].value]" };
                break;
            case "output with an account key":
                template["outputs"]!["storage"] = new JsonObject { ["type"] = "string", ["value"] = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc;EndpointSuffix=core.windows.net" };
                break;
            case "module output with a password":
                Of("Microsoft.Resources/deployments")["properties"]!["template"]!["outputs"]!["adminPassword"] = new JsonObject { ["type"] = "string", ["value"] = "hunter2" };
                break;
            default: throw new ArgumentException(mutation);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*.bicep", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
