using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Stages;

/// <summary>The eight activities with their completion dates; facilitators get the button for the next one.</summary>
public static class StageCard
{
    public const string Verb = "vpi.stage.complete";

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
            actions.Add(Execute(Text.Get("Stage.Complete", culture, Labels.Of(next, culture)), Verb,
                new JsonObject { ["vpiId"] = vpi.Id, ["stage"] = next.ToString() }));
        }
        return Card(body, actions);
    }
}

public sealed class StageCommand(VpiAccess access, TimeProvider time) : ITextCommand
{
    public string Name => "stage";
    public string DescriptionKey => "Help.Command.Stage";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: false, ct) is not { } scope)
        {
            return;
        }
        var canManage = VpiRules.CanManage(scope.Vpi, turn.From, scope.Caller) is null;
        await turn.SendCardAsync(StageCard.Build(scope.Vpi, canManage, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), turn.Culture), ct);
    }
}

/// <summary>Marks the next activity done. Only the activity the card offered, and only if it is still the next one.</summary>
public sealed class CompleteStageAction(VpiAccess access, VpiStore store, TimeProvider time) : ICardAction
{
    public string Verb => StageCard.Verb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindToManageAsync(turn, data, ct);
        if (scope is null)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var stage = Labels.Parse<VpiStage>(BotJson.StringAt(data, "stage"));
        if (stage is null || stage != scope.Vpi.NextStage)
        {
            return InvokeResponse.CardAction.Card(StageCard.Build(scope.Vpi, true, today, turn.Culture, Text.Get("Refusal.StaleCard", turn.Culture)));
        }
        // Teams may allow a date one day ahead of UTC in time zones east of it.
        if (!DateOnly.TryParseExact(BotJson.StringAt(data, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date > today.AddDays(1) || date.Year < 2000)
        {
            return InvokeResponse.CardAction.Card(StageCard.Build(scope.Vpi, true, today, turn.Culture, Text.Get("Stage.InvalidDate", turn.Culture)));
        }
        var completed = new Dictionary<VpiStage, DateOnly>(scope.Vpi.CompletedStages) { [stage.Value] = date };
        try
        {
            var saved = await store.UpdateAsync(scope.Current, scope.Vpi with { CompletedStages = completed }, ct);
            return InvokeResponse.CardAction.Card(StageCard.Build(saved.Vpi, true, today, turn.Culture,
                Text.Get("Stage.Completed", turn.Culture, Labels.Of(stage.Value, turn.Culture))));
        }
        catch (ConcurrencyConflictException)
        {
            // someone else changed the VPI meanwhile: show what is true now, change nothing
            var now = await store.GetAsync(scope.Vpi.Id, ct);
            return InvokeResponse.CardAction.Card(StageCard.Build(now!.Vpi, true, today, turn.Culture, Text.Get("Refusal.StaleCard", turn.Culture)));
        }
    }
}
