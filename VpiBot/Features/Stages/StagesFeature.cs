using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Stages;

/// <summary>The stage card's button: the activity it offered, and the date entered (an input).</summary>
public sealed record CompleteStage(string VpiId, VpiStage Stage, string? Date = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.stage.complete";
}

/// <summary>The eight activities with their completion dates; facilitators get the button for the next one.</summary>
public static class StageCard
{

    public static JsonObject Build(Vpi vpi, bool canManage, DateOnly today, CultureInfo culture, string? notice = null)
    {
        var body = new List<JsonNode?> { notice is null ? null : Notice(notice), Heading(Text.Get("Stage.Title", culture)) };
        body.Add(Facts(Enum.GetValues<VpiStage>().Select(stage => (
            $"{(int)stage}. {Labels.Of(stage, culture)}",
            vpi.CompletedStages.TryGetValue(stage, out var done) ? "✓ " + Text.Get("Stage.DoneOn", culture, Labels.Date(done, culture)) : Text.Get("Stage.Open", culture)))));
        var actions = new List<JsonNode>();
        if (canManage && vpi.NextStage is { } next)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.Date", ["id"] = "date", ["label"] = Text.Get("Stage.Date", culture), ["isRequired"] = true,
                ["errorMessage"] = Text.Get("Stage.InvalidDate", culture),
                ["value"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["max"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            actions.Add(Execute(Text.Get("Stage.Complete", culture, Labels.Of(next, culture)), new CompleteStage(vpi.Id, next)));
        }
        return Card(body, actions);
    }
}

public static class StageRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<StageHandlers>("stage", CommandGroup.Progress, Access.Viewer, (h, t, _, _) => Task.FromResult(h.Show(t)), CommandMenu.Conversations)
        .Card<StageHandlers, CompleteStage>(Access.Facilitator, (h, t, data, ct) => h.CompleteAsync(t, data, ct));
}

/// <summary>"stage": the eight activities; facilitators mark the next one done, only the one the card offered and only if it is still next.</summary>
public sealed class StageHandlers(VpiStore store, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Answer Show(VpiTurn t) => Answer.Card(StageCard.Build(t.Vpi, t.IsFacilitator, Today, t.Culture));

    public async Task<Answer> CompleteAsync(VpiTurn t, CompleteStage data, CancellationToken ct)
    {
        var today = Today;
        if (data.Stage != t.Vpi.NextStage)
        {
            return Answer.Card(StageCard.Build(t.Vpi, true, today, t.Culture, t.Say("Refusal.StaleCard")));
        }
        // Teams may allow a date one day ahead of UTC in time zones east of it.
        if (!DateOnly.TryParseExact(data.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date > today.AddDays(1) || date.Year < 2000)
        {
            return Answer.Card(StageCard.Build(t.Vpi, true, today, t.Culture, t.Say("Stage.InvalidDate")));
        }
        var completed = new Dictionary<VpiStage, DateOnly>(t.Vpi.CompletedStages) { [data.Stage] = date };
        try
        {
            var saved = await store.UpdateAsync(t.Current, t.Vpi with { CompletedStages = completed }, ct);
            return Answer.Card(StageCard.Build(saved.Vpi, true, today, t.Culture, t.Say("Stage.Completed", Labels.Of(data.Stage, t.Culture))));
        }
        catch (ConcurrencyConflictException)
        {
            // someone else changed the VPI meanwhile: show what is true now, change nothing
            var now = await store.GetAsync(t.Vpi.Id, ct);
            return Answer.Card(StageCard.Build(now!.Vpi, true, today, t.Culture, t.Say("Refusal.StaleCard")));
        }
    }
}
