using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Roadmap.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Roadmap;

/// <summary>
/// The roadmap the launch meeting agrees (concept note §1.A activities 4 and 8): facilitators add tasks, for an adopted
/// recommendation or none; owners and facilitators update status, progress and a comment from the task card; everyone
/// in the VPI sees who does what by when.
/// </summary>
public sealed class TaskHandlers(VpiStore vpis, RecommendationStore recommendations, TaskStore tasks, TaskReading reading, TimeProvider time)
{
    /// <summary>"add task": the form (the VPI's time zone confirmed first: the dates are days in it).</summary>
    public Task<Answer> FormAsync(VpiTurn t, CancellationToken ct) =>
        FormAsync(t, new SaveTask(t.Vpi.Id, Start: reading.Today(t.Vpi).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ct);

    /// <summary>"Add to roadmap" on a ballot's outcome card: the form, with the recommendation's title and the recommendation chosen.</summary>
    public async Task<Answer> FormForAsync(VpiTurn t, AddTaskFor data, CancellationToken ct)
    {
        if (await recommendations.GetAsync(t.Vpi.Id, data.Recommendation, ct) is not { Item: { Status: RecommendationStatus.Adopted } r })
        {
            return Answer.Text(t.Say("Task.NotAdopted", data.Recommendation));
        }
        return await FormAsync(t, new SaveTask(t.Vpi.Id, Title: r.Text.Title, Recommendation: r.Number.ToString(CultureInfo.InvariantCulture),
            Start: reading.Today(t.Vpi).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ct);
    }

    private async Task<Answer> FormAsync(VpiTurn t, SaveTask typed, CancellationToken ct) =>
        t.Vpi.TimeZone is null
            ? Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(t.Vpi, t.Culture, "add task"))
            : Answer.Card(TaskFormCard.Build(t.Vpi, await vpis.GetMembersAsync(t.Vpi.Id, ct), await AdoptedAsync(t.Vpi.Id, ct), typed, t.Culture));

    private async Task<IReadOnlyList<Recommendation>> AdoptedAsync(string vpiId, CancellationToken ct) =>
        (await recommendations.ListAsync(vpiId, ct)).Select(v => v.Item).Where(r => r.Status == RecommendationStatus.Adopted).ToList();

    /// <summary>
    /// The form's Add: checked (every problem named on the form, what was typed kept), then the task and the cards it owes
    /// (<see cref="TaskAdded"/>: the channel and each owner 1:1) in one atomic write. The answer is the task's card.
    /// </summary>
    public async Task<Answer> AddAsync(VpiTurn t, SaveTask data, CancellationToken ct)
    {
        if (t.Vpi.TimeZone is null)
        {
            return Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(t.Vpi, t.Culture, "add task"));
        }
        var roster = await vpis.GetMembersAsync(t.Vpi.Id, ct);
        var adopted = await AdoptedAsync(t.Vpi.Id, ct);
        var (fields, errors) = TaskInput.Read(data, roster, adopted, t.Culture);
        if (fields is null)
        {
            return Answer.Card(TaskFormCard.Build(t.Vpi, roster, adopted, TaskInput.Trim(data, roster, adopted), t.Culture, errors));
        }
        var caller = t.Caller!;
        var now = time.GetUtcNow();
        try
        {
            var task = await tasks.CreateAsync(t.Vpi.Id,
                n => RoadmapRules.Create(n, fields.Text, fields.Recommendation, fields.Owners, fields.Lead, fields.Start, fields.Due, caller.AadObjectId, caller.Name, now).Task!,
                task => [new TaskAdded(t.Vpi.Id, task.Number, t.Culture.Name, t.Turn.Activity.Recipient?.Id ?? "", t.Turn.Place.ServiceUrl)], ct);
            return await CardAsync(t, task, t.Say("Task.Added", TaskParts.Label(task.Number, t.Culture)), ct: ct);
        }
        catch (ConcurrencyConflictException)
        {
            // no number could be taken (many adding at once, after every retry): keep what was typed, ask again
            return Answer.Card(TaskFormCard.Build(t.Vpi, roster, adopted, TaskInput.Trim(data, roster, adopted), t.Culture, [t.Say("Task.TryAgain")]));
        }
    }

    /// <summary>"task N" ("3", "#3", "T3"): the task with its log, as the caller sees it (the update form for its owners and facilitators).</summary>
    public async Task<Answer> ShowAsync(VpiTurn t, string arguments, CancellationToken ct) =>
        (ItemNumbers.Parse(arguments, 'T') is { } n ? await tasks.GetAsync(t.Vpi.Id, n, ct) : null) is { } found
            ? await CardAsync(t, found.Item, ct: ct)
            : Answer.Text(t.Say("Task.NotFound"));

    /// <summary>The card's refresh, "Open my view", and a task opened from a list: the viewer's own view.</summary>
    public async Task<Answer> ViewAsync(VpiTurn t, ViewTask data, CancellationToken ct) =>
        await tasks.GetAsync(t.Vpi.Id, data.Number, ct) is { } found ? await CardAsync(t, found.Item, ct: ct) : t.Refuse(Refusal.StaleCard);

    /// <summary>
    /// An update from the card, on the revision the person saw: owners and facilitators only (anyone else is told so and
    /// nothing changes); a card of an older revision, or one that changed between reading and writing, comes back as
    /// it is now, saying so. Saved with the card updates it owes (<see cref="TaskUpdated"/>).
    /// </summary>
    public async Task<Answer> UpdateAsync(VpiTurn t, UpdateTask data, CancellationToken ct)
    {
        if (await tasks.GetAsync(t.Vpi.Id, data.Number, ct) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var caller = t.Caller!;
        if (RoadmapRules.CanUpdate(read.Item, caller) is { } notOwner)
        {
            return Answer.Text(TaskInput.Refusal(notOwner, t.Culture));
        }
        var (state, progress) = TaskInput.ReadUpdate(data);
        var typed = data with { Status = state?.ToString(), Progress = progress?.ToString(CultureInfo.InvariantCulture) };
        if (state is null || progress is null)
        {
            var problems = new[] { state is null ? t.Say("Task.ChooseStatus") : null, progress is null ? t.Say("Task.ChooseProgress") : null }.OfType<string>().ToList();
            return await CardAsync(t, read.Item, problems: problems, typed: typed, ct: ct);
        }
        var (updated, refusal) = RoadmapRules.Update(read.Item, caller, state.Value, progress.Value, data.Comment, data.Revision, time.GetUtcNow());
        if (updated is null)
        {
            return refusal == TaskRefusal.CardOutOfDate
                ? await CardAsync(t, read.Item, TaskInput.Refusal(refusal.Value, t.Culture), ct: ct)
                : await CardAsync(t, read.Item, problems: [TaskInput.Refusal(refusal!.Value, t.Culture)], typed: typed, ct: ct);
        }
        try
        {
            var saved = await tasks.SaveAsync(t.Vpi.Id, read, updated, [new TaskUpdated(t.Vpi.Id, updated.Number, t.Culture.Name)], ct);
            return await CardAsync(t, saved.Item, t.Say("Task.Updated", TaskParts.Label(updated.Number, t.Culture)), ct: ct);
        }
        catch (ConcurrencyConflictException)
        {
            // someone updated it between reading and writing: nothing saved; the card as it is now, what was typed kept
            var now = await tasks.GetAsync(t.Vpi.Id, data.Number, ct);
            return now is null ? t.Refuse(Refusal.StaleCard) : await CardAsync(t, now.Item, t.Say("Task.ChangedMeanwhile"), typed: typed, ct: ct);
        }
    }

    /// <summary>The task card as the caller sees it now.</summary>
    private async Task<Answer> CardAsync(VpiTurn t, RoadmapTask task, string? notice = null, IReadOnlyList<string>? problems = null, UpdateTask? typed = null,
        CancellationToken ct = default) =>
        Answer.Card(TaskCard.Build(t.Vpi, await reading.ShownAsync(t.Vpi, task, ct), RoadmapRules.CanUpdate(task, t.Caller) is null, t.Culture, notice, problems, typed));

    public async Task<Answer> LogAsync(VpiTurn t, TaskLogPage data, CancellationToken ct) =>
        await tasks.GetAsync(t.Vpi.Id, data.Number, ct) is { } found
            ? Answer.Card(TaskLogCard.Build(t.Vpi, found.Item, data.Page, t.Culture))
            : t.Refuse(Refusal.StaleCard);

    /// <summary>"roadmap": the overview by recommendation, overdue first, paged.</summary>
    public async Task<Answer> RoadmapAsync(VpiTurn t, int page, CancellationToken ct) =>
        Answer.Card(RoadmapCard.Build(t.Vpi, await reading.ListingAsync(t.Vpi, ct), page, t.Culture));

    /// <summary>"my tasks": the caller's, most urgent first, paged.</summary>
    public async Task<Answer> MineAsync(VpiTurn t, int page, CancellationToken ct) =>
        Answer.Card(MyTasksCard.Build(t.Vpi, await reading.ListingAsync(t.Vpi, ct), t.Caller!.AadObjectId, page, t.Culture));

    /// <summary>"overdue": the open tasks past their due day, the longest overdue first, paged.</summary>
    public async Task<Answer> OverdueAsync(VpiTurn t, int page, CancellationToken ct) =>
        Answer.Card(OverdueCard.Build(t.Vpi, await reading.ListingAsync(t.Vpi, ct), page, t.Culture));

    /// <summary>"due [this week|next week|this month|next month|today]": the open tasks due then, soonest first, paged.</summary>
    public async Task<Answer> DueAsync(VpiTurn t, Domain.Questions.Period period, int page, CancellationToken ct) =>
        Answer.Card(DueCard.Build(t.Vpi, await reading.ListingAsync(t.Vpi, ct), period, page, t.Culture));
}
