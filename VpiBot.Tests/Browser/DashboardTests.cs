using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using VpiBot.Tests.Support;
using Xunit.Abstractions;
using static VpiBot.Tests.Browser.DashboardHost;

namespace VpiBot.Tests.Browser;

/// <summary>
/// The dashboard tab (dashboard/, bundled into the app's wwwroot) in chromium inside a host page that answers TeamsJS
/// as Teams does, against the real app's API, with Ghana's VPI made through the bot's own commands
/// (<see cref="DashboardVpi"/>) and each viewer's token signed by the test's Entra ID. Screenshots: TestResults/dashboard/.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardHost host, ITestOutputHelper output)
{
    private static readonly string[] Views = ["timeline", "priorities", "ballots", "roadmap", "meetings", "members"];

    public static TheoryData<string> Roles => new(All.Select(p => p.Key));

    private static Viewer Who(string key) => All.Single(p => p.Key == key);

    private const string ChiomaName = "Chioma [Link](https://evil.example.com) *Eze*";

    /// <summary>The token the host page gave the tab (Teams' getAuthToken answer).</summary>
    private static async Task<string> TokenGivenAsync(DashboardTab tab) => await tab.Page.EvaluateAsync<string>("() => window.teamsHost.config.token");

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_view_shows_the_vpi_to_each_role(string role)
    {
        var who = Who(role);
        await using var tab = await host.OpenAsync(who);
        Assert.Equal("VPI Ghana", await tab.Locator("h1").InnerTextAsync());
        Assert.Contains(who.Role, await tab.Locator("header").InnerTextAsync());

        // Timeline: eight activities, the first two done (by Alice's "Mark as done"), the third next; the menu of options
        // of a medium-level VPI (eight components), two ticked.
        Assert.Equal(8, await tab.Locator("#panel-timeline li.stage").CountAsync());
        Assert.Equal(2, await tab.Locator("#panel-timeline li.stage-done").CountAsync());
        Assert.Contains("Next activity: Scoping meeting with non-governmental stakeholders", await tab.Locator("#panel-timeline").InnerTextAsync());
        Assert.Equal(8, await tab.Locator("#panel-timeline .menu li").CountAsync());
        Assert.Equal(2, await tab.Locator("#panel-timeline .menu li.menu-done").CountAsync());

        // Priorities: five sent for review; Chioma also sees her own draft.
        await tab.ShowViewAsync("priorities");
        var total = who == AllianceMember ? 6 : 5;
        Assert.Equal(total, await tab.Locator("#priorities-table tbody tr").CountAsync());
        Assert.Equal(who == AllianceMember, (await tab.Locator("#priorities-table").InnerTextAsync()).Contains("School outreach", StringComparison.Ordinal));
        await tab.Locator("#priority-status").SelectOptionAsync("Approved");
        Assert.Equal(2, await tab.Locator("#priorities-table tbody tr").CountAsync());
        Assert.Contains($"2 of {total} shown", await tab.Locator("#panel-priorities .count").InnerTextAsync());
        await tab.Locator("#priority-status").SelectOptionAsync("UnderReview");
        Assert.Equal(2, await tab.Locator("#priorities-table tbody tr").CountAsync());
        await tab.Locator("#priority-status").SelectOptionAsync("");
        await tab.Locator("#priority-filter").FillAsync("border");
        Assert.Equal(1, await tab.Locator("#priorities-table tbody tr").CountAsync());
        await tab.Locator("#priorities-table tbody tr button.link").First.ClickAsync();
        var history = await tab.Locator("#priority-history").InnerTextAsync();
        Assert.Contains("Priority 3: Joint border patrols with Togo", history);
        Assert.Contains("Under review", history);
        Assert.Contains("Rejected", history);
        Assert.Contains("Bob Owusu", history);
        Assert.Contains(ChiomaName, history); // her name as typed, as text: no markdown, no link
        Assert.Equal(0, await tab.Locator("a[href*='evil.example.com']").CountAsync());

        // Ballots: the anonymous one open (turnout only, its tally hidden), the named one closed (1 adopted, 2 not).
        await tab.ShowViewAsync("ballots");
        Assert.Equal(2, await tab.Locator("#panel-ballots article.ballot").CountAsync());
        var open = await tab.Locator("#ballot-2").Locator("xpath=..").InnerTextAsync();
        Assert.Contains("Recommendations 3", open);
        Assert.Contains("The tally is hidden until the ballot closes.", open);
        Assert.Contains("Civil society", await tab.Locator("#ballot-2").Locator("xpath=..").TextContentAsync()); // the turnout table (folded): sides by the Domain's Side names
        Assert.Equal(0, await tab.Locator("#ballot-2").Locator("xpath=..").Locator("table.results").CountAsync());
        var closed = tab.Locator("#ballot-1").Locator("xpath=..");
        Assert.Contains("Recommendations 1, 2", await closed.InnerTextAsync());
        var rows = closed.Locator("table.results tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(["1. Fund shelters in every region", "Adopted", "2", "0", "0", "2", "0", "0"], await CellsAsync(rows.Nth(0)));
        Assert.Equal(["2. Publish yearly case statistics", "Not adopted", "0", "2", "0", "2", "0", "0"], await CellsAsync(rows.Nth(1)));

        // Roadmap: eight tasks, the three overdue first; "only my tasks".
        await tab.ShowViewAsync("roadmap");
        Assert.Equal(8, await tab.Locator("#tasks-table tbody tr").CountAsync());
        Assert.Equal(8, await tab.Locator("#panel-roadmap .gantt li").CountAsync());
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("Overdue", await tab.Locator("#tasks-table tbody tr").Nth(i).InnerTextAsync());
        }
        Assert.DoesNotContain("Overdue", await tab.Locator("#tasks-table tbody tr").Nth(3).InnerTextAsync());
        Assert.Contains("40%", await tab.Locator("#tasks-table tbody tr", new() { HasText = "Draft the shelter standards" }).InnerTextAsync());
        await tab.Locator("#my-tasks").CheckAsync();
        var mine = who == Facilitator ? new[] { "Brief the parliamentary committee" }
            : who == Reviewer ? ["Draft the shelter standards", "Train labour inspectors", "Agree a data-sharing protocol"]
            : ["Publish the hotline numbers", "Draft the shelter standards", "Translate the leaflets"];
        Assert.Equal(mine.Length, await tab.Locator("#tasks-table tbody tr").CountAsync());
        Assert.Equal(mine.Length, await tab.Locator("#panel-roadmap .gantt li").CountAsync());
        var myRows = await tab.Locator("#tasks-table tbody").InnerTextAsync();
        Assert.All(mine, title => Assert.Contains(title, myRows));

        // Meetings: the scoping meeting booked in Alice's calendar, nobody has answered yet.
        await tab.ShowViewAsync("meetings");
        var meetings = await tab.Locator("#panel-meetings").InnerTextAsync();
        Assert.Equal(1, await tab.Locator("#panel-meetings .cards li").CountAsync());
        Assert.Contains("scoping meeting with the government's UNTOC review team", meetings);
        Assert.Contains("Booked", meetings);
        Assert.Contains("0 accepted, 0 tentative, 0 declined, 3 not replied", meetings);
        Assert.Contains("No meeting has taken place yet.", meetings);

        await tab.ShowViewAsync("members");
        Assert.Equal(5, await tab.Locator("#members-table tbody tr").CountAsync());
        Assert.Contains("Ministry of the Interior", await tab.Locator("#members-table").InnerTextAsync());

        // The tab called the API with the token Teams gave it, and only with it.
        var token = await TokenGivenAsync(tab);
        Assert.Contains(host.ApiCalls, c => c.Path == $"/api/dashboard/vpis/{host.VpiId}" && c.Authorization == "Bearer " + token);
        await tab.ScreenshotAsync($"roles-{role}-members");
    }

    private static async Task<string[]> CellsAsync(ILocator row) =>
        [.. (await row.Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim())];

    [Fact]
    public async Task Shapes_the_commands_did_not_make_are_shown_too()
    {
        // The contract allows what this VPI does not have: a meeting not booked yet (start and end null), an open ballot
        // whose running tally is shown (adopted null), a closed ballot without a result; the API's real answer, altered.
        await using var tab = await host.OpenAsync(Facilitator, alterVpi: vpi =>
        {
            var meeting = vpi["meetings"]![0]!.DeepClone().AsObject();
            meeting["number"] = 2;
            meeting["title"] = "Consultation not booked yet";
            meeting["status"] = "Proposed";
            meeting["start"] = null;
            meeting["end"] = null;
            vpi["meetings"]!.AsArray().Add(meeting);
            var ballots = vpi["ballots"]!.AsArray();
            var running = ballots[1]!.DeepClone().AsObject();
            running["number"] = 3;
            running["status"] = "Open";
            foreach (var result in running["results"]!.AsArray())
            {
                result!["adopted"] = null;
            }
            var unresolved = ballots[1]!.DeepClone().AsObject();
            unresolved["number"] = 4;
            unresolved["results"] = null;
            ballots.Insert(0, unresolved);
            ballots.Insert(0, running);
            return vpi;
        });
        await tab.ShowViewAsync("meetings");
        Assert.Equal(2, await tab.Locator("#panel-meetings .cards li").CountAsync());
        var unbooked = await tab.Locator("#panel-meetings .cards li").Nth(1).InnerTextAsync();
        Assert.Contains("Consultation not booked yet", unbooked);
        Assert.Contains("Not booked yet", unbooked);
        Assert.Contains("Proposed", unbooked);

        await tab.ShowViewAsync("ballots");
        Assert.Equal(4, await tab.Locator("#panel-ballots article.ballot").CountAsync());
        var running = tab.Locator("#ballot-3").Locator("xpath=..");
        Assert.Equal(["1. Fund shelters in every region", "2", "0", "0", "2", "0", "0"], await CellsAsync(running.Locator("table.results tbody tr").First));
        Assert.DoesNotContain("dopted", await running.InnerTextAsync()); // no outcome while it is open
        Assert.Contains("No result was recorded.", await tab.Locator("#ballot-4").Locator("xpath=..").InnerTextAsync());
    }

    [Fact]
    public async Task Outside_teams_in_development_the_page_gets_its_token_from_the_local_issuer()
    {
        var query = $"vpi={host.VpiId}&theme=dark&oid={Reviewer.User.AadObjectId}&tid={TeamsActivities.TenantId}&name=Bob";
        await using var tab = await host.OpenOutsideTeamsAsync($"dashboard/index.html?{query}");
        Assert.Equal("VPI Ghana", await tab.Page.Locator("h1").InnerTextAsync());
        Assert.Contains("Review team", await tab.Page.Locator("header").InnerTextAsync()); // the token is Bob's
        Assert.Equal("dark", await tab.Page.Locator("html").GetAttributeAsync("data-theme"));
        Assert.Contains(host.ApiCalls, c => c.Path == $"/api/dashboard/vpis/{host.VpiId}" && c.Authorization?.StartsWith("Bearer ey", StringComparison.Ordinal) == true);

        await using var nobody = await host.OpenOutsideTeamsAsync($"dashboard/index.html?vpi={host.VpiId}");
        Assert.Equal("Open this page as a tab in Microsoft Teams.", await nobody.Page.Locator("main, #app").First.InnerTextAsync());
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
        Assert.StartsWith("Alice Mensah", await tab.Locator("#members-table tbody tr").First.InnerTextAsync());
        await tab.Page.Keyboard.PressAsync("Space");
        Assert.Equal("descending", await nameHeader.GetAttributeAsync("aria-sort"));
        Assert.StartsWith("Femi Adeyemi", await tab.Locator("#members-table tbody tr").First.InnerTextAsync());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task The_personal_view_shows_what_waits_for_me(string role)
    {
        var who = Who(role);
        await using var tab = await host.OpenAsync(who, "dashboard/index.html?view=me", withVpi: false);
        var text = await tab.Locator("main").InnerTextAsync();
        Assert.Contains($"Waiting for {who.User.Name}", text);
        Assert.Equal(1, await tab.Locator("article.vpi").CountAsync());
        Assert.Contains("2 of 8 activities done; next: Scoping meeting with non-governmental stakeholders", text);
        Assert.Contains("Meetings to answer (1)", text); // all three are invited to the scoping meeting
        // only Bob reviews (two priorities under review); only he has a vote left (Chioma voted, Alice does not vote)
        Assert.Equal(who == Reviewer, text.Contains("Priorities to review (2)", StringComparison.Ordinal));
        Assert.Equal(who == Reviewer, text.Contains("Ballots to vote in (1)", StringComparison.Ordinal));
        Assert.Contains(who == Facilitator ? "Your tasks (1)" : "Your tasks (3)", text);
        Assert.Equal(who == AllianceMember ? 1 : 0, await tab.Locator("main fluent-badge", new() { HasText = "Overdue" }).CountAsync());
        var token = await TokenGivenAsync(tab);
        Assert.Contains(host.ApiCalls, c => c.Path == "/api/dashboard/me" && c.Authorization == "Bearer " + token);
        await tab.ScreenshotAsync($"me-{role}");
    }

    [Fact]
    public async Task The_settings_page_saves_the_chosen_vpi_as_the_tab()
    {
        await using var tab = await host.OpenAsync(Facilitator, "dashboard/config.html", frameContext: "settings", withVpi: false);
        Assert.Equal(1, await tab.Locator("input[type=radio]").CountAsync());
        await tab.Locator("label", new() { HasText = "VPI Ghana" }).ClickAsync();
        await tab.Locator("#config-status", new() { HasText = "This tab will show VPI Ghana." }).WaitForAsync();
        var settings = await tab.HostAsync("settings");
        var saved = Assert.Single(settings.EnumerateArray());
        Assert.Equal(host.VpiId, saved.GetProperty("entityId").GetString());
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

    [Theory]
    [InlineData("ar-sa", "ar-sa", "rtl", "الجدول الزمني")]
    [InlineData("zh-cn", "zh-cn", "ltr", null)]
    [InlineData("fr-ca", "fr-ca", "ltr", null)]
    [InlineData("de-de", "en", "ltr", "Timeline")]
    public async Task The_page_speaks_the_teams_language_right_to_left_for_arabic(string locale, string lang, string dir, string? timeline)
    {
        await using var tab = await host.OpenAsync(Facilitator, locale: locale);
        var html = tab.Locator("html");
        Assert.Equal(lang, await html.GetAttributeAsync("lang"));
        Assert.Equal(dir, await html.GetAttributeAsync("dir"));
        var tabs = await tab.Locator("[role=tab]").AllInnerTextsAsync();
        if (timeline is not null)
        {
            Assert.Contains(timeline, tabs.Select(t => t.Trim()));
        }
        else
        {
            Assert.DoesNotContain("Timeline", tabs.Select(t => t.Trim())); // a translation, not the English
        }
        var axe = RepoRoot.NodeModule("axe-core", "axe.min.js");
        await tab.TabFrame.AddScriptTagAsync(new() { Path = axe });
        var serious = await tab.TabFrame.EvaluateAsync<string[]>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)");
        Assert.Empty(serious);
        foreach (var view in Views)
        {
            await tab.ShowViewAsync(view);
            await tab.ScreenshotAsync($"{view}-{locale}");
        }
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
        await using (var me = await host.OpenAsync(Reviewer, "dashboard/index.html?view=me", withVpi: false))
        {
            await ScanAsync(me, "me (default)");
        }
        await using (var config = await host.OpenAsync(Facilitator, "dashboard/config.html", frameContext: "settings", withVpi: false))
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
                    // what went over the wire: the body as sent (compressed when the app compressed it)
                    var sizes = await response.Request.SizesAsync();
                    lock (bytes)
                    {
                        bytes[new Uri(response.Url).AbsolutePath] = sizes.ResponseBodySize;
                    }
                }
                catch (PlaywrightException)
                {
                    // a redirect or an aborted request has no body
                }
            }
        };
        await page.GotoAsync(host.AppUrl + "teams-host/dashboard-host.html");
        await page.EvaluateAsync("config => window.teamsHost.start(config)", host.HostConfig(AllianceMember));
        var frame = page.FrameLocator("#tab");
        await frame.Locator("body[data-rendered='true']").WaitForAsync();
        var tabFrame = page.Frames.Single(f => f.Url.StartsWith(host.AppUrl + "dashboard/", StringComparison.Ordinal));
        var renderedMs = await tabFrame.EvaluateAsync<double>("() => performance.getEntriesByName('dashboard-rendered')[0].startTime");
        await page.WaitForTimeoutAsync(200);
        lock (bytes)
        {
            var total = bytes.Values.Sum();
            output.WriteLine($"dashboard full load, transferred: {total / 1024.0:0.0} KiB in {bytes.Count} responses (" +
                string.Join(", ", bytes.OrderByDescending(b => b.Value).Select(b => $"{b.Key} {b.Value / 1024.0:0.0} KiB")) + ")");
            Assert.Contains("/dashboard/app.js", bytes.Keys);
            Assert.Contains($"/api/dashboard/vpis/{host.VpiId}", bytes.Keys);
        }
        output.WriteLine($"time to first full render (performance.mark 'dashboard-rendered' from the frame's navigation start): {renderedMs:0} ms");
    }
}
