namespace VpiBot.Domain;

public enum PriorityStatus { Draft, Submitted, UnderReview, Approved, Rejected, ChangesRequested, Withdrawn }

public enum ReviewDecision { Approve, Reject, RequestChanges }

/// <summary>How many of the review team must agree (chosen at setup). Teams Approvals offers the first two.</summary>
public enum ApprovalPolicy { AnyReviewer, AllReviewers, Majority }

/// <summary>One step in a priority's life: who moved it, when, from what to what, and why.</summary>
public sealed record PriorityTransition(string By, string ByName, DateTimeOffset At, PriorityStatus From, PriorityStatus To, string? Comment);

/// <summary>One reviewer's decision in the current review round.</summary>
public sealed record ReviewerDecision(string ReviewerAadObjectId, string ReviewerName, ReviewDecision Decision, string? Comment, DateTimeOffset At);

/// <summary>A card the bot posted, so it can be updated (PUT) when what it shows changes.</summary>
public sealed record PostedCard(string ServiceUrl, string ConversationId, string ActivityId);

/// <summary>What the author writes. Limits are the card's: title 120, description and rationale 2,000 characters.</summary>
public sealed record PriorityText(string Title, string Description, Instrument Instrument, ReviewCluster Cluster, string Rationale, string Organisation)
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 2000;
    public const int MaxRationale = 2000;
    public const int MaxOrganisation = 200;
}

/// <summary>
/// A priority for engagement (concept note §1.A, activities 3 and 4): submitted by the alliance, reviewed by the
/// government's review team. <see cref="Revision"/> grows with every edit, so a decision made on an older card is detected.
/// </summary>
public sealed record Priority(
    int Number,
    PriorityText Text,
    PriorityStatus Status,
    string AuthorAadObjectId,
    string AuthorName,
    int Revision,
    IReadOnlyList<string> Electorate,
    IReadOnlyList<ReviewerDecision> Decisions,
    IReadOnlyList<PriorityTransition> History,
    DateTimeOffset CreatedAt)
{
    public bool IsEditable => Status is PriorityStatus.Draft or PriorityStatus.ChangesRequested;
}
