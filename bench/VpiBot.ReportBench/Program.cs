using System.Diagnostics;
using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Domain.Consultations;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Report;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

// The outcome report of a large VPI: 100 priorities, 20 recommendations on 10 ballots (40 voters each; half closed,
// half open and counted when read), 200 roadmap tasks, 30 meetings of 40 invitees, a roster of 50, an alliance of 30
// organisations and 2 closed consultations of 10 questions answered by 38 members (760 inputs, the annex). Times gathering it
// from SQLite (ReportReading, a temp file) and building the Word document (OutcomeReport.Build), and gives its size.
// Usage: dotnet run -c Release --project bench/VpiBot.ReportBench [-- --iterations 20 --warmup 3 --write big.docx]

var iterations = int.Parse(Option("--iterations", "20"), CultureInfo.InvariantCulture);
var warmup = int.Parse(Option("--warmup", "3"), CultureInfo.InvariantCulture);
var culture = CultureInfo.GetCultureInfo("en-GB");
var now = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
var time = new FixedTime(now);
var ct = CancellationToken.None;

var folder = Path.Combine(Path.GetTempPath(), "vpibot-reportbench-" + Guid.NewGuid().ToString("N"));
var table = new SqliteTableStore(Path.Combine(folder, "bench.db"));
var outbox = new OutboxStore(table, time, new WakeSignal());
var vpis = new VpiStore(table, time);
var priorities = new PriorityStore(table, outbox);
var recommendations = new RecommendationStore(table, outbox);
var ballots = new BallotStore(table, outbox);
var tasks = new TaskStore(table, outbox);
var meetings = new MeetingStore(table, outbox);
var consultations = new ConsultationStore(table, outbox);
var organisations = new OrganisationStore(table, outbox);
try
{
    var seeding = Stopwatch.StartNew();
    var vpi = await SeedAsync();
    Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; seeded in {seeding.Elapsed.TotalSeconds:0.0} s; {warmup} warm-up + {iterations} measured runs");

    var reading = new ReportReading(vpis, priorities, recommendations, ballots, tasks, meetings, organisations, consultations, time);
    ReportData data = null!;
    byte[] document = [];
    var gather = new List<double>();
    var build = new List<double>();
    for (var i = 0; i < warmup + iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        data = await reading.ReadAsync(vpi, ct);
        var read = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        document = OutcomeReport.Build(data, culture);
        var built = watch.Elapsed.TotalMilliseconds;
        if (i >= warmup)
        {
            gather.Add(read);
            build.Add(built);
        }
    }
    Check(data.Priorities.Count == 100 && data.Recommendations.Count == 20 && data.Tasks.Count == 200 && data.Meetings.Count == 30,
        "the report read back what was seeded");
    Check(data.Alliance.Count == 30 && data.Consultations.Sum(c => c.Questions.Sum(q => q.Inputs.Count)) == 2 * 38 * 5, "the alliance and the annex read back");
    Check(data.Recommendations.All(r => r.Vote?.Outcome is not null), "every recommendation has its tally");
    Console.WriteLine($"{"step",-8} {"median ms",10} {"min ms",8} {"max ms",8}");
    Print("gather", gather);
    Print("build", build);
    if (Option("--write", "") is { Length: > 0 } path)
    {
        File.WriteAllBytes(path, document); // to look at it (LibreOffice, Word)
    }
    Console.WriteLine($"document: {document.Length:N0} bytes ({document.Length / 1024.0:0.0} KiB); " +
        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
}
finally
{
    table.Dispose();
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
}

async Task<Vpi> SeedAsync()
{
    var roster = Enumerable.Range(0, 50).Select(i => new Member($"aad-{i:D3}", $"29:{i}", $"Person {i:D3} with a fairly long name", $"p{i}@example.org",
        i < 2 ? VpiRole.Facilitator : i < 12 ? VpiRole.ReviewTeam : VpiRole.Alliance, $"Organisation {i % 17}",
        i < 2 ? OrganisationType.Unodc : i < 12 ? OrganisationType.Government : (OrganisationType)(1 + i % 3), "aad-000", now)).ToList();
    var vpi = new Vpi("bench-vpi", "GH", "tenant", Instrument.TraffickingInPersons, ReviewCluster.Prevention, CollaborationLevel.High,
        new VpiHome("19:bench@thread.skype", "https://smba.example/", "team", "19:bench@thread.skype", true),
        new Dictionary<VpiStage, DateOnly> { [VpiStage.IdentifyStakeholders] = new(2026, 3, 1), [VpiStage.GovernmentScoping] = new(2026, 4, 1) },
        [], "aad-000", now.AddMonths(-9), ApprovalPolicy.AllReviewers, null, "Africa/Accra");
    Check(await vpis.CreateAsync(vpi, roster[0], ct), "the VPI is created");
    foreach (var m in roster.Skip(1))
    {
        await vpis.AddNewMemberAsync(vpi.Id, m, ct);
    }
    var reviewers = roster.Where(m => m.Role == VpiRole.ReviewTeam).ToList();
    for (var i = 0; i < 100; i++)
    {
        var status = (PriorityStatus)(i % 3 == 0 ? 1 : i % 7 == 0 ? 4 : 3); // Submitted, Rejected, mostly Approved
        await priorities.CreateAsync(vpi.Id, n => new Priority(n,
            new PriorityText($"Priority {n}: " + Words(14), Words(120), Instrument.TraffickingInPersons, ReviewCluster.Prevention, Words(60), $"Organisation {n % 17}"),
            status, "aad-020", "Person 020", 1, [.. reviewers.Select(r => r.AadObjectId)],
            status == PriorityStatus.Submitted ? [] : [.. reviewers.Take(2).Select(r => new ReviewerDecision(r.AadObjectId, r.Name,
                status == PriorityStatus.Approved ? ReviewDecision.Approve : ReviewDecision.Reject, Words(12), now.AddDays(-60)))],
            [new PriorityTransition("aad-020", "Person 020", now.AddDays(-90), PriorityStatus.Draft, PriorityStatus.Submitted, null)], now.AddDays(-90)), ct);
    }
    var voters = roster.Where(m => m.Role != VpiRole.Facilitator).Take(40).Select(m => new Voter(m.AadObjectId, m.Name, BallotCount.SideOf(m))).ToList();
    for (var b = 0; b < 10; b++)
    {
        var recs = new List<int>();
        for (var k = 0; k < 2; k++)
        {
            recs.Add((await recommendations.CreateAsync(vpi.Id, n => new Recommendation(n, new RecommendationText($"Recommendation {n}: " + Words(12), Words(250)),
                [n, n + 20, n + 40], RecommendationStatus.OnBallot, "aad-020", "Person 020", 1, b + 1, [], now.AddDays(-30)), ct)).Number);
        }
        var closed = b % 2 == 0;
        var ballot = new Ballot(0, recs, new BallotRules(VotingMethod.Consent, now.AddDays(closed ? -5 : 5), "Africa/Accra", true, 50, false, false, false),
            voters, BallotStatus.Open, "aad-000", "Person 000", now.AddDays(-10));
        var opened = await ballots.OpenAsync(vpi.Id, n => (ballot with { Number = n }, [], []), ct);
        for (var v = 0; v < voters.Count; v++)
        {
            var stance = (Stance)(v % 3 == 0 ? 2 : v % 5 == 0 ? 1 : 0); // agree, some abstain, some disagree
            await ballots.CastAsync(vpi.Id, opened, voters[v], [.. recs.Select(r => new BallotChoice(r, stance, Reason: stance == Stance.Disagree ? "Too costly" : null))],
                now.AddDays(-6), [], ct);
        }
        if (closed)
        {
            var votes = (await ballots.VotesAsync(vpi.Id, opened.Number, ct)).Select(v => new CastBallot(v.Side, v.Choices)).ToList();
            var read = (await ballots.GetAsync(vpi.Id, opened.Number, ct))!;
            await ballots.SaveAsync(vpi.Id, read, read.Item with { Status = BallotStatus.Closed, ClosedAt = now.AddDays(-5), Result = BallotCount.Count(opened, votes) }, [], ct);
        }
    }
    for (var i = 0; i < 200; i++)
    {
        var state = (TaskState)(i % 5);
        await tasks.CreateAsync(vpi.Id, n => new RoadmapTask(n, new TaskText($"Task {n}: " + Words(10), Words(80)), 1 + n % 20,
            [roster[12 + n % 38].AadObjectId, roster[2 + n % 10].AadObjectId], (LeadSide)(n % 3), new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1).AddDays(n),
            state, state == TaskState.Done ? 100 : n % 90, 1, [], "aad-000", now.AddDays(-100)), _ => [], ct);
    }
    var invitees = roster.Take(39).Select(m => new Invitee(m.Email!, m.Name, true, m.AadObjectId)).Append(new Invitee("guest@example.org", "Guest", false)).ToList();
    var replies = invitees.Select((inv, i) => (inv.Address, Reply: (MeetingReply)(i % 4))).ToDictionary(r => r.Address, r => r.Reply, StringComparer.OrdinalIgnoreCase);
    for (var i = 0; i < 30; i++)
    {
        var start = now.AddDays(-200 + i * 10);
        await meetings.CreateAsync(vpi.Id, n => new Meeting(n,
            new MeetingPlan((MeetingKind)(n % 7), $"Meeting {n}: " + Words(8), Words(100), invitees, 120, DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(start.UtcDateTime).AddDays(7)),
            MeetingStatus.Booked, [], null, start, start.AddHours(2), "p0@example.org", "event-" + n, "https://teams.example/join/" + n, replies, now, "aad-000", "Person 000", now.AddDays(-210), 1), ct);
    }
    for (var i = 0; i < 30; i++)
    {
        var contact = roster[12 + i % 38];
        await organisations.RegisterAsync(vpi.Id, $"Organisation {i} " + Words(4), n => AllianceRules.Register(n,
            new OrganisationDetails($"Organisation {i} " + Words(4), OrganisationDetails.Types[i % 4], "GH", "Accra", $"https://org{i}.example.org",
                [(UntocTheme)(i % 12), (UntocTheme)((i + 5) % 12)]), contact.AadObjectId, consentOnForm: i % 2 == 0, contact, now.AddDays(-120)), _ => [], ct);
    }
    var alliance = roster.Where(m => m.Role == VpiRole.Alliance).ToList();
    for (var c = 0; c < 2; c++)
    {
        var consultation = await consultations.CreateAsync(vpi.Id, n => new Consultation(n, $"Consultation {n}: " + Words(6),
            [.. Enumerable.Range(1, 10).Select(q => $"Question {q}: " + Words(20))], now.AddDays(-20 - c * 30), "Africa/Accra",
            [.. alliance.Select(m => m.AadObjectId)], true, "aad-000", "Person 000", now.AddDays(-40 - c * 30)), _ => [], ct);
        foreach (var m in alliance)
        {
            await consultations.SaveAnswerAsync(vpi.Id, null, ConsultationRules.Save(consultation, null, m, 0,
                [.. Enumerable.Range(0, 5).Select(_ => Words(150))], now.AddDays(-30 - c * 30)), [], ct);
        }
        var read = (await consultations.GetAsync(vpi.Id, consultation.Number, ct))!;
        await consultations.SaveAsync(vpi.Id, read, ConsultationRules.Close(read.Item, null, read.Item.Deadline)!, [], ct);
    }
    return vpi;
}

static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => i % 9 == 0 ? "trafficking" : i % 4 == 0 ? "protection" : "victims"));

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("failed: " + what);
    }
}

static void Print(string step, List<double> ms)
{
    var sorted = ms.Order().ToList();
    Console.WriteLine($"{step,-8} {sorted[sorted.Count / 2],10:0.0} {sorted[0],8:0.0} {sorted[^1],8:0.0}");
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

/// <summary>"Now" fixed, so the report says the same whenever the bench runs.</summary>
sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
