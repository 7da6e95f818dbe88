using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain.Meetings;
using VpiBot.Operations;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Features.Ballots;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Operations;

/// <summary>
/// A whole VPI built through the real app (Ghana: Alice facilitates; Bob and Dave review; Chioma and Femi are the
/// alliance), with a fake Graph for its meeting: Chioma's priority approved by Bob with a comment, a named ballot
/// (consent, with reasons) and an anonymous one, both closed; a task owned by Chioma and Bob with their comments; a
/// booked meeting inviting both. The words in <see cref="Distinctive"/> are free text Bob and Chioma wrote.
/// </summary>
public abstract class OperationsTestBed : BallotTestBed
{
    private readonly FakeGraph _graph = new();

    /// <summary>The store the app runs on (SQLite by default).</summary>
    protected virtual Dictionary<string, string?> Storage => StorageSettings.Sqlite();

    protected override BotApp CreateApp() => AppOn(Storage);

    /// <summary>The app, with the fake Graph, on the store these settings name.</summary>
    protected BotApp AppOn(Dictionary<string, string?> storage)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Vpi:Facilitators:0"] = Alice.AadObjectId,
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = _graph.GraphBaseUrl,
            ["Graph:RetryDelaySeconds"] = "0",
            ["Graph:AttemptTimeout"] = "00:00:02",
            ["Meetings:CheckInterval"] = "01:00:00",
        };
        foreach (var (key, value) in storage)
        {
            settings[key] = value;
        }
        return new BotApp(settings, services: s => s.AddSingleton<Azure.Core.TokenCredential>(new FakeCredential()));
    }

    public override async Task InitializeAsync()
    {
        await _graph.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _graph.DisposeAsync();
    }

    protected static readonly string[] Distinctive =
    [
        "Kumasi-shelter-zq41", "Chioma-rationale-zq42", "Bob-approves-zq43", "Bob-disagrees-zq44", "Bob-recommends-zq45",
        "Chioma-task-note-zq46", "Bob-task-note-zq47",
    ];

    protected ITableStore Table => App.Services.GetRequiredService<ITableStore>();

    private static string Day(int fromToday) => DateTime.UtcNow.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected async Task BuildWholeVpi()
    {
        await SetUp();

        // a priority: Chioma submits, it is sent for review, Bob approves it with a comment
        var (submitted, message) = await Channel.Click("priority.save", new JsonObject
        {
            ["vpiId"] = VpiId, ["mode"] = "submit", ["title"] = "Shelters " + Distinctive[0], ["description"] = "Shelters and legal aid.",
            ["instrument"] = "TraffickingInPersons", ["cluster"] = "Prevention", ["rationale"] = "Seen at scoping " + Distinctive[1],
            ["organisation"] = "Ghana Anti-Trafficking Coalition",
        }, Chioma);
        Assert.True(submitted is not null, message);
        var before = Connector.Calls.Count;
        await Channel.Say("send priorities", Alice);
        var review = (await Channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null).Card!;
        var bobSees = await ViewAs(Bob, review);
        var approve = bobSees["actions"]!.AsArray().SelectMany(a => a!["card"]?["actions"]?.AsArray().AsEnumerable() ?? [a])
            .Single(a => a!["data"]?["decision"]?.GetValue<string>() == "Approve")!["data"]!.DeepClone().AsObject();
        approve["comment"] = "Fits the plan " + Distinctive[2];
        var (decided, refused) = await Channel.Click("priority.decide", approve, Bob);
        Assert.True(decided is not null, refused);

        // a named ballot (consent, reasons) on Chioma's and Bob's recommendations; an anonymous one on Femi's
        var r1 = await Propose("Specialised shelters", Chioma);
        var r2 = await Propose("Bob's recommendation " + Distinctive[4], Bob);
        var named = await OpenBallot(OpenInputs(VpiId, $"{r1},{r2}"));
        await Vote(named, Bob, ("choice1", "Agree"), ("choice2", "Disagree"), ("reason2", "Too costly " + Distinctive[3]));
        await Vote(named, Chioma, ("choice1", "Agree"), ("choice2", "Agree"));
        await Vote(named, Dave, ("choice1", "Agree"), ("choice2", "Abstain"));
        await Vote(named, Femi, ("choice1", "Agree"), ("choice2", "Agree"));
        var r3 = await Propose("Legal aid desks", Femi);
        var anonymous = await OpenBallot(OpenInputs(VpiId, $"{r3}", anonymous: true));
        foreach (var voter in new[] { Bob, Chioma, Dave })
        {
            await Vote(anonymous, voter, ("choice1", "Agree")); // inputs are numbered by place on the ballot
        }
        await Channel.Say("close vote 1", Alice);
        await Channel.Say("close vote 2", Alice);
        await Channel.Delivered();

        // a task owned by Chioma and Bob, each updating it with a comment
        before = Connector.Calls.Count;
        var (added, notAdded) = await Channel.Click("task.add", new JsonObject
        {
            ["vpiId"] = VpiId, ["title"] = "Draft the shelter standards", ["description"] = "With the ministry.", ["recommendation"] = "0",
            ["owners"] = $"{Chioma.AadObjectId},{Bob.AadObjectId}", ["lead"] = "Joint", ["start"] = Day(0), ["due"] = Day(30),
        }, Alice);
        Assert.True(added is not null, notAdded);
        var task = (await Channel.Delivered()).Skip(before).First(c => c.RawPath == ChannelPath && c.Card is not null).Card!;
        await UpdateTask(task, Chioma, "InProgress", "40", Distinctive[5]);
        await UpdateTask(task, Bob, "InProgress", "60", Distinctive[6]);

        // a meeting inviting Bob and Chioma, booked
        var kinds = await Channel.Say("schedule meeting", Alice);
        var form = await Click("meeting.kind", ButtonData(kinds, "meeting.kind",
            ExecuteButtons(kinds).ToList().FindIndex(b => b["data"]!["kind"]!.GetValue<string>() == nameof(MeetingKind.GovernmentScoping))));
        var find = ButtonData(form, "meeting.find");
        foreach (var (key, value) in Inputs(form))
        {
            find[key] = value!.DeepClone();
        }
        find["required"] = $"{Alice.AadObjectId},{Bob.AadObjectId},{Chioma.AadObjectId}";
        var proposal = await Click("meeting.find", find);
        var booked = await Click("meeting.book", ButtonData(proposal, "meeting.book"));
        Assert.Contains("Booked.", Visible(booked));
        await Channel.Delivered();
    }

    private async Task Vote(JsonObject posted, User voter, params (string Input, string Value)[] choices)
    {
        var (card, message) = await Channel.Click("ballot.vote", VoteData(await ViewAs(voter, posted), choices), voter);
        Assert.True(card is not null, message);
    }

    private async Task UpdateTask(JsonObject posted, User owner, string status, string progress, string comment)
    {
        var view = await ViewAs(owner, posted);
        var data = view["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == "task.update")!["data"]!.DeepClone().AsObject();
        data["status"] = status;
        data["progress"] = progress;
        data["comment"] = comment;
        var (card, message) = await Channel.Click("task.update", data, owner);
        Assert.True(card is not null, message);
        await Channel.Delivered();
    }

    private async Task<JsonObject> Click(string verb, JsonObject data)
    {
        var (card, message) = await Channel.Click(verb, data, Alice);
        Assert.True(card is not null, message);
        return card;
    }

    /// <summary>What people read: the cards these commands answer.</summary>
    protected async Task<List<string>> Answers()
    {
        var answers = new List<string>();
        foreach (var command in new[] { "roadmap", "meetings", "votes", "priorities", "recommendations", "members", "task 1", "meeting 1" })
        {
            answers.Add(command + ": " + (await Channel.Say(command, Alice)).ToJsonString()); // the whole card, not only its text
        }
        return answers;
    }

    protected static async Task<VpiExportDocument> Export(ITableStore table, string? vpiId = null) =>
        await VpiExport.ExportAsync(table, vpiId is null ? null : [vpiId], DateTimeOffset.UtcNow, default);


}
