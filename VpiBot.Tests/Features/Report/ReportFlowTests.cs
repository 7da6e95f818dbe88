using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Domain.Consultations;
using VpiBot.Domain.Meetings;
using VpiBot.Storage;
using VpiBot.Tests.Features.Ballots;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Report;

/// <summary>
/// "report" through the real app in Ghana's VPI (SQLite): a facilitator gets a card whose button downloads the outcome
/// report, built from what is stored when the link is used; nobody else gets one, and a link stops working when its
/// minutes are up, when it is for another VPI or altered, or when its person has left the roster.
/// </summary>
public sealed class ReportFlowTests : BallotTestBed, IAsyncLifetime
{
    private readonly RunningFakeClock _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly string _sqlite = TempSqlite.NewPath();

    protected override BotApp CreateApp() => new(new()
    {
        ["Vpi:Facilitators:0"] = Alice.AadObjectId, ["Downloads:PublicUrl"] = "http://localhost", ["Storage:Sqlite:Path"] = _sqlite,
        ["Downloads:SigningKey"] = "dGhpcy1pcy1hLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLWxvbmchIQ==",
    }, services: s => s.AddSingleton<TimeProvider>(_clock));

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await SetUp();
        await Seed();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _clock.DisposeAsync();
    }

    /// <summary>An approved priority, a recommendation on an open yes / no ballot with two votes cast, a task and a meeting held.</summary>
    private async Task Seed()
    {
        var now = _clock.GetUtcNow();
        var ct = CancellationToken.None;
        await App.Services.GetRequiredService<PriorityStore>().CreateAsync(VpiId, n => new Priority(n,
            new PriorityText("Shelters in every region", "Description", Instrument.TraffickingInPersons, ReviewCluster.Prevention, "Rationale", "Ghana Anti-Trafficking Coalition"),
            PriorityStatus.Approved, Chioma.AadObjectId, Chioma.Name, 1, [Bob.AadObjectId],
            [new ReviewerDecision(Bob.AadObjectId, Bob.Name, ReviewDecision.Approve, "Agreed by the ministry", now.AddDays(-3))],
            [new PriorityTransition(Bob.AadObjectId, Bob.Name, now.AddDays(-3), PriorityStatus.UnderReview, PriorityStatus.Approved, "Agreed by the ministry")], now.AddDays(-9)), ct);
        var number = await Propose("Fund the shelters from the national budget");
        var ballots = App.Services.GetRequiredService<BallotStore>();
        Voter V(User u, Side side) => new(u.AadObjectId, u.Name, side);
        var ballot = await ballots.OpenAsync(VpiId, n => (new Ballot(n, [number],
            new BallotRules(VotingMethod.YesNo, now.AddDays(2), "Africa/Accra", true, 0, Anonymous: false, HideResults: false, FacilitatorsVote: false),
            [V(Bob, Side.Government), V(Dave, Side.Government), V(Chioma, Side.CivilSociety), V(Femi, Side.CivilSociety)],
            BallotStatus.Open, Alice.AadObjectId, Alice.Name, now), [], []), ct);
        var recommendations = App.Services.GetRequiredService<RecommendationStore>();
        var read = (await recommendations.GetAsync(VpiId, number, ct))!;
        await recommendations.SaveAsync(VpiId, read, RecommendationRules.PutOnBallot(read.Item, ballot.Number, Alice.AadObjectId, Alice.Name, now).Recommendation!, [], ct);
        await ballots.CastAsync(VpiId, ballot, V(Bob, Side.Government), [new BallotChoice(number, Stance.No)], now, [], ct);
        await ballots.CastAsync(VpiId, ballot, V(Chioma, Side.CivilSociety), [new BallotChoice(number, Stance.Yes)], now, [], ct);
        await App.Services.GetRequiredService<TaskStore>().CreateAsync(VpiId, n => new RoadmapTask(n, new TaskText("Cost the shelters", "Description"), number,
            [Bob.AadObjectId], LeadSide.Government, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 20), TaskState.InProgress, 30, 1, [], Alice.AadObjectId, now), _ => [], ct);
        var start = now.AddDays(-20);
        await App.Services.GetRequiredService<MeetingStore>().CreateAsync(VpiId, n => new Meeting(n,
            new MeetingPlan(MeetingKind.VpiLaunch, "Launch in Accra", "Agenda", [new Invitee("bob@example.org", Bob.Name, true, Bob.AadObjectId)], 120,
                DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(start.UtcDateTime).AddDays(3)),
            MeetingStatus.Booked, [], null, start, start.AddHours(2), "alice@example.org", "event", "https://teams.example/join",
            new Dictionary<string, MeetingReply> { ["bob@example.org"] = MeetingReply.Accepted }, now, Alice.AadObjectId, Alice.Name, now.AddDays(-30), 1), ct);
    }

    private async Task<string> LinkFor(User who)
    {
        var card = await Channel.Say("report", who);
        var button = Assert.Single(card["actions"]!.AsArray());
        Assert.Equal("Action.OpenUrl", button!["type"]!.GetValue<string>());
        return new Uri(button["url"]!.GetValue<string>()).PathAndQuery;
    }

    private Task<HttpResponseMessage> Get(string pathAndQuery) => App.CreateClient().GetAsync(pathAndQuery);

    private static async Task AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(VpiBot.Features.Report.OutcomeReport.ContentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_facilitator_downloads_the_report_of_the_VPI_as_it_is_stored()
    {
        var card = await Channel.Say("report", Alice);
        Assert.Contains("Outcome report", CardReading.Visible(card));
        var response = await Get(await LinkFor(Alice));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VpiBot.Features.Report.OutcomeReport.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("outcome-report-GH-2026-11-28.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var doc = new ReportDocument(await response.Content.ReadAsByteArrayAsync());
        Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
        Assert.Contains("Country: Ghana", doc.Paragraphs);
        Assert.Equal("Shelters in every region", doc.Table("No.", "Priority", "Organisation", "Review")[1][1]);
        Assert.Contains("Agreed by the ministry", doc.Table("No.", "Priority", "Organisation", "Review")[1][3]);
        // the open ballot's running tally, counted from the votes stored: Bob no (government), Chioma yes (civil society)
        var vote = Assert.Single(doc.TablesHeaded("Side", "For", "Against", "Abstain", "Voted"));
        Assert.Equal(["Government", "0", "1", "0", "1 of 2"], vote[1]);
        Assert.Equal(["Civil society", "1", "0", "0", "1 of 2"], vote[2]);
        var roadmap = doc.Table("Task", "Owner", "Lead", "Due", "Status", "Progress");
        Assert.Contains("Cost the shelters", roadmap[1][0]);
        Assert.Equal(Bob.Name, roadmap[1][1]);
        var held = doc.Table("Meeting", "Kind", "Date", "Accepted the invitation");
        Assert.Equal(VpiBot.Resources.Text.Get("MeetingKind.VpiLaunch", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), held[1][1]);
        Assert.Contains("1 of 1", held[1][3]);
    }

    [Fact]
    public async Task The_alliance_and_the_closed_consultations_inputs_are_in_the_report_and_an_open_consultations_are_not()
    {
        var now = _clock.GetUtcNow();
        var ct = CancellationToken.None;
        var chioma = (await App.Services.GetRequiredService<VpiStore>().GetMemberAsync(VpiId, Chioma.AadObjectId, ct))!;
        await App.Services.GetRequiredService<OrganisationStore>().RegisterAsync(VpiId, "Ghana Anti-Trafficking Coalition", n => AllianceRules.Register(n,
            new OrganisationDetails("Ghana Anti-Trafficking Coalition", OrganisationType.Ngo, "GH", "Tamale", null, [UntocTheme.TraffickingInPersons]),
            Chioma.AadObjectId, consentOnForm: false, chioma, now), _ => [], ct);
        var consultations = App.Services.GetRequiredService<ConsultationStore>();
        async Task Consult(string title, string input, bool closed)
        {
            var c = await consultations.CreateAsync(VpiId, n => new Consultation(n, title, ["How are victims identified?"], now.AddDays(1), "Africa/Accra",
                [Chioma.AadObjectId], true, Alice.AadObjectId, Alice.Name, now), _ => [], ct);
            await consultations.SaveAnswerAsync(VpiId, null, ConsultationRules.Save(c, null, chioma, 0, [input], now), [], ct);
            if (closed)
            {
                var read = (await consultations.GetAsync(VpiId, c.Number, ct))!;
                await consultations.SaveAsync(VpiId, read, ConsultationRules.Close(read.Item, Alice.Name, now)!, [], ct);
            }
        }
        await Consult("Chapter II of the questionnaire", "Through outreach workers in markets.", closed: true);
        await Consult("Still open", "A draft nobody may quote yet.", closed: false);

        var doc = new ReportDocument(await (await Get(await LinkFor(Alice))).Content.ReadAsByteArrayAsync());
        Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
        Assert.Equal(["Ghana Anti-Trafficking Coalition", "Tamale", "Trafficking in persons"], doc.TablesHeaded("Organisation", "City", "Themes")[0][1]);
        Assert.Contains(doc.Paragraphs, p => p.Contains("Through outreach workers in markets.", StringComparison.Ordinal));
        Assert.DoesNotContain(doc.Paragraphs, p => p.Contains("A draft nobody may quote yet.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_is_built_when_the_link_is_used_so_it_holds_what_changed_since()
    {
        var link = await LinkFor(Alice);
        await Propose("Train labour inspectors");
        var doc = new ReportDocument(await (await Get(link)).Content.ReadAsByteArrayAsync());
        Assert.Contains(doc.Headings, h => h.Text.EndsWith("Train labour inspectors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ballot_that_hides_its_results_until_it_closes_shows_none_in_the_report()
    {
        var now = _clock.GetUtcNow();
        var number = await Propose("Keep the tally secret");
        var ballots = App.Services.GetRequiredService<BallotStore>();
        var voter = new Voter(Bob.AadObjectId, Bob.Name, Side.Government);
        var ballot = await ballots.OpenAsync(VpiId, n => (new Ballot(n, [number],
            new BallotRules(VotingMethod.YesNo, now.AddDays(2), "Africa/Accra", true, 0, Anonymous: false, HideResults: true, FacilitatorsVote: false),
            [voter], BallotStatus.Open, Alice.AadObjectId, Alice.Name, now), [], []), default);
        var recommendations = App.Services.GetRequiredService<RecommendationStore>();
        var read = (await recommendations.GetAsync(VpiId, number, default))!;
        await recommendations.SaveAsync(VpiId, read, RecommendationRules.PutOnBallot(read.Item, ballot.Number, Alice.AadObjectId, Alice.Name, now).Recommendation!, [], default);
        await ballots.CastAsync(VpiId, ballot, voter, [new BallotChoice(number, Stance.No)], now, [], default);

        var doc = new ReportDocument(await (await Get(await LinkFor(Alice))).Content.ReadAsByteArrayAsync());
        var section = doc.Paragraphs.SkipWhile(p => !p.EndsWith("Keep the tally secret", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(p => p != "The roadmap").ToList();
        Assert.Contains("The results are shown once the vote closes.", section);
        Assert.Single(doc.TablesHeaded("Side", "For", "Against", "Abstain", "Voted")); // only the first ballot's
    }

    [Fact]
    public async Task An_alliance_member_gets_no_link()
    {
        var answer = await Channel.Say("report", Chioma);
        Assert.Null(answer["actions"]);
        Assert.Contains("Only the VPI's facilitators", answer["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_link_is_refused_once_its_minutes_are_up()
    {
        var link = await LinkFor(Alice);
        _clock.Advance(TimeSpan.FromMinutes(11));
        await AssertRefused(await Get(link));
    }

    [Fact]
    public async Task A_link_is_refused_for_another_VPI_or_with_its_signature_altered()
    {
        var link = await LinkFor(Alice);
        await AssertRefused(await Get(link.Replace("/" + VpiId + "/", "/another-vpi/", StringComparison.Ordinal)));
        var at = link.IndexOf("sig=", StringComparison.Ordinal) + 4;
        await AssertRefused(await Get(link[..at] + (link[at] == 'A' ? 'B' : 'A') + link[(at + 1)..]));
        Assert.Equal(HttpStatusCode.OK, (await Get(link)).StatusCode); // the link itself still works
    }

    [Fact]
    public async Task A_link_is_refused_once_its_person_has_left_the_roster()
    {
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var bob = (await vpis.GetMemberAsync(VpiId, Bob.AadObjectId, default))!;
        await vpis.ChangeRosterAsync((await vpis.GetAsync(VpiId, default))!, bob with { Role = VpiRole.Facilitator }, null, default);
        var link = await LinkFor(Bob);
        Assert.Equal(HttpStatusCode.OK, (await Get(link)).StatusCode);
        await vpis.ChangeRosterAsync((await vpis.GetAsync(VpiId, default))!, null, Bob.AadObjectId, default);
        await AssertRefused(await Get(link));
    }
}
