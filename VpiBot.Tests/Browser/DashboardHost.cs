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
/// The dashboard tab as Teams shows it: the real app (Kestrel on 127.0.0.1) serves /dashboard/ (the esbuild bundle in
/// wwwroot), a test page plays Teams around it in an iframe (wwwroot/dashboard-host.js answers TeamsJS), and
/// <see cref="DashboardFixtureServer"/> answers /api/dashboard/* with <see cref="DashboardFixtures"/>. chromium sees
/// one origin, the app's: Playwright routes /teams-host/ and /api/dashboard/ of it to the fixture server
/// (<see cref="RouteToFixtures"/>, the one place to remove when the real API is in).
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public DashboardFixtureServer Fixtures { get; } = new();
    private BotApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string AppUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } = Path.Combine(RepoRoot.Path, "TestResults", "dashboard");

    public async Task InitializeAsync()
    {
        if (!File.Exists(TeamsCardHost.ChromiumPath))
        {
            throw new InvalidOperationException($"{TeamsCardHost.ChromiumPath} is missing: run `apt-get install -y chromium`.");
        }
        await Fixtures.StartAsync();
        _app = new BotApp();
        _app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        AppUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
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
        await Fixtures.DisposeAsync();
    }

    /// <summary>Opens Teams' host page with the tab <paramref name="tabPath"/> (e.g. dashboard/index.html) in its iframe.</summary>
    public async Task<DashboardTab> OpenAsync(DashboardFixtures.Persona who, string tabPath = "dashboard/index.html", string theme = "default",
        string frameContext = "content", string? entityId = DashboardFixtures.VpiId)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            Locale = "en-US",
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout(TeamsCardHost.TimeoutMs);
        await RouteToFixtures(context);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add("error: " + error);
        var tab = new DashboardTab(this, context, page);
        await page.GotoAsync(AppUrl + "teams-host/dashboard-host.html");
        await page.EvaluateAsync("config => window.teamsHost.start(config)", new
        {
            url = AppUrl + tabPath,
            theme,
            frameContext,
            entityId,
            token = who.Token,
            tenantId = "72f988bf-0000-4000-8000-tenant-ghana",
            user = new { id = "aad-" + who.Key, upn = who.Key + "@ghana-vpi.example" },
        });
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

    /// <summary>Opens the tab on its own, outside Teams (Development: the local token issuer).</summary>
    public async Task<DashboardTab> OpenOutsideTeamsAsync(string tabPath)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 }, Locale = "en-US" });
        context.SetDefaultTimeout(TeamsCardHost.TimeoutMs);
        await RouteToFixtures(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(AppUrl + tabPath);
        await page.Locator("body[data-rendered='true']").WaitForAsync();
        return new DashboardTab(this, context, page);
    }

    /// <summary>
    /// The page's origin is the app's; the Teams host page and the dashboard API come from the fixture server.
    /// Anything else outside the app (TeamsJS fetching its list of Teams origins from a CDN) is refused.
    /// </summary>
    private async Task RouteToFixtures(IBrowserContext context)
    {
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith(AppUrl + "teams-host/", StringComparison.Ordinal) || url.StartsWith(AppUrl + "api/dashboard/", StringComparison.Ordinal)
                || url.StartsWith(AppUrl + "dev/token", StringComparison.Ordinal))
            {
                var response = await route.FetchAsync(new RouteFetchOptions { Url = Fixtures.BaseUrl + url[AppUrl.Length..] });
                await route.FulfillAsync(new RouteFulfillOptions { Response = response });
            }
            else if (url.StartsWith(AppUrl, StringComparison.Ordinal))
            {
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

/// <summary>
/// Serves the Teams host page and the dashboard API's fixtures; remembers the Authorization header of every API call.
/// The persona is chosen by the bearer token (the one the host page gave the tab); no token, no data (401).
/// </summary>
public sealed class DashboardFixtureServer : LoopbackServer
{
    private static readonly string Www = Path.Combine(AppContext.BaseDirectory, "Browser", "wwwroot");

    public ConcurrentQueue<(string Path, string? Authorization)> ApiCalls { get; } = new();

    protected override void Map(WebApplication app)
    {
        app.MapGet("/teams-host/dashboard-host.html", () => Results.File(Path.Combine(Www, "dashboard-host.html"), "text/html; charset=utf-8"));
        app.MapGet("/teams-host/dashboard-host.js", () => Results.File(Path.Combine(Www, "dashboard-host.js"), "text/javascript; charset=utf-8"));
        // Stands in for the app's local token issuer in Development (its real shape is the other branch's; the page
        // takes a JSON { token } or plain text).
        app.MapGet("/dev/token", () => Results.Json(new { token = DashboardFixtures.Facilitator.Token }));
        app.MapGet("/api/dashboard/me", (HttpRequest request) => Answer(request, DashboardFixtures.Me));
        app.MapGet("/api/dashboard/vpis/{id}", (HttpRequest request, string id) => id == DashboardFixtures.VpiId
            ? Answer(request, DashboardFixtures.Vpi)
            : Results.Json(new { error = "No such VPI." }, statusCode: 404));
    }

    private IResult Answer(HttpRequest request, Func<DashboardFixtures.Persona, System.Text.Json.Nodes.JsonObject> body)
    {
        string? authorization = request.Headers.Authorization;
        ApiCalls.Enqueue((request.Path, authorization));
        var who = DashboardFixtures.ByToken(authorization);
        return who is null
            ? Results.Json(new { error = "Sign in with Teams." }, statusCode: 401)
            : Results.Text(body(who).ToJsonString(), "application/json; charset=utf-8");
    }
}
