using System.Security.Cryptography;
using System.Text;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Ballots;

/// <summary>
/// An anonymous ballot: how a person voted is shown to nobody, and once it is closed no stored row ties a vote to a
/// voter — not a key, not the ballot's secret (erased), not a row holding both — while who voted is still known.
/// </summary>
public sealed class AnonymousBallotTests : BallotTestBed
{
    [Fact]
    public async Task Every_stored_row_of_a_closed_anonymous_ballot_is_read_and_none_ties_a_vote_to_a_voter()
    {
        await SetUp();
        var r1 = await Propose("Specialised shelters");
        var posted = await OpenBallot(OpenInputs(VpiId, $"{r1}", anonymous: true));
        Assert.Contains("Anonymous", Visible(posted));
        Assert.Contains("hidden until voting closes", Visible(posted)); // a running tally would tell each vote as it comes
        var voters = new[] { (Bob, "Agree"), (Chioma, "Block"), (Dave, "Disagree") };
        foreach (var (voter, stance) in voters)
        {
            var (card, _) = await Channel.Click("ballot.vote", VoteData(await ViewAs(voter, posted), ("choice1", stance), ("reason1", "My reason to " + stance)), voter);
            Assert.Equal(stance, InputValue(card!, "choice1")); // the voter sees their own vote while it is open
        }
        var secret = (await StoredBallot(1)).Secret!;
        // a facilitator asking who has not voted learns who voted, never how
        var missing = Visible(await Channel.Say("who hasn't voted 1"));
        Assert.Contains("Femi Adeyemi", missing);
        Assert.DoesNotContain("Block", missing);

        await Channel.Say("close vote 1");
        await Channel.Delivered();

        var table = App.Services.GetRequiredService<ITableStore>();
        var rows = (await table.QueryAsync("vpi|" + VpiId, null, TableLimits.MaxPageSize, null, default)).Rows;
        var ballot = await StoredBallot(1);
        Assert.Null(ballot.Secret);
        Assert.True(ballot.Sealed);
        var people = voters.Select(v => v.Item1).Append(Femi).ToList();
        var identifiers = people.SelectMany(p => new[] { p.AadObjectId, p.Name, p.Id }).ToList();
        var hashed = people.Select(p => Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes(p.AadObjectId.ToLowerInvariant())))).ToList();
        var votes = rows.Where(r => r.RowKey.StartsWith("vote|", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, votes.Count);
        foreach (var row in rows)
        {
            var holdsAVote = row.Data.Contains("\"stance\"", StringComparison.OrdinalIgnoreCase);
            if (holdsAVote)
            {
                Assert.All(identifiers, id => Assert.False(row.Data.Contains(id, StringComparison.OrdinalIgnoreCase) || row.RowKey.Contains(id, StringComparison.OrdinalIgnoreCase), $"{row.RowKey} ties a vote to {id}: {row.Data}"));
            }
            Assert.All(hashed, h => Assert.DoesNotContain(h, row.RowKey + row.Data, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, row.Data, StringComparison.Ordinal);
        }
        // the reasons stay with the votes, the voters' gates say only who voted
        Assert.Contains(votes, v => v.Data.Contains("My reason", StringComparison.Ordinal));
        var marks = await App.Services.GetRequiredService<BallotStore>().MarksAsync(VpiId, 1, default);
        Assert.Equal([Bob.AadObjectId, Chioma.AadObjectId, Dave.AadObjectId], marks.Where(m => m.Value.Voted).Select(m => m.Key).Order());
        // the counted result stands: one block stops it
        Assert.Equal(OutcomeReason.Blocked, ballot.Result!.Outcomes[0].Reason);
        Assert.Equal(RecommendationStatus.NotAdopted, (await StoredRecommendation(r1)).Status);
        // and a voter looking at the closed ballot sees that they voted, not how
        var (bobLater, _) = await Channel.Click("ballot.view", new System.Text.Json.Nodes.JsonObject { ["vpiId"] = VpiId, ["number"] = 1 }, Bob);
        Assert.Null(InputValue(bobLater!, "choice1"));
    }
}
