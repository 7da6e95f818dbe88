using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Features.Stages.Cards;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Stages;

public static class StageRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<StageHandlers>("stage", CommandGroup.Progress, Access.Viewer, (h, t, _, _) => Task.FromResult(h.Show(t)), CommandMenu.Conversations)
        .Card<StageHandlers, CompleteStage>(Access.Facilitator, (h, t, data, ct) => h.CompleteAsync(t, data, ct))
        .Card<StageHandlers, UndoStage>(Access.Facilitator, (h, t, data, ct) => h.UndoAsync(t, data, ct));
}

/// <summary>
/// "stage": the eight activities. Facilitators mark the next one done — only the one the card offered, only if it is
/// still next — and undo the last one marked by mistake, with a reason; both are logged on the VPI.
/// </summary>
public sealed class StageHandlers(VpiStore store, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Answer Show(VpiTurn t) => Answer.Card(StageCard.Build(t.Vpi, t.IsFacilitator, Today, t.Culture));

    public Task<Answer> CompleteAsync(VpiTurn t, CompleteStage data, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(data.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Task.FromResult(Answer.Card(StageCard.Build(t.Vpi, true, Today, t.Culture, t.Say("Stage.InvalidDate"), problem: true)));
        }
        return SaveAsync(t, vpi => StageRules.Complete(vpi, data.Stage, date, Today, t.Caller!.AadObjectId, t.Caller.Name, time.GetUtcNow()),
            t.Say("Stage.Completed", Labels.Of(data.Stage, t.Culture)), ct);
    }

    public Task<Answer> UndoAsync(VpiTurn t, UndoStage data, CancellationToken ct) =>
        data.Reason is { Length: > StageCard.MaxReason }
            ? Task.FromResult(Answer.Card(StageCard.Build(t.Vpi, true, Today, t.Culture, t.Say("Stage.UndoReasonTooLong", StageCard.MaxReason), problem: true)))
            : SaveAsync(t, vpi => StageRules.Undo(vpi, data.Stage, data.Reason, t.Caller!.AadObjectId, t.Caller.Name, time.GetUtcNow()),
                t.Say("Stage.Undone", Labels.Of(data.Stage, t.Culture)), ct);

    /// <summary>Applies a stage rule to the VPI as read and saves it if nobody changed it meanwhile; the card shows the truth either way.</summary>
    private async Task<Answer> SaveAsync(VpiTurn t, Func<Vpi, (Vpi? Vpi, StageRefusal? Refusal)> rule, string done, CancellationToken ct)
    {
        var (changed, refusal) = rule(t.Vpi);
        if (changed is null)
        {
            var stale = refusal is StageRefusal.NotNext or StageRefusal.NotLastDone;
            return Answer.Card(StageCard.Build(t.Vpi, true, Today, t.Culture, t.Say(stale ? "Refusal.StaleCard" : $"Stage.Refusal.{refusal}"), problem: !stale));
        }
        try
        {
            var saved = await store.UpdateAsync(t.Current, changed, ct);
            return Answer.Card(StageCard.Build(saved.Vpi, true, Today, t.Culture, done));
        }
        catch (ConcurrencyConflictException)
        {
            // someone else changed the VPI meanwhile: show what is true now, change nothing
            var now = await store.GetAsync(t.Vpi.Id, ct);
            return Answer.Card(StageCard.Build(now!.Vpi, true, Today, t.Culture, t.Say("Refusal.StaleCard")));
        }
    }
}
