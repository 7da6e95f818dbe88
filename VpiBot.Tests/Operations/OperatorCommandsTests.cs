using Azure.Data.Tables;
using VpiBot.Domain;
using VpiBot.Operations;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Operations;

/// <summary>
/// A whole VPI moved from SQLite to Azure Table Storage (Azurite) and back with the operators' commands: nothing lost,
/// nothing reinterpreted, and the app on the new store answers as it did on the old one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class VpiMoveTests(AzuriteFixture azurite) : OperationsTestBed
{
    private Dictionary<string, string?> AzureSettings(string tableName) => new()
    {
        ["Storage:Provider"] = "AzureTables",
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:TableName"] = tableName,
    };

    private static async Task<int> Run(ITableStore table, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = OperatorCommands.Parse(args, error);
        Assert.True(command is not null, error.ToString());
        return await OperatorCommands.RunAsync(command, table, output, error, TimeProvider.System, default);
    }

    [Fact]
    public async Task A_whole_VPI_goes_from_SQLite_to_Azure_Table_Storage_and_back_unchanged_and_the_app_still_reads_it()
    {
        await BuildWholeVpi();
        var onSqlite = await Answers();
        var sqlite = Table;
        var folder = Path.Combine(Path.GetTempPath(), "vpibot-tests", Guid.NewGuid().ToString("N"));
        var fromSqlite = Path.Combine(folder, "from-sqlite.json");

        // SQLite → file → Azurite → file, through the commands as an operator runs them
        Assert.Equal(0, await Run(sqlite, "export", "--vpi", VpiId, "--out", fromSqlite));
        var tableName = "moved" + Guid.NewGuid().ToString("N")[..12];
        var azure = new AzureTableStore(new TableServiceClient(azurite.ConnectionString), tableName);
        Assert.Equal(0, await Run(azure, "import", "--in", fromSqlite));
        var fromAzure = Path.Combine(folder, "from-azure.json");
        Assert.Equal(0, await Run(azure, "export", "--all", "--out", fromAzure));

        var first = VpiExportDocument.FromJson(await File.ReadAllTextAsync(fromSqlite));
        var second = VpiExportDocument.FromJson(await File.ReadAllTextAsync(fromAzure));
        Assert.Equal([VpiId], second.Vpis);
        Assert.Equal(first.Rows, second.Rows);
        // the export holds every kind of row the VPI has, inside and outside its partition
        var kinds = first.Rows.Select(r => r.Partition.StartsWith("vpi|", StringComparison.Ordinal) ? r.Row.Split('|')[0] : r.Partition.Split('|')[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "vpi", "member", "priority", "recommendation", "ballot", "voter", "vote", "task", "meeting", "counter",
            "conversation", "roadmaps", "meetings", "memberships", "people", "ref", "user" }, kinds);
        // ETags are the target's own
        var azureRows = await azure.ScanAllAsync("", default);
        Assert.Empty(azureRows.Select(r => r.ETag).Intersect((await sqlite.ScanAllAsync("", default)).Select(r => r.ETag)));

        // an import over a VPI already there is refused, and with --replace it lands again, whole
        Assert.Equal(1, await Run(azure, "import", "--in", fromSqlite));
        Assert.Equal(0, await Run(azure, "import", "--in", fromSqlite, "--replace"));
        Assert.Equal(first.Rows, (await Export(azure)).Rows);

        // the app on Azure Table Storage answers as it did on SQLite
        var sqliteApp = App;
        App = AppOn(AzureSettings(tableName));
        await sqliteApp.DisposeAsync();
        Assert.Equal(onSqlite, await Answers());

        // and back: Azure → a fresh SQLite file holds the same rows
        var back = new SqliteTableStore(TempSqlite.NewPath());
        await VpiImport.ImportAsync(back, second, replace: false, default);
        Assert.Equal(first.Rows, (await Export(back, VpiId)).Rows);
        back.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>Erasing a person who was active everywhere: nothing names them any more, every count stands.</summary>
public sealed class PersonErasureTests : OperationsTestBed
{
    private sealed record Counts(string Ballots, string Priorities, string Recommendations, string Tasks, string Meetings);

    private async Task<Counts> CountsFromTheDomain()
    {
        var ballots = await App.Services.GetRequiredService<BallotStore>().ListAsync(VpiId, default);
        var priorities = await App.Services.GetRequiredService<PriorityStore>().ListAsync(VpiId, default);
        var recommendations = await App.Services.GetRequiredService<RecommendationStore>().ListAsync(VpiId, default);
        var tasks = await App.Services.GetRequiredService<TaskStore>().ListAsync(VpiId, default);
        var meetings = await App.Services.GetRequiredService<MeetingStore>().ListAsync(VpiId, default);
        var marks = new List<string>();
        foreach (var b in ballots)
        {
            marks.Add(string.Join(",", (await App.Services.GetRequiredService<BallotStore>().MarksAsync(VpiId, b.Item.Number, default)).Values.Select(m => $"{m.Side}:{m.Voted}").Order()));
            marks.Add(string.Join(";", (await App.Services.GetRequiredService<BallotStore>().VotesAsync(VpiId, b.Item.Number, default))
                .Select(v => v.Side + ":" + string.Join(",", v.Choices.Select(c => $"{c.Recommendation}{c.Stance}"))).Order()));
        }
        return new(
            System.Text.Json.JsonSerializer.Serialize(ballots.Select(b => new { b.Item.Result, Voters = b.Item.Electorate.Count, b.Item.Status }), VpiStore.Json) + string.Join("|", marks),
            string.Join("|", priorities.Select(p => $"{p.Number}:{p.Status}:{p.Electorate.Count}:{string.Join(",", p.Decisions.Select(d => d.Decision))}:{p.History.Count}")),
            string.Join("|", recommendations.Select(r => $"{r.Item.Number}:{r.Item.Status}:{r.Item.History.Count}")),
            string.Join("|", tasks.Select(t => $"{t.Item.Number}:{t.Item.State}:{t.Item.Progress}:{t.Item.Owners.Count}:{t.Item.Log.Count}")),
            string.Join("|", meetings.Select(m => $"{m.Item.Number}:{m.Item.Status}:{m.Item.Plan.Invitees.Count}")));
    }

    [Fact]
    public async Task After_erasing_Bob_and_Chioma_no_row_names_them_or_holds_their_text_and_every_outcome_stands()
    {
        await BuildWholeVpi();
        var before = await CountsFromTheDomain();
        var all = await Table.ScanAllAsync("", default);
        var traces = new[] { Bob, Chioma }.SelectMany(u => new[] { u.AadObjectId, u.Name, u.Id, FakeConnector.Upn(u) }).Concat(Distinctive).ToList();
        Assert.All(traces, t => Assert.Contains(all, r => (r.PartitionKey + r.RowKey + r.Data).Contains(t, StringComparison.OrdinalIgnoreCase)
            || r.Data.Contains(System.Text.Json.JsonSerializer.Serialize(t, VpiStore.Json)[1..^1], StringComparison.OrdinalIgnoreCase)));

        var bob = await PersonEraser.EraseAsync(Table, Bob.AadObjectId, default);
        // Chioma as an operator erases her, the id typed in capitals
        using var said = new StringWriter();
        using var error = new StringWriter();
        var command = OperatorCommands.Parse(["erase-person", "--aad-object-id", Chioma.AadObjectId.ToUpperInvariant()], error)!;
        Assert.Equal(0, await OperatorCommands.RunAsync(command, Table, said, error, TimeProvider.System, default));
        var chioma = said.ToString();

        Assert.Empty(bob.StillMentioning);
        Assert.DoesNotContain("still names them", chioma);
        Assert.Contains("  roster row removed: 1", chioma);
        Assert.Contains("  priority: 1", chioma);
        foreach (var kind in new[] { "roster row removed", "priority", "review decision", "vote", "voter gate", "task", "meeting", "ballot (electorate, opened or closed by)" })
        {
            Assert.True(bob.Counts.ContainsKey(kind) || chioma.Contains($"  {kind}: ", StringComparison.Ordinal), kind + " was not changed: " + string.Join(", ", bob.Counts) + chioma);
        }
        foreach (var row in await Table.ScanAllAsync("", default))
        {
            var text = row.PartitionKey + "\n" + row.RowKey + "\n" + row.Data;
            foreach (var trace in traces)
            {
                Assert.False(text.Contains(trace, StringComparison.OrdinalIgnoreCase)
                    || text.Contains(System.Text.Json.JsonSerializer.Serialize(trace, VpiStore.Json)[1..^1], StringComparison.OrdinalIgnoreCase),
                    $"{row.PartitionKey} / {row.RowKey} still holds '{trace}': {row.Data}");
            }
        }
        Assert.Equal(before, await CountsFromTheDomain());
        // their decisions and votes are a former member's, under a stable pseudonym
        var priority = (await App.Services.GetRequiredService<PriorityStore>().GetAsync(VpiId, 1, default))!.Priority;
        Assert.Equal(Erasure.PseudonymOf(Bob.AadObjectId), Assert.Single(priority.Decisions).ReviewerAadObjectId);
        Assert.Equal(Erasure.FormerMember, priority.AuthorName);
        Assert.Equal(Erasure.RemovedText, priority.Text.Title);
        var ballot = (await App.Services.GetRequiredService<BallotStore>().GetAsync(VpiId, 1, default))!.Item;
        Assert.Contains(ballot.Electorate, v => v.AadObjectId == bob.Pseudonym && v.Name == Erasure.FormerMember);
        // erasing again changes nothing more
        Assert.Empty((await PersonEraser.EraseAsync(Table, Bob.AadObjectId, default)).Counts);
        // and the app still answers about the VPI
        Assert.Contains("a former member", CardReading.Visible(await Channel.Say("priority 1", Alice)));
    }

    [Fact]
    public async Task On_an_anonymous_ballot_still_open_the_vote_is_found_by_its_keyed_hash_and_rekeyed_for_the_pseudonym()
    {
        var table = new SqliteTableStore(TempSqlite.NewPath());
        var secret = BallotStore.NewSecret();
        var (ann, ben) = ("aad-ann", "aad-ben");
        var rules = new BallotRules(VotingMethod.Consent, DateTimeOffset.UtcNow.AddDays(1), "UTC", true, 0, Anonymous: true, HideResults: true, FacilitatorsVote: false);
        var ballot = new Ballot(1, [1], rules, [new Voter(ann, "Ann Example", Side.Government), new Voter(ben, "Ben Example", Side.CivilSociety)],
            BallotStatus.Open, "aad-fac", "Fay", DateTimeOffset.UtcNow, Secret: secret);
        string Key(string voter) => Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(secret),
            System.Text.Encoding.UTF8.GetBytes(voter)));
        string Vote(string reason) => System.Text.Json.JsonSerializer.Serialize(new StoredVote(Side.Government, [new BallotChoice(1, Stance.Disagree, Reason: reason)]), VpiStore.Json);
        await table.ExecuteBatchAsync("vpi|v1",
        [
            new RowOperation.Insert("ballot|000001", System.Text.Json.JsonSerializer.Serialize(ballot, VpiStore.Json)),
            new RowOperation.Insert("vote|000001|" + Key(ann), Vote("Ann own reason")),
            new RowOperation.Insert("vote|000001|" + Key(ben), Vote("Ben own reason")),
        ], default);

        var report = await PersonEraser.EraseAsync(table, ann, default);

        var votes = await table.QueryAllAsync("vpi|v1", "vote|", default);
        Assert.Equal(1, report.Counts["anonymous vote (open ballot)"]);
        var annVote = Assert.Single(votes, v => v.RowKey == "vote|000001|" + Key(report.Pseudonym)); // where the ballot looks for the voter's vote now
        Assert.Contains(Erasure.RemovedText, annVote.Data);
        Assert.Contains("Disagree", annVote.Data); // still counted
        Assert.Contains(votes, v => v.RowKey == "vote|000001|" + Key(ben) && v.Data.Contains("Ben own reason", StringComparison.Ordinal));
        table.Dispose();
    }

    [Fact]
    public void Erasing_a_record_is_pure_and_leaves_other_peoples_text()
    {
        var e = new Erasure("aad-1", new HashSet<string> { "Ann" }, new HashSet<string>(), new HashSet<string>());
        var now = DateTimeOffset.UnixEpoch;
        var task = new RoadmapTask(1, new TaskText("T", "D"), null, ["AAD-1", "aad-2"], LeadSide.Joint, default, default, TaskState.InProgress, 10, 2,
            [new TaskUpdate("aad-2", "Ben", now, null, TaskState.NotStarted, null, 0, "created"), new TaskUpdate("aad-1", "Ann", now, TaskState.NotStarted, TaskState.InProgress, 0, 10, "mine")],
            "aad-2", now);

        var erased = Erase.Task(task, e);

        Assert.Equal([e.Pseudonym, "aad-2"], erased.Owners);
        Assert.Equal(task.Text, erased.Text); // Ben created it
        Assert.Equal(("Ben", "created"), (erased.Log[0].ByName, erased.Log[0].Comment));
        Assert.Equal((e.Pseudonym, Erasure.FormerMember, Erasure.RemovedText), (erased.Log[1].By, erased.Log[1].ByName, erased.Log[1].Comment));
        Assert.Equal(task.Log[1].ToState, erased.Log[1].ToState);
        var json = System.Text.Json.JsonSerializer.Serialize(erased, VpiStore.Json);
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(Erase.Task(erased, e), VpiStore.Json)); // erasing twice is erasing once
    }
}

/// <summary>The command line: what each verb needs.</summary>
public sealed class OperatorCommandLineTests
{
    [Theory]
    [InlineData("export --out x.json", "export needs --vpi")]
    [InlineData("export --vpi a --all --out x.json", "not both")]
    [InlineData("export --vpi a", "needs --out")]
    [InlineData("import", "needs --in")]
    [InlineData("import --in x.json --vpi a", "belong to export")]
    [InlineData("erase-person", "needs --aad-object-id")]
    [InlineData("erase-person --aad-object-id", "Missing value")]
    [InlineData("export --everything", "Unknown option")]
    public void A_command_without_what_it_needs_is_refused_with_the_usage(string line, string problem)
    {
        using var error = new StringWriter();

        Assert.Null(OperatorCommands.Parse(line.Split(' '), error));

        Assert.Contains(problem, error.ToString());
        Assert.Contains("Usage:", error.ToString());
    }

    [Fact]
    public void Other_arguments_start_the_web_app()
    {
        Assert.False(OperatorCommands.TryRun([], out var none));
        Assert.False(OperatorCommands.TryRun(["--urls", "http://localhost:5000"], out _));
        Assert.Equal(0, none);
    }

    [Fact]
    public async Task Exporting_a_VPI_that_is_not_there_fails_and_writes_nothing()
    {
        var store = new SqliteTableStore(TempSqlite.NewPath());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var path = Path.Combine(Path.GetTempPath(), "vpibot-tests", Guid.NewGuid().ToString("N") + ".json");

        var exit = await OperatorCommands.RunAsync(OperatorCommands.Parse(["export", "--vpi", "nope", "--out", path], error)!, store, output, error, TimeProvider.System, default);

        Assert.Equal(1, exit);
        Assert.Contains("No VPI nope", error.ToString());
        Assert.False(File.Exists(path));
        store.Dispose();
    }
}
