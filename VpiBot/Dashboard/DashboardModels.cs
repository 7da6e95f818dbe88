using VpiBot.Domain;
using VpiBot.Domain.Meetings;

namespace VpiBot.Dashboard;

// The JSON the dashboard page reads (camelCase, enums by name, instants in UTC ISO 8601, days as yyyy-MM-dd). Only
// what the bot's cards let the caller see: no Entra ids, e-mail addresses, join links, secrets or per-voter marks.

public sealed record MeView(MeUser User, IReadOnlyList<MyVpi> Vpis);
public sealed record MeUser(string Name);
public sealed record MyVpi(string Id, string Country, string CountryName, VpiRole Role, StageSummary Stage, Waiting Waiting);
public sealed record StageSummary(int Done, int? Next, string? NextName);
public sealed record Waiting(IReadOnlyList<ReviewWaiting> Reviews, IReadOnlyList<VoteWaiting> Votes, IReadOnlyList<TaskWaiting> Tasks, IReadOnlyList<MeetingWaiting> Meetings);
public sealed record ReviewWaiting(int Number, string Title);
public sealed record VoteWaiting(int Number, DateTime Deadline);
public sealed record TaskWaiting(int Number, string Title, DateOnly Due, bool Overdue);
public sealed record MeetingWaiting(int Number, string Title, DateTime? Start);

public sealed record VpiView(
    VpiSummary Vpi,
    IReadOnlyList<StageView> Stages,
    int? Next,
    IReadOnlyList<MenuItemView> Menu,
    IReadOnlyList<PriorityView> Priorities,
    IReadOnlyList<BallotView> Ballots,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<MeetingView> Meetings,
    IReadOnlyList<MemberView> Members);
public sealed record VpiSummary(string Id, string Country, string CountryName, CollaborationLevel Level, string TimeZone, VpiRole Role);
public sealed record StageView(int Number, string Name, bool Done, DateOnly? Date);
public sealed record MenuItemView(string Id, string Name, CollaborationLevel Level, bool Done);
public sealed record PriorityView(int Number, string Title, PriorityStatus Status, string Organisation, DateTime UpdatedAt, IReadOnlyList<PriorityStep> History);
public sealed record PriorityStep(DateTime At, PriorityStatus Status, string ByName);
public sealed record BallotView(int Number, BallotStatus Status, DateTime Deadline, IReadOnlyList<int> Recommendations, IReadOnlyList<TurnoutView> Turnout,
    IReadOnlyList<ResultView>? Results);
public sealed record TurnoutView(Side Side, int Voted, int Electorate);
public sealed record ResultView(int Recommendation, string Title, bool? Adopted, IReadOnlyList<SideResult> Sides);
public sealed record SideResult(Side Side, int Yes, int No, int Abstain);
public sealed record TaskView(int Number, string Title, TaskState State, int Progress, DateOnly Start, DateOnly Due, bool Overdue, LeadSide Lead,
    IReadOnlyList<string> Owners, bool Mine);
public sealed record MeetingView(int Number, MeetingKind Kind, string Title, DateTime? Start, DateTime? End, MeetingStatus Status, ReplyCounts Replies,
    IReadOnlyDictionary<string, int> AttendanceByType);
public sealed record ReplyCounts(int Accepted, int Tentative, int Declined, int None);
public sealed record MemberView(string Name, VpiRole Role, string Organisation, OrganisationType OrganisationType);
