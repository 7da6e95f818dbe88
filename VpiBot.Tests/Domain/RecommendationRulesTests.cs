using VpiBot.Domain;

namespace VpiBot.Tests.Domain;

/// <summary>A joint recommendation's life, pure: Proposed → OnBallot → Adopted | NotAdopted; Proposed → Withdrawn; each step audited.</summary>
public sealed class RecommendationRulesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly RecommendationText Text = new("Shelters in every region", "Fund shelters for victims of trafficking in every region.");

    private static Recommendation Proposed() => RecommendationRules.Propose(3, Text, [4, 1, 4], "chioma-aad", "Chioma", Monday);

    [Fact]
    public void Proposing_starts_at_revision_one_with_its_priorities_once_each_in_order_and_a_first_history_entry()
    {
        var r = Proposed();
        Assert.Equal(3, r.Number);
        Assert.Equal(RecommendationStatus.Proposed, r.Status);
        Assert.Equal([1, 4], r.Priorities);
        Assert.Equal(1, r.Revision);
        Assert.Null(r.Ballot);
        Assert.Equal(Monday, r.CreatedAt);
        var first = Assert.Single(r.History);
        Assert.Equal(("chioma-aad", "Chioma", RecommendationStatus.Proposed, RecommendationStatus.Proposed), (first.By, first.ByName, first.From, first.To));
        Assert.True(r.IsEditable);
    }

    [Fact]
    public void Only_the_proposer_changes_it_and_only_while_it_is_proposed()
    {
        var r = Proposed();
        Assert.Null(RecommendationRules.CanChange(r, "CHIOMA-AAD")); // Entra object ids compare case-insensitively
        Assert.Equal(RecommendationRefusal.NotProposer, RecommendationRules.CanChange(r, "bob-aad"));
        Assert.Equal(RecommendationRefusal.NotProposer, RecommendationRules.CanChange(r, null));
        foreach (var status in new[] { RecommendationStatus.OnBallot, RecommendationStatus.Adopted, RecommendationStatus.NotAdopted, RecommendationStatus.Withdrawn })
        {
            Assert.Equal(RecommendationRefusal.NotEditable, RecommendationRules.CanChange(r with { Status = status }, "chioma-aad"));
            Assert.False((r with { Status = status }).IsEditable);
        }
    }

    [Fact]
    public void An_edit_by_the_proposer_replaces_text_and_priorities_grows_the_revision_and_is_audited()
    {
        var later = Monday.AddHours(2);
        var (edited, refusal) = RecommendationRules.Edit(Proposed(), Text with { Title = "Shelters and legal aid" }, [7, 2, 7], "chioma-aad", "Chioma", later);
        Assert.Null(refusal);
        Assert.Equal("Shelters and legal aid", edited!.Text.Title);
        Assert.Equal([2, 7], edited.Priorities);
        Assert.Equal(2, edited.Revision);
        Assert.Equal(RecommendationStatus.Proposed, edited.Status);
        Assert.Equal(2, edited.History.Count);
        Assert.Equal((later, RecommendationStatus.Proposed, RecommendationStatus.Proposed), (edited.History[1].At, edited.History[1].From, edited.History[1].To));
    }

    [Fact]
    public void Edits_and_withdrawals_by_anyone_else_or_too_late_are_refused()
    {
        var r = Proposed();
        Assert.Equal((null, RecommendationRefusal.NotProposer), RecommendationRules.Edit(r, Text, [1], "bob-aad", "Bob", Monday));
        Assert.Equal((null, RecommendationRefusal.NotProposer), RecommendationRules.Withdraw(r, "bob-aad", "Bob", Monday));
        var onBallot = RecommendationRules.PutOnBallot(r, 1, "alice-aad", "Alice", Monday).Recommendation!;
        Assert.Equal((null, RecommendationRefusal.NotEditable), RecommendationRules.Edit(onBallot, Text, [1], "chioma-aad", "Chioma", Monday));
        Assert.Equal((null, RecommendationRefusal.NotEditable), RecommendationRules.Withdraw(onBallot, "chioma-aad", "Chioma", Monday));
        var withdrawn = RecommendationRules.Withdraw(r, "chioma-aad", "Chioma", Monday).Recommendation!;
        Assert.Equal((null, RecommendationRefusal.NotEditable), RecommendationRules.Withdraw(withdrawn, "chioma-aad", "Chioma", Monday));
    }

    [Fact]
    public void Withdrawing_is_final_and_kept_in_the_history()
    {
        var (withdrawn, refusal) = RecommendationRules.Withdraw(Proposed(), "chioma-aad", "Chioma", Monday.AddDays(1));
        Assert.Null(refusal);
        Assert.Equal(RecommendationStatus.Withdrawn, withdrawn!.Status);
        Assert.Equal(1, withdrawn.Revision); // the text did not change
        Assert.Equal((RecommendationStatus.Proposed, RecommendationStatus.Withdrawn), (withdrawn.History[^1].From, withdrawn.History[^1].To));
        Assert.Equal((null, RecommendationRefusal.NotProposed), RecommendationRules.PutOnBallot(withdrawn, 1, "alice-aad", "Alice", Monday));
    }

    [Fact]
    public void A_proposed_recommendation_goes_on_one_ballot_and_is_concluded_by_that_ballot_only()
    {
        var (onBallot, refusal) = RecommendationRules.PutOnBallot(Proposed(), 2, "alice-aad", "Alice", Monday);
        Assert.Null(refusal);
        Assert.Equal((RecommendationStatus.OnBallot, 2), (onBallot!.Status, onBallot.Ballot));
        Assert.Equal(("alice-aad", RecommendationStatus.Proposed, RecommendationStatus.OnBallot), (onBallot.History[^1].By, onBallot.History[^1].From, onBallot.History[^1].To));
        Assert.Equal((null, RecommendationRefusal.NotProposed), RecommendationRules.PutOnBallot(onBallot, 3, "alice-aad", "Alice", Monday));

        Assert.Equal((null, RecommendationRefusal.NotOnBallot), RecommendationRules.Conclude(onBallot, 3, true, "-", "alice-aad", "Alice", Monday));
        Assert.Equal((null, RecommendationRefusal.NotOnBallot), RecommendationRules.Conclude(Proposed(), 2, true, "-", "alice-aad", "Alice", Monday));

        var adopted = RecommendationRules.Conclude(onBallot, 2, true, "Supported by both sides.", "alice-aad", "Alice", Monday).Recommendation!;
        Assert.Equal(RecommendationStatus.Adopted, adopted.Status);
        Assert.Equal("Supported by both sides.", adopted.History[^1].Comment);
        var notAdopted = RecommendationRules.Conclude(onBallot, 2, false, "No support from the government side.", "alice-aad", "Alice", Monday).Recommendation!;
        Assert.Equal((RecommendationStatus.OnBallot, RecommendationStatus.NotAdopted), (notAdopted.History[^1].From, notAdopted.History[^1].To));
        Assert.Equal((null, RecommendationRefusal.NotOnBallot), RecommendationRules.Conclude(adopted, 2, false, "-", "alice-aad", "Alice", Monday));
        Assert.Equal(2, adopted.Ballot); // the ballot it was last on
    }
}
