using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using VpiBot.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VpiBot.Tests.Infra;

/// <summary>
/// azure.yaml (azd) and m365agents*.yml (Microsoft 365 Agents Toolkit) are valid against their published JSON schemas,
/// vendored in infra/schemas/ (README there: sources and licences), and name files and parameters that exist.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static string Repo(params string[] path) => Path.Combine([RepoRoot.Path, .. path]);

    [Fact]
    public void Azure_yaml_is_valid_against_the_azd_schema()
    {
        var document = Yaml("azure.yaml");

        AssertValid(document, "azure.yaml.json");
        var service = document["services"]!["vpibot"]!;
        Assert.Equal("dotnet", (string?)service["language"]);
        Assert.Equal("appservice", (string?)service["host"]);
        Assert.True(File.Exists(Repo((string)service["project"]!, "VpiBot.csproj")));
        Assert.True(File.Exists(Repo((string)document["infra"]!["path"]!, (string)document["infra"]!["module"]! + ".bicep")));
        // azd deploys to the App Service tagged with the service's name.
        Assert.Contains("'azd-service-name': 'vpibot'", File.ReadAllText(Repo("infra", "main.bicep")));
    }

    [Theory]
    [InlineData("m365agents.yml")]
    [InlineData("m365agents.local.yml")]
    public void The_toolkit_files_are_valid_against_the_toolkit_schema(string file)
    {
        var document = Yaml(file);

        AssertValid(document, "m365agents.v1.11.yaml.schema.json");
        Assert.Equal("v1.11", (string?)document["version"]);
        var actions = document["provision"]!.AsArray().Select(a => (string?)a!["uses"]).ToList();
        Assert.Equal("teamsApp/create", actions[0]);
        Assert.Contains("teamsApp/validateAppPackage", actions);
        Assert.Equal("teamsApp/update", actions[^1]);
    }

    [Fact]
    public void The_toolkit_deploys_our_template_and_app()
    {
        var document = Yaml("m365agents.yml");
        var provision = document["provision"]!.AsArray();
        var arm = provision.Single(a => (string?)a!["uses"] == "arm/deploy")!["with"]!["templates"]![0]!;
        Assert.Equal("./infra/main.bicep", (string?)arm["path"]);
        var parameters = JsonNode.Parse(File.ReadAllText(Repo((string)arm["parameters"]!)))!["parameters"]!.AsObject();
        var declared = BicepCli.CompileMain()["parameters"]!.AsObject();
        Assert.All(parameters, p => Assert.True(declared.ContainsKey(p.Key), $"main.bicep has no parameter {p.Key}"));

        // Every ${{VAR}} the file uses is one the Toolkit has, env/.env.dev lists, or main.bicep outputs.
        var known = EnvKeys("env/.env.dev").Concat(BicepCli.CompileMain()["outputs"]!.AsObject().Select(o => o.Key))
            .Concat(["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP_NAME", "TEAMSFX_ENV"]).ToHashSet();
        foreach (Match m in Placeholder().Matches(File.ReadAllText(Repo("m365agents.yml"))))
        {
            Assert.Contains(m.Groups[1].Value, known);
        }

        var deploy = document["deploy"]!.AsArray();
        Assert.Contains("publish VpiBot/VpiBot.csproj", (string?)deploy[0]!["with"]!["args"]);
        Assert.Equal("${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}", (string?)deploy[1]!["with"]!["resourceId"]);
    }

    [Fact]
    public void The_azd_parameters_name_parameters_of_the_template()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Repo("infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = BicepCli.CompileMain()["parameters"]!.AsObject();

        Assert.All(parameters, p => Assert.True(declared.ContainsKey(p.Key), $"main.bicep has no parameter {p.Key}"));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)parameters["namePrefix"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)parameters["location"]!["value"]);
    }

    [Fact]
    public void The_committed_env_files_hold_no_secret_and_user_files_are_ignored()
    {
        foreach (var file in Directory.GetFiles(Repo("env"), ".env.*"))
        {
            foreach (var line in File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith('#') && l.Contains('=')))
            {
                var (key, value) = (line[..line.IndexOf('=')], line[(line.IndexOf('=') + 1)..]);
                Assert.True(value.Length == 0 || !key.Contains("SECRET", StringComparison.OrdinalIgnoreCase), $"{file}: {key} has a value");
            }
        }
        var ignored = File.ReadAllLines(Repo(".gitignore"));
        Assert.Contains(".env.*.user", ignored);
        Assert.Contains("appsettings.Local.json", ignored);
    }

    [Theory]
    [InlineData("azure.yaml", "azure.yaml.json", "host: appservice", "hosting: appservice")]
    [InlineData("azure.yaml", "azure.yaml.json", "name: vpibot", "name: VpiBot")]
    [InlineData("m365agents.yml", "m365agents.v1.11.yaml.schema.json", "uses: teamsApp/update", "uses: teamsApp/upgrade")]
    [InlineData("m365agents.yml", "m365agents.v1.11.yaml.schema.json", "version: v1.11", "version: v1.8")]
    [InlineData("m365agents.local.yml", "m365agents.v1.11.yaml.schema.json", "generateClientSecret: true", "generateClientSecret: yes please")]
    public void The_schema_checks_catch_mistakes(string file, string schemaFile, string good, string bad)
    {
        var source = File.ReadAllText(Repo(file));
        Assert.Contains(good, source);
        var copy = Path.Combine(Path.GetTempPath(), $"vpibot-{Guid.NewGuid():N}.yml");
        try
        {
            File.WriteAllText(copy, source.Replace(good, bad, StringComparison.Ordinal));

            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertValid(Yaml(copy), schemaFile));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static IEnumerable<string> EnvKeys(string file) =>
        File.ReadAllLines(Repo(file)).Where(l => !l.TrimStart().StartsWith('#') && l.Contains('=')).Select(l => l[..l.IndexOf('=')].Trim());

    private static void AssertValid(JsonNode instance, string schemaFile)
    {
        var text = File.ReadAllText(Repo("infra", "schemas", schemaFile));
        var schema = JsonSchema.FromText(text);
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        // Offline. The azd schema refers to remote schemas for the AI hosts' config only (under if/then on the host);
        // they stand here as schemas nothing satisfies, so a service of such a host would fail, never pass unchecked.
        foreach (var remote in RemoteRef().Matches(text).Select(m => m.Groups[1].Value).Distinct())
        {
            options.SchemaRegistry.Register(JsonSchema.FromText(new JsonObject { ["$id"] = remote, ["not"] = new JsonObject() }.ToJsonString()));
        }
        options.SchemaRegistry.Fetch = uri => throw new InvalidOperationException($"{schemaFile} refers to {uri}; remote schemas are not fetched.");

        var result = schema.Evaluate(instance, options);

        var errors = result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} [{d.EvaluationPath}]"))
            .Distinct().Take(20).ToList();
        Assert.True(result.IsValid, $"not valid against {schemaFile}:\n" + string.Join('\n', errors));
    }

    /// <summary>A YAML file as JSON, scalars typed as YAML 1.2's core schema types them (plain true/false, numbers, null).</summary>
    private static JsonNode Yaml(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Repo(file)))
        {
            stream.Load(reader);
        }
        return ToJson(Assert.Single(stream.Documents).RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => scalar.Value switch
        {
            null or "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            var s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            var s => JsonValue.Create(s),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    [GeneratedRegex("\"\\$ref\":\\s*\"(https?://[^\"#]+)")]
    private static partial Regex RemoteRef();

    [GeneratedRegex(@"\$\{\{([A-Z0-9_]+)\}\}")]
    private static partial Regex Placeholder();
}
