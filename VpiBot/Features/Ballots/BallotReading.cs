using VpiBot.Domain;
using VpiBot.Features.Ballots.Cards;
using VpiBot.Storage;

namespace VpiBot.Features.Ballots;

/// <summary>Reads what a ballot card shows, as it is now.</summary>
public sealed class BallotReading(VpiStore vpis, RecommendationStore recommendations, BallotStore ballots)
{
    /// <summary>
    /// The ballot's state: its recommendations, who voted, the tally people may see (the result once closed; the running
    /// count while open unless hidden), and the voters' Teams ids for the card's refresh (none, and no roster read, beyond 60).
    /// </summary>
    public async Task<BallotState> StateAsync(string vpiId, Ballot b, CancellationToken ct)
    {
        var recs = new List<Recommendation>();
        foreach (var number in b.Recommendations)
        {
            if (await recommendations.GetAsync(vpiId, number, ct) is { } r)
            {
                recs.Add(r.Item);
            }
        }
        var marks = await ballots.MarksAsync(vpiId, b.Number, ct);
        var tally = b.Status == BallotStatus.Closed ? b.Result
            : b.Rules.HideResults ? null
            : BallotCount.Count(b, (await ballots.VotesAsync(vpiId, b.Number, ct)).Select(v => new CastBallot(v.Side, v.Choices)).ToList());
        IReadOnlyList<string> teamsIds = b.Electorate.Count > BallotCard.MaxRefreshUsers ? [] : (await vpis.GetMembersAsync(vpiId, ct))
            .Where(m => b.VoterOf(m.AadObjectId) is not null).Select(m => m.TeamsId).ToList();
        return new BallotState(b, recs, marks, tally, teamsIds);
    }

    /// <summary>The viewer's place on the ballot, if they are a voter: their vote as stored, and whether they may vote now.</summary>
    public async Task<VoterView?> ViewerAsync(string vpiId, Ballot b, string? aad, DateTimeOffset now, CancellationToken ct)
    {
        if (b.VoterOf(aad) is not { } voter)
        {
            return null;
        }
        var (mark, vote) = await ballots.GetVoterAsync(vpiId, b, voter.AadObjectId, ct);
        return new VoterView(voter, mark?.Voted == true, vote, b.Status == BallotStatus.Open && now < b.Rules.Deadline && mark is not { Closed: true });
    }
}
