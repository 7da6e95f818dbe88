using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Recommendations.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Recommendations;

/// <summary>
/// Joint recommendations: proposed by any VPI member from approved priorities, listed and shown to everyone in the VPI,
/// edited or withdrawn by their proposer until a facilitator puts them on a ballot.
/// </summary>
public sealed class RecommendationHandlers(RecommendationStore recommendations, PriorityStore priorities, TimeProvider time)
{
    /// <summary>"propose recommendation": the form, or why there is nothing to propose from yet.</summary>
    public async Task<Answer> FormAsync(VpiTurn t, CancellationToken ct)
    {
        var approved = await ApprovedAsync(t, ct);
        return approved.Count == 0
            ? Answer.Text(t.Say("Recommendation.NoApprovedPriorities"))
            : Form(t, null, null, new RecommendationDraft(null, null, null), approved);
    }

    /// <summary>The form's button: propose (or save an edit). Errors come back on the form, named, with what was typed kept.</summary>
    public async Task<Answer> SaveAsync(VpiTurn t, SaveRecommendation data, CancellationToken ct)
    {
        var caller = t.Caller!;
        var now = time.GetUtcNow();
        Versioned<Recommendation>? read = null;
        if (data.Number is { } number)
        {
            // an edit: whose it is and whether it may still change come before what was typed
            if ((read = await recommendations.GetAsync(t.Vpi.Id, number, ct)) is null)
            {
                return t.Refuse(Refusal.StaleCard);
            }
            if (RecommendationRules.CanChange(read.Item, caller.AadObjectId) is { } cannot)
            {
                return await DetailAsync(t, read.Item, t.Say($"Recommendation.Refusal.{cannot}"), ct: ct);
            }
        }
        var approved = await ApprovedAsync(t, ct);
        var (text, linked, errors) = RecommendationInput.Validate(data.Draft, approved, t.Culture);
        if (read is not null && read.Item.Revision != data.Revision)
        {
            // the form was filled from an older revision: the text is kept, and saving again (from the current revision) overwrites
            errors.Insert(0, t.Say("Recommendation.ChangedMeanwhile", RecommendationParts.Label(read.Item.Number, t.Culture)));
            text = null;
        }
        if (text is null)
        {
            return Form(t, data.Number, read?.Item.Revision, RecommendationInput.Trim(data.Draft, approved), approved, errors);
        }
        if (read is null)
        {
            try
            {
                var created = await recommendations.CreateAsync(t.Vpi.Id, n => RecommendationRules.Propose(n, text, linked, caller.AadObjectId, caller.Name, now), ct);
                return await DetailAsync(t, created, t.Say("Recommendation.Proposed", RecommendationParts.Label(created.Number, t.Culture)), ct: ct);
            }
            catch (ConcurrencyConflictException)
            {
                // no number could be taken (a crowd proposing at once, after every retry): keep what was typed, ask again
                return Form(t, null, null, RecommendationInput.Trim(data.Draft, approved), approved, [t.Say("Recommendation.TryAgain")]);
            }
        }
        var (edited, refused) = RecommendationRules.Edit(read.Item, text, linked, caller.AadObjectId, caller.Name, now);
        if (edited is null)
        {
            return await DetailAsync(t, read.Item, t.Say($"Recommendation.Refusal.{refused}"), ct: ct);
        }
        try
        {
            var saved = await recommendations.SaveAsync(t.Vpi.Id, read, edited, [], ct);
            return await DetailAsync(t, saved.Item, t.Say("Recommendation.Saved", RecommendationParts.Label(edited.Number, t.Culture)), ct: ct);
        }
        catch (ConcurrencyConflictException)
        {
            // saved by someone (another window) between reading and writing: the form again, from what is stored now
            return await SaveAsync(t, data with { Revision = 0 }, ct); // revisions start at 1: this one is out of date
        }
    }

    /// <summary>"recommendations [status]": the list, newest first, paged.</summary>
    public async Task<Answer> ListAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        var filter = StatusNames.Parse<RecommendationStatus>(arguments);
        if (filter is null && arguments.Trim().Length > 0)
        {
            return Answer.Text(t.Say("RecommendationList.UnknownFilter", arguments.Trim(), StatusNames.Names<RecommendationStatus>()));
        }
        return await PageAsync(t, new RecommendationListPage(t.Vpi.Id, 1, filter), ct);
    }

    public async Task<Answer> PageAsync(VpiTurn t, RecommendationListPage data, CancellationToken ct)
    {
        var newestFirst = (await recommendations.ListAsync(t.Vpi.Id, ct)).Select(v => v.Item).Where(r => data.Status is null || r.Status == data.Status).Reverse().ToList();
        return Answer.Card(RecommendationListCard.Build(t.Vpi, newestFirst, data.Status, data.Page, t.Culture));
    }

    /// <summary>One recommendation opened from the list: it replaces the list, with a way back to the same page.</summary>
    public async Task<Answer> OpenAsync(VpiTurn t, OpenRecommendation data, CancellationToken ct) =>
        await recommendations.GetAsync(t.Vpi.Id, data.Number, ct) is { } found
            ? await DetailAsync(t, found.Item, backTo: new RecommendationListPage(t.Vpi.Id, data.FromPage, data.Status), ct: ct)
            : t.Refuse(Refusal.StaleCard);

    /// <summary>"recommendation N" ("3", "#3", "R3"): one recommendation with its history.</summary>
    public async Task<Answer> ShowAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        var found = ItemNumbers.Parse(arguments, 'R') is { } number ? await recommendations.GetAsync(t.Vpi.Id, number, ct) : null;
        return found is null ? Answer.Text(t.Say("Recommendation.NotFound")) : await DetailAsync(t, found.Item, ct: ct);
    }

    /// <summary>The proposer's Edit button: the form again, filled in from the revision stored.</summary>
    public async Task<Answer> EditAsync(VpiTurn t, EditRecommendation data, CancellationToken ct)
    {
        var (found, refused) = await ChangeableAsync(t, data.Number, data.Revision, ct);
        if (found is null)
        {
            return refused!;
        }
        var r = found.Item;
        return Form(t, r.Number, r.Revision, new RecommendationDraft(r.Text.Title, r.Text.Text, RecommendationInput.Value(r.Priorities)), await ApprovedAsync(t, ct));
    }

    /// <summary>The proposer's confirmed Withdraw: final; the recommendation stays on record.</summary>
    public async Task<Answer> WithdrawAsync(VpiTurn t, WithdrawRecommendation data, CancellationToken ct)
    {
        var (found, refused) = await ChangeableAsync(t, data.Number, data.Revision, ct);
        if (found is null)
        {
            return refused!;
        }
        var caller = t.Caller!;
        var (withdrawn, cannot) = RecommendationRules.Withdraw(found.Item, caller.AadObjectId, caller.Name, time.GetUtcNow());
        if (withdrawn is null)
        {
            return await DetailAsync(t, found.Item, t.Say($"Recommendation.Refusal.{cannot}"), ct: ct);
        }
        try
        {
            var saved = await recommendations.SaveAsync(t.Vpi.Id, found, withdrawn, [], ct);
            return await DetailAsync(t, saved.Item, t.Say("Recommendation.Withdrawn", RecommendationParts.Label(saved.Item.Number, t.Culture)), ct: ct);
        }
        catch (ConcurrencyConflictException)
        {
            // changed meanwhile: nothing withdrawn; the card as it is now, saying so
            return (await ChangeableAsync(t, data.Number, revision: 0, ct)).Refused!;
        }
    }

    /// <summary>
    /// The recommendation, if the caller may change it from a card made on <paramref name="revision"/>; otherwise the answer
    /// saying why not (its current card with the reason on top).
    /// </summary>
    private async Task<(Versioned<Recommendation>? Found, Answer? Refused)> ChangeableAsync(VpiTurn t, int number, int revision, CancellationToken ct)
    {
        if (await recommendations.GetAsync(t.Vpi.Id, number, ct) is not { } found)
        {
            return (null, t.Refuse(Refusal.StaleCard));
        }
        var why = RecommendationRules.CanChange(found.Item, t.Caller?.AadObjectId) is { } cannot ? t.Say($"Recommendation.Refusal.{cannot}")
            : found.Item.Revision != revision ? t.Say("Recommendation.OutOfDate")
            : null;
        return why is null ? (found, null) : (null, await DetailAsync(t, found.Item, why, ct: ct));
    }

    private async Task<IReadOnlyList<Priority>> ApprovedAsync(VpiTurn t, CancellationToken ct) =>
        (await priorities.ListAsync(t.Vpi.Id, ct)).Where(p => p.Status == PriorityStatus.Approved).OrderBy(p => p.Number).ToList();

    private static Answer Form(VpiTurn t, int? number, int? revision, RecommendationDraft draft, IReadOnlyList<Priority> approved, IReadOnlyList<string>? errors = null) =>
        Answer.Card(RecommendationFormCard.Build(t.Vpi, number, revision, draft, approved, t.Culture, errors));

    private async Task<Answer> DetailAsync(VpiTurn t, Recommendation r, string? notice = null, RecommendationListPage? backTo = null, CancellationToken ct = default)
    {
        var titles = (await priorities.ListAsync(t.Vpi.Id, ct)).Where(p => r.Priorities.Contains(p.Number)).ToDictionary(p => p.Number, p => p.Text.Title);
        return Answer.Card(RecommendationDetailCard.Build(t.Vpi, r, titles, t.Caller?.AadObjectId, t.Culture, notice, backTo));
    }
}

/// <summary>Reading and checking the form's inputs. The limits are enforced here, whatever the card allowed.</summary>
public static class RecommendationInput
{
    /// <summary>How many priorities that cannot be linked a problem names at most.</summary>
    private const int MaxNamed = 5;

    /// <summary>
    /// A title, a text, and at least one priority that is approved now. Every field at fault is named, with what to do.
    /// </summary>
    public static (RecommendationText? Text, IReadOnlyList<int> Priorities, List<string> Errors) Validate(
        RecommendationDraft d, IReadOnlyList<Priority> approved, CultureInfo culture)
    {
        var errors = new List<string>();
        void Check(string? value, int max, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(Text.Get("RecommendationForm.Required", culture, Text.Get($"RecommendationForm.Field.{field}", culture)));
            }
            else if (value.Trim().Length > max)
            {
                errors.Add(Text.Get("RecommendationForm.TooLong", culture, Text.Get($"RecommendationForm.Field.{field}", culture), max, value.Trim().Length));
            }
        }
        Check(d.Title, RecommendationText.MaxTitle, "Title");
        Check(d.Text, RecommendationText.MaxText, "Text");
        var numbers = Numbers(d.Priorities);
        var approvedNumbers = approved.Select(p => p.Number).ToHashSet();
        var notApproved = numbers.Where(n => !approvedNumbers.Contains(n)).ToList();
        if (Tokens(d.Priorities).Any(s => ItemNumbers.Parse(s, 'P') is null))
        {
            errors.Add(Text.Get("RecommendationForm.Unreadable", culture));
        }
        else if (notApproved.Count > 0)
        {
            errors.Add(Text.Get("RecommendationForm.NotApproved", culture,
                RecommendationParts.Priorities(notApproved.Take(MaxNamed), culture) + (notApproved.Count > MaxNamed ? ", …" : "")));
        }
        else if (numbers.Count == 0)
        {
            errors.Add(Text.Get("RecommendationForm.ChoosePriority", culture));
        }
        return errors.Count > 0 ? (null, [], errors) : (new RecommendationText(d.Title!.Trim(), d.Text!.Trim()), numbers.ToList(), errors);
    }

    /// <summary>
    /// The form shown back: text over a limit cut to it (the error says by how much), so the card stays within Teams'
    /// 40 KB; of the priorities chosen, the ones that are approved. Nothing is saved until it fits.
    /// </summary>
    public static RecommendationDraft Trim(RecommendationDraft d, IReadOnlyList<Priority> approved)
    {
        var approvedNumbers = approved.Select(p => p.Number).ToHashSet();
        return new(FormText.Cut(d.Title, RecommendationText.MaxTitle), FormText.Cut(d.Text, RecommendationText.MaxText),
            Value(Numbers(d.Priorities).Where(approvedNumbers.Contains)));
    }

    /// <summary>The numbers a multi-select's value ("1,4") holds, each once, in order; what is not a number is left out.</summary>
    public static IReadOnlySet<int> Numbers(string? value) =>
        new SortedSet<int>(Tokens(value).Select(s => ItemNumbers.Parse(s, 'P')).OfType<int>());

    /// <summary>The multi-select's value for these numbers.</summary>
    public static string Value(IEnumerable<int> numbers) => string.Join(",", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static IReadOnlyList<string> Tokens(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

}
