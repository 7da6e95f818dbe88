using System.Text.RegularExpressions;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Architecture;

/// <summary>
/// The layers of DESIGN.md, held by a test: a layer may use only the layers below it. Domain is pure VPI rules;
/// Protocol knows nothing of VPIs (its words come from the features); Storage never calls up; Notifications serve
/// the features and do not know them. A forbidden <c>using</c> or qualified name in a layer's folder fails here.
/// </summary>
public sealed partial class LayerWallsTests
{
    /// <summary>For each layer (a folder and namespace of VpiBot), the layers it must not use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Forbidden = new Dictionary<string, string[]>
    {
        ["Domain"] = ["Protocol", "Storage", "Notifications", "Features", "Resources", "AppPackage", "Operations", "Dashboard"],
        ["Protocol"] = ["Domain", "Storage", "Notifications", "Features", "Resources", "AppPackage", "Operations", "Dashboard"],
        ["Storage"] = ["Protocol", "Notifications", "Features", "Resources", "AppPackage", "Operations", "Dashboard"],
        ["Notifications"] = ["Features", "AppPackage", "Operations", "Dashboard"],
        ["Resources"] = ["Domain", "Protocol", "Storage", "Notifications", "Features", "AppPackage", "Operations", "Dashboard"],
        // the operators' commands work on stored rows and domain records, never through a turn or the outbox
        ["Operations"] = ["Protocol", "Notifications", "Features", "Resources", "AppPackage", "Dashboard"],
        ["Telemetry"] = ["Domain", "Protocol", "Storage", "Notifications", "Features", "Resources", "AppPackage", "Graph", "Health", "Operations", "Dashboard"],
        // the dashboard's API reads the stores and the features' labels; it sends nothing and books nothing
        ["Dashboard"] = ["Notifications", "Graph", "AppPackage", "Operations"],
        ["Features"] = ["Dashboard"],
        ["Health"] = ["Domain", "Notifications", "Features", "Resources", "AppPackage", "Graph", "Operations", "Dashboard"],
    };

    [GeneratedRegex(@"\bVpiBot\.(?<layer>[A-Z][A-Za-z]*)\b")]
    private static partial Regex LayerReference();

    [GeneratedRegex(@"//.*$|/\*.*?\*/|""(?:[^""\\]|\\.)*""", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();

    /// <summary>The layers a C# source mentions by namespace (in usings or qualified names), comments and strings aside.</summary>
    public static IReadOnlySet<string> LayersUsedBy(string source) =>
        LayerReference().Matches(CommentsAndStrings().Replace(source, "")).Select(m => m.Groups["layer"].Value).ToHashSet();

    public static IEnumerable<object[]> Layers() => Forbidden.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_uses_nothing_above_it(string layer)
    {
        var folder = Path.Combine(RepoRoot.Path, "VpiBot", layer);
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        var breaches = files
            .SelectMany(f => LayersUsedBy(File.ReadAllText(f)).Intersect(Forbidden[layer]).Select(used => $"{Path.GetRelativePath(RepoRoot.Path, f)} uses {used}"))
            .ToList();
        Assert.True(breaches.Count == 0, string.Join("\n", breaches));
    }

    [Fact]
    public void The_scan_sees_usings_static_usings_and_qualified_names_but_not_comments()
    {
        Assert.Contains("Protocol", LayersUsedBy("using VpiBot.Protocol;"));
        Assert.Contains("Features", LayersUsedBy("using static VpiBot.Features.Shared.Cards.CardElements;"));
        Assert.Contains("Storage", LayersUsedBy("var x = new VpiBot.Storage.VpiStore(t);"));
        Assert.Contains("Protocol", LayersUsedBy("global::VpiBot.Protocol.Turn t;"));
        Assert.Empty(LayersUsedBy("// see VpiBot.Protocol for the wire format\nvar s = \"VpiBot.Features\";"));
    }
}
