using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Tests.Features.Ballots;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Roadmap;

/// <summary>
/// The roadmap end to end in Ghana's VPI (Alice facilitates; Bob and Dave are the review team; Chioma and Femi the
/// alliance): tasks added, their cards posted and sent to their owners, updated by owners from the card, listed.
/// </summary>
public sealed class TaskFlowTests : BallotTestBed
{
    private static string Day(int fromToday) => DateTime.UtcNow.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // Accra is UTC

    /// <summary>A recommendation adopted (as stored after its ballot closed).</summary>
    private async Task<int> Adopted(string title)
    {
        var store = App.Services.GetRequiredService<RecommendationStore>();
        var number = await Propose(title);
        var read = (await store.GetAsync(VpiId, number, default))!;
        var onBallot = RecommendationRules.PutOnBallot(read.Item, 1, "f", "F", DateTimeOffset.UtcNow).Recommendation!;
        await store.SaveAsync(VpiId, read, RecommendationRules.Conclude(onBallot, 1, true, "Adopted.", "f", "F", DateTimeOffset.UtcNow).Recommendation!, [], default);
        return number;
    }

    private JsonObject TaskInputs(string title, string owners, string recommendation = "0", string lead = "Joint", int start = 0, int due = 30, string? description = null) => new()
    {
        ["vpiId"] = VpiId, ["title"] = title, ["description"] = description ?? "Agree minimum standards with the ministry.", ["recommendation"] = recommendation,
        ["owners"] = owners, ["lead"] = lead, ["start"] = Day(start), ["due"] = Day(due),
    };

    /// <summary>Alice adds a task from the form; returns her answer and the card posted in the channel.</summary>
    private async Task<(JsonObject Answer, JsonObject Posted)> AddTask(JsonObject inputs)
    {
        var before = Connector.Calls.Count;
        var (card, message) = await Channel.Click("task.add", inputs, Alice);
        Assert.True(card is not null, message);
        Assert.Contains("is added to the roadmap", Visible(card));
        var posted = (await Channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null);
        return (card, VpiChannel.Valid(posted.Card!));
    }

    private static JsonObject UpdateData(JsonObject view, string status, string progress, string? comment = null)
    {
        var save = view["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == "task.update")!;
        var data = save["data"]!.DeepClone().AsObject();
        data["status"] = status;
        data["progress"] = progress;
        if (comment is not null)
        {
            data["comment"] = comment;
        }
        return data;
    }

    private async Task<RoadmapTask> Stored(int number) => (await App.Services.GetRequiredService<TaskStore>().GetAsync(VpiId, number, default))!.Item;

    [Fact]
    public async Task Add_a_task_its_owners_update_it_from_their_view_every_copy_follows_and_the_lists_show_it()
    {
        await SetUp();
        var r1 = await Adopted("Specialised shelters for victims of trafficking");
        await Propose("Not adopted yet");

        var form = await Channel.Say("add task");
        var formJson = form.ToJsonString();
        Assert.Contains("Specialised shelters", formJson);
        Assert.DoesNotContain("Not adopted yet", formJson); // only adopted recommendations
        Assert.Contains(Femi.AadObjectId, formJson); // every member may own a task
        Assert.Contains($"\"value\":\"{Day(0)}\"", formJson); // starts today, in the VPI's zone

        var before = Connector.Calls.Count;
        var (answer, posted) = await AddTask(TaskInputs("Draft the shelter standards", $"{Chioma.AadObjectId},{Femi.AadObjectId}", $"{r1}"));
        Assert.Contains("\"id\":\"status\"", answer.ToJsonString()); // Alice facilitates: her view has the update form
        var calls = (await Channel.Delivered()).Skip(before).ToList();
        // 1:1 to each owner; the channel's copy lists the owners and the facilitators for their own view
        Assert.Equal([Chioma.Id, Femi.Id], calls.Where(c => c.RawPath == "/v3/conversations").Select(c => c.Json!["members"]![0]!["id"]!.GetValue<string>()).Order());
        Assert.Equal([Alice.Id, Chioma.Id, Femi.Id], posted["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).Order());
        Assert.Equal(["Open my view"], ButtonTitles(posted));
        var text = Visible(posted);
        Assert.Contains("T1 — Draft the shelter standards", text);
        Assert.Contains("Owners: Chioma [Link](https://evil.example.com) *Eze*, Femi Adeyemi", text); // names as typed, never markdown
        Assert.Contains("Carries out R1 — Specialised shelters for victims of trafficking", text);
        Assert.Contains("Not started", text);
        Assert.DoesNotContain("\"type\":\"TextBlock\",\"text\":\"Owners", posted.ToJsonString());

        // Chioma's own view has the form; Bob (not an owner) sees the task only, whether he refreshes or asks
        var chioma = await ViewAs(Chioma, posted);
        Assert.Equal(["Save update"], ButtonTitles(chioma));
        Assert.Same(posted, await ViewAs(Bob, posted));
        var (bobView, _) = await Channel.Click("task.view", new JsonObject { ["vpiId"] = VpiId, ["number"] = 1 }, Bob);
        Assert.DoesNotContain("\"id\":\"status\"", bobView!.ToJsonString());
        Assert.Empty(ButtonTitles(bobView));

        before = Connector.Calls.Count;
        var (updated, _) = await Channel.Click("task.update", UpdateData(chioma, "InProgress", "40", "Chapters 1–3 drafted."), Chioma);
        Assert.Contains("Your update of T1 is saved", Visible(updated!));
        var stored = await Stored(1);
        Assert.Equal((TaskState.InProgress, 40, 2, 2), (stored.State, stored.Progress, stored.Revision, stored.Log.Count));
        Assert.Equal((Chioma.AadObjectId, "Chapters 1–3 drafted."), (stored.Log[^1].By, stored.Log[^1].Comment));
        // every copy follows: the channel's and both owners' 1:1 copies
        calls = (await Channel.Delivered()).Skip(before).ToList();
        var puts = calls.Where(c => c.Method == "PUT").GroupBy(c => c.RawPath).ToList();
        Assert.Equal(3, puts.Count);
        Assert.All(puts, copy => Assert.Contains("In progress", Visible(copy.Last().Card)));
        Assert.All(puts, copy => Assert.Contains("Chapters 1–3 drafted.", Visible(copy.Last().Card)));

        // Bob is on the roster but no owner: refused, nothing changes
        var (_, refused) = await Channel.Click("task.update", UpdateData(updated!, "Done", "100", "Closing it"), Bob);
        Assert.Equal("Only the task's owners and the facilitators can update it. Nothing was changed.", refused);
        Assert.Equal(2, (await Stored(1)).Revision);

        // Femi clicks a card of the older revision: it comes back as it is now, saying so; nothing changes
        var (stale, _) = await Channel.Click("task.update", UpdateData(chioma, "Blocked", "40"), Femi);
        Assert.Contains("This card was out of date", Visible(stale!));
        Assert.Contains("In progress", Visible(stale!));
        Assert.Equal((TaskState.InProgress, 2), ((await Stored(1)).State, (await Stored(1)).Revision));

        // nothing changed and nothing said: named beside the button, nothing stored
        var (same, _) = await Channel.Click("task.update", UpdateData(updated!, "InProgress", "40"), Chioma);
        Assert.Contains("Nothing to save", Visible(same!));
        // a tampered choice: named, nothing stored
        var (tampered, _) = await Channel.Click("task.update", UpdateData(updated!, "Finished", "400"), Chioma);
        Assert.Contains("Choose a status.", Visible(tampered!));
        Assert.Contains("Choose the progress", Visible(tampered!));
        Assert.Equal(2, (await Stored(1)).Revision);

        var shown = Visible(await Channel.Say("task T1"));
        Assert.Contains("status Not started → In progress; progress 0% → 40% — Chapters 1–3 drafted.", shown);
        Assert.Contains("added the task", shown);
        Assert.Contains("no such task", (await Channel.Say("task 9"))["text"]!.GetValue<string>());

        var roadmap = Visible(await Channel.Say("roadmap"));
        Assert.Contains("R1 — Specialised shelters for victims of trafficking", roadmap);
        Assert.Contains("1 task: 0 done (0%) · 0 overdue · In progress 1", roadmap);
        Assert.Contains("In progress · 40% · due", roadmap);
        Assert.Contains("T1", Visible(await Channel.Say("my tasks", Femi)));
        Assert.Contains("You own no task", Visible(await Channel.Say("my tasks", Bob)));
        Assert.Contains("No task is overdue", Visible(await Channel.Say("overdue")));
    }

    [Fact]
    public async Task The_form_names_every_problem_keeps_the_text_and_stores_nothing()
    {
        await SetUp();
        await Adopted("Witness protection");
        var inputs = TaskInputs("", $"{Chioma.AadObjectId},not-a-member", recommendation: "7", lead: "Everyone", start: 5, due: 1,
            description: new string('x', 100_000)); // Valid() checks the answer fits 40 KB
        var (form, _) = await Channel.Click("task.add", inputs, Alice);
        var text = Visible(form!);
        Assert.Contains("The title is required.", text);
        Assert.Contains("The description is too long: at most 2000 characters (it has 100000).", text);
        Assert.Contains("Choose an adopted recommendation, or None.", text);
        Assert.Contains("no longer on the roster", text);
        Assert.Contains("Choose who leads", text);
        Assert.Contains("The due date cannot be before the start date.", text);
        Assert.Equal(TaskText.MaxDescription, InputValue(form!, "description")!.Length); // kept, cut to the limit
        Assert.Equal(Chioma.AadObjectId, InputValue(form!, "owners")); // the owner who is a member stays chosen
        Assert.Equal(Day(5), InputValue(form!, "start"));

        var (noOwner, _) = await Channel.Click("task.add", TaskInputs("A title", ""), Alice);
        Assert.Contains("Choose at least one owner.", Visible(noOwner!));
        inputs = TaskInputs("Bad date", Chioma.AadObjectId);
        inputs["due"] = "31/12/2026";
        var (wrongFormat, _) = await Channel.Click("task.add", inputs, Alice);
        Assert.Contains("Give the due date.", Visible(wrongFormat!));
        Assert.Empty(await App.Services.GetRequiredService<TaskStore>().ListAsync(VpiId, default));
    }

    [Fact]
    public async Task Add_to_roadmap_on_a_closed_ballots_outcome_opens_the_form_prefilled_for_facilitators_only()
    {
        await SetUp();
        var r1 = await Propose("Specialised shelters for victims of trafficking");
        var r2 = await Propose("A national referral mechanism");
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1},{r2}"));
        foreach (var voter in new[] { Bob, Dave, Chioma, Femi })
        {
            var view = await ViewAs(voter, posted);
            await Channel.Click("ballot.vote", VoteData(view, ("choice1", "Agree"), ("choice2", "Disagree"), ("reason2", "Too broad")), voter);
        }
        var before = Connector.Calls.Count;
        await Channel.Say("close vote 1");
        var outcome = (await Channel.Delivered()).Skip(before).Single(c => c.RawPath == ChannelPath && c.Method == "POST" && c.Card is not null).Card!;
        VpiChannel.Valid(outcome);
        // one button, beside the adopted recommendation only
        var buttons = outcome.ToJsonString().Split("\"verb\":\"task.addfor\"").Length - 1;
        Assert.Equal(1, buttons);
        var addFor = new JsonObject { ["vpiId"] = VpiId, ["recommendation"] = r1 };
        var (_, notFacilitator) = await Channel.Click("task.addfor", addFor, Chioma);
        Assert.Contains("facilitator", notFacilitator, StringComparison.OrdinalIgnoreCase);

        var (form, _) = await Channel.Click("task.addfor", addFor, Alice);
        Assert.Equal("Specialised shelters for victims of trafficking", InputValue(form!, "title"));
        Assert.Equal($"{r1}", InputValue(form!, "recommendation"));
        var (_, notAdopted) = await Channel.Click("task.addfor", new JsonObject { ["vpiId"] = VpiId, ["recommendation"] = r2 }, Alice);
        Assert.Contains("R2 is not an adopted recommendation", notAdopted);

        // the prefilled form, with owners chosen, adds a task for R1
        await AddTask(TaskInputs("Specialised shelters for victims of trafficking", Bob.AadObjectId, $"{r1}", lead: "Government"));
        Assert.Equal(r1, (await Stored(1)).Recommendation);
    }

    [Fact]
    public async Task Two_owners_updating_at_once_one_is_saved_the_other_is_told_the_card_changed()
    {
        await SetUp();
        var (_, posted) = await AddTask(TaskInputs("Train labour inspectors", $"{Chioma.AadObjectId},{Femi.AadObjectId}"));
        for (var round = 0; round < 5; round++)
        {
            var revision = (await Stored(1)).Revision;
            var chioma = await ViewAs(Chioma, posted);
            var femi = await ViewAs(Femi, posted);
            var answers = await Task.WhenAll(
                Channel.Click("task.update", UpdateData(chioma, "InProgress", "10", $"Chioma {round}"), Chioma),
                Channel.Click("task.update", UpdateData(femi, "Blocked", "20", $"Femi {round}"), Femi));
            var texts = answers.Select(a => Visible(a.Card!)).ToList();
            Assert.Single(texts, x => x.Contains("is saved", StringComparison.Ordinal));
            Assert.Single(texts, x => x.Contains("out of date", StringComparison.Ordinal) || x.Contains("while you were writing", StringComparison.Ordinal));
            var stored = await Stored(1);
            Assert.Equal(revision + 1, stored.Revision); // one update, never both, never lost
            Assert.Equal(revision + 1, stored.Log.Count);
        }
    }

    [Fact]
    public async Task Stage_8_shows_the_roadmaps_progress_and_is_done_with_open_tasks_only_with_a_reason_that_is_logged()
    {
        await SetUp();
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var read = (await vpis.GetAsync(VpiId, default))!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await vpis.UpdateAsync(read, read.Vpi with
        {
            CompletedStages = Enum.GetValues<VpiStage>().Where(s => s != VpiStage.RoadmapImplementation).ToDictionary(s => s, _ => today),
        }, default);
        await AddTask(TaskInputs("Late task", Chioma.AadObjectId, start: -20, due: -2));
        await AddTask(TaskInputs("Open task", Chioma.AadObjectId));

        var stage = await Channel.Say("stage");
        Assert.Contains("Roadmap: 0 of 2 tasks done (0%) · 1 overdue", Visible(stage));
        Assert.Contains("2 roadmap tasks are still open.", Visible(stage));
        var complete = new JsonObject { ["vpiId"] = VpiId, ["stage"] = "RoadmapImplementation", ["date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var (refused, _) = await Channel.Click("vpi.stage.complete", complete, Alice);
        Assert.Contains("Roadmap tasks are still open", Visible(refused!));
        Assert.False((await vpis.GetAsync(VpiId, default))!.Vpi.CompletedStages.ContainsKey(VpiStage.RoadmapImplementation));

        complete["openTasksReason"] = "The pilot's funding ended; open tasks move to the national plan.";
        var (done, _) = await Channel.Click("vpi.stage.complete", complete, Alice);
        Assert.Contains("with tasks open: The pilot's funding ended; open tasks move to the national plan.", Visible(done!));
        var vpi = (await vpis.GetAsync(VpiId, default))!.Vpi;
        Assert.True(vpi.CompletedStages.ContainsKey(VpiStage.RoadmapImplementation));
        Assert.Equal("The pilot's funding ended; open tasks move to the national plan.", vpi.StageHistory[^1].Reason);
    }

    [Fact]
    public async Task Undo_on_the_stage_card_works_with_the_mark_as_done_forms_inputs_sent_along()
    {
        await SetUp();
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Channel.Click("vpi.stage.complete", new JsonObject
        {
            ["vpiId"] = VpiId, ["stage"] = "IdentifyStakeholders", ["date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, Alice);
        await AddTask(TaskInputs("Open task", Chioma.AadObjectId));
        // as the renderer sends it from the Undo card shown inside the stage card: with the outer card's inputs
        var (undone, message) = await Channel.Click("vpi.stage.undo", new JsonObject
        {
            ["vpiId"] = VpiId, ["stage"] = "IdentifyStakeholders", ["reason"] = "Marked by mistake",
            ["date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["openTasksReason"] = "",
        }, Alice);
        Assert.True(undone is not null, message);
        Assert.Empty((await vpis.GetAsync(VpiId, default))!.Vpi.CompletedStages);
    }

    [Fact]
    public async Task Stage_8_with_every_task_closed_needs_no_reason()
    {
        await SetUp();
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var read = (await vpis.GetAsync(VpiId, default))!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await vpis.UpdateAsync(read, read.Vpi with
        {
            CompletedStages = Enum.GetValues<VpiStage>().Where(s => s != VpiStage.RoadmapImplementation).ToDictionary(s => s, _ => today),
        }, default);
        var (answer, _) = await AddTask(TaskInputs("Only task", Chioma.AadObjectId));
        await Channel.Click("task.update", UpdateData(answer, "Done", "60", "Finished"), Alice);
        Assert.Equal(100, (await Stored(1)).Progress); // done is 100%
        var stage = await Channel.Say("stage");
        Assert.Contains("Roadmap: 1 of 1 task done (100%) · 0 overdue", Visible(stage));
        Assert.DoesNotContain("openTasksReason", stage.ToJsonString());
        var (done, _) = await Channel.Click("vpi.stage.complete", new JsonObject
        {
            ["vpiId"] = VpiId, ["stage"] = "RoadmapImplementation", ["date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, Alice);
        Assert.Contains("marked activity 8 done", Visible(done!));
    }

    [Fact]
    public async Task A_VPI_without_a_time_zone_is_asked_for_one_before_its_first_task()
    {
        await SetUp();
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var read = (await vpis.GetAsync(VpiId, default))!;
        await vpis.UpdateAsync(read, read.Vpi with { TimeZone = null }, default);
        Assert.Contains("confirm this VPI's time zone", Visible(await Channel.Say("add task")));
        var (asked, _) = await Channel.Click("task.add", TaskInputs("A task", Chioma.AadObjectId), Alice);
        Assert.Contains("confirm this VPI's time zone", Visible(asked!));
        Assert.Empty(await App.Services.GetRequiredService<TaskStore>().ListAsync(VpiId, default));
    }
}
