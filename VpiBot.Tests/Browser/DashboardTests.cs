using System.Text.Json;
using Microsoft.Playwright;
using VpiBot.Tests.Support;
using Xunit.Abstractions;
using static VpiBot.Tests.Browser.DashboardFixtures;

namespace VpiBot.Tests.Browser;

/// <summary>
/// The dashboard tab (dashboard/, bundled into the app's wwwroot) in chromium inside a host page that answers TeamsJS
/// as Teams does, with the API answered by <see cref="DashboardFixtures"/>. Screenshots: TestResults/dashboard/.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardHost host, ITestOutputHelper output)
{
    private static readonly string[] Views = ["timeline", "priorities", "ballots", "roadmap", "meetings", "members"];

    public static TheoryData<string> Roles => new(All.Select(p => p.Key));

    private static Persona Who(string key) => All.Single(p => p.Key == key);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_view_shows_the_vpi_to_each_role(string role)
    {
        var who = Who(role);
        await using var tab = await host.OpenAsync(who);
        var expectedRole = who.Role switch { "ReviewTeam" => "Review team", var r => r };
        Assert.Equal("VPI Ghana", await tab.Locator("h1").InnerTextAsync());
        Assert.Contains(expectedRole, await tab.Locator("header").InnerTextAsync());

        // Timeline: eight activities, four done, the fifth next; the menu of options.
        Assert.Equal(8, await tab.Locator("#panel-timeline li.stage").CountAsync());
        Assert.Equal(4, await tab.Locator("#panel-timeline li.stage-done").CountAsync());
        Assert.Contains("Next activity: Outcome report", await tab.Locator("#panel-timeline").InnerTextAsync());
        Assert.Equal(5, await tab.Locator("#panel-timeline .menu li").CountAsync());

        await tab.ShowViewAsync("priorities");
        Assert.Equal(12, await tab.Locator("#priorities-table tbody tr").CountAsync());
        await tab.Locator("#priority-status").SelectOptionAsync("Approved");
        Assert.Equal(3, await tab.Locator("#priorities-table tbody tr").CountAsync());
        Assert.Contains("3 of 12 shown", await tab.Locator("#panel-priorities .count").InnerTextAsync());
        await tab.Locator("#priority-status").SelectOptionAsync("");
        await tab.Locator("#priority-filter").FillAsync("border");
        Assert.Equal(1, await tab.Locator("#priorities-table tbody tr").CountAsync());
        await tab.Locator("#priorities-table tbody tr button.link").First.ClickAsync();
        var history = await tab.Locator("#priority-history").InnerTextAsync();
        Assert.Contains("Priority 3: Joint border patrols with Togo", history);
        Assert.Contains("Under review", history);

        await tab.ShowViewAsync("ballots");
        Assert.Equal(3, await tab.Locator("#panel-ballots article.ballot").CountAsync());
        var ballots = await tab.Locator("#panel-ballots").InnerTextAsync();
        Assert.Contains("Ballot 3", ballots);
        Assert.Contains("Recommendations 7, 8, 9", ballots);
        Assert.Contains("Government: Yes", ballots);
        Assert.Contains("Non-government: Yes", ballots);
        Assert.Equal(5, await tab.Locator("#panel-ballots article.ballot table:not(.alt) tbody tr").CountAsync());
        Assert.Equal(1, await tab.Locator("#panel-ballots td fluent-badge", new() { HasText = "Not adopted" }).CountAsync());

        await tab.ShowViewAsync("roadmap");
        Assert.Equal(20, await tab.Locator("#tasks-table tbody tr").CountAsync());
        Assert.Equal(20, await tab.Locator("#panel-roadmap .gantt li").CountAsync());
        var overdue = Vpi(who)["tasks"]!.AsArray().Count(t => t!["overdue"]!.GetValue<bool>());
        Assert.Equal(4, overdue);
        for (var i = 0; i < overdue; i++)
        {
            Assert.Contains("Overdue", await tab.Locator("#tasks-table tbody tr").Nth(i).InnerTextAsync());
        }
        Assert.DoesNotContain("Overdue", await tab.Locator("#tasks-table tbody tr").Nth(overdue).InnerTextAsync());
        await tab.Locator("#my-tasks").CheckAsync();
        var mine = Vpi(who)["tasks"]!.AsArray().Count(t => t!["mine"]!.GetValue<bool>());
        Assert.True(mine > 0);
        Assert.Equal(mine, await tab.Locator("#tasks-table tbody tr").CountAsync());
        Assert.Equal(mine, await tab.Locator("#panel-roadmap .gantt li").CountAsync());

        await tab.ShowViewAsync("meetings");
        var meetings = await tab.Locator("#panel-meetings").InnerTextAsync();
        Assert.Equal(2, await tab.Locator("#panel-meetings .cards li").CountAsync());
        Assert.Contains("9 accepted, 2 tentative, 1 declined, 3 not replied", meetings);
        Assert.Contains("Attendance by organisation type", meetings);

        await tab.ShowViewAsync("members");
        Assert.Equal(15, await tab.Locator("#members-table tbody tr").CountAsync());

        // The tab called the API with the token Teams gave it, and only with it.
        var calls = host.Fixtures.ApiCalls.Where(c => c.Authorization == "Bearer " + who.Token).ToList();
        Assert.Contains(calls, c => c.Path == $"/api/dashboard/vpis/{VpiId}");
        await tab.ScreenshotAsync($"roles-{role}-members");
    }

    [Fact]
    public async Task Outside_teams_in_development_the_page_uses_the_local_token_issuer()
    {
        await using var tab = await host.OpenOutsideTeamsAsync($"dashboard/index.html?vpi={VpiId}&theme=dark");
        Assert.Equal("VPI Ghana", await tab.Page.Locator("h1").InnerTextAsync());
        Assert.Equal("dark", await tab.Page.Locator("html").GetAttributeAsync("data-theme"));
        Assert.Contains(host.Fixtures.ApiCalls, c => c.Path == $"/api/dashboard/vpis/{VpiId}" && c.Authorization == "Bearer " + Facilitator.Token);
    }

    [Fact]
    public async Task Tables_sort_from_the_keyboard()
    {
        await using var tab = await host.OpenAsync(Facilitator);
        await tab.ShowViewAsync("members");
        var nameHeader = tab.Locator("#members-table thead th").First;
        await nameHeader.Locator("button").FocusAsync();
        await tab.Page.Keyboard.PressAsync("Enter");
        Assert.Equal("ascending", await nameHeader.GetAttributeAsync("aria-sort"));
        Assert.StartsWith("Abena Asante", await tab.Locator("#members-table tbody tr").First.InnerTextAsync());
        await tab.Page.Keyboard.PressAsync("Space");
        Assert.Equal("descending", await nameHeader.GetAttributeAsync("aria-sort"));
        Assert.StartsWith("Yaw Darko", await tab.Locator("#members-table tbody tr").First.InnerTextAsync());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task The_personal_view_shows_what_waits_for_me(string role)
    {
        var who = Who(role);
        await using var tab = await host.OpenAsync(who, "dashboard/index.html?view=me", entityId: null);
        var text = await tab.Locator("main").InnerTextAsync();
        Assert.Contains($"Waiting for {who.Name}", text);
        Assert.Contains("Ballots to vote in (1)", text);
        Assert.Contains("Meetings to answer (1)", text);
        Assert.Equal(who == Reviewer, text.Contains("Priorities to review (3)", StringComparison.Ordinal));
        Assert.Equal(who == Facilitator ? 2 : 1, await tab.Locator("article.vpi").CountAsync());
        Assert.Contains(host.Fixtures.ApiCalls, c => c.Path == "/api/dashboard/me" && c.Authorization == "Bearer " + who.Token);
        await tab.ScreenshotAsync($"me-{role}");
    }

    [Fact]
    public async Task The_settings_page_saves_the_chosen_vpi_as_the_tab()
    {
        await using var tab = await host.OpenAsync(Facilitator, "dashboard/config.html", frameContext: "settings", entityId: null);
        Assert.Equal(2, await tab.Locator("input[type=radio]").CountAsync());
        await tab.Locator("label", new() { HasText = "VPI Ghana" }).ClickAsync();
        await tab.Locator("#config-status", new() { HasText = "This tab will show VPI Ghana." }).WaitForAsync();
        var settings = await tab.HostAsync("settings");
        var saved = Assert.Single(settings.EnumerateArray());
        Assert.Equal(VpiId, saved.GetProperty("entityId").GetString());
        Assert.Equal(host.AppUrl + "dashboard/index.html", saved.GetProperty("contentUrl").GetString());
        Assert.Equal("VPI Ghana", saved.GetProperty("suggestedDisplayName").GetString());
        var validity = (await tab.HostAsync("validity")).EnumerateArray().Select(v => v.GetBoolean()).ToList();
        Assert.Equal([false, true], validity);
        await tab.ScreenshotAsync("config");
    }

    [Fact]
    public async Task The_page_follows_the_teams_theme_as_it_changes()
    {
        await using var tab = await host.OpenAsync(Facilitator);
        var backgrounds = new Dictionary<string, string>();
        foreach (var theme in new[] { "default", "dark", "contrast" })
        {
            if (theme != "default")
            {
                await tab.Page.EvaluateAsync("theme => window.teamsHost.setTheme(theme)", theme);
            }
            await tab.Locator($"html[data-theme='{theme}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            backgrounds[theme] = await tab.Locator("body").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor");
            foreach (var view in Views)
            {
                await tab.ShowViewAsync(view);
                await tab.ScreenshotAsync($"{view}-{theme}");
            }
            await tab.ShowViewAsync("timeline");
        }
        Assert.Equal("rgb(245, 245, 245)", backgrounds["default"]);
        Assert.Equal("rgb(31, 31, 31)", backgrounds["dark"]);
        Assert.Equal("rgb(0, 0, 0)", backgrounds["contrast"]);
        output.WriteLine("body background by theme: " + string.Join(", ", backgrounds.Select(b => $"{b.Key} {b.Value}")));
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_in_any_view()
    {
        var axe = RepoRoot.NodeModule("axe-core", "axe.min.js");
        var failures = new List<string>();
        async Task ScanAsync(DashboardTab tab, string name)
        {
            await tab.TabFrame.AddScriptTagAsync(new() { Path = axe });
            var violations = await tab.TabFrame.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }))");
            var list = violations.EnumerateArray().Select(v => (Id: v.GetProperty("id").GetString(), Impact: v.GetProperty("impact").GetString(), Nodes: v.GetProperty("nodes").GetInt32())).ToList();
            var counts = string.Join(", ", new[] { "critical", "serious", "moderate", "minor" }.Select(i => $"{i} {list.Where(v => v.Impact == i).Sum(v => v.Nodes)}"));
            output.WriteLine($"axe {name}: {counts}" + (list.Count > 0 ? " (" + string.Join("; ", list.Select(v => $"{v.Id} {v.Impact} ×{v.Nodes}")) + ")" : ""));
            failures.AddRange(list.Where(v => v.Impact is "serious" or "critical").Select(v => $"{name}: {v.Id} ({v.Impact}, {v.Nodes} nodes)"));
        }
        foreach (var theme in new[] { "default", "dark", "contrast" })
        {
            await using var tab = await host.OpenAsync(Facilitator, theme: theme);
            foreach (var view in Views)
            {
                await tab.ShowViewAsync(view);
                await ScanAsync(tab, $"{view} ({theme})");
            }
        }
        await using (var me = await host.OpenAsync(Reviewer, "dashboard/index.html?view=me", entityId: null))
        {
            await ScanAsync(me, "me (default)");
        }
        await using (var config = await host.OpenAsync(Facilitator, "dashboard/config.html", frameContext: "settings", entityId: null))
        {
            await ScanAsync(config, "config (default)");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Size_and_time_to_first_full_render_are_measured()
    {
        var bytes = new Dictionary<string, long>();
        await using var tab = await host.OpenAsync(AllianceMember, "dashboard/index.html?measure");
        // Measured again on a fresh page with a cold cache: every response of the tab's load.
        var page = await tab.Page.Context.NewPageAsync();
        page.Response += async (_, response) =>
        {
            if (response.Url.StartsWith(host.AppUrl + "dashboard/", StringComparison.Ordinal) || response.Url.StartsWith(host.AppUrl + "api/", StringComparison.Ordinal))
            {
                try
                {
                    var body = await response.BodyAsync();
                    lock (bytes)
                    {
                        bytes[new Uri(response.Url).AbsolutePath] = body.Length;
                    }
                }
                catch (PlaywrightException)
                {
                    // a redirect or an aborted request has no body
                }
            }
        };
        await page.GotoAsync(host.AppUrl + "teams-host/dashboard-host.html");
        await page.EvaluateAsync("config => window.teamsHost.start(config)", new
        {
            url = host.AppUrl + "dashboard/index.html", theme = "default", frameContext = "content", entityId = VpiId,
            token = AllianceMember.Token, tenantId = "tenant", user = new { id = "aad-alliance", upn = "alliance@ghana-vpi.example" },
        });
        var frame = page.FrameLocator("#tab");
        await frame.Locator("body[data-rendered='true']").WaitForAsync();
        var tabFrame = page.Frames.Single(f => f.Url.StartsWith(host.AppUrl + "dashboard/", StringComparison.Ordinal));
        var renderedMs = await tabFrame.EvaluateAsync<double>("() => performance.getEntriesByName('dashboard-rendered')[0].startTime");
        await page.WaitForTimeoutAsync(200);
        lock (bytes)
        {
            var total = bytes.Values.Sum();
            output.WriteLine($"dashboard full load: {total / 1024.0:0.0} KiB in {bytes.Count} responses (" +
                string.Join(", ", bytes.OrderByDescending(b => b.Value).Select(b => $"{b.Key} {b.Value / 1024.0:0.0} KiB")) + ")");
            Assert.Contains("/dashboard/app.js", bytes.Keys);
            Assert.Contains($"/api/dashboard/vpis/{VpiId}", bytes.Keys);
        }
        output.WriteLine($"time to first full render (performance.mark 'dashboard-rendered' from the frame's navigation start): {renderedMs:0} ms");
    }
}
