namespace VpiBot.Domain;

/// <summary>Why a stage step is refused; message <c>Stage.Refusal.{name}</c>.</summary>
public enum StageRefusal { NotNext, DateInFuture, DateTooOld, NotLastDone, ReasonRequired }

/// <summary>
/// The eight activities are marked done in order, each with the date it was done, and the last one marked can be undone
/// (a mistake) with a reason; both go in the VPI's stage log. Pure.
/// </summary>
public static class StageRules
{
    /// <summary>Teams' date picker works in the person's time zone: east of UTC it may already be tomorrow.</summary>
    public static DateOnly LatestDate(DateOnly todayUtc) => todayUtc.AddDays(1);

    public static (Vpi? Vpi, StageRefusal? Refusal) Complete(Vpi vpi, VpiStage stage, DateOnly date, DateOnly todayUtc, string by, string byName, DateTimeOffset now)
    {
        if (stage != vpi.NextStage)
        {
            return (null, StageRefusal.NotNext);
        }
        if (date > LatestDate(todayUtc))
        {
            return (null, StageRefusal.DateInFuture);
        }
        if (date.Year < 2000)
        {
            return (null, StageRefusal.DateTooOld);
        }
        return (vpi with
        {
            CompletedStages = new Dictionary<VpiStage, DateOnly>(vpi.CompletedStages) { [stage] = date },
            StageLog = [.. vpi.StageHistory, new StageEntry(stage, true, date, by, byName, now, null)],
        }, null);
    }

    /// <summary>Undoes the last activity marked done (only that one: the others were done after it).</summary>
    public static (Vpi? Vpi, StageRefusal? Refusal) Undo(Vpi vpi, VpiStage stage, string? reason, string by, string byName, DateTimeOffset now)
    {
        if (stage != vpi.CurrentStage)
        {
            return (null, StageRefusal.NotLastDone);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, StageRefusal.ReasonRequired);
        }
        var completed = new Dictionary<VpiStage, DateOnly>(vpi.CompletedStages);
        completed.Remove(stage);
        return (vpi with
        {
            CompletedStages = completed,
            StageLog = [.. vpi.StageHistory, new StageEntry(stage, false, null, by, byName, now, reason.Trim())],
        }, null);
    }
}
