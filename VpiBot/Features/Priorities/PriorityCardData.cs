using System.Text.Json.Serialization;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Priorities;

public enum SaveMode { Submit, Draft }

/// <summary>The submission form's buttons: new (no number) or an edit; its inputs as typed.</summary>
public sealed record SavePriority(
    string VpiId, SaveMode Mode, int? Number = null,
    string? Title = null, string? Description = null, string? Instrument = null, string? Cluster = null,
    string? Rationale = null, string? Organisation = null) : ICardData, IVpiCard
{
    public static string Verb => "priority.save";

    [JsonIgnore]
    public PriorityDraft Draft => new(Title, Description, Instrument, Cluster, Rationale, Organisation);
}

/// <summary>A page of the list, with the status it is filtered by.</summary>
public sealed record PriorityListPage(string VpiId, int Page, PriorityStatus? Status = null) : ICardData, IVpiCard
{
    public static string Verb => "priority.list";
}

/// <summary>A priority opened from a page of the list (which it replaces; its Back button returns to that page).</summary>
public sealed record OpenPriority(string VpiId, int Number, int FromPage, PriorityStatus? Status = null) : ICardData, IVpiCard
{
    public static string Verb => "priority.open";
}

/// <summary>The author's Edit button on a priority's card.</summary>
public sealed record EditPriority(string VpiId, int Number, int Revision) : ICardData, IVpiCard
{
    public static string Verb => "priority.edit";
}

/// <summary>The author's Withdraw button on a priority's card.</summary>
public sealed record WithdrawPriority(string VpiId, int Number, int Revision) : ICardData, IVpiCard
{
    public static string Verb => "priority.withdraw";
}

/// <summary>A page of a priority's decisions, comments in full.</summary>
public sealed record PriorityDecisionsPage(string VpiId, int Number, int Page) : ICardData, IVpiCard
{
    public static string Verb => "priority.decisions";
}

/// <summary>The review card's refresh: each viewer's own view of it.</summary>
public sealed record ViewReview(string VpiId, int Number) : ICardData, IVpiCard
{
    public static string Verb => "priority.view";
}

/// <summary>A reviewer's Approve / Reject / Request changes, on the revision they saw, with the comment typed (an input).</summary>
public sealed record DecidePriority(string VpiId, int Number, int Revision, ReviewDecision Decision, string? Comment = null) : ICardData, IVpiCard
{
    public static string Verb => "priority.decide";
}

/// <summary>What the author typed, as typed (kept when the form comes back with errors).</summary>
public sealed record PriorityDraft(string? Title, string? Description, string? Instrument, string? Cluster, string? Rationale, string? Organisation);
