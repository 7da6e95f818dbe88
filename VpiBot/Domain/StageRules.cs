namespace VpiBot.Domain;

/// <summary>Why a stage step is refused; message <c>Stage.Refusal.{name}</c>.</summary>
public enum StageRefusal { NotNext, DateInFuture, DateTooOld, NotLastDone, ReasonRequired, OpenTasks, NoAllianceOrganisation }

/// <summary>
/// The eight activities are marked done in order, each with the date it was done, and the last one marked can be undone
/// (a mistake) with a reason; both go in the VPI's stage log. Pure.
/// </summary>
public static class StageRules
{
    /// <summary>Teams' date picker works in the person's time zone: east of UTC it may already be tomorrow.</summary>
    public static DateOnly LatestDate(DateOnly todayUtc) => todayUtc.AddDays(1);

    /// <summary>
    /// Marks the next activity done. The roadmap's implementation (activity 8) is done when no task is open, or, with
    /// <paramref name="openTasks"/> still open, only with the facilitator's reason, which the log keeps. The National Civil
    /// Society Alliance (activity 6) is founded on the day it is marked done, and only with an organisation registered in it
    /// (<paramref name="allianceOrganisations"/>).
    /// </summary>
    public static (Vpi? Vpi, StageRefusal? Refusal) Complete(Vpi vpi, VpiStage stage, DateOnly date, DateOnly todayUtc, string by, string byName, DateTimeOffset now,
        int openTasks = 0, string? reason = null, int allianceOrganisations = 0)
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
        if (stage == VpiStage.CivilSocietyAlliance && allianceOrganisations == 0)
        {
            return (null, StageRefusal.NoAllianceOrganisation);
        }
        var why = stage == VpiStage.RoadmapImplementation && openTasks > 0 ? reason?.Trim() : null;
        if (stage == VpiStage.RoadmapImplementation && openTasks > 0 && string.IsNullOrEmpty(why))
        {
            return (null, StageRefusal.OpenTasks);
        }
        return (vpi with
        {
            CompletedStages = new Dictionary<VpiStage, DateOnly>(vpi.CompletedStages) { [stage] = date },
            StageLog = [.. vpi.StageHistory, new StageEntry(stage, true, date, by, byName, now, why)],
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
