using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "Dashboard";
}

/// <summary>
/// The dashboard tab as Teams shows it, on the real app and its real API: the app (Kestrel on 127.0.0.1, Development,
/// trusting <see cref="FakeTokenIssuer"/> as Entra ID for the dashboard's single sign-on) serves /dashboard/ (the esbuild
/// bundle in wwwroot) and /api/dashboard/*; <see cref="DashboardVpi"/> made its data through the bot's own commands. A
/// test page plays Teams around the tab in an iframe (wwwroot/dashboard-host.js answers TeamsJS, and getAuthToken with a
/// token the issuer signed for the viewer). chromium sees one origin, the app's: Playwright answers /teams-host/ from the
/// test's files and refuses anything outside the app.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string Audience = "api://vpibot.example.org/" + BotApp.AppId;
    private static readonly string Www = Path.Combine(AppContext.BaseDirectory, "Browser", "wwwroot");

    /// <summary>Who looks at the tab: the facilitator, a reviewer (government review team), an alliance member.</summary>
    public sealed record Viewer(string Key, TeamsActivities.User User, string Role);

    public static readonly Viewer Facilitator = new("facilitator", TeamsActivities.Alice, "Facilitator");
    public static readonly Viewer Reviewer = new("reviewer", TeamsActivities.Bob, "Review team");
    public static readonly Viewer AllianceMember = new("alliance", TeamsActivities.Chioma, "Alliance");
    public static IReadOnlyList<Viewer> All { get; } = [Facilitator, Reviewer, AllianceMember];

    private readonly FakeTokenIssuer _issuer = new();
    private readonly FakeConnector _connector = new();
    private readonly FakeGraph _graph = new();
    private BotApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string AppUrl { get; private set; } = "";
    public string VpiId { get; private set; } = "";
    public BotApp App => _app!;

    /// <summary>Every call of the tab to /api/dashboard/*: its path and Authorization header.</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> ApiCalls { get; } = new();

    public static string ScreenshotFolder { get; } = Path.Combine(RepoRoot.Path, "TestResults", "dashboard");

    /// <summary>The token Teams' getAuthToken gives the tab for <paramref name="who"/> (Entra v2, scp access_as_user).</summary>
    public string TokenOf(Viewer who) => _issuer.EntraToken(who.User.AadObjectId, TeamsActivities.TenantId, Audience, who.User.Name);

    public async Task InitializeAsync()
    {
        if (!File.Exists(TeamsCardHost.ChromiumPath))
        {
            throw new InvalidOperationException($"{TeamsCardHost.ChromiumPath} is missing: run `apt-get install -y chromium`.");
        }
        await _issuer.StartAsync();
        await _graph.StartAsync();
        await _connector.StartAsync();
        _connector.Roster.AddRange(DashboardVpi.Team);
        _app = new BotApp(new()
        {
            ["Vpi:Facilitators:0"] = TeamsActivities.Alice.AadObjectId,
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = _graph.GraphBaseUrl,
            ["Graph:RetryDelaySeconds"] = "0",
            ["Graph:AttemptTimeout"] = "00:00:02",
            ["Meetings:CheckInterval"] = "01:00:00",
            ["Dashboard:MetadataUrl"] = _issuer.EntraMetadataUrl,
            ["Dashboard:Audience"] = Audience,
        }, services: s => s.AddSingleton<Azure.Core.TokenCredential>(new FakeCredential()));
        _app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        AppUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
        VpiId = await DashboardVpi.BuildAsync(new VpiChannel(_app, _connector, new TeamsActivities(_connector.BaseUrl)));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TeamsCardHost.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
            Timeout = 60_000,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await _connector.DisposeAsync();
        await _graph.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    /// <summary>Opens Teams' host page with the tab <paramref name="tabPath"/> (e.g. dashboard/index.html) in its iframe.</summary>
    public async Task<DashboardTab> OpenAsync(Viewer who, string tabPath = "dashboard/index.html", string theme = "default",
        string frameContext = "content", bool withVpi = true, Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject>? alterVpi = null,
        string locale = "en-us")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            Locale = "en-US",
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout(TeamsCardHost.TimeoutMs);
        await RouteAsync(context, alterVpi);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add("error: " + error);
        var tab = new DashboardTab(this, context, page);
        await page.GotoAsync(AppUrl + "teams-host/dashboard-host.html");
        await page.EvaluateAsync("config => window.teamsHost.start(config)", HostConfig(who, tabPath, theme, frameContext, withVpi, locale));
        try
        {
            await tab.Locator("body[data-rendered='true']").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            var log = await page.EvaluateAsync<string>("() => JSON.stringify(window.teamsHost.log)");
            throw new TimeoutException($"The tab did not render. Host saw: {log}. Console: {string.Join(" | ", console)}", e);
        }
        return tab;
    }

    /// <summary>What the host page plays Teams with: the tab's address, theme, frame, entity id, the viewer and their token.</summary>
    public object HostConfig(Viewer who, string tabPath = "dashboard/index.html", string theme = "default", string frameContext = "content", bool withVpi = true,
        string locale = "en-us") => new
    {
        url = AppUrl + tabPath,
        locale,
        theme,
        frameContext,
        entityId = withVpi ? VpiId : null,
        token = TokenOf(who),
        tenantId = TeamsActivities.TenantId,
        user = new { id = who.User.AadObjectId, upn = who.Key + "@ghana-vpi.example" },
    };

    /// <summary>Opens the tab on its own, outside Teams (Development: the app's local token issuer).</summary>
    public async Task<DashboardTab> OpenOutsideTeamsAsync(string tabPath)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 }, Locale = "en-US" });
        context.SetDefaultTimeout(TeamsCardHost.TimeoutMs);
        await RouteAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(AppUrl + tabPath);
        await page.Locator("body[data-rendered='true']").WaitForAsync();
        return new DashboardTab(this, context, page);
    }

    /// <summary>
    /// The page's origin is the app's; the Teams host page comes from the test's files, everything else of the app from
    /// the app (its API calls are noted in <see cref="ApiCalls"/>). Anything outside the app (TeamsJS fetching its list of
    /// Teams origins from a CDN) is refused.
    /// </summary>
    /// <remarks><paramref name="alterVpi"/> changes the API's real answer for the VPI before the tab gets it (for shapes
    /// the contract allows that the data made by the commands does not have).</remarks>
    private async Task RouteAsync(IBrowserContext context, Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject>? alterVpi = null)
    {
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith(AppUrl + "teams-host/", StringComparison.Ordinal))
            {
                var file = Path.GetFileName(new Uri(url).AbsolutePath);
                await route.FulfillAsync(file is "dashboard-host.html" or "dashboard-host.js"
                    ? new RouteFulfillOptions { Path = Path.Combine(Www, file), ContentType = file.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8" }
                    : new RouteFulfillOptions { Status = 404 });
            }
            else if (url.StartsWith(AppUrl, StringComparison.Ordinal))
            {
                if (url.StartsWith(AppUrl + "api/dashboard/", StringComparison.Ordinal))
                {
                    ApiCalls.Enqueue((new Uri(url).AbsolutePath, await route.Request.HeaderValueAsync("authorization")));
                    if (alterVpi is not null && url.StartsWith(AppUrl + "api/dashboard/vpis/", StringComparison.Ordinal))
                    {
                        var response = await route.FetchAsync();
                        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!.AsObject();
                        await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = alterVpi(body).ToJsonString() });
                        return;
                    }
                }
                await route.ContinueAsync();
            }
            else
            {
                await route.AbortAsync("blockedbyclient");
            }
        });
    }
}

/// <summary>A Teams host page showing the tab; <see cref="Frame"/> is the tab itself.</summary>
public sealed class DashboardTab(DashboardHost host, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;
    public IFrameLocator FrameLocator => page.FrameLocator("#tab");
    public ILocator Frame => FrameLocator.Locator(":root");
    public IFrame TabFrame => page.Frames.Single(f => f.Url.StartsWith(host.AppUrl + "dashboard/", StringComparison.Ordinal));

    public ILocator Locator(string selector, FrameLocatorLocatorOptions? options = null) => FrameLocator.Locator(selector, options);

    public async Task ShowViewAsync(string view)
    {
        await Locator($"#tab-{view}").ClickAsync();
        await Locator($"#panel-{view}").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(DashboardHost.ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        return path;
    }

    /// <summary>What the host received from the tab, by TeamsJS function name.</summary>
    public async Task<JsonElement> HostAsync(string property) =>
        await page.EvaluateAsync<JsonElement>($"() => window.teamsHost.{property}");

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
