using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Browser;

/// <summary>The tests that share one <see cref="TeamsCardHost"/> (one chromium); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<TeamsCardHost>
{
    public const string Name = "Browser";
}

/// <summary>
/// Shows the bot's cards as Teams would: the official Adaptive Cards renderer (npm <c>adaptivecards</c>, pinned in the
/// repo's package.json) in Debian's headless chromium, driven by Playwright, on a page served from 127.0.0.1.
/// One chromium per test collection (<see cref="BrowserCollection"/>); each <see cref="RenderAsync"/> opens its own
/// page, so two people can look at the same card side by side.
/// <para>
/// Needs <c>apt-get install -y chromium</c> (<see cref="ChromiumPath"/>) and <c>npm ci</c> at the repo root. Playwright
/// never downloads a browser here: its driver (node, shipped inside the Microsoft.Playwright NuGet package) only
/// launches the system chromium.
/// </para>
/// </summary>
public sealed class TeamsCardHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Bound for every wait on the page (a click, a render); nothing waits longer.</summary>
    public const float TimeoutMs = 15_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage",
    ];

    private readonly CardPageServer _server = new(RepoRoot.NodeModule("adaptivecards", "dist", "adaptivecards.min.js"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where every rendered card is saved as PNG: TestResults/cards at the repo root (gitignored).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepoRoot.Path, "TestResults", "cards");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run `apt-get update && apt-get install -y chromium`.");
        }
        // Playwright for .NET runs its node driver from bin/.playwright (copied from the NuGet package at build); it
        // needs no PLAYWRIGHT_* variable and downloads nothing: only `playwright install` would, and we never run it.
        await _server.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
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
        await _server.DisposeAsync();
    }

    /// <summary>
    /// Shows <paramref name="card"/> to <paramref name="viewer"/> as Teams would, in <paramref name="chat"/>, as the
    /// message <paramref name="messageId"/>. If the card has a <c>refresh</c> whose <c>userIds</c> list the viewer's Teams
    /// id, Teams first sends the bot the refresh action (invoke <c>adaptiveCard/action</c>, <c>trigger: "automatic"</c>)
    /// and shows the viewer the card it answers instead: this is done here too, so the handle shows the viewer's own
    /// view (<see cref="TeamsCardView.WasRefreshed"/>). The rendered card is saved to <see cref="ScreenshotFolder"/> as
    /// <c>&lt;test&gt;-&lt;nn&gt;-&lt;step&gt;.png</c>.
    /// </summary>
    /// <param name="card">An Adaptive Card as the bot sent it (e.g. <see cref="ConnectorCall.Card"/>).</param>
    /// <param name="viewer">Who looks at the card; every click is sent as coming from this person.</param>
    /// <param name="chat">Where the card was posted and how to reach the bot.</param>
    /// <param name="messageId">The card's message id, sent by Teams as <c>replyToId</c> with every click and refresh.</param>
    /// <param name="step">A word for the screenshot's file name.</param>
    /// <param name="test">The test's name for the screenshot's file name (filled in by the compiler).</param>
    public async Task<TeamsCardView> RenderAsync(JsonObject card, TeamsActivities.User viewer, TeamsChat chat, string messageId = "card-1",
        string step = "card", [CallerMemberName] string test = "")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 520, Height = 900 },
            Locale = "en-US",
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout(TimeoutMs);
        // The page may load only what our loopback server serves: a card's image URL must not reach the internet.
        await context.RouteAsync("**/*", route => route.Request.Url.StartsWith(_server.BaseUrl, StringComparison.Ordinal)
            ? route.ContinueAsync()
            : route.AbortAsync("blockedbyclient"));
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        await page.GotoAsync(_server.BaseUrl);
        await page.WaitForFunctionAsync("() => window.teamsHost !== undefined && window.AdaptiveCards !== undefined");
        if (pageErrors.Count > 0)
        {
            throw new InvalidOperationException("The card page failed to load: " + string.Join("; ", pageErrors));
        }
        var view = new TeamsCardView(context, page, pageErrors, chat, viewer, messageId, Shots(test));
        await view.ShowAsync(card, step, refresh: true);
        return view;
    }

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("TeamsCardHost is not started (use it as a collection fixture).");

    private readonly Dictionary<string, int> _shotCounts = [];

    /// <summary>Numbers the screenshots of one test: 01, 02 …, across all its views.</summary>
    private Func<string, string> Shots(string test) => step =>
    {
        lock (_shotCounts)
        {
            var n = _shotCounts[test] = _shotCounts.GetValueOrDefault(test) + 1;
            var safe = string.Concat($"{test}-{n:00}-{step}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
            return Path.Combine(ScreenshotFolder, safe + ".png");
        }
    };
}

/// <summary>Serves host.html, its script and style, and the renderer from node_modules, on 127.0.0.1.</summary>
internal sealed class CardPageServer(string rendererPath) : LoopbackServer
{
    private static readonly string Www = Path.Combine(AppContext.BaseDirectory, "Browser", "wwwroot");

    protected override void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.File(Path.Combine(Www, "host.html"), "text/html; charset=utf-8"));
        app.MapGet("/host.js", () => Results.File(Path.Combine(Www, "host.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/teams.css", () => Results.File(Path.Combine(Www, "teams.css"), "text/css; charset=utf-8"));
        app.MapGet("/adaptivecards.min.js", () => Results.File(rendererPath, "text/javascript; charset=utf-8"));
        app.MapGet("/adaptivecards.css", () => Results.File(Path.Combine(Path.GetDirectoryName(rendererPath)!, "adaptivecards.css"), "text/css; charset=utf-8"));
    }
}

