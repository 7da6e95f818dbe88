using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Storage;

namespace VpiBot.Features.Report;

/// <summary>Reads what the outcome report says about a VPI from its stores, now.</summary>
public sealed class ReportReading(VpiStore vpis, PriorityStore priorities, RecommendationStore recommendations, BallotStore ballots,
    TaskStore tasks, MeetingStore meetings, OrganisationStore organisations, ConsultationStore consultations, TimeProvider time)
{
    public async Task<ReportData> ReadAsync(Vpi vpi, CancellationToken ct)
    {
        var id = vpi.Id;
        var roster = await vpis.GetMembersAsync(id, ct);
        var names = roster.ToDictionary(m => m.AadObjectId, m => m.Name, StringComparer.OrdinalIgnoreCase);
        var votes = new Dictionary<int, Ballot>();
        foreach (var b in (await ballots.ListAsync(id, ct)).Select(v => v.Item))
        {
            votes[b.Number] = b;
        }
        var recs = new List<ReportRecommendation>();
        foreach (var r in (await recommendations.ListAsync(id, ct)).Select(v => v.Item).OrderBy(r => r.Number))
        {
            var ballot = r.Ballot is { } n ? votes.GetValueOrDefault(n) : null;
            recs.Add(new ReportRecommendation(r, ballot is null ? null : Vote(ballot, r.Number, await ResultAsync(id, ballot, ct))));
        }
        return new ReportData(
            vpi,
            time.GetUtcNow(),
            [.. (await priorities.ListAsync(id, ct)).OrderBy(p => p.Number)],
            recs,
            [.. (await tasks.ListAsync(id, ct)).Select(v => v.Item).OrderBy(t => t.Number)
                .Select(t => new ReportTask(t, [.. t.Owners.Select(o => names.GetValueOrDefault(o, o))]))],
            [.. (await meetings.ListAsync(id, ct)).Select(v => v.Item).OrderBy(m => m.Number).Select(m => new ReportMeeting(m, Attendance(m, roster)))],
            [.. (await organisations.ListAsync(id, ct)).OrderBy(o => o.Number)],
            await consultations.AnnexAsync(id, ct));
    }

    /// <summary>A closed ballot's result as counted at closing; an open one's running tally, unless it hides it until then.</summary>
    private async Task<BallotResult?> ResultAsync(string vpiId, Ballot b, CancellationToken ct) =>
        b.Status == BallotStatus.Closed && b.Result is { } closed ? closed
        : b.Status == BallotStatus.Open && b.Rules.HideResults ? null
        : BallotCount.Count(b, [.. (await ballots.VotesAsync(vpiId, b.Number, ct)).Select(v => new CastBallot(v.Side, v.Choices))]);

    private static ReportVote Vote(Ballot b, int recommendation, BallotResult? result) =>
        new(b.Number, b.Rules.Method, b.IsJoint, b.Status == BallotStatus.Closed, b.Rules.Deadline,
            result?.Turnout ?? [], result?.Outcomes.FirstOrDefault(o => o.Recommendation == recommendation));

    /// <summary>
    /// Who was invited to a meeting and who accepted, per organisation type of the roster (guests from outside it
    /// together, type null). The organizer holds the event and does not reply: counted as accepted.
    /// </summary>
    public static IReadOnlyList<MeetingAttendance> Attendance(Meeting m, IReadOnlyList<Member> roster)
    {
        var types = roster.ToDictionary(r => r.AadObjectId, r => r.OrganisationType, StringComparer.OrdinalIgnoreCase);
        return [.. m.Plan.Invitees
            .GroupBy(i => i.AadObjectId is { } aad && types.TryGetValue(aad, out var type) ? type : (OrganisationType?)null)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key)
            .Select(g => new MeetingAttendance(g.Key, g.Count(), g.Count(i => m.IsOrganizer(i) || Reply(m, i) == MeetingReply.Accepted)))];
    }

    private static MeetingReply Reply(Meeting m, Invitee i) =>
        m.Replies.FirstOrDefault(r => string.Equals(r.Key, i.Address, StringComparison.OrdinalIgnoreCase)).Value;
}
