using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Roadmap;
using VpiBot.Features.Shared;
using VpiBot.Features.Stages.Cards;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Stages;

public static class StageRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<StageHandlers>("stage", CommandGroup.Progress, Access.Viewer, (h, t, _, ct) => h.ShowAsync(t, ct), CommandMenu.Conversations)
        .Card<StageHandlers, CompleteStage>(Access.Facilitator, (h, t, data, ct) => h.CompleteAsync(t, data, ct))
        .Card<StageHandlers, UndoStage>(Access.Facilitator, (h, t, data, ct) => h.UndoAsync(t, data, ct));
}

/// <summary>
/// "stage": the eight activities. Facilitators mark the next one done — only the one the card offered, only if it is
/// still next — and undo the last one marked by mistake, with a reason; both are logged on the VPI. The roadmap's
/// implementation (activity 8) shows the roadmap's progress, and is marked done with tasks still open only with a reason.
/// </summary>
public sealed class StageHandlers(VpiStore store, TaskStore tasks, TaskReading reading, OrganisationStore organisations, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Answer> ShowAsync(VpiTurn t, CancellationToken ct) => await CardAsync(t, t.Vpi, t.IsFacilitator, null, false, ct);

    public async Task<Answer> CompleteAsync(VpiTurn t, CompleteStage data, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(data.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return await CardAsync(t, t.Vpi, true, t.Say("Stage.InvalidDate"), true, ct);
        }
        if (data.OpenTasksReason is { Length: > StageCard.MaxReason })
        {
            return await CardAsync(t, t.Vpi, true, t.Say("Stage.ReasonTooLong", StageCard.MaxReason), true, ct);
        }
        var open = data.Stage == VpiStage.RoadmapImplementation ? (await ProgressAsync(t.Vpi, ct)).Open : 0;
        var alliance = data.Stage == VpiStage.CivilSocietyAlliance ? (await organisations.ListAsync(t.Vpi.Id, ct)).Count : 0;
        return await SaveAsync(t, vpi => StageRules.Complete(vpi, data.Stage, date, Today, t.Caller!.AadObjectId, t.Caller.Name, time.GetUtcNow(), open, data.OpenTasksReason,
                alliance),
            t.Say("Stage.Completed", Labels.Of(data.Stage, t.Culture)), ct);
    }

    public async Task<Answer> UndoAsync(VpiTurn t, UndoStage data, CancellationToken ct) =>
        data.Reason is { Length: > StageCard.MaxReason }
            ? await CardAsync(t, t.Vpi, true, t.Say("Stage.UndoReasonTooLong", StageCard.MaxReason), true, ct)
            : await SaveAsync(t, vpi => StageRules.Undo(vpi, data.Stage, data.Reason, t.Caller!.AadObjectId, t.Caller.Name, time.GetUtcNow()),
                t.Say("Stage.Undone", Labels.Of(data.Stage, t.Culture)), ct);

    /// <summary>Applies a stage rule to the VPI as read and saves it if nobody changed it meanwhile; the card shows the truth either way.</summary>
    private async Task<Answer> SaveAsync(VpiTurn t, Func<Vpi, (Vpi? Vpi, StageRefusal? Refusal)> rule, string done, CancellationToken ct)
    {
        var (changed, refusal) = rule(t.Vpi);
        if (changed is null)
        {
            var stale = refusal is StageRefusal.NotNext or StageRefusal.NotLastDone;
            return await CardAsync(t, t.Vpi, true, t.Say(stale ? "Refusal.StaleCard" : $"Stage.Refusal.{refusal}"), !stale, ct);
        }
        try
        {
            var saved = await store.UpdateAsync(t.Current, changed, ct);
            return await CardAsync(t, saved.Vpi, true, done, false, ct);
        }
        catch (ConcurrencyConflictException)
        {
            // someone else changed the VPI meanwhile: show what is true now, change nothing
            var now = await store.GetAsync(t.Vpi.Id, ct);
            return await CardAsync(t, now!.Vpi, true, t.Say("Refusal.StaleCard"), false, ct);
        }
    }

    private async Task<RoadmapProgress> ProgressAsync(Vpi vpi, CancellationToken ct) =>
        RoadmapProgress.Of((await tasks.ListAsync(vpi.Id, ct)).Select(v => v.Item), reading.Today(vpi));

    private async Task<Answer> CardAsync(VpiTurn t, Vpi vpi, bool canManage, string? notice, bool problem, CancellationToken ct) =>
        Answer.Card(StageCard.Build(vpi, canManage, Today, t.Culture, notice, problem, await ProgressAsync(vpi, ct),
            AllianceRules.CountByType(await organisations.ListAsync(vpi.Id, ct))));
}
