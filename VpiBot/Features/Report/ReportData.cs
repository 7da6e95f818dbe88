using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Domain.Consultations;
using VpiBot.Domain.Meetings;

namespace VpiBot.Features.Report;

/// <summary>
/// Everything the outcome report (concept note §1.A activity 5) says about one VPI, read at one instant
/// (<see cref="At"/>): what <see cref="OutcomeReport.Build"/> turns into a Word document, with no I/O of its own.
/// </summary>
public sealed record ReportData(
    Vpi Vpi,
    DateTimeOffset At,
    IReadOnlyList<Priority> Priorities,
    IReadOnlyList<ReportRecommendation> Recommendations,
    IReadOnlyList<ReportTask> Tasks,
    IReadOnlyList<ReportMeeting> Meetings,
    IReadOnlyList<AllianceOrganisation> Alliance,
    IReadOnlyList<ConsultationAnnex> Consultations)
{
    /// <summary>The zone the VPI's dates are read in (UTC for a VPI set up before it was asked).</summary>
    public string Zone => Vpi.TimeZone ?? TimeZones.Utc;

    /// <summary>The report's date, in the VPI's zone.</summary>
    public DateOnly Today => TimeZones.ToLocal(At, Zone).Date;
}

/// <summary>A joint recommendation with the vote on it, if it was put to one.</summary>
public sealed record ReportRecommendation(Recommendation Recommendation, ReportVote? Vote);

/// <summary>
/// The ballot a recommendation is (or was last) on: how it is counted, the turnout per side and this recommendation's
/// tally and outcome — null while an open ballot hides its results until it closes.
/// </summary>
public sealed record ReportVote(int Ballot, VotingMethod Method, bool DoubleMajority, bool Closed, DateTimeOffset Deadline,
    IReadOnlyList<SideTurnout> Turnout, RecommendationOutcome? Outcome);

/// <summary>A roadmap task with its owners' names.</summary>
public sealed record ReportTask(RoadmapTask Task, IReadOnlyList<string> Owners);

/// <summary>A meeting with who was invited and who accepted, per organisation type.</summary>
public sealed record ReportMeeting(Meeting Meeting, IReadOnlyList<MeetingAttendance> Attendance);

/// <summary>Invitees of one organisation type (null: guests from outside the roster) and how many accepted.</summary>
public sealed record MeetingAttendance(OrganisationType? Type, int Invited, int Accepted);

