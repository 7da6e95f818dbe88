using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VpiBot.Features;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;

namespace VpiBot.AppPackage;

/// <summary>
/// Fills the Teams app manifest template and zips it with the two icons and the manifest's translations, as Teams
/// expects: manifest.json, color.png, outline.png and one {language}.json per additional language at the root of the zip.
/// See https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package
/// </summary>
public static partial class AppPackageBuilder
{
    public const string AppIdPlaceholder = "{{MICROSOFT_APP_ID}}";
    public const string VersionPlaceholder = "{{APP_VERSION}}";
    public const string DomainPlaceholder = "{{APP_DOMAIN}}";
    public const string SsoAppIdPlaceholder = "{{SSO_APP_ID}}";

    /// <summary>What the dashboard adds to the manifest, and only with a domain: its tabs, the domain, and single sign-on.</summary>
    public static readonly IReadOnlyList<string> DashboardParts = ["staticTabs", "configurableTabs", "webApplicationInfo"];

    /// <summary>A host name as Teams takes it in validDomains and the api:// URI: no scheme, port, path or wildcard.</summary>
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex HostName();
    public const string DefaultVersion = "1.0.0";

    public const string ManifestFileName = "manifest.json";
    public const string ColorIconFileName = "color.png";
    public const string OutlineIconFileName = "outline.png";

    /// <summary>Same rule as the manifest schema's "semver" definition: three numbers.</summary>
    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex SemVer();

    /// <summary>
    /// Returns the manifest JSON with the app id (used for the app and its bot) and the version
    /// filled in. The app id is the bot's Microsoft App ID and must be a non-empty GUID.
    /// <paramref name="teamsAppId"/>, when given, is the Teams app's own id instead (the Microsoft 365 Agents Toolkit
    /// registers the app under an id of its own, m365agents.yml); the bot id stays <paramref name="appId"/>.
    /// </summary>
    /// <para><paramref name="domain"/> is the host the app is served from (e.g. <c>vpibot.azurewebsites.net</c>): with it
    /// the manifest has the dashboard's tabs (<c>https://{domain}/dashboard/…</c>), <c>validDomains</c> and
    /// <c>webApplicationInfo</c> (id <paramref name="ssoAppId"/>, default <paramref name="appId"/>; resource
    /// <c>api://{domain}/{id}</c>, what the tab's single sign-on token is for). Without it, the bot alone, as before.</para>
    /// </summary>
    public static string FillManifest(string template, string appId, string? version = null, string? teamsAppId = null, string? domain = null,
        string? ssoAppId = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        string id = NormaliseAppId(appId);
        string appVersion = version ?? DefaultVersion;
        if (!SemVer().IsMatch(appVersion))
        {
            throw new ArgumentException(
                $"The app version must look like 1.2.3 (three numbers, as the Teams manifest requires), but was '{appVersion}'.",
                nameof(version));
        }

        string filled = template
            .Replace(AppIdPlaceholder, id, StringComparison.Ordinal)
            .Replace(VersionPlaceholder, appVersion, StringComparison.Ordinal);
        if (domain is null)
        {
            filled = WithoutDashboard(filled);
        }
        else
        {
            string host = HostOf(domain);
            if (!HostName().IsMatch(host))
            {
                throw new ArgumentException(
                    $"The domain must be the host name the app is served from, like vpibot.azurewebsites.net (or its https:// address without a port or path), but was '{domain}'.",
                    nameof(domain));
            }
            filled = filled
                .Replace(DomainPlaceholder, host, StringComparison.Ordinal)
                .Replace(SsoAppIdPlaceholder, ssoAppId is null ? id : NormaliseAppId(ssoAppId), StringComparison.Ordinal);
        }

        if (filled.Contains("{{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "The manifest template still contains a {{...}} placeholder that this builder does not know how to fill.");
        }

        JsonNode manifest;
        try
        {
            manifest = JsonNode.Parse(filled) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The manifest template is not valid JSON: {e.Message}", e);
        }

        if (teamsAppId is not null)
        {
            manifest["id"] = NormaliseAppId(teamsAppId);
        }
        foreach (var bot in manifest["bots"]?.AsArray() ?? [])
        {
            bot!["commandLists"] = CommandLists(VpiRouteTable.Build().Table);
        }
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The host name given, or the host of an https address given (the Toolkit's BOT_ENDPOINT): no port, path or query.</summary>
    private static string HostOf(string domain)
    {
        string value = domain.Trim().ToLowerInvariant();
        return value.StartsWith("https://", StringComparison.Ordinal) && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri)
            && uri.IsDefaultPort && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri.Host
            : value;
    }

    /// <summary>The template without the dashboard's parts (no domain given): the bot alone, no valid domains.</summary>
    private static string WithoutDashboard(string filled)
    {
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(filled)?.AsObject() ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The manifest template is not valid JSON: {e.Message}", e);
        }
        foreach (var part in DashboardParts)
        {
            manifest.Remove(part);
        }
        manifest["validDomains"] = new JsonArray();
        return manifest.ToJsonString();
    }

    /// <summary>
    /// The bot's command menus, from its route table: the commands each scope offers, in the order of the work, with
    /// their English descriptions. Scopes offering the same commands share a list.
    /// https://learn.microsoft.com/microsoftteams/platform/resources/schema/manifest-schema#botscommandlists
    /// </summary>
    public static JsonArray CommandLists(RouteTable routes)
    {
        var lists = new JsonArray();
        foreach (var (scopes, commands) in Menus(routes))
        {
            lists.Add(new JsonObject
            {
                ["scopes"] = new JsonArray(scopes.Select(s => (JsonNode)s).ToArray()),
                ["commands"] = new JsonArray(commands.Select(c => (JsonNode)new JsonObject
                {
                    ["title"] = c.Name,
                    ["description"] = Text.Get(c.DescriptionKey, CultureInfo.InvariantCulture),
                }).ToArray()),
            });
        }
        return lists;
    }

    /// <summary>The command menus in the order <see cref="CommandLists"/> writes them: scopes offering the same commands share one.</summary>
    private static IEnumerable<(IReadOnlyList<string> Scopes, IReadOnlyList<CommandRoute> Commands)> Menus(RouteTable routes)
    {
        var scopes = new (string Name, CommandMenu Menu)[] { ("team", CommandMenu.Team), ("groupChat", CommandMenu.GroupChat), ("personal", CommandMenu.Personal) };
        return scopes.GroupBy(s => string.Join("|", routes.MenuOf(s.Menu).Select(c => c.Name))).Where(g => g.Key.Length > 0)
            .Select(same => ((IReadOnlyList<string>)same.Select(s => s.Name).ToList(), (IReadOnlyList<CommandRoute>)routes.MenuOf(same.First().Menu).ToList()));
    }

    /// <summary>
    /// The manifest's strings in another language (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-localization,
    /// schema https://learn.microsoft.com/microsoftteams/platform/resources/schema/localization-schema): the app's name and
    /// description as translated in <paramref name="translated"/> (appPackage/{tag}.json), and the command menus' titles and
    /// descriptions in that language from the bot's own strings (<c>Command.*</c>, <c>Help.Command.*</c>), keyed by their
    /// place in the menus (<c>bots[0].commandLists[i].commands[j].title</c>), so the menu offers the words the bot understands.
    /// </summary>
    public static string Localization(string translated, string languageTag, RouteTable routes)
    {
        var strings = JsonNode.Parse(translated)?.AsObject() ?? throw new InvalidOperationException($"The {languageTag} localization file is empty.");
        var culture = Languages.For(languageTag);
        foreach (var (list, i) in Menus(routes).Select((m, i) => (m, i)))
        {
            foreach (var (command, j) in list.Commands.Select((c, j) => (c, j)))
            {
                strings[$"bots[0].commandLists[{i}].commands[{j}].title"] = command.WordsIn(culture);
                strings[$"bots[0].commandLists[{i}].commands[{j}].description"] = Text.Get(command.DescriptionKey, culture);
            }
        }
        return strings.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// Writes the app package zip to <paramref name="zipPath"/> (overwriting it), reading
    /// manifest.template.json, color.png and outline.png from <paramref name="appPackageDirectory"/>.
    /// Returns the manifest that was written.
    /// </summary>
    public static string WritePackage(string appPackageDirectory, string appId, string zipPath, string? version = null, string? teamsAppId = null,
        string? domain = null, string? ssoAppId = null)
    {
        string template = File.ReadAllText(Path.Combine(appPackageDirectory, AppPackageCommand.TemplateFileName));
        string manifest = FillManifest(template, appId, version, teamsAppId, domain, ssoAppId);

        string? outDirectory = Path.GetDirectoryName(Path.GetFullPath(zipPath));
        if (outDirectory is not null)
        {
            Directory.CreateDirectory(outDirectory);
        }

        using FileStream file = File.Create(zipPath);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry(ManifestFileName).Open()))
        {
            writer.Write(manifest);
        }

        foreach (string icon in new[] { ColorIconFileName, OutlineIconFileName })
        {
            zip.CreateEntryFromFile(Path.Combine(appPackageDirectory, icon), icon);
        }

        var routes = VpiRouteTable.Build().Table;
        foreach (var language in JsonNode.Parse(manifest)!["localizationInfo"]?["additionalLanguages"]?.AsArray() ?? [])
        {
            string translations = (string)language!["file"]!, tag = (string)language["languageTag"]!;
            using var writer = new StreamWriter(zip.CreateEntry(translations).Open());
            writer.Write(Localization(File.ReadAllText(Path.Combine(appPackageDirectory, translations)), tag, routes));
        }

        return manifest;
    }

    private static string NormaliseAppId(string appId)
    {
        if (string.IsNullOrWhiteSpace(appId) || !Guid.TryParseExact(appId.Trim(), "D", out Guid guid))
        {
            throw new ArgumentException(
                $"The app id must be the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000, but was '{appId}'.",
                nameof(appId));
        }

        if (guid == Guid.Empty)
        {
            throw new ArgumentException("The app id must be the bot's Microsoft App ID, not the all-zero GUID.", nameof(appId));
        }

        return guid.ToString("D");
    }
}
