using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// Roadmap task cards in a real renderer, in Ghana's VPI (Alice facilitates; Bob is on the review team; Chioma and Femi
/// are the alliance). Alice fills the "add task" form in the page; the task card posted in the channel is shown to Bob,
/// who does not own it (read only), and to Chioma, an owner, as Teams shows it to her (her own view, with the update
/// form); she updates it from the page and the card the bot answers with is shown in place. What was chosen in the page
/// is checked against the store. Screenshots go to TestResults/cards/ as <c>task-nn-….png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TaskInBrowserTests(TeamsCardHost host) : GhanaVpiInBrowser
{
    private const string Shots = "task";

    [Fact]
    public async Task Add_a_task_from_the_form_see_it_read_only_and_update_it_as_its_owner_from_the_page()
    {
        var start = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // Accra is UTC
        var due = DateTime.UtcNow.AddDays(45).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Alice fills the form in the page: the dates in the renderer's date inputs, the owners as ticks
        var before = Connector.Calls.Count;
        var form = await Channel.Say("add task");
        await using (var alice = await host.RenderAsync(form, Alice, Chat, "form-1", step: "form", test: Shots))
        {
            Assert.Empty(alice.ParseWarnings);
            Assert.Equal(start, await alice.ValueAsync("start")); // today, in the VPI's zone
            var empty = await alice.ClickAsync("Add task", step: "form-empty");
            Assert.True(empty.Stopped); // the renderer asks for the required fields first
            Assert.Contains("Give the task a title of at most 120 characters.", empty.ValidationErrors);
            await alice.FillAsync("title", "Draft national standards for shelters");
            await alice.FillAsync("description", "With the Ministry of Gender and two shelter NGOs; to be adopted by the task force.");
            await alice.FillAsync("owners", $"{Chioma.AadObjectId},{Femi.AadObjectId}");
            await alice.FillAsync("lead", "Joint");
            await alice.FillAsync("due", due);
            var added = await alice.ClickAsync("Add task", step: "added");
            Assert.NotNull(added.NewCard);
            Assert.Equal(due, added.Sent!["value"]!["action"]!["data"]!["due"]!.GetValue<string>());
            Assert.Contains("T1 is added to the roadmap.", await alice.TextAsync());
        }
        var stored = await Stored();
        Assert.Equal((LeadSide.Joint, DateOnly.Parse(due, CultureInfo.InvariantCulture)), (stored.Lead, stored.Due));
        Assert.Equal([Chioma.AadObjectId, Femi.AadObjectId], stored.Owners.Order());
        var posted = (await Channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null).Card!;

        // Bob (review team, no owner) sees the task as posted: read only
        await using (var bob = await host.RenderAsync(posted, Bob, Chat, "task-1", step: "member-read-only", test: Shots))
        {
            Assert.False(bob.WasRefreshed);
            Assert.Empty(bob.ParseWarnings);
            var text = await bob.TextAsync();
            Assert.Contains("T1 — Draft national standards for shelters", text);
            Assert.Contains("Not started", text);
            Assert.Contains("Joint (government and alliance)", text);
            Assert.Contains("Owners: Chioma [Link](https://evil.example.com) *Eze*, Femi Adeyemi", text); // as typed, no link
            Assert.Equal(0, await bob.Page.Locator("#card-root a").CountAsync());
            Assert.Equal(0, await bob.Page.Locator("#card-root input, #card-root select, #card-root textarea").CountAsync());
            Assert.Equal(["Open my view"], await bob.ButtonTitlesAsync());
            // asking for his own view changes nothing: still read only
            var mine = await bob.ClickAsync("Open my view", step: "member-own-view");
            Assert.NotNull(mine.NewCard);
            Assert.Equal(0, await bob.Page.Locator("#card-root input, #card-root select, #card-root textarea").CountAsync());
        }

        // Chioma (an owner): Teams fetches her own view, with the update form
        await using var chioma = await host.RenderAsync(posted, Chioma, Chat, "task-1", step: "owner", test: Shots);
        Assert.True(chioma.WasRefreshed);
        Assert.Empty(chioma.ParseWarnings);
        Assert.Equal(["Save update"], await chioma.ButtonTitlesAsync());
        Assert.Equal("NotStarted", await chioma.ValueAsync("status"));
        Assert.Equal("0", await chioma.ValueAsync("progress"));
        foreach (var id in new[] { "status", "progress", "comment" })
        {
            Assert.Equal(1, await chioma.Page.Locator($"#card-root [id=\"{id}\"]").CountAsync());
        }
        // saving nothing new is named beside the button
        var nothing = await chioma.ClickAsync("Save update", step: "owner-nothing-changed");
        Assert.NotNull(nothing.NewCard);
        Assert.Contains("Nothing to save", await chioma.TextAsync());

        await chioma.FillAsync("status", "InProgress");
        await chioma.FillAsync("progress", "50");
        await chioma.FillAsync("comment", "Chapters 1–3 drafted; the ministry reviews them next week.");
        var saved = await chioma.ClickAsync("Save update", step: "owner-updated");
        Assert.NotNull(saved.NewCard);
        var after = await chioma.TextAsync();
        Assert.Contains("Your update of T1 is saved.", after);
        Assert.Contains("status Not started → In progress; progress 0% → 50% — Chapters 1–3 drafted; the ministry reviews them next week.", after);
        Assert.DoesNotContain("Nothing to save", after);
        Assert.Equal("InProgress", await chioma.ValueAsync("status"));
        Assert.Equal("50", await chioma.ValueAsync("progress"));
        Assert.Equal("", await chioma.ValueAsync("comment") ?? ""); // the form is ready for the next update

        stored = await Stored();
        Assert.Equal((TaskState.InProgress, 50, 2), (stored.State, stored.Progress, stored.Revision));
        Assert.Equal("Chapters 1–3 drafted; the ministry reviews them next week.", stored.Log[^1].Comment);

        // the channel's copy follows: Bob sees the progress
        var copy = (await Channel.Delivered()).Last(c => c.Method == "PUT" && c.RawPath.StartsWith(ChannelPath + "/", StringComparison.Ordinal) && c.Card is not null).Card!;
        await using var bobAfter = await host.RenderAsync(copy, Bob, Chat, "task-1", step: "member-after-update", test: Shots);
        Assert.Contains("In progress", await bobAfter.TextAsync());
        Assert.Contains("50%", await bobAfter.TextAsync());

        // the roadmap, with a second task overdue: the overdue one first
        string Day(int d) => DateTime.UtcNow.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (late, message) = await Channel.Click("task.add", new JsonObject
        {
            ["vpiId"] = VpiId, ["title"] = "Map the shelters that exist today", ["recommendation"] = "0", ["owners"] = Femi.AadObjectId,
            ["lead"] = "Alliance", ["start"] = Day(-30), ["due"] = Day(-3),
        }, Alice);
        Assert.True(late is not null, message);
        await using var roadmap = await host.RenderAsync(await Channel.Say("roadmap"), Alice, Chat, "roadmap-1", step: "roadmap", test: Shots);
        Assert.Empty(roadmap.ParseWarnings);
        var overview = await roadmap.TextAsync();
        Assert.Contains("2 tasks: 0 done (0%) · 1 overdue · Not started 1 · In progress 1", overview);
        Assert.True(overview.IndexOf("T2 — Map the shelters", StringComparison.Ordinal) < overview.IndexOf("T1 — Draft national", StringComparison.Ordinal));
        Assert.Contains("3 days overdue", overview);
        // each item is a button (for the keyboard and screen readers) named by what it shows: the task it opens
        var buttons = roadmap.Page.Locator("#card-root [role=button]:not([aria-label])");
        Assert.Equal(1, await buttons.Filter(new() { HasText = "T2 — Map the shelters" }).CountAsync());
        Assert.Equal(1, await buttons.Filter(new() { HasText = "T1 — Draft national" }).CountAsync());
    }

    private async Task<RoadmapTask> Stored() => (await Channel.App.Services.GetRequiredService<TaskStore>().GetAsync(VpiId, 1, default))!.Item;
}
