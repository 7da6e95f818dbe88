using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Priorities;

/// <summary>
/// Priorities for engagement: submitted by the alliance (and facilitators), listed and shown to everyone in the VPI,
/// edited or withdrawn by their authors while a draft or sent back for changes.
/// </summary>
public sealed class PriorityHandlers(PriorityStore priorities, TimeProvider time)
{
    /// <summary>"submit priority": the submission form.</summary>
    public Answer Form(VpiTurn t) =>
        Answer.Card(PriorityFormCard.Build(t.Vpi, null, new PriorityDraft(null, null, null, null, null, t.Caller!.Organisation), t.Culture));

    /// <summary>The form's buttons: create (or edit) the priority as a draft or submitted. Errors come back on the form, text kept.</summary>
    public async Task<Answer> SaveAsync(VpiTurn t, SavePriority data, CancellationToken ct)
    {
        var draft = data.Draft;
        var (text, errors) = PriorityInput.Validate(draft, data.Mode == SaveMode.Submit, t.Vpi, t.Culture);
        if (text is null)
        {
            return Answer.Card(PriorityFormCard.Build(t.Vpi, data.Number, PriorityInput.Trim(draft), t.Culture, errors));
        }
        var submit = data.Mode == SaveMode.Submit;
        var caller = t.Caller!;
        var now = time.GetUtcNow();
        var saidDone = submit ? "Priority.Submitted" : "Priority.DraftSaved";
        if (data.Number is not { } number)
        {
            try
            {
                var created = await priorities.CreateAsync(t.Vpi.Id, num => PriorityReview.Create(num, text, submit, caller.AadObjectId, caller.Name, now), ct);
                return Answer.Card(PriorityDetailCard.Build(t.Vpi, created, true, t.Culture, t.Say(saidDone, created.Number)));
            }
            catch (ConcurrencyConflictException)
            {
                // no number could be taken (a crowd submitting at once, after every retry): keep what was typed, ask again
                return Answer.Card(PriorityFormCard.Build(t.Vpi, null, draft, t.Culture, [t.Say("Priority.TryAgain")]));
            }
        }
        if (await priorities.GetAsync(t.Vpi.Id, number, ct) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var (edited, cannot) = PriorityReview.Edit(read.Priority, text, submit, caller.AadObjectId, caller.Name, now);
        if (edited is null)
        {
            return Detail(t, read.Priority, t.Say($"Priority.Refusal.{cannot}"));
        }
        try
        {
            var saved = await priorities.SaveAsync(t.Vpi.Id, read, edited, ct);
            return Answer.Card(PriorityDetailCard.Build(t.Vpi, saved.Priority, true, t.Culture, t.Say(saidDone, saved.Priority.Number)));
        }
        catch (ConcurrencyConflictException)
        {
            // changed meanwhile (e.g. edited in another window): keep what was typed, ask to save again
            return Answer.Card(PriorityFormCard.Build(t.Vpi, number, draft, t.Culture, [t.Say("Refusal.StaleCard")]));
        }
    }

    /// <summary>"priorities [status]": the list, newest first, paged.</summary>
    public async Task<Answer> ListAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        var filter = PriorityFilter.Parse(arguments);
        if (filter is null && arguments.Trim().Length > 0)
        {
            return Answer.Text(t.Say("PriorityList.UnknownFilter", arguments.Trim(), PriorityFilter.Names));
        }
        return await PageAsync(t, new PriorityListPage(t.Vpi.Id, 1, filter), ct);
    }

    /// <summary>One priority opened from the list: it replaces the list, with a way back to the same page.</summary>
    public async Task<Answer> OpenAsync(VpiTurn t, OpenPriority data, CancellationToken ct) =>
        await priorities.GetAsync(t.Vpi.Id, data.Number, ct) is { } found
            ? Answer.Card(PriorityDetailCard.Build(t.Vpi, found.Priority, found.Priority.AuthorAadObjectId == t.Caller?.AadObjectId, t.Culture,
                backTo: new PriorityListPage(t.Vpi.Id, data.FromPage, data.Status)))
            : t.Refuse(Refusal.StaleCard);

    public async Task<Answer> PageAsync(VpiTurn t, PriorityListPage data, CancellationToken ct) =>
        Answer.Card(PriorityListCard.Build(t.Vpi, PriorityFilter.Apply(await priorities.ListAsync(t.Vpi.Id, ct), data.Status), data.Status, data.Page, t.Culture));

    /// <summary>"priority N": one priority with its history.</summary>
    public async Task<Answer> ShowAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        var found = ItemNumbers.Parse(arguments, 'P') is { } number ? await priorities.GetAsync(t.Vpi.Id, number, ct) : null;
        return found is null ? Answer.Text(t.Say("Priority.NotFound")) : Detail(t, found.Priority);
    }

    /// <summary>Every decision of the round, comments in full, a page at a time.</summary>
    public async Task<Answer> DecisionsAsync(VpiTurn t, PriorityDecisionsPage data, CancellationToken ct) =>
        await priorities.GetAsync(t.Vpi.Id, data.Number, ct) is { } found
            ? Answer.Card(PriorityDecisionsCard.Build(t.Vpi, found.Priority, data.Page, t.Culture))
            : t.Refuse(Refusal.StaleCard);

    /// <summary>The author's Edit button: the form again, filled in.</summary>
    public async Task<Answer> EditAsync(VpiTurn t, EditPriority data, CancellationToken ct)
    {
        if (await priorities.GetAsync(t.Vpi.Id, data.Number, ct) is not { } found)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var p = found.Priority;
        if (PriorityReview.CanChange(p, t.Caller?.AadObjectId) is { } cannot)
        {
            return Detail(t, p, t.Say($"Priority.Refusal.{cannot}"));
        }
        var x = p.Text;
        return Answer.Card(PriorityFormCard.Build(t.Vpi, p.Number,
            new PriorityDraft(x.Title, x.Description, x.Instrument.ToString(), x.Cluster.ToString(), x.Rationale, x.Organisation), t.Culture));
    }

    public async Task<Answer> WithdrawAsync(VpiTurn t, WithdrawPriority data, CancellationToken ct)
    {
        if (await priorities.GetAsync(t.Vpi.Id, data.Number, ct) is not { } found)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var caller = t.Caller!;
        var (withdrawn, cannot) = PriorityReview.Withdraw(found.Priority, caller.AadObjectId, caller.Name, time.GetUtcNow());
        if (withdrawn is null)
        {
            return Detail(t, found.Priority, t.Say($"Priority.Refusal.{cannot}"));
        }
        try
        {
            var saved = await priorities.SaveAsync(t.Vpi.Id, found, withdrawn, ct);
            return Answer.Card(PriorityDetailCard.Build(t.Vpi, saved.Priority, true, t.Culture, t.Say("Priority.Withdrawn", saved.Priority.Number)));
        }
        catch (ConcurrencyConflictException)
        {
            return t.Refuse(Refusal.StaleCard);
        }
    }

    private static Answer Detail(VpiTurn t, Priority p, string? notice = null) =>
        Answer.Card(PriorityDetailCard.Build(t.Vpi, p, p.AuthorAadObjectId == t.Caller?.AadObjectId, t.Culture, notice));
}

/// <summary>Reading and checking the form's inputs. The limits are enforced here, whatever the card allowed.</summary>
public static class PriorityInput
{
    /// <summary>
    /// A draft needs only its title; a submission everything but the rationale. Every field at fault is named, with what
    /// to do. A draft's instrument and cluster default to the VPI's.
    /// </summary>
    public static (PriorityText? Text, List<string> Errors) Validate(PriorityDraft d, bool submit, Vpi vpi, CultureInfo culture)
    {
        var errors = new List<string>();
        void Check(string? value, int max, string field, bool required) =>
            FormText.Check(errors, value, max, Text.Get($"PriorityForm.Field.{field}", culture), required, culture);
        Check(d.Title, PriorityText.MaxTitle, "Title", true);
        Check(d.Description, PriorityText.MaxDescription, "Description", submit);
        Check(d.Rationale, PriorityText.MaxRationale, "Rationale", submit);
        Check(d.Organisation, PriorityText.MaxOrganisation, "Organisation", submit);
        var instrument = string.IsNullOrEmpty(d.Instrument) && !submit ? vpi.Instrument : Labels.Parse<Instrument>(d.Instrument);
        var cluster = string.IsNullOrEmpty(d.Cluster) && !submit ? vpi.Cluster : Labels.Parse<ReviewCluster>(d.Cluster);
        if (instrument is null)
        {
            errors.Add(Text.Get("PriorityForm.Choose", culture, Text.Get("Setup.Instrument", culture)));
        }
        if (cluster is null)
        {
            errors.Add(Text.Get("PriorityForm.Choose", culture, Text.Get("Setup.Cluster", culture)));
        }
        return errors.Count > 0
            ? (null, errors)
            : (new PriorityText(d.Title!.Trim(), d.Description?.Trim() ?? "", instrument!.Value, cluster!.Value, d.Rationale?.Trim() ?? "", d.Organisation?.Trim() ?? ""), errors);
    }

    /// <summary>
    /// Text over a limit is shown back cut to the limit (the error says by how much), so the form stays within Teams'
    /// card size; nothing is saved until it fits.
    /// </summary>
    public static PriorityDraft Trim(PriorityDraft d) => new(
        FormText.Cut(d.Title, PriorityText.MaxTitle), FormText.Cut(d.Description, PriorityText.MaxDescription), d.Instrument, d.Cluster,
        FormText.Cut(d.Rationale, PriorityText.MaxRationale), FormText.Cut(d.Organisation, PriorityText.MaxOrganisation));
}

public static class PriorityFilter
{
    /// <summary>"submitted", "under review", "changes requested"… (the status name, spaces optional, any case).</summary>
    public static PriorityStatus? Parse(string arguments) => StatusNames.Parse<PriorityStatus>(arguments);

    /// <summary>The filters a person can type, as they type them ("under review").</summary>
    public static string Names => StatusNames.Names<PriorityStatus>();

    public static IReadOnlyList<Priority> Apply(IReadOnlyList<Priority> all, PriorityStatus? filter) =>
        filter is null ? all : all.Where(p => p.Status == filter).ToList();
}
