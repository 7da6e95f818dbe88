using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Roadmap;
using VpiBot.Features.Shared;
using VpiBot.Features.Status.Cards;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;

namespace VpiBot.Features.Status;

/// <summary>
/// "status": the VPI at a glance — its stage, priorities, recommendations, votes, roadmap and next meeting. "my work":
/// what waits for the caller — priorities to decide (review team), votes to cast, their open tasks.
/// </summary>
public sealed class StatusHandlers(PriorityStore priorities, RecommendationStore recommendations, BallotStore ballots, TaskStore tasks,
    MeetingStore meetings, TaskReading reading, TimeProvider time)
{
    public async Task<Answer> StatusAsync(VpiTurn t, CancellationToken ct)
    {
        var id = t.Vpi.Id;
        var now = time.GetUtcNow();
        var facts = new VpiStatus(
            (await priorities.ListAsync(id, ct)).GroupBy(p => p.Status).ToDictionary(g => g.Key, g => g.Count()),
            (await recommendations.ListAsync(id, ct)).GroupBy(r => r.Item.Status).ToDictionary(g => g.Key, g => g.Count()),
            (await ballots.ListAsync(id, ct)).Select(v => v.Item).Where(b => b.Status == BallotStatus.Open).OrderBy(b => b.Rules.Deadline).ToList(),
            RoadmapProgress.Of((await tasks.ListAsync(id, ct)).Select(v => v.Item), reading.Today(t.Vpi)),
            (await meetings.ListAsync(id, ct)).Select(v => v.Item).Where(m => m.IsUpcoming(now)).MinBy(m => m.Start));
        return Answer.Card(StatusCard.Build(t.Vpi, facts, t.Culture));
    }

    public async Task<Answer> MyWorkAsync(VpiTurn t, CancellationToken ct)
    {
        var id = t.Vpi.Id;
        var caller = t.Caller!;
        var toDecide = new List<Priority>();
        if (caller.Role == VpiRole.ReviewTeam)
        {
            foreach (var p in (await priorities.ListAsync(id, ct)).Where(p => p.Status == PriorityStatus.UnderReview))
            {
                if (await priorities.GetAsync(id, p.Number, ct) is { } read && PriorityReview.CanDecide(read.Priority, caller) is null)
                {
                    toDecide.Add(read.Priority);
                }
            }
        }
        var toVote = new List<Ballot>();
        foreach (var b in (await ballots.ListAsync(id, ct)).Select(v => v.Item).Where(b => b.Status == BallotStatus.Open && b.VoterOf(caller.AadObjectId) is not null))
        {
            if ((await ballots.GetVoterAsync(id, b, caller.AadObjectId, ct)).Mark is not { Voted: true })
            {
                toVote.Add(b);
            }
        }
        var today = reading.Today(t.Vpi);
        var mine = (await tasks.ListAsync(id, ct)).Select(v => v.Item).Where(task => task.IsOpen && task.IsOwner(caller.AadObjectId))
            .OrderByDescending(task => task.IsOverdue(today)).ThenBy(task => task.Due).ThenBy(task => task.Number).ToList();
        return Answer.Card(MyWorkCard.Build(t.Vpi, toDecide, [.. toVote.OrderBy(b => b.Rules.Deadline)], mine, today, t.Culture));
    }
}
