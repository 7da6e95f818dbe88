using System.Text.Json.Serialization;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Recommendations;

/// <summary>
/// The form's button: a new recommendation (no number) or an edit of the revision the form was filled from; its inputs
/// as typed (<see cref="Priorities"/>: the multi-select's value, comma-separated numbers such as "1,4").
/// </summary>
public sealed record SaveRecommendation(
    string VpiId, int? Number = null, int? Revision = null, string? Title = null, string? Text = null, string? Priorities = null) : ICardData, IVpiCard
{
    public static string Verb => "recommendation.save";

    [JsonIgnore]
    public RecommendationDraft Draft => new(Title, Text, Priorities);
}

/// <summary>A page of the list, with the status it is filtered by.</summary>
public sealed record RecommendationListPage(string VpiId, int Page, RecommendationStatus? Status = null) : ICardData, IVpiCard
{
    public static string Verb => "recommendation.list";
}

/// <summary>A recommendation opened from a page of the list (which it replaces; its Back button returns to that page).</summary>
public sealed record OpenRecommendation(string VpiId, int Number, int FromPage, RecommendationStatus? Status = null) : ICardData, IVpiCard
{
    public static string Verb => "recommendation.open";
}

/// <summary>The proposer's Edit button, on the revision the card showed.</summary>
public sealed record EditRecommendation(string VpiId, int Number, int Revision) : ICardData, IVpiCard
{
    public static string Verb => "recommendation.edit";
}

/// <summary>The proposer's confirmed Withdraw, on the revision the card showed.</summary>
public sealed record WithdrawRecommendation(string VpiId, int Number, int Revision) : ICardData, IVpiCard
{
    public static string Verb => "recommendation.withdraw";
}

/// <summary>What the proposer typed and chose, as sent (kept when the form comes back with errors).</summary>
public sealed record RecommendationDraft(string? Title, string? Text, string? Priorities);
