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

/// <summary>
/// The stage card's "Undo": the activity marked last, and why it is undone (an input). The button sits in a card shown
/// inside the stage card, and an action there sends the outer card's inputs too (the renderer gathers them from every
/// parent): the "Mark as done" form's date and reason, which come along unread.
/// </summary>
public sealed record UndoStage(string VpiId, VpiStage Stage, string? Reason = null, string? Date = null, string? OpenTasksReason = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.stage.undo";
}
