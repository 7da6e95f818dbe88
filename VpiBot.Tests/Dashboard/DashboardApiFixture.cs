using System.Net.Http.Headers;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Storage;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Dashboard;

/// <summary>
/// One app (Production, as deployed) trusting <see cref="FakeTokenIssuer"/> as Entra ID, with a VPI in Ghana seeded
/// through the stores: a facilitator, a reviewer, two alliance members; drafts, priorities under review, an anonymous
/// ballot with its tally hidden, an open yes/no ballot, a closed ballot, tasks, a booked meeting. Another VPI of the same
/// tenant has its own facilitator.
/// </summary>
public sealed class DashboardApiFixture : IAsyncLifetime
{
    public const string Tenant = "0d2f7a4e-8d1b-4c59-9a3e-1f2b3c4d5e6f";
    public const string OtherTenant = "9a8b7c6d-5e4f-4321-8abc-def012345678";
    public const string Audience = "api://vpibot.example.org/" + BotApp.AppId;
    public const string VpiId = "gh-dash";
    public const string OtherVpiId = "ke-dash";

    public static readonly Member Fay = Person("1f000000-0000-4000-8000-000000000001", "Fay Facilitator", VpiRole.Facilitator, "UNODC", OrganisationType.Unodc);
    public static readonly Member Rita = Person("2a000000-0000-4000-8000-000000000002", "Rita Reviewer", VpiRole.ReviewTeam, "Ministry of Justice", OrganisationType.Government);
    public static readonly Member Ama = Person("3a000000-0000-4000-8000-000000000003", "Ama Alliance", VpiRole.Alliance, "Ghana Anti-Trafficking Coalition", OrganisationType.Ngo);
    public static readonly Member Kofi = Person("4b000000-0000-4000-8000-000000000004", "Kofi Scholar", VpiRole.Alliance, "University of Ghana", OrganisationType.Academia);
    public static readonly Member Otto = Person("5c000000-0000-4000-8000-000000000005", "Otto Other", VpiRole.Facilitator, "UNODC", OrganisationType.Unodc);

    public const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/secret-join-link";
    public const string EventId = "graph-event-id-secret";
    public const string Organizer = "vpi-meetings@unodc.example.org";

    public FakeTokenIssuer Issuer { get; } = new();
    public BotApp App { get; private set; } = null!;
    private HttpClient _client = null!;

    public static Member Person(string aad, string name, VpiRole role, string organisation, OrganisationType type) =>
        new(aad, "29:" + aad, name, name.Split(' ')[0].ToLowerInvariant() + "@mail.example.org", role, organisation, type, "seed", DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        await Issuer.StartAsync();
        App = BotApp.Authenticated(Issuer, new()
        {
            ["Dashboard:MetadataUrl"] = Issuer.EntraMetadataUrl,
            ["Dashboard:Audience"] = Audience,
        });
        _client = App.CreateClient();
        await SeedAsync(default);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await App.DisposeAsync();
        await Issuer.DisposeAsync();
    }

    public string TokenOf(Member m, string tenant = Tenant) => Issuer.EntraToken(m.AadObjectId, tenant, Audience, m.Name);

    public async Task<HttpResponseMessage> GetAsync(string path, string? token, string? ifNoneMatch = null, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await _client.SendAsync(request);
    }

    /// <summary>A POST with no body, as the page sends one, with the caller's token and optionally the browser's languages.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? token, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }
        return await _client.SendAsync(request);
    }

    /// <summary>A plain GET without any token (a download link is its own credential).</summary>
    public Task<HttpResponseMessage> GetAnonymousAsync(string pathAndQuery) => _client.GetAsync(pathAndQuery);

    private async Task SeedAsync(CancellationToken ct)
    {
        var services = App.Services;
        var vpis = services.GetRequiredService<VpiStore>();
        var now = DateTimeOffset.UtcNow;
        Vpi Vpi(string id, string country) => new(id, country, Tenant, Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.Medium,
            new VpiHome("19:" + id + "@thread.tacv2", "https://smba.trafficmanager.net/emea/", "team-" + id, "19:" + id + "@thread.tacv2", true),
            new Dictionary<VpiStage, DateOnly> { [VpiStage.IdentifyStakeholders] = new(2026, 3, 2), [VpiStage.GovernmentScoping] = new(2026, 4, 10) },
            [], Fay.AadObjectId, now, TimeZone: "Africa/Accra");
        await vpis.CreateAsync(Vpi(VpiId, "GH"), Fay, ct);
        foreach (var m in new[] { Rita, Ama, Kofi })
        {
            await vpis.AddNewMemberAsync(VpiId, m, ct);
        }
        await vpis.CreateAsync(Vpi(OtherVpiId, "KE"), Otto, ct);

        var priorities = services.GetRequiredService<PriorityStore>();
        async Task Priority(string title, PriorityStatus status, Member by, IReadOnlyList<string>? electorate = null) =>
            await priorities.CreateAsync(VpiId, n => new Priority(n,
                new PriorityText(title, "Description of " + title, Instrument.Untoc, ReviewCluster.Prevention, "Rationale.", by.Organisation),
                status, by.AadObjectId, by.Name, 1, electorate ?? [], [],
                status == PriorityStatus.Draft ? [] : [new PriorityTransition(by.AadObjectId, by.Name, now, PriorityStatus.Draft, PriorityStatus.Submitted, null)], now), ct);
        await Priority("Ama's draft on shelters", PriorityStatus.Draft, Ama);
        await Priority("Kofi's submitted research", PriorityStatus.Submitted, Kofi);
        await Priority("Victim support under review", PriorityStatus.UnderReview, Ama, [Rita.AadObjectId]);
        await Priority("Kofi's draft on data", PriorityStatus.Draft, Kofi);

        var recommendations = services.GetRequiredService<RecommendationStore>();
        foreach (var title in new[] { "Fund shelters", "Train judges", "Publish statistics" })
        {
            await recommendations.CreateAsync(VpiId, n => new Recommendation(n, new RecommendationText(title, "Text of " + title), [2], RecommendationStatus.OnBallot,
                Ama.AadObjectId, Ama.Name, 1, n, [], now), ct);
        }

        var ballots = services.GetRequiredService<BallotStore>();
        Voter V(Member m) => new(m.AadObjectId, m.Name, BallotCount.SideOf(m));
        var electorate = new[] { V(Rita), V(Ama), V(Kofi) };
        // 1: anonymous, so its tally is hidden until it closes; Ama voted
        var anonymous = await ballots.OpenAsync(VpiId, n => (new Ballot(n, [1],
            new BallotRules(VotingMethod.Consent, now.AddDays(3), "Africa/Accra", true, 0, Anonymous: true, HideResults: true, FacilitatorsVote: false),
            electorate, BallotStatus.Open, Fay.AadObjectId, Fay.Name, now, Secret: BallotStore.NewSecret()), [], []), ct);
        await ballots.CastAsync(VpiId, anonymous, V(Ama), [new BallotChoice(1, Stance.Block, Reason: "Ama's secret reason")], now, [], ct);
        // 2: yes / no, tally shown; Rita voted
        var shown = await ballots.OpenAsync(VpiId, n => (new Ballot(n, [2],
            new BallotRules(VotingMethod.YesNo, now.AddDays(2), "Africa/Accra", true, 0, Anonymous: false, HideResults: false, FacilitatorsVote: false),
            electorate, BallotStatus.Open, Fay.AadObjectId, Fay.Name, now), [], []), ct);
        await ballots.CastAsync(VpiId, shown, V(Rita), [new BallotChoice(2, Stance.Yes)], now, [], ct);
        // 3: closed, adopted
        await ballots.OpenAsync(VpiId, n => (new Ballot(n, [3],
            new BallotRules(VotingMethod.YesNo, now.AddDays(-1), "Africa/Accra", true, 0, Anonymous: false, HideResults: true, FacilitatorsVote: false),
            electorate, BallotStatus.Closed, Fay.AadObjectId, Fay.Name, now.AddDays(-5), ClosedAt: now.AddDays(-1), ClosedByName: Fay.Name,
            Result: new BallotResult([new SideTurnout(Side.Government, 1, 1, 0), new SideTurnout(Side.CivilSociety, 2, 2, 0)],
                [new RecommendationOutcome(3, true, OutcomeReason.Passed, [new SideTally(Side.Government, Yes: 1, Passed: true), new SideTally(Side.CivilSociety, Yes: 2, Passed: true)])], 3)), [], []), ct);

        var tasks = services.GetRequiredService<TaskStore>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task Task(string title, IReadOnlyList<string> owners, DateOnly due) =>
            await tasks.CreateAsync(VpiId, n => new RoadmapTask(n, new TaskText(title, "Description"), 3, owners, LeadSide.Joint, today.AddDays(-30), due,
                TaskState.InProgress, 20, 1, [new TaskUpdate(Fay.AadObjectId, Fay.Name, now, null, TaskState.NotStarted, null, 0, "created")], Fay.AadObjectId, now), _ => [], ct);
        await Task("Draft the shelter budget", [Ama.AadObjectId], today.AddDays(-3));
        await Task("Collect court statistics", [Rita.AadObjectId, Kofi.AadObjectId], today.AddDays(20));

        var meetings = services.GetRequiredService<MeetingStore>();
        var start = now.AddDays(7);
        var invitees = new[] { Rita, Ama, Kofi }.Select(m => new Invitee(m.Email!, m.Name, true, m.AadObjectId)).Append(new Invitee("guest@partner.example.org", "Guest", false)).ToList();
        await meetings.CreateAsync(VpiId, n => new Meeting(n, new MeetingPlan(MeetingKind.TaskForce, "Task force on shelters", "Secret agenda", invitees, 60,
                today, today.AddDays(14)), MeetingStatus.Booked, [], null, start, start.AddHours(1), Organizer, EventId, JoinUrl,
            new Dictionary<string, MeetingReply>(StringComparer.OrdinalIgnoreCase)
            {
                [Rita.Email!] = MeetingReply.Accepted, [Ama.Email!] = MeetingReply.Tentative, ["guest@partner.example.org"] = MeetingReply.Accepted,
            }, now, Fay.AadObjectId, Fay.Name, now, 1), ct);
    }
}
