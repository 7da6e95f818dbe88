using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using VpiBot.AppPackage;
using VpiBot.Protocol.Routing;
using VpiBot.Tests.Support;
using Xunit.Sdk;

namespace VpiBot.Tests.AppPackage;

/// <summary>
/// Builds the Teams app package and checks it the way Teams would.
/// Icon rules: https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons
/// </summary>
public sealed class AppPackageTests : IDisposable
{
    private const string AppId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string ManifestSchema = "teams-manifest-1.19.schema.json";

    /// <summary>The route table of the running bot (as the app's services hold it): what it really understands.</summary>
    private static VpiBot.Protocol.Routing.RouteTable RunningRoutes()
    {
        using var app = new BotApp();
        return app.Services.GetRequiredService<VpiBot.Protocol.Routing.RouteTable>();
    }

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("vpibot-apppkg-").FullName;

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    private static string AppPackageDirectory =>
        AppPackageCommand.FindAppPackageDirectory(AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException("appPackage/ not found above the test binaries.");

    private static string Template => File.ReadAllText(Path.Combine(AppPackageDirectory, AppPackageCommand.TemplateFileName));

    /// <summary>Builds the zip and returns its entries by name.</summary>
    private Dictionary<string, byte[]> BuildPackage(string? version = null, string? domain = null, string? ssoAppId = null)
    {
        string zipPath = Path.Combine(_workDirectory, "VpiBot.zip");
        AppPackageBuilder.WritePackage(AppPackageDirectory, AppId, zipPath, version, domain: domain, ssoAppId: ssoAppId);

        using ZipArchive zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            using (Stream entry = e.Open())
            {
                entry.CopyTo(content);
            }

            return content.ToArray();
        });
    }

    private JsonNode Manifest(Dictionary<string, byte[]> package) => JsonNode.Parse(package["manifest.json"])!;

    [Fact]
    public void The_package_holds_exactly_the_manifest_two_icons_and_the_translations_at_its_root()
    {
        var package = BuildPackage();

        Assert.Equal(["ar.json", "color.png", "es.json", "fr.json", "manifest.json", "outline.png", "ru.json", "zh-cn.json"], package.Keys.Order());
    }

    /// <summary>
    /// The localization file schema, v1.19 as the manifest (from the npm package @microsoft/app-manifest 1.1.2,
    /// build/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json; MIT, Copyright (c) Microsoft Corporation).
    /// </summary>
    private static string LocalizationSchema => Path.Combine(RepoRoot.Path, "VpiBot.Tests", "AppPackage", "MicrosoftTeams.Localization.v1.19.schema.json");

    [Fact]
    public void The_manifest_is_translated_into_the_five_other_UN_languages_each_file_valid_and_in_the_package()
    {
        var package = BuildPackage();
        var manifest = Manifest(package);
        var localization = manifest["localizationInfo"]!;
        Assert.Equal("en", (string?)localization["defaultLanguageTag"]);
        // Teams' client language tags: Simplified Chinese is zh-cn; the others by language alone, whatever the region
        var languages = localization["additionalLanguages"]!.AsArray().Select(l => ((string)l!["languageTag"]!, (string)l["file"]!)).ToList();
        Assert.Equal([("ar", "ar.json"), ("zh-cn", "zh-cn.json"), ("fr", "fr.json"), ("ru", "ru.json"), ("es", "es.json")], languages);
        Assert.Equal(VpiBot.Protocol.Languages.Supported.Where(l => l != "en"),
            languages.Select(l => VpiBot.Protocol.Languages.LanguageOf(VpiBot.Protocol.Languages.For(l.Item1))));

        var english = new[] { "name.full", "description.short", "description.full" }.Select(k => (string)manifest[k.Split('.')[0]]![k.Split('.')[1]]!).ToList();
        foreach (var (tag, file) in languages)
        {
            var strings = JsonNode.Parse(package[file])!;
            JsonSchemaAssert.Valid(strings, LocalizationSchema);
            Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json", (string?)strings["$schema"]);
            Assert.Equal("VpiBot", (string?)strings["name.short"]);
            foreach (var (key, inEnglish) in new[] { "name.full", "description.short", "description.full" }.Zip(english))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)strings[key]), $"{file}: {key} is empty");
                Assert.NotEqual(inEnglish, (string?)strings[key]); // translated, not copied
            }
        }
    }

    [Fact]
    public void Each_translation_names_the_same_menu_commands_in_the_same_places_as_the_manifest()
    {
        var package = BuildPackage();
        var lists = Manifest(package)["bots"]![0]!["commandLists"]!.AsArray();
        var places = lists.SelectMany((l, i) => l!["commands"]!.AsArray().SelectMany((_, j) => new[]
            { $"bots[0].commandLists[{i}].commands[{j}].title", $"bots[0].commandLists[{i}].commands[{j}].description" })).ToList();
        Assert.NotEmpty(places);
        foreach (var file in new[] { "ar.json", "zh-cn.json", "fr.json", "ru.json", "es.json" })
        {
            var strings = JsonNode.Parse(package[file])!.AsObject();
            Assert.Equal(places.Order(), strings.Select(p => p.Key).Where(k => k.StartsWith("bots[", StringComparison.Ordinal)).Order());
        }
    }

    [Fact]
    public void A_menu_command_is_offered_in_a_language_by_the_words_the_bot_understands_in_it()
    {
        var routes = new VpiBot.Protocol.Routing.RouteTable();
        routes.Add(new CommandRoute("task", "Help.Command.Task", "Help.Group.Roadmap", CommandMenu.Everywhere, "Anyone",
            (_, _, _, _) => Task.FromResult(Answer.Nothing), new Dictionary<string, string> { ["fr"] = "tâche" }));
        var french = JsonNode.Parse(AppPackageBuilder.Localization("""{"name.short":"VpiBot"}""", "fr", routes))!;
        Assert.Equal("tâche", (string?)french["bots[0].commandLists[0].commands[0].title"]);
        Assert.Equal("task", routes.Match("tâche").Route?.Name);
        var spanish = JsonNode.Parse(AppPackageBuilder.Localization("""{"name.short":"VpiBot"}""", "es", routes))!;
        Assert.Equal("task", (string?)spanish["bots[0].commandLists[0].commands[0].title"]); // not translated yet: the English name
        Assert.NotEmpty(JsonSchemaAssert.Validate(french, LocalizationSchema)); // the schema check bites: no name or description
    }

    [Fact]
    public void The_manifest_is_valid_against_the_Teams_1_19_schema()
    {
        JsonNode manifest = Manifest(BuildPackage());

        JsonSchemaAssert.Valid(manifest, ManifestSchema);
        Assert.Equal("1.19", (string?)manifest["manifestVersion"]);
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
    }

    [Fact]
    public void The_manifest_schema_check_catches_errors()
    {
        JsonNode manifest = Manifest(BuildPackage());
        manifest["bots"]![0]!["commandLists"]![0]!["commands"]![0]!["title"] = new string('t', 33);
        manifest["accentColor"] = "blue";
        manifest.AsObject().Remove("developer");

        IReadOnlyList<string> errors = JsonSchemaAssert.Validate(manifest, ManifestSchema);

        Assert.Contains(errors, e => e.StartsWith("/bots/0/commandLists/0/commands/0/title", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/accentColor", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("(root)", StringComparison.Ordinal) && e.Contains("developer"));
        Assert.Throws<XunitException>(() => JsonSchemaAssert.Valid(manifest, ManifestSchema));
    }

    [Fact]
    public void The_app_id_and_bot_id_are_filled_and_the_version_defaults_to_1_0_0()
    {
        var package = BuildPackage();
        JsonNode manifest = Manifest(package);

        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("1.0.0", (string?)manifest["version"]);
        Assert.DoesNotContain("{{", System.Text.Encoding.UTF8.GetString(package["manifest.json"]));
    }

    [Fact]
    public void A_version_can_be_given()
    {
        Assert.Equal("2.3.4", (string?)Manifest(BuildPackage("2.3.4"))["version"]);
        Assert.Throws<ArgumentException>(() => AppPackageBuilder.FillManifest(Template, AppId, "2.3"));
    }

    [Fact]
    public void The_bot_works_in_every_scope_and_offers_only_commands_it_understands()
    {
        JsonNode bot = Manifest(BuildPackage())["bots"]![0]!;

        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(s => (string)s!).Order());
        Assert.False((bool)bot["supportsFiles"]!);
        Assert.False((bool)bot["isNotificationOnly"]!);

        // Each scope's menu is exactly the routes marked for it, in order; Teams shows at most 10 commands per list.
        var routes = RunningRoutes();
        JsonArray lists = bot["commandLists"]!.AsArray();
        Assert.Equal(["groupChat", "personal", "team"], lists.SelectMany(l => l!["scopes"]!.AsArray()).Select(s => (string)s!).Order());
        foreach (JsonNode? list in lists)
        {
            JsonArray commands = list!["commands"]!.AsArray();
            var titles = commands.Select(c => (string)c!["title"]!).ToList();
            Assert.Contains("help", titles);
            foreach (var scope in list["scopes"]!.AsArray().Select(s => (string)s!))
            {
                var menu = scope switch { "team" => CommandMenu.Team, "groupChat" => CommandMenu.GroupChat, _ => CommandMenu.Personal };
                Assert.Equal(routes.MenuOf(menu).Select(c => c.Name), titles);
            }
            Assert.All(titles, t => Assert.NotNull(routes.Match(t).Route)); // never offers a command the bot does not understand
            Assert.InRange(titles.Count, 1, RouteTable.MaxMenuCommands);
            Assert.All(commands, c =>
            {
                Assert.InRange(((string)c!["title"]!).Length, 1, 32);
                Assert.InRange(((string)c["description"]!).Length, 1, 128);
            });
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("3f2504e04f8941d39a0c0305e82c3301")]
    [InlineData("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void A_non_GUID_app_id_is_refused(string appId)
    {
        var error = Assert.Throws<ArgumentException>(() => AppPackageBuilder.FillManifest(Template, appId));
        Assert.Contains("GUID", error.Message);
    }

    private const string Domain = "vpibot-prod.azurewebsites.net";

    [Fact]
    public void With_a_domain_the_manifest_has_the_dashboard_tabs_single_sign_on_and_the_domain_and_is_valid()
    {
        JsonNode manifest = Manifest(BuildPackage(domain: Domain));

        JsonSchemaAssert.Valid(manifest, ManifestSchema);
        Assert.Equal([Domain], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(AppId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{Domain}/{AppId}", (string?)manifest["webApplicationInfo"]!["resource"]);

        var personal = manifest["staticTabs"]!.AsArray().Single()!;
        Assert.Equal("My VPI work", (string?)personal["name"]);
        Assert.Equal($"https://{Domain}/dashboard/index.html?view=me", (string?)personal["contentUrl"]);
        Assert.Equal(["personal"], personal["scopes"]!.AsArray().Select(s => (string)s!));

        var channel = manifest["configurableTabs"]!.AsArray().Single()!;
        Assert.Equal($"https://{Domain}/dashboard/config.html", (string?)channel["configurationUrl"]);
        Assert.Equal(["team", "groupChat"], channel["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("channelTab", channel["context"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public void Single_sign_on_may_name_an_app_of_its_own()
    {
        const string sso = "0b6c5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
        JsonNode manifest = Manifest(BuildPackage(domain: Domain, ssoAppId: sso));

        Assert.Equal((sso, $"api://{Domain}/{sso}"), ((string?)manifest["webApplicationInfo"]!["id"], (string?)manifest["webApplicationInfo"]!["resource"]));
        Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
    }

    [Fact]
    public void Without_a_domain_the_manifest_is_the_bot_alone_as_before()
    {
        JsonNode manifest = Manifest(BuildPackage());

        foreach (var part in AppPackageBuilder.DashboardParts)
        {
            Assert.Null(manifest[part]);
        }
        Assert.Empty(manifest["validDomains"]!.AsArray());
    }

    [Fact]
    public void An_https_address_without_a_path_gives_its_host_as_the_Toolkits_BOT_ENDPOINT_is_one() =>
        Assert.Equal([Domain], Manifest(BuildPackage(domain: "https://" + Domain.ToUpperInvariant() + "/"))["validDomains"]!.AsArray().Select(d => (string)d!));

    [Theory]
    [InlineData("http://vpibot.example.org")]
    [InlineData("https://vpibot.example.org/bot")]
    [InlineData("https://vpibot.example.org:8443")]
    [InlineData("vpibot.example.org/dashboard")]
    [InlineData("vpibot.example.org:443")]
    [InlineData("*.example.org")]
    [InlineData("")]
    public void A_domain_that_is_not_a_host_name_is_refused(string domain) =>
        Assert.Throws<ArgumentException>(() => AppPackageBuilder.FillManifest(Template, AppId, domain: domain));

    [Fact]
    public void The_command_line_verb_writes_the_zip_and_reports_bad_ids()
    {
        string zipPath = Path.Combine(_workDirectory, "out", "app.zip");
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, AppPackageCommand.Run(["--app-id", AppId, "--out", zipPath], output, error));
        Assert.True(File.Exists(zipPath), error.ToString());
        Assert.Equal(0, AppPackageCommand.Run(["--app-id", AppId, "--domain", Domain, "--out", zipPath], output, error));
        using (ZipArchive zip = ZipFile.OpenRead(zipPath))
        {
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            Assert.Contains($"api://{Domain}/{AppId}", reader.ReadToEnd());
        }
        Assert.Equal(1, AppPackageCommand.Run(["--app-id", AppId, "--domain", "http://" + Domain], output, error));

        Assert.Equal(1, AppPackageCommand.Run(["--app-id", "nope"], output, error));
        Assert.Contains("GUID", error.ToString());
        Assert.Equal(2, AppPackageCommand.Run([], output, error));
        Assert.False(AppPackageCommand.TryRun(["--urls", "http://localhost:5000"], out int exitCode));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void The_icons_are_PNGs_of_192_and_32_pixels()
    {
        var package = BuildPackage();

        Assert.Equal((192, 192), Png.Decode(package["color.png"]).Size);
        Assert.Equal((32, 32), Png.Decode(package["outline.png"]).Size);
    }

    [Fact]
    public void The_color_icon_is_opaque()
    {
        Png color = Png.Decode(BuildPackage()["color.png"]);

        Assert.All(color.Pixels(), p => Assert.Equal(255, p.A));
    }

    [Fact]
    public void The_outline_icon_is_white_on_transparent_only()
    {
        Png outline = Png.Decode(BuildPackage()["outline.png"]);
        var pixels = outline.Pixels().ToList();

        Assert.Contains(pixels, p => p.A == 255);
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Empty(VisibleNonWhitePixels(outline));
    }

    [Fact]
    public void The_outline_check_catches_a_coloured_pixel()
    {
        Png outline = Png.Decode(BuildPackage()["outline.png"]);
        byte[] pixels = outline.Rgba.ToArray();
        int opaque = Array.FindIndex(outline.Pixels().ToArray(), p => p.A > 0) * 4;
        pixels[opaque + 2] = 0; // make it yellow

        Assert.Single(VisibleNonWhitePixels(outline with { Rgba = pixels }));
    }

    /// <summary>Pixels that are not fully transparent and not pure white.</summary>
    private static List<(byte R, byte G, byte B, byte A)> VisibleNonWhitePixels(Png png) =>
        png.Pixels().Where(p => p.A > 0 && (p.R, p.G, p.B) != (255, 255, 255)).ToList();

    /// <summary>
    /// Just enough of a PNG decoder for our icons: 8-bit RGBA or RGB, not interlaced, any of the
    /// five row filters (https://www.w3.org/TR/png/).
    /// </summary>
    private sealed record Png(int Width, int Height, byte[] Rgba)
    {
        private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

        public (int Width, int Height) Size => (Width, Height);

        public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
        {
            for (int i = 0; i < Rgba.Length; i += 4)
            {
                yield return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
            }
        }

        public static Png Decode(byte[] file)
        {
            Assert.True(file.AsSpan().StartsWith(Signature), "not a PNG file (bad signature)");

            int width = 0, height = 0, channels = 0;
            var idat = new MemoryStream();
            for (int at = Signature.Length; at < file.Length;)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
                string kind = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
                ReadOnlySpan<byte> data = file.AsSpan(at + 8, length);
                if (kind == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    byte bitDepth = data[8], colorType = data[9], interlace = data[12];
                    Assert.True(bitDepth == 8 && colorType is 2 or 6 && interlace == 0,
                        $"unsupported PNG: bit depth {bitDepth}, colour type {colorType}, interlace {interlace}");
                    channels = colorType == 6 ? 4 : 3;
                }
                else if (kind == "IDAT")
                {
                    idat.Write(data);
                }

                at += 12 + length; // length, type, data, CRC
            }

            Assert.True(width > 0 && channels > 0, "PNG without IHDR");
            byte[] raw = Inflate(idat.ToArray());
            int stride = width * channels;
            Assert.Equal(height * (stride + 1), raw.Length);

            var rgba = new byte[width * height * 4];
            var previous = new byte[stride];
            for (int y = 0; y < height; y++)
            {
                byte filter = raw[y * (stride + 1)];
                byte[] row = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
                Unfilter(filter, row, previous, channels);
                for (int x = 0; x < width; x++)
                {
                    int o = (y * width + x) * 4;
                    rgba[o] = row[x * channels];
                    rgba[o + 1] = row[x * channels + 1];
                    rgba[o + 2] = row[x * channels + 2];
                    rgba[o + 3] = channels == 4 ? row[x * channels + 3] : (byte)255;
                }

                previous = row;
            }

            return new Png(width, height, rgba);
        }

        private static byte[] Inflate(byte[] zlibData)
        {
            using var inflater = new ZLibStream(new MemoryStream(zlibData), CompressionMode.Decompress);
            using var result = new MemoryStream();
            inflater.CopyTo(result);
            return result.ToArray();
        }

        private static void Unfilter(byte filter, byte[] row, byte[] previous, int bytesPerPixel)
        {
            for (int i = 0; i < row.Length; i++)
            {
                int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                int up = previous[i];
                int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new XunitException($"unknown PNG filter type {filter}"),
                };
                row[i] = (byte)(row[i] + predictor);
            }
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
