using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Stages;

/// <summary>
/// The stage card's "Mark as done": the activity it offered, the date entered and, for the roadmap's implementation
/// with tasks still open, the reason (inputs).
/// </summary>
public sealed record CompleteStage(string VpiId, VpiStage Stage, string? Date = null, string? OpenTasksReason = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.stage.complete";
}

/// <summary>The stage card's "Undo": the activity marked last, and why it is undone (an input).</summary>
public sealed record UndoStage(string VpiId, VpiStage Stage, string? Reason = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.stage.undo";
}
