using VpiBot.Domain;

namespace VpiBot.Tests.Domain;

/// <summary>The priority's state machine and the three approval policies, as pure rules.</summary>
public sealed class PriorityReviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly PriorityText Text = new("Victim protection", "Shelters for victims", Instrument.TraffickingInPersons, ReviewCluster.Prevention, "Gap", "NGO A");
    private static readonly string[] Team = ["r1", "r2", "r3"];

    private static Priority UnderReview(params string[] electorate)
    {
        var submitted = PriorityReview.Create(1, Text, submit: true, "author", "Author", Now);
        return PriorityReview.SendForReview(submitted, electorate.Length == 0 ? Team : electorate, "fac", "Facilitator", Now).Priority!;
    }

    [Fact]
    public void Creation_is_a_draft_or_submitted_and_every_step_is_in_the_history()
    {
        var draft = PriorityReview.Create(7, Text, submit: false, "author", "Author", Now);
        Assert.Equal(PriorityStatus.Draft, draft.Status);
        var p = UnderReview();
        Assert.Equal([PriorityStatus.Draft, PriorityStatus.Submitted, PriorityStatus.UnderReview], p.History.Select(h => h.To));
        Assert.Equal("fac", p.History[^1].By);
    }

    [Theory]
    [InlineData(ReviewDecision.Approve, PriorityStatus.Approved)]
    [InlineData(ReviewDecision.Reject, PriorityStatus.Rejected)]
    [InlineData(ReviewDecision.RequestChanges, PriorityStatus.ChangesRequested)]
    public void Any_reviewer_the_first_decision_decides(ReviewDecision decision, PriorityStatus expected)
    {
        var (p, _) = PriorityReview.Decide(UnderReview(), ApprovalPolicy.AnyReviewer, "r2", "R2", decision, "why", 1, Now);
        Assert.Equal(expected, p!.Status);
        Assert.Equal("why", p.History[^1].Comment);
    }

    [Fact]
    public void All_reviewers_must_approve_and_one_rejection_decides()
    {
        var p = UnderReview();
        (p, _) = PriorityReview.Decide(p!, ApprovalPolicy.AllReviewers, "r1", "R1", ReviewDecision.Approve, null, 1, Now);
        (p, _) = PriorityReview.Decide(p!, ApprovalPolicy.AllReviewers, "r2", "R2", ReviewDecision.Approve, null, 1, Now);
        Assert.Equal(PriorityStatus.UnderReview, p!.Status);
        var (approved, _) = PriorityReview.Decide(p, ApprovalPolicy.AllReviewers, "r3", "R3", ReviewDecision.Approve, null, 1, Now);
        Assert.Equal(PriorityStatus.Approved, approved!.Status);
        var (rejected, _) = PriorityReview.Decide(p, ApprovalPolicy.AllReviewers, "r3", "R3", ReviewDecision.Reject, "Not ours", 1, Now);
        Assert.Equal(PriorityStatus.Rejected, rejected!.Status);
        // asking for changes is not a rejection: the author may edit and submit again
        var (sentBack, _) = PriorityReview.Decide(p, ApprovalPolicy.AllReviewers, "r3", "R3", ReviewDecision.RequestChanges, "Add data", 1, Now);
        Assert.Equal(PriorityStatus.ChangesRequested, sentBack!.Status);
    }

    [Theory]
    [InlineData(ReviewDecision.Reject)]
    [InlineData(ReviewDecision.RequestChanges)]
    public void Rejecting_or_asking_for_changes_needs_a_reason(ReviewDecision decision)
    {
        Assert.Equal(ReviewRefusal.ReasonRequired, PriorityReview.Record(UnderReview(), "r1", "R1", decision, null, 1, Now).Refusal);
        Assert.Equal(ReviewRefusal.ReasonRequired, PriorityReview.Record(UnderReview(), "r1", "R1", decision, "  ", 1, Now).Refusal);
        Assert.NotNull(PriorityReview.Record(UnderReview(), "r1", "R1", ReviewDecision.Approve, null, 1, Now).Decision);
    }

    [Fact]
    public void The_outcome_is_derived_from_the_decisions_in_the_order_they_were_made_whoever_concludes()
    {
        var p = UnderReview(); // electorate r1, r2, r3
        ReviewerDecision At(string who, ReviewDecision d, int second) => new(who, who.ToUpperInvariant(), d, "because", Now.AddSeconds(second));
        // any reviewer: two decisions at nearly the same moment, seen in either order: the earlier one decides
        var later = At("r1", ReviewDecision.Approve, 2);
        var earlier = At("r2", ReviewDecision.Reject, 1);
        var one = PriorityReview.Conclude(p, ApprovalPolicy.AnyReviewer, [later, earlier])!;
        var other = PriorityReview.Conclude(p, ApprovalPolicy.AnyReviewer, [earlier, later])!;
        Assert.Equal(PriorityStatus.Rejected, one.Status);
        Assert.Equal(one.Status, other.Status);
        Assert.Equal(["r2"], one.Decisions.Select(d => d.ReviewerAadObjectId)); // the later decision came after the round ended
        Assert.Equal("r2", one.History[^1].By);
        // all reviewers: open until the last approval; decisions of people outside the round do not count
        Assert.Null(PriorityReview.Conclude(p, ApprovalPolicy.AllReviewers, [At("r1", ReviewDecision.Approve, 1), At("intruder", ReviewDecision.Approve, 2)]));
        Assert.Equal(PriorityStatus.Approved, PriorityReview.Conclude(p, ApprovalPolicy.AllReviewers,
            [At("r3", ReviewDecision.Approve, 3), At("r1", ReviewDecision.Approve, 1), At("r2", ReviewDecision.Approve, 2)])!.Status);
        // a concluded priority concludes no more
        Assert.Null(PriorityReview.Conclude(one, ApprovalPolicy.AnyReviewer, [earlier]));
    }

    [Theory]
    [InlineData(3, new[] { ReviewDecision.Approve }, null)]
    [InlineData(3, new[] { ReviewDecision.Approve, ReviewDecision.Approve }, PriorityStatus.Approved)]
    [InlineData(3, new[] { ReviewDecision.Reject, ReviewDecision.Approve }, null)]
    [InlineData(3, new[] { ReviewDecision.Reject, ReviewDecision.Reject }, PriorityStatus.Rejected)]
    [InlineData(3, new[] { ReviewDecision.Reject, ReviewDecision.RequestChanges }, PriorityStatus.ChangesRequested)]
    [InlineData(4, new[] { ReviewDecision.Approve, ReviewDecision.Approve }, null)]
    [InlineData(4, new[] { ReviewDecision.Approve, ReviewDecision.Approve, ReviewDecision.Approve }, PriorityStatus.Approved)]
    [InlineData(4, new[] { ReviewDecision.Approve, ReviewDecision.Approve, ReviewDecision.Reject, ReviewDecision.Reject }, PriorityStatus.Rejected)]
    [InlineData(1, new[] { ReviewDecision.Approve }, PriorityStatus.Approved)]
    public void Majority_needs_more_than_half_of_the_review_team(int electorate, ReviewDecision[] decisions, PriorityStatus? expected) =>
        Assert.Equal(expected, PriorityReview.Outcome(ApprovalPolicy.Majority, electorate, decisions));

    [Fact]
    public void A_reviewer_decides_once_per_round()
    {
        var (once, _) = PriorityReview.Decide(UnderReview(), ApprovalPolicy.AllReviewers, "r1", "R1", ReviewDecision.Approve, null, 1, Now);
        var (twice, refusal) = PriorityReview.Decide(once!, ApprovalPolicy.AllReviewers, "R1", "R1", ReviewDecision.Reject, null, 1, Now);
        Assert.Null(twice);
        Assert.Equal(ReviewRefusal.AlreadyDecided, refusal);
    }

    [Fact]
    public void Only_the_electorate_decides_on_the_revision_it_saw_while_under_review()
    {
        var p = UnderReview();
        Assert.Equal(ReviewRefusal.NotReviewer, PriorityReview.Decide(p, ApprovalPolicy.AnyReviewer, "author", "A", ReviewDecision.Approve, null, 1, Now).Refusal);
        Assert.Equal(ReviewRefusal.CardOutOfDate, PriorityReview.Decide(p, ApprovalPolicy.AnyReviewer, "r1", "R1", ReviewDecision.Approve, null, 0, Now).Refusal);
        var decided = PriorityReview.Decide(p, ApprovalPolicy.AnyReviewer, "r1", "R1", ReviewDecision.Approve, null, 1, Now).Priority!;
        Assert.Equal(ReviewRefusal.NotUnderReview, PriorityReview.Decide(decided, ApprovalPolicy.AnyReviewer, "r2", "R2", ReviewDecision.Reject, null, 1, Now).Refusal);
    }

    [Fact]
    public void Changes_requested_go_back_to_the_author_who_edits_and_resubmits_as_a_new_revision()
    {
        var sentBack = PriorityReview.Decide(UnderReview(), ApprovalPolicy.AnyReviewer, "r1", "R1", ReviewDecision.RequestChanges, "More data", 1, Now).Priority!;
        Assert.Equal(ReviewRefusal.NotAuthor, PriorityReview.Edit(sentBack, Text, true, "r1", "R1", Now).Refusal);
        var (edited, _) = PriorityReview.Edit(sentBack, Text with { Rationale = "Data added" }, submit: true, "author", "Author", Now);
        Assert.Equal(PriorityStatus.Submitted, edited!.Status);
        Assert.Equal(2, edited.Revision);
        var again = PriorityReview.SendForReview(edited, Team, "fac", "F", Now).Priority!;
        Assert.Empty(again.Decisions); // a new round
        Assert.Equal(ReviewRefusal.NotEditable, PriorityReview.Edit(again, Text, true, "author", "Author", Now).Refusal);
    }

    [Fact]
    public void Withdrawing_keeps_the_priority_on_record()
    {
        var draft = PriorityReview.Create(1, Text, submit: false, "author", "Author", Now);
        var (withdrawn, _) = PriorityReview.Withdraw(draft, "author", "Author", Now);
        Assert.Equal(PriorityStatus.Withdrawn, withdrawn!.Status);
        Assert.Equal(Text, withdrawn.Text);
        Assert.Equal(ReviewRefusal.NotEditable, PriorityReview.Withdraw(UnderReview(), "author", "Author", Now).Refusal);
    }
}
