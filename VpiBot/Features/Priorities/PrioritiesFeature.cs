using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Features.Shared;
using VpiBot.Notifications;
using VpiBot.Protocol;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Priorities;

/// <summary>"submit priority": alliance members and facilitators get the submission form.</summary>
public sealed class SubmitPriorityCommand(VpiAccess access) : ITextCommand
{
    public string Name => "submit priority";
    public string DescriptionKey => "Help.Command.SubmitPriority";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: false, ct) is not { } scope)
        {
            return;
        }
        if (VpiRules.CanSubmitPriority(scope.Caller) is { } refusal)
        {
            await turn.SendTextAsync(VpiAccess.Explain(refusal, turn), ct);
            return;
        }
        await turn.SendCardAsync(PriorityFormCard.Build(scope.Vpi, null,
            new PriorityDraft(null, null, null, null, null, scope.Caller!.Organisation), turn.Culture), ct);
    }
}

/// <summary>The form's buttons: create (or edit) the priority as a draft or submitted. Errors come back on the form, text kept.</summary>
public sealed class SavePriorityAction(VpiAccess access, PriorityStore priorities, TimeProvider time) : ICardAction
{
    public string Verb => PriorityFormCard.SaveVerb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindForCardAsync(turn, data, ct);
        if (scope is null || (refusal = VpiRules.CanSubmitPriority(scope.Caller)) is not null)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        var draft = PriorityInput.Read(data);
        var (text, errors) = PriorityInput.Validate(draft, turn.Culture);
        var number = ReviewCards.Number(data);
        if (text is null)
        {
            return InvokeResponse.CardAction.Card(PriorityFormCard.Build(scope.Vpi, number, PriorityInput.Trim(draft), turn.Culture, errors));
        }
        var submit = BotJson.StringAt(data, "mode") == "submit";
        var caller = scope.Caller!;
        var now = time.GetUtcNow();
        if (number is null)
        {
            var created = await priorities.CreateAsync(scope.Vpi.Id,
                num => PriorityReview.Create(num, text, submit, caller.AadObjectId, caller.Name, now), ct);
            return InvokeResponse.CardAction.Card(PriorityDetailCard.Build(scope.Vpi, created, true, turn.Culture,
                Text.Get(submit ? "Priority.Submitted" : "Priority.DraftSaved", turn.Culture, created.Number)));
        }
        var read = await priorities.GetAsync(scope.Vpi.Id, number.Value, ct);
        if (read is null)
        {
            return VpiAccess.Refuse(Refusal.StaleCard, turn);
        }
        var (edited, cannot) = PriorityReview.Edit(read.Priority, text, submit, caller.AadObjectId, caller.Name, now);
        if (edited is null)
        {
            return InvokeResponse.CardAction.Card(PriorityDetailCard.Build(scope.Vpi, read.Priority, read.Priority.AuthorAadObjectId == caller.AadObjectId,
                turn.Culture, Text.Get($"Priority.Refusal.{cannot}", turn.Culture)));
        }
        try
        {
            var saved = await priorities.SaveAsync(scope.Vpi.Id, read, edited, ct);
            return InvokeResponse.CardAction.Card(PriorityDetailCard.Build(scope.Vpi, saved.Priority, true, turn.Culture,
                Text.Get(submit ? "Priority.Submitted" : "Priority.DraftSaved", turn.Culture, saved.Priority.Number)));
        }
        catch (ConcurrencyConflictException)
        {
            // changed meanwhile (e.g. edited in another window): keep what was typed, ask to save again
            return InvokeResponse.CardAction.Card(PriorityFormCard.Build(scope.Vpi, number, draft, turn.Culture, [Text.Get("Refusal.StaleCard", turn.Culture)]));
        }
    }
}

/// <summary>Reading and checking the form's inputs. The limits are enforced here, whatever the card allowed.</summary>
public static class PriorityInput
{
    public static PriorityDraft Read(JsonObject data) => new(
        BotJson.StringAt(data, "title"), BotJson.StringAt(data, "description"), BotJson.StringAt(data, "instrument"),
        BotJson.StringAt(data, "cluster"), BotJson.StringAt(data, "rationale"), BotJson.StringAt(data, "organisation"));

    public static (PriorityText? Text, List<string> Errors) Validate(PriorityDraft d, CultureInfo culture)
    {
        var errors = new List<string>();
        void Check(string? value, int max, string field, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(value))
            {
                errors.Add(Text.Get("PriorityForm.Required", culture, Text.Get($"PriorityForm.Field.{field}", culture)));
            }
            else if (value is not null && value.Trim().Length > max)
            {
                errors.Add(Text.Get("PriorityForm.TooLong", culture, Text.Get($"PriorityForm.Field.{field}", culture), max, value.Trim().Length));
            }
        }
        Check(d.Title, PriorityText.MaxTitle, "Title", true);
        Check(d.Description, PriorityText.MaxDescription, "Description", true);
        Check(d.Rationale, PriorityText.MaxRationale, "Rationale", false);
        Check(d.Organisation, PriorityText.MaxOrganisation, "Organisation", true);
        var instrument = Labels.Parse<Instrument>(d.Instrument);
        var cluster = Labels.Parse<ReviewCluster>(d.Cluster);
        if (instrument is null || cluster is null)
        {
            errors.Add(Text.Get("Setup.Invalid", culture));
        }
        return errors.Count > 0
            ? (null, errors)
            : (new PriorityText(d.Title!.Trim(), d.Description!.Trim(), instrument!.Value, cluster!.Value, d.Rationale?.Trim() ?? "", d.Organisation!.Trim()), errors);
    }

    /// <summary>
    /// Text over a limit is shown back cut to the limit (the error says by how much), so the form stays within Teams'
    /// card size; nothing is saved until it fits.
    /// </summary>
    public static PriorityDraft Trim(PriorityDraft d) => new(
        Cut(d.Title, PriorityText.MaxTitle), Cut(d.Description, PriorityText.MaxDescription), d.Instrument, d.Cluster,
        Cut(d.Rationale, PriorityText.MaxRationale), Cut(d.Organisation, PriorityText.MaxOrganisation));

    private static string? Cut(string? s, int max) => s is { Length: var l } && l > max ? s[..max] : s;
}

/// <summary>"priorities [status]": the list, newest first, paged.</summary>
public sealed class PrioritiesCommand(VpiAccess access, PriorityStore priorities) : ITextCommand
{
    public string Name => "priorities";
    public string DescriptionKey => "Help.Command.Priorities";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: false, ct) is not { } scope)
        {
            return;
        }
        var filter = PriorityFilter.Parse(arguments);
        await turn.SendCardAsync(PriorityListCard.Build(scope.Vpi, PriorityFilter.Apply(await priorities.ListAsync(scope.Vpi.Id, ct), filter), filter, 1, turn.Culture), ct);
    }
}

public sealed class PriorityListPageAction(VpiAccess access, PriorityStore priorities) : ICardAction
{
    public string Verb => PriorityListCard.PageVerb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindForCardAsync(turn, data, ct);
        if (scope is null)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        var filter = Labels.Parse<PriorityStatus>(BotJson.StringAt(data, "status"));
        var page = BotJson.IntAt(data, "page") ?? 1;
        return InvokeResponse.CardAction.Card(PriorityListCard.Build(scope.Vpi,
            PriorityFilter.Apply(await priorities.ListAsync(scope.Vpi.Id, ct), filter), filter, page, turn.Culture));
    }
}

public static class PriorityFilter
{
    /// <summary>"submitted", "under review", "changes requested"… (the status name, spaces optional, any case).</summary>
    public static PriorityStatus? Parse(string arguments) =>
        Enum.GetValues<PriorityStatus>().Cast<PriorityStatus?>()
            .FirstOrDefault(s => string.Equals(s.ToString(), arguments.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<Priority> Apply(IReadOnlyList<Priority> all, PriorityStatus? filter) =>
        filter is null ? all : all.Where(p => p.Status == filter).ToList();
}

/// <summary>"priority N": one priority with its history.</summary>
public sealed class PriorityCommand(VpiAccess access, PriorityStore priorities) : ITextCommand
{
    public string Name => "priority";
    public string DescriptionKey => "Help.Command.Priority";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: false, ct) is not { } scope)
        {
            return;
        }
        var number = int.TryParse(arguments.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var found = number > 0 ? await priorities.GetAsync(scope.Vpi.Id, number, ct) : null;
        if (found is null)
        {
            await turn.SendTextAsync(Text.Get("Priority.NotFound", turn.Culture), ct);
            return;
        }
        await turn.SendCardAsync(PriorityDetailCard.Build(scope.Vpi, found.Priority,
            found.Priority.AuthorAadObjectId == scope.Caller?.AadObjectId, turn.Culture), ct);
    }
}

/// <summary>Buttons on a priority's cards: the VPI (as <see cref="VpiAccess.FindForCardAsync"/> allows) and the priority the card names.</summary>
public static class PriorityOnCard
{
    public static async Task<(VpiScope Scope, VersionedPriority Found, InvokeResponse? Refused)> FindAsync(
        VpiAccess access, PriorityStore priorities, Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindForCardAsync(turn, data, ct);
        if (scope is null)
        {
            return (null!, null!, VpiAccess.Refuse(refusal!.Value, turn));
        }
        if (ReviewCards.Number(data) is not { } number || await priorities.GetAsync(scope.Vpi.Id, number, ct) is not { } found)
        {
            return (null!, null!, VpiAccess.Refuse(Refusal.StaleCard, turn));
        }
        return (scope, found, null);
    }
}

/// <summary>The author's Edit button: the form again, filled in.</summary>
public sealed class EditPriorityAction(VpiAccess access, PriorityStore priorities) : ICardAction
{
    public string Verb => PriorityDetailCard.EditVerb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, found, refused) = await PriorityOnCard.FindAsync(access, priorities, turn, data, ct);
        if (refused is not null)
        {
            return refused;
        }
        var p = found.Priority;
        if (PriorityReview.CanChange(p, scope.Caller?.AadObjectId) is { } cannot)
        {
            return InvokeResponse.CardAction.Card(PriorityDetailCard.Build(scope.Vpi, p, p.AuthorAadObjectId == scope.Caller?.AadObjectId, turn.Culture,
                Text.Get($"Priority.Refusal.{cannot}", turn.Culture)));
        }
        var t = p.Text;
        return InvokeResponse.CardAction.Card(PriorityFormCard.Build(scope.Vpi, p.Number,
            new PriorityDraft(t.Title, t.Description, t.Instrument.ToString(), t.Cluster.ToString(), t.Rationale, t.Organisation), turn.Culture));
    }
}

public sealed class WithdrawPriorityAction(VpiAccess access, PriorityStore priorities, TimeProvider time) : ICardAction
{
    public string Verb => PriorityDetailCard.WithdrawVerb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, found, refused) = await PriorityOnCard.FindAsync(access, priorities, turn, data, ct);
        if (refused is not null)
        {
            return refused;
        }
        var caller = scope.Caller!;
        var (withdrawn, cannot) = PriorityReview.Withdraw(found.Priority, caller.AadObjectId, caller.Name, time.GetUtcNow());
        if (withdrawn is null)
        {
            return InvokeResponse.CardAction.Card(PriorityDetailCard.Build(scope.Vpi, found.Priority, found.Priority.AuthorAadObjectId == caller.AadObjectId,
                turn.Culture, Text.Get($"Priority.Refusal.{cannot}", turn.Culture)));
        }
        try
        {
            var saved = await priorities.SaveAsync(scope.Vpi.Id, found, withdrawn, ct);
            return InvokeResponse.CardAction.Card(PriorityDetailCard.Build(scope.Vpi, saved.Priority, true, turn.Culture,
                Text.Get("Priority.Withdrawn", turn.Culture, saved.Priority.Number)));
        }
        catch (ConcurrencyConflictException)
        {
            return VpiAccess.Refuse(Refusal.StaleCard, turn);
        }
    }
}
