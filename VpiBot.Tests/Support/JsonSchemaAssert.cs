using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit.Sdk;

namespace VpiBot.Tests.Support;

/// <summary>
/// Validates JSON against the schema files in the shared folder (<c>shared/schemas/</c>, beside the
/// repository clone) with JsonSchema.Net, and fails with the instance paths that are wrong.
/// </summary>
/// <remarks>
/// Dialects: the Adaptive Card schema declares draft-06 (and uses the draft-04 <c>id</c> for its
/// identifier, which draft-06 ignores; it only has local <c>#/definitions/...</c> refs, so that does
/// not matter). The Teams manifest schemas declare draft-04, which JsonSchema.Net does not support,
/// yet they use <c>const</c> (draft-06+) and no draft-04-only keyword forms (no boolean
/// <c>exclusiveMaximum</c>, no <c>id</c>); so they are evaluated as draft-07, which is what their
/// authors' tooling effectively does. No schema is ever fetched over the network: the registry's
/// fetch throws, so a remote <c>$ref</c> would fail loudly instead.
/// </remarks>
public static class JsonSchemaAssert
{
    private const string Draft04 = "http://json-schema.org/draft-04/schema#";
    private const string Draft07 = "http://json-schema.org/draft-07/schema#";
    private const int MaxErrorsShown = 25;

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new();
    private static readonly Lazy<string> SchemasFolder = new(FindSchemasFolder);

    /// <summary>The shared <c>schemas</c> folder (found by walking up from the test binaries).</summary>
    public static string SchemasDirectory => SchemasFolder.Value;

    /// <summary>Fails the test unless <paramref name="instance"/> is valid against the schema file.</summary>
    /// <param name="schemaFileName">A file in shared/schemas, e.g. <c>adaptive-card-1.5.json</c>.</param>
    public static void Valid(JsonNode? instance, string schemaFileName)
    {
        IReadOnlyList<string> errors = Validate(instance, schemaFileName);
        if (errors.Count > 0)
        {
            var message = new StringBuilder($"JSON is not valid against {schemaFileName}:");
            foreach (string error in errors.Take(MaxErrorsShown))
            {
                message.Append("\n  ").Append(error);
            }

            if (errors.Count > MaxErrorsShown)
            {
                message.Append($"\n  ... and {errors.Count - MaxErrorsShown} more");
            }

            throw new XunitException(message.ToString());
        }
    }

    /// <summary>
    /// Returns the validation errors as "instance path: message [schema path]", deepest instance
    /// path first (the deepest is usually the real culprit); empty if valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(JsonNode? instance, string schemaFileName)
    {
        JsonSchema schema = Cache.GetOrAdd(schemaFileName, name => new Lazy<JsonSchema>(() => Load(name))).Value;
        var options = new EvaluationOptions
        {
            OutputFormat = OutputFormat.Hierarchical,
            RequireFormatValidation = true,
        };
        options.SchemaRegistry.Fetch = uri =>
            throw new InvalidOperationException($"Schema {schemaFileName} refers to {uri}; remote schemas are not fetched.");

        // Tests run in parallel and a schema builds its evaluation state on first use; one
        // evaluation at a time per schema keeps that safe and costs little.
        EvaluationResults results;
        lock (schema)
        {
            results = schema.Evaluate(instance, options);
        }

        var errors = new List<(string Location, string Message, string SchemaPath)>();
        CollectErrors(results, errors);
        return errors
            .GroupBy(e => (e.Location, e.Message))
            .OrderByDescending(g => g.Key.Location.Count(c => c == '/'))
            .ThenBy(g => g.Key.Location, StringComparer.Ordinal)
            .Select(g => $"{Display(g.Key.Location)}: {g.Key.Message} [{g.First().SchemaPath}" +
                (g.Count() > 1 ? $", and in {g.Count() - 1} other alternatives]" : "]"))
            .ToList();
    }

    /// <summary>
    /// Collects the errors of failed results only: a passing anyOf keeps its failed alternatives
    /// in the output, and those are not errors. Where a failed anyOf/oneOf picks its alternative by
    /// the instance's "type" (as the Adaptive Card schema does), only the alternatives whose "type"
    /// matched are reported, if there are any.
    /// </summary>
    private static void CollectErrors(EvaluationResults result, List<(string, string, string)> errors)
    {
        if (result.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            errors.Add((result.InstanceLocation.ToString(), message, $"{result.EvaluationPath}/{keyword}"));
        }

        var failed = result.Details.Where(d => !d.IsValid).ToList();
        var alternatives = failed.Where(IsAlternative).ToList();
        string typeLocation = $"{result.InstanceLocation}/type";
        var typeMatched = alternatives.Where(a => !HasErrorAt(a, typeLocation)).ToList();
        if (typeMatched.Count > 0)
        {
            failed = failed.Except(alternatives).Concat(typeMatched).ToList();
        }

        foreach (EvaluationResults child in failed)
        {
            CollectErrors(child, errors);
        }
    }

    private static bool IsAlternative(EvaluationResults result)
    {
        string[] segments = result.EvaluationPath.ToString().Split('/');
        return segments.Length >= 2 && segments[^2] is "anyOf" or "oneOf" && int.TryParse(segments[^1], out _);
    }

    private static bool HasErrorAt(EvaluationResults result, string instanceLocation) =>
        !result.IsValid &&
        ((result.HasErrors && result.InstanceLocation.ToString() == instanceLocation) ||
         result.Details.Any(d => HasErrorAt(d, instanceLocation)));

    private static string Display(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    private static JsonSchema Load(string schemaFileName)
    {
        string path = Path.Combine(SchemasDirectory, schemaFileName);
        JsonNode node = JsonNode.Parse(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} is empty.");
        if (node["$schema"]?.GetValue<string>() == Draft04)
        {
            node["$schema"] = Draft07;
        }

        return JsonSchema.FromText(node.ToJsonString());
    }

    private static string FindSchemasFolder() => Path.Combine(SharedFolder.Path, "schemas");
}
