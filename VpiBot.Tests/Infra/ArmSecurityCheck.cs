using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VpiBot.Tests.Infra;

/// <summary>
/// Reads a compiled ARM template (what `bicep build` writes) and returns what is wrong with it for VpiBot, one
/// sentence each: storage accounts, web apps, role assignments and outputs, including those of nested deployments
/// (Bicep modules). Only what the template says is checked: a web app's settings in <c>siteConfig</c>, values that
/// are literals or <c>variables('…')</c> of literals. A missing property counts as wrong where Azure's default is
/// not the safe value (e.g. <c>allowSharedKeyAccess</c> defaults to true).
/// </summary>
public static partial class ArmSecurityCheck
{
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    public static IReadOnlyList<string> Violations(JsonObject template)
    {
        var violations = new List<string>();
        Check(template, "", violations);
        return violations;
    }

    private static void Check(JsonObject template, string where, List<string> violations)
    {
        var variables = template["variables"] as JsonObject ?? [];
        foreach (var resource in Resources(template))
        {
            var type = resource["type"]?.GetValue<string>() ?? "";
            var name = $"{where}{type} {resource["name"]}";
            var properties = resource["properties"] as JsonObject ?? [];
            switch (type.ToLowerInvariant())
            {
                case "microsoft.storage/storageaccounts":
                    CheckStorage(name, properties, violations);
                    break;
                case "microsoft.web/sites":
                    CheckWebApp(name, resource, properties, violations);
                    break;
                case "microsoft.authorization/roleassignments":
                    CheckRoleAssignment(name, resource, properties, variables, violations);
                    break;
                case "microsoft.resources/deployments":
                    if (properties["template"] is JsonObject nested)
                    {
                        Check(nested, $"{where}module {resource["name"]}: ", violations);
                    }
                    break;
            }
        }
        foreach (var (outputName, output) in template["outputs"] as JsonObject ?? [])
        {
            var text = $"{outputName} {output?["type"]} {output?["value"]?.ToJsonString()}";
            if (SecretLooking().IsMatch(text) || (output?["type"]?.GetValue<string>() ?? "").StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{where}output '{outputName}' looks like a secret (listKeys, a key, a password or a secure value).");
            }
        }
    }

    private static void CheckStorage(string name, JsonObject properties, List<string> violations)
    {
        if (!IsFalse(properties["allowSharedKeyAccess"]))
        {
            violations.Add($"{name}: shared key access is not disabled (allowSharedKeyAccess must be false).");
        }
        if (!IsFalse(properties["allowBlobPublicAccess"]))
        {
            violations.Add($"{name}: blob public access is not disabled (allowBlobPublicAccess must be false).");
        }
        if (Text(properties["minimumTlsVersion"]) is not ("TLS1_2" or "TLS1_3"))
        {
            violations.Add($"{name}: minimumTlsVersion is {Text(properties["minimumTlsVersion"]) ?? "unset"}, not TLS1_2 or later.");
        }
        if (IsFalse(properties["supportsHttpsTrafficOnly"]))
        {
            violations.Add($"{name}: plain http is allowed (supportsHttpsTrafficOnly is false).");
        }
    }

    private static void CheckWebApp(string name, JsonObject resource, JsonObject properties, List<string> violations)
    {
        var siteConfig = properties["siteConfig"] as JsonObject ?? [];
        if (!IsTrue(properties["httpsOnly"]))
        {
            violations.Add($"{name}: httpsOnly is not true.");
        }
        if (Text(siteConfig["ftpsState"]) != "Disabled")
        {
            violations.Add($"{name}: FTP is not disabled (ftpsState is {Text(siteConfig["ftpsState"]) ?? "unset"}).");
        }
        if (!IsTls12OrLater(Text(siteConfig["minTlsVersion"])))
        {
            violations.Add($"{name}: minTlsVersion is {Text(siteConfig["minTlsVersion"]) ?? "unset"}, not 1.2 or later.");
        }
        if (string.IsNullOrWhiteSpace(Text(siteConfig["healthCheckPath"])))
        {
            violations.Add($"{name}: no healthCheckPath.");
        }
        if (!IsTrue(siteConfig["alwaysOn"]))
        {
            violations.Add($"{name}: alwaysOn is not true.");
        }
        var identity = resource["identity"] as JsonObject;
        if (!(Text(identity?["type"]) ?? "").Contains("UserAssigned", StringComparison.OrdinalIgnoreCase)
            || (identity?["userAssignedIdentities"] as JsonObject ?? []).Count == 0)
        {
            violations.Add($"{name}: no user-assigned managed identity attached.");
        }
    }

    private static void CheckRoleAssignment(string name, JsonObject resource, JsonObject properties, JsonObject variables, List<string> violations)
    {
        var role = Resolve(Text(properties["roleDefinitionId"]) ?? "", variables);
        if (!role.Contains(StorageTableDataContributor, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add($"{name}: the role is not Storage Table Data Contributor ({StorageTableDataContributor}).");
        }
        // Extension resources name their scope; none means the whole resource group (or the deployment's scope).
        var scope = Resolve(Text(resource["scope"]) ?? "", variables);
        if (!StorageScope().IsMatch(scope))
        {
            violations.Add($"{name}: scoped to {(scope.Length == 0 ? "the whole resource group" : scope)}, broader than one storage account.");
        }
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(), // languageVersion 2.0
        _ => [],
    };

    /// <summary>Replaces <c>variables('x')</c> by <c>'value'</c> where x is a literal string.</summary>
    private static string Resolve(string expression, JsonObject variables) =>
        VariableReference().Replace(expression, m =>
            variables[m.Groups[1].Value] is JsonValue value && value.TryGetValue(out string? literal) && !literal.StartsWith('[')
                ? $"'{literal}'"
                : m.Value);

    private static bool IsTls12OrLater(string? version) =>
        Version.TryParse(version, out var v) && v >= new Version(1, 2);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue(out bool b) && b;

    private static bool IsFalse(JsonNode? node) => node is JsonValue value && value.TryGetValue(out bool b) && !b;

    [GeneratedRegex(@"listKeys|listSecrets|listCredentials|listAccountSas|listServiceSas|AccountKey=|SharedAccessSignature|password|secret", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLooking();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();

    /// <summary>A storage account (resourceId(...) or a format('Microsoft.Storage/storageAccounts/{0}') path) or something inside it.</summary>
    [GeneratedRegex(@"^\[?(resourceId\('Microsoft\.Storage/storageAccounts(/[A-Za-z]+)*'|format\('Microsoft\.Storage/storageAccounts/)", RegexOptions.IgnoreCase)]
    private static partial Regex StorageScope();
}
