using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Shared;
using VpiBot.Storage;

namespace VpiBot.Dashboard;

/// <summary>
/// Reads what the dashboard shows, with exactly the visibility of the bot's cards, for a caller already known to be on
/// the VPI's roster. Each store is listed once per request; the only reads per item are the ones the cards make too: an
/// open ballot's gates (turnout) and, when its tally is not hidden, its votes; for "my work", the caller's own gate on
/// each open ballot they vote on and the decisions of each priority under review (review team only).
/// </summary>
public sealed class DashboardReader(PriorityStore priorities, RecommendationStore recommendations, BallotStore ballots,
    TaskStore tasks, MeetingStore meetings, TimeProvider time)
{
    /// <summary>Names and labels are in English for now (the resources, as the cards use them).</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en");

    public DateOnly Today(Vpi vpi) => TimeZones.ToLocal(time.GetUtcNow(), vpi.TimeZone ?? TimeZones.Utc).Date;

    private static DateTime Utc(DateTimeOffset at) => at.UtcDateTime;

    public static StageSummary StageOf(Vpi vpi) =>
        new(vpi.CompletedStages.Count, (int?)vpi.NextStage, vpi.NextStage is { } next ? Labels.Of(next, Culture) : null);

    /// <summary>What waits for <paramref name="caller"/> in one VPI (as "my work" computes it).</summary>
    public async Task<MyVpi> MineAsync(Vpi vpi, Member caller, CancellationToken ct)
    {
        var id = vpi.Id;
        var now = time.GetUtcNow();
        var reviews = new List<ReviewWaiting>();
        if (caller.Role == VpiRole.ReviewTeam)
        {
            foreach (var p in (await priorities.ListAsync(id, ct)).Where(p => p.Status == PriorityStatus.UnderReview && p.Electorate.Contains(caller.AadObjectId, StringComparer.OrdinalIgnoreCase)))
            {
                if (await priorities.GetAsync(id, p.Number, ct) is { } read && PriorityReview.CanDecide(read.Priority, caller) is null)
                {
                    reviews.Add(new ReviewWaiting(p.Number, p.Text.Title));
                }
            }
        }
        var votes = new List<VoteWaiting>();
        foreach (var b in (await ballots.ListAsync(id, ct)).Select(v => v.Item)
                     .Where(b => b.Status == BallotStatus.Open && b.Rules.Deadline > now && b.VoterOf(caller.AadObjectId) is not null))
        {
            if ((await ballots.GetVoterAsync(id, b, caller.AadObjectId, ct)).Mark is not { Voted: true })
            {
                votes.Add(new VoteWaiting(b.Number, Utc(b.Rules.Deadline)));
            }
        }
        var today = Today(vpi);
        var myTasks = (await tasks.ListAsync(id, ct)).Select(v => v.Item).Where(t => t.IsOpen && t.IsOwner(caller.AadObjectId))
            .OrderByDescending(t => t.IsOverdue(today)).ThenBy(t => t.Due).ThenBy(t => t.Number)
            .Select(t => new TaskWaiting(t.Number, t.Text.Title, t.Due, t.IsOverdue(today))).ToList();
        var myMeetings = (await meetings.ListAsync(id, ct)).Select(v => v.Item)
            .Where(m => m.IsUpcoming(now) && m.Plan.Invitees.Any(i => string.Equals(i.AadObjectId, caller.AadObjectId, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Start).Select(m => new MeetingWaiting(m.Number, m.Plan.Title, m.Start is { } s ? Utc(s) : null)).ToList();
        return new MyVpi(id, vpi.Country, Countries.Name(vpi.Country, Culture), caller.Role, StageOf(vpi),
            new Waiting(reviews, [.. votes.OrderBy(v => v.Deadline)], myTasks, myMeetings));
    }

    /// <summary>One VPI as its member <paramref name="caller"/> may see it; <paramref name="roster"/> is the VPI's roster, read once.</summary>
    public async Task<VpiView> VpiAsync(Vpi vpi, Member caller, IReadOnlyList<Member> roster, CancellationToken ct)
    {
        var id = vpi.Id;
        var now = time.GetUtcNow();
        var today = Today(vpi);
        var names = roster.ToDictionary(m => m.AadObjectId, m => m.Name, StringComparer.OrdinalIgnoreCase);
        var types = roster.ToDictionary(m => m.AadObjectId, m => m.OrganisationType, StringComparer.OrdinalIgnoreCase);

        var stages = Enum.GetValues<VpiStage>().Select(s => new StageView((int)s, Labels.Of(s, Culture), vpi.CompletedStages.ContainsKey(s),
            vpi.CompletedStages.TryGetValue(s, out var date) ? date : null)).ToList();
        var menu = CollaborationMenu.For(vpi.Level).Select(c => new MenuItemView(c.Id, Labels.Of(c, Culture), c.IntroducedAt, vpi.IsDone(c))).ToList();

        // a draft is its author's own until submitted
        var priorityViews = (await priorities.ListAsync(id, ct))
            .Where(p => p.Status != PriorityStatus.Draft || string.Equals(p.AuthorAadObjectId, caller.AadObjectId, StringComparison.OrdinalIgnoreCase))
            .Select(p => new PriorityView(p.Number, p.Text.Title, p.Status, p.Text.Organisation,
                Utc(p.History.Count > 0 ? p.History.Max(h => h.At) : p.CreatedAt),
                [.. p.History.OrderBy(h => h.At).Select(h => new PriorityStep(Utc(h.At), h.To, h.ByName))]))
            .ToList();

        var titles = (await recommendations.ListAsync(id, ct)).ToDictionary(r => r.Item.Number, r => r.Item.Text.Title);
        var ballotViews = new List<BallotView>();
        foreach (var b in (await ballots.ListAsync(id, ct)).Select(v => v.Item).OrderByDescending(b => b.Number))
        {
            ballotViews.Add(await BallotAsync(id, b, titles, ct));
        }

        var taskViews = (await tasks.ListAsync(id, ct)).Select(v => v.Item).Select(t => new TaskView(t.Number, t.Text.Title, t.State, t.Progress, t.Start, t.Due,
            t.IsOverdue(today), t.Lead, [.. t.Owners.Select(o => names.GetValueOrDefault(o) ?? Resources.Text.Get("Task.FormerMember", Culture))],
            t.IsOwner(caller.AadObjectId))).ToList();

        var meetingViews = (await meetings.ListAsync(id, ct)).Select(v => v.Item).Select(m => Meeting(m, types)).ToList();

        var members = roster.OrderBy(m => m.Role).ThenBy(m => m.Name, StringComparer.Create(Culture, true))
            .Select(m => new MemberView(m.Name, m.Role, m.Organisation, m.OrganisationType)).ToList();

        return new VpiView(
            new VpiSummary(id, vpi.Country, Countries.Name(vpi.Country, Culture), vpi.Level, vpi.TimeZone ?? TimeZones.Utc, caller.Role),
            stages, (int?)vpi.NextStage, menu, priorityViews, ballotViews, taskViews, meetingViews, members);
    }

    /// <summary>
    /// A ballot as everyone sees it on its card: turnout per side (counts only, never who), and the tally only when the
    /// ballot's rules show it — after closing, or while open unless hidden (an anonymous ballot always hides it until close).
    /// </summary>
    private async Task<BallotView> BallotAsync(string vpiId, Ballot b, IReadOnlyDictionary<int, string> titles, CancellationToken ct)
    {
        var open = b.Status == BallotStatus.Open;
        IReadOnlyList<TurnoutView> turnout;
        BallotResult? tally;
        if (open)
        {
            var marks = await ballots.MarksAsync(vpiId, b.Number, ct);
            turnout = [.. b.Electorate.GroupBy(v => v.Side).OrderBy(g => g.Key)
                .Select(g => new TurnoutView(g.Key, g.Count(v => marks.TryGetValue(v.AadObjectId, out var m) && m.Voted), g.Count()))];
            tally = b.Rules.HideResults || b.Rules.Anonymous ? null
                : BallotCount.Count(b, [.. (await ballots.VotesAsync(vpiId, b.Number, ct)).Select(v => new CastBallot(v.Side, v.Choices))]);
        }
        else
        {
            turnout = b.Result is { } r
                ? [.. r.Turnout.Select(t => new TurnoutView(t.Side, t.Voted, t.Electorate))]
                : [.. b.Electorate.GroupBy(v => v.Side).OrderBy(g => g.Key).Select(g => new TurnoutView(g.Key, 0, g.Count()))];
            tally = b.Result;
        }
        var results = tally?.Outcomes.Select(o => new ResultView(o.Recommendation, titles.GetValueOrDefault(o.Recommendation) ?? "",
            open ? null : o.Adopted, [.. o.Sides.Select(s => Side(b.Rules.Method, s))])).ToList();
        return new BallotView(b.Number, b.Status, Utc(b.Rules.Deadline), b.Recommendations, turnout, results);
    }

    /// <summary>A side's count as yes / no / abstain: consent's agree / disagree and block / abstain; for score and ranked
    /// ballots, how many scored or ranked it in <c>yes</c> (their points are on the card).</summary>
    private static SideResult Side(VotingMethod method, SideTally s) => method switch
    {
        VotingMethod.Consent => new SideResult(s.Side, s.Agree, s.Disagree + s.Block, s.Abstain),
        VotingMethod.YesNo => new SideResult(s.Side, s.Yes, s.No, s.Abstain),
        _ => new SideResult(s.Side, s.Scored, 0, 0),
    };

    /// <summary>
    /// A meeting without its join link, agenda or addresses: replies as counts over the invitees, and the invitees who
    /// accepted by organisation type (people not on the roster as <c>External</c>).
    /// </summary>
    private static MeetingView Meeting(Meeting m, IReadOnlyDictionary<string, OrganisationType> types)
    {
        int accepted = 0, tentative = 0, declined = 0, none = 0;
        var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var invitee in m.Plan.Invitees)
        {
            var reply = m.Replies.GetValueOrDefault(invitee.Address, MeetingReply.None);
            switch (reply)
            {
                case MeetingReply.Accepted: accepted++; break;
                case MeetingReply.Tentative: tentative++; break;
                case MeetingReply.Declined: declined++; break;
                default: none++; break;
            }
            if (reply == MeetingReply.Accepted)
            {
                var type = invitee.AadObjectId is { } aad && types.TryGetValue(aad, out var t) ? t.ToString() : "External";
                byType[type] = byType.GetValueOrDefault(type) + 1;
            }
        }
        return new MeetingView(m.Number, m.Plan.Kind, m.Plan.Title, m.Start is { } s ? Utc(s) : null, m.End is { } e ? Utc(e) : null, m.Status,
            new ReplyCounts(accepted, tentative, declined, none), byType);
    }
}
