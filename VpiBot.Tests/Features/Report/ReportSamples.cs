using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Domain.Consultations;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Report;

namespace VpiBot.Tests.Features.Report;

/// <summary>A VPI in Ghana half-way through: what an outcome report is built from, as plain records.</summary>
public static class ReportSamples
{
    public static readonly DateTimeOffset Now = new(2026, 6, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public const string ControlledTitle = "Witness\u0001 protection\u000B in \uD800courts";
    public const string ControlledTitleCleaned = "Witness protection in courts";

    public static readonly Member Fay = Person("fay", "Fay Facilitator", VpiRole.Facilitator, "UNODC", OrganisationType.Unodc);
    public static readonly Member Rita = Person("rita", "Rita Reviewer", VpiRole.ReviewTeam, "Ministry of Justice", OrganisationType.Government);
    public static readonly Member Ray = Person("ray", "Ray Reviewer", VpiRole.ReviewTeam, "Ghana Police Service", OrganisationType.Government);
    public static readonly Member Ama = Person("ama", "Ama Mensah", VpiRole.Alliance, "Hope for Survivors", OrganisationType.Ngo);
    public static readonly Member Kofi = Person("kofi", "Kofi Boateng", VpiRole.Alliance, "University of Ghana", OrganisationType.Academia);
    public static readonly IReadOnlyList<Member> Roster = [Fay, Rita, Ray, Ama, Kofi];

    public static Member Person(string id, string name, VpiRole role, string organisation, OrganisationType type) =>
        new(id, "29:" + id, name, id + "@example.org", role, organisation, type, "fay", Earlier);

    public static Vpi Vpi(IReadOnlyDictionary<VpiStage, DateOnly>? stages = null) =>
        new("vpi-gh", "GH", "tenant", Instrument.TraffickingInPersons, ReviewCluster.Prevention, CollaborationLevel.High,
            new VpiHome("19:channel@thread.skype", "https://smba.example/", "team", "19:channel@thread.skype", true),
            stages ?? new Dictionary<VpiStage, DateOnly>
            {
                [VpiStage.IdentifyStakeholders] = new(2026, 3, 2), [VpiStage.GovernmentScoping] = new(2026, 3, 20),
                [VpiStage.StakeholderScoping] = new(2026, 4, 10), [VpiStage.LaunchMeeting] = new(2026, 5, 15),
            },
            [], "fay", new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero), ApprovalPolicy.AllReviewers, null, "Africa/Accra");

    /// <summary>A VPI just set up: nothing done, nothing recorded.</summary>
    public static ReportData Empty() => new(Vpi(new Dictionary<VpiStage, DateOnly>()), Now, [], [], [], [], [], []);

    public static ReportData Ghana(string? approvedTitle = null) => new(Vpi(), Now, Priorities(approvedTitle ?? "Shelters for victims of trafficking"),
        Recommendations(), Tasks(), Meetings(), Alliance(), Consultations());

    private static IReadOnlyList<Priority> Priorities(string firstTitle) =>
    [
        Priority(1, firstTitle, "Hope for Survivors", PriorityStatus.Approved,
            [new ReviewerDecision("rita", "Rita Reviewer", ReviewDecision.Approve, "Fits the national action plan", Earlier.AddDays(40)),
             new ReviewerDecision("ray", "Ray Reviewer", ReviewDecision.Approve, null, Earlier.AddDays(41))]),
        Priority(2, ControlledTitle, "University of Ghana", PriorityStatus.Approved,
            [new ReviewerDecision("rita", "Rita Reviewer", ReviewDecision.Approve, "Agreed, with the judiciary", Earlier.AddDays(42)),
             new ReviewerDecision("ray", "Ray Reviewer", ReviewDecision.Approve, null, Earlier.AddDays(42))]),
        Priority(3, "Data on labour exploitation in fishing", "Hope for Survivors", PriorityStatus.Rejected,
            [new ReviewerDecision("rita", "Rita Reviewer", ReviewDecision.Reject, "Covered by the labour ministry", Earlier.AddDays(43))]),
        Priority(4, "Training for border officials", "Ghana Anti-Trafficking Coalition", PriorityStatus.Submitted, []),
    ];

    private static Priority Priority(int n, string title, string organisation, PriorityStatus status, IReadOnlyList<ReviewerDecision> decisions) =>
        new(n, new PriorityText(title, "Description of " + title, Instrument.TraffickingInPersons, ReviewCluster.Prevention, "Rationale", organisation),
            status, "ama", "Ama Mensah", 1, ["rita", "ray"], decisions,
            [new PriorityTransition("ama", "Ama Mensah", Earlier, PriorityStatus.Draft, PriorityStatus.Submitted, null),
             new PriorityTransition("fay", "Fay Facilitator", Earlier.AddDays(30), PriorityStatus.Submitted, status == PriorityStatus.Submitted ? PriorityStatus.Submitted : status, null)],
            Earlier);

    private static IReadOnlyList<ReportRecommendation> Recommendations() =>
    [
        new(Recommendation(1, "Fund two shelters per region", [1], RecommendationStatus.Adopted, 1),
            new ReportVote(1, VotingMethod.Consent, true, true, Now.AddDays(-10),
                [new SideTurnout(Side.Government, 6, 5, 3), new SideTurnout(Side.CivilSociety, 12, 10, 6)],
                new RecommendationOutcome(1, true, OutcomeReason.Passed,
                    [new SideTally(Side.Government, Agree: 4, Disagree: 1, Passed: true), new SideTally(Side.CivilSociety, Agree: 7, Abstain: 2, Disagree: 1, Passed: true)]))),
        new(Recommendation(2, "A witness protection unit in every high court", [2], RecommendationStatus.NotAdopted, 2),
            new ReportVote(2, VotingMethod.YesNo, true, true, Now.AddDays(-9),
                [new SideTurnout(Side.Government, 6, 6, 3), new SideTurnout(Side.CivilSociety, 12, 11, 6)],
                new RecommendationOutcome(2, false, OutcomeReason.GovernmentAgainst,
                    [new SideTally(Side.Government, Yes: 1, No: 5), new SideTally(Side.CivilSociety, Yes: 9, No: 1, Abstain: 1, Passed: true)]))),
        new(Recommendation(3, "Publish yearly statistics", [1, 2], RecommendationStatus.Proposed, null), null),
    ];

    private static Recommendation Recommendation(int n, string title, IReadOnlyList<int> priorities, RecommendationStatus status, int? ballot) =>
        new(n, new RecommendationText(title, "The government and civil society jointly recommend: " + title.ToLowerInvariant() + ".\nSecond paragraph."),
            priorities, status, "ama", "Ama Mensah", 1, ballot, [], Earlier);

    private static IReadOnlyList<ReportTask> Tasks() =>
    [
        Task(1, "Map the existing shelters", TaskState.Done, 100, new DateOnly(2026, 5, 30), LeadSide.Alliance, ["Ama Mensah"]),
        Task(2, "Draft the shelter budget", TaskState.InProgress, 40, new DateOnly(2026, 7, 15), LeadSide.Government, ["Rita Reviewer", "Ama Mensah"]),
        Task(3, "Train shelter staff", TaskState.NotStarted, 0, new DateOnly(2026, 6, 1), LeadSide.Joint, ["Kofi Boateng"]),
    ];

    private static ReportTask Task(int n, string title, TaskState state, int progress, DateOnly due, LeadSide lead, IReadOnlyList<string> owners) =>
        new(new RoadmapTask(n, new TaskText(title, "Description"), 1, ["ama"], lead, new DateOnly(2026, 5, 20), due, state, progress, 1, [], "fay", Earlier), owners);

    private static IReadOnlyList<ReportMeeting> Meetings()
    {
        var invitees = Roster.Select(m => new Invitee(m.Email!, m.Name, true, m.AadObjectId)).Append(new Invitee("guest@partner.example.org", "Guest", false)).ToList();
        var replies = new Dictionary<string, MeetingReply>(StringComparer.OrdinalIgnoreCase)
        {
            [Rita.Email!] = MeetingReply.Accepted, [Ray.Email!] = MeetingReply.Declined, [Ama.Email!] = MeetingReply.Accepted,
            [Kofi.Email!] = MeetingReply.Tentative, ["guest@partner.example.org"] = MeetingReply.Accepted,
        };
        Meeting Meeting(int n, MeetingKind kind, string title, MeetingStatus status, DateTimeOffset start) =>
            new(n, new MeetingPlan(kind, title, "Agenda", invitees, 120, DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(start.UtcDateTime).AddDays(7)),
                status, [], null, start, start.AddHours(2), Fay.Email, "event-" + n, "https://teams.example/join/" + n, replies, Now, "fay", "Fay Facilitator", Earlier, 1);
        return [.. new[]
        {
            Meeting(1, MeetingKind.GovernmentScoping, "Scoping meeting with the review team", MeetingStatus.Booked, new DateTimeOffset(2026, 3, 18, 10, 0, 0, TimeSpan.Zero)),
            Meeting(2, MeetingKind.VpiLaunch, "Launch of the VPI in Accra", MeetingStatus.Booked, new DateTimeOffset(2026, 5, 14, 9, 0, 0, TimeSpan.Zero)),
            Meeting(3, MeetingKind.AdvisoryBoard, "Advisory board, first session", MeetingStatus.Booked, new DateTimeOffset(2026, 7, 2, 9, 0, 0, TimeSpan.Zero)),
            Meeting(4, MeetingKind.Briefing, "Cancelled briefing", MeetingStatus.Cancelled, new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero)),
        }.Select(m => new ReportMeeting(m, ReportReading.Attendance(m, Roster)))];
    }

    private static IReadOnlyList<AllianceOrganisation> Alliance() =>
    [
        Organisation(1, "Hope for Survivors", OrganisationType.Ngo, "Accra", [UntocTheme.TraffickingInPersons, UntocTheme.VictimsAndWitnesses]),
        Organisation(2, "University of Ghana", OrganisationType.Academia, "Legon", [UntocTheme.CriminalJusticeAndPrevention]),
    ];

    private static AllianceOrganisation Organisation(int number, string name, OrganisationType type, string city, IReadOnlyList<UntocTheme> themes) =>
        new(number, new OrganisationDetails(name, type, "GH", city, null, themes), "contact", WhatsOnConsent.Asked, 1, "f", "Alice", Now.AddDays(-30));

    private static IReadOnlyList<ConsultationAnnex> Consultations() =>
    [
        new(1, "Self-assessment questionnaire, chapter II", Now.AddDays(-20), Now.AddDays(-19),
            [new AnnexQuestion("How are victims identified?", [new AnnexInput("Hope for Survivors", OrganisationType.Ngo, "Through outreach workers in markets.")]),
             new AnnexQuestion("Which data exist?", [])]),
    ];
}
