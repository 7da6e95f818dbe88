using System.Text.Json.Serialization;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Ballots;

/// <summary>
/// The "open vote" form's button, with its inputs as typed: the recommendations (a multi-select: numbers joined by
/// commas), the method, the deadline's date (yyyy-MM-dd) and time (HH:mm) in the VPI's time zone, the quorum (a
/// percentage) and the toggles ("true" / "false").
/// </summary>
public sealed record OpenBallot(
    string VpiId,
    string? Recommendations = null, string? Method = null, string? DeadlineDate = null, string? DeadlineTime = null,
    string? Quorum = null, string? DoubleMajority = null, string? Anonymous = null, string? HideResults = null, string? FacilitatorsVote = null)
    : ICardData, IVpiCard
{
    public static string Verb => "ballot.open";
}

/// <summary>The ballot card's refresh, and its "Open my ballot" button: each viewer's own view of it.</summary>
public sealed record ViewBallot(string VpiId, int Number) : ICardData, IVpiCard
{
    public static string Verb => "ballot.view";
}

/// <summary>
/// A voter's Vote button. The choices are inputs named by the recommendation's position on the ballot
/// (<c>choice1</c>… <c>choice10</c>, <c>reason1</c>…), as Teams merges every input of the card into the data: a
/// stance, a score or a rank, and a reason to disagree or block.
/// </summary>
public sealed record CastVote(
    string VpiId, int Number,
    string? Choice1 = null, string? Choice2 = null, string? Choice3 = null, string? Choice4 = null, string? Choice5 = null,
    string? Choice6 = null, string? Choice7 = null, string? Choice8 = null, string? Choice9 = null, string? Choice10 = null,
    string? Reason1 = null, string? Reason2 = null, string? Reason3 = null, string? Reason4 = null, string? Reason5 = null,
    string? Reason6 = null, string? Reason7 = null, string? Reason8 = null, string? Reason9 = null, string? Reason10 = null) : ICardData, IVpiCard
{
    public static string Verb => "ballot.vote";

    /// <summary>The choice and reason typed for the recommendation at <paramref name="position"/> (0-based) on the ballot.</summary>
    [JsonIgnore]
    public IReadOnlyList<(string? Choice, string? Reason)> ByPosition =>
    [
        (Choice1, Reason1), (Choice2, Reason2), (Choice3, Reason3), (Choice4, Reason4), (Choice5, Reason5),
        (Choice6, Reason6), (Choice7, Reason7), (Choice8, Reason8), (Choice9, Reason9), (Choice10, Reason10),
    ];
}
