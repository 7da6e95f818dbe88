using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Features.Consultations.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Consultations;

/// <summary>
/// Consultations on the self-assessment questionnaire (concept note §2.B; paragraph 23 of the Review Mechanism's
/// Procedures and Rules): a facilitator puts questions to the alliance (or chosen members) until a deadline; each
/// answers 1:1 and may come back to change their answers until then; the review team and facilitators read the inputs
/// by question, each with the organisation that gave it.
/// </summary>
public sealed class ConsultationHandlers(VpiStore vpis, ConsultationStore consultations, TimeProvider time)
{
    /// <summary>How many times a save is merged into answers another device saved meanwhile before giving up.</summary>
    private const int SaveAttempts = 5;

    /// <summary>"open consultation": the VPI's time zone first (deadlines are chosen in it), then the form, due in two weeks.</summary>
    public async Task<Answer> FormAsync(VpiTurn t, CancellationToken ct)
    {
        if (t.Vpi.TimeZone is not { } zone)
        {
            return Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(t.Vpi, t.Culture, "open consultation"));
        }
        var due = TimeZones.ToLocal(time.GetUtcNow(), zone).Date.AddDays(14);
        return Answer.Card(ConsultationFormCard.Build(t.Vpi, await vpis.GetMembersAsync(t.Vpi.Id, ct),
            new OpenConsultation(t.Vpi.Id, DeadlineDate: due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), t.Culture));
    }

    /// <summary>The form's Open: checked (every problem named on it, what was typed kept), then saved with its announcement and answer cards owed.</summary>
    public async Task<Answer> OpenAsync(VpiTurn t, OpenConsultation data, CancellationToken ct)
    {
        if (t.Vpi.TimeZone is null)
        {
            return Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(t.Vpi, t.Culture, "open consultation"));
        }
        var roster = await vpis.GetMembersAsync(t.Vpi.Id, ct);
        var now = time.GetUtcNow();
        var (plan, errors) = ConsultationInput.Read(data, t.Vpi, roster, now, t.Culture);
        if (plan is null)
        {
            return Answer.Card(ConsultationFormCard.Build(t.Vpi, roster, ConsultationInput.Trim(data, t.Vpi, roster), t.Culture, errors));
        }
        var caller = t.Caller!;
        try
        {
            var created = await consultations.CreateAsync(t.Vpi.Id,
                n => new Consultation(n, plan.Title, plan.Questions, plan.Deadline, t.Vpi.TimeZone, [.. plan.Consulted.Select(m => m.AadObjectId)], plan.WholeAlliance,
                    caller.AadObjectId, caller.Name, now),
                c => [new ConsultationOpened(t.Vpi.Id, c.Number, t.Culture.Name, t.Turn.Activity.Recipient?.Id ?? "", t.Turn.Place.ServiceUrl)], ct);
            return Answer.Card(ConsultationCard.Build(t.Vpi, created, 0, t.Culture, t.Say("Consultation.Opened", created.Number, created.Consulted.Count)));
        }
        catch (ConcurrencyConflictException)
        {
            return Answer.Card(ConsultationFormCard.Build(t.Vpi, roster, ConsultationInput.Trim(data, t.Vpi, roster), t.Culture, [t.Say("Consultation.TryAgain")]));
        }
    }

    /// <summary>"consultations": every consultation, newest first, with how many of those consulted answered.</summary>
    public async Task<Answer> ListAsync(VpiTurn t, int page, CancellationToken ct)
    {
        var all = new List<(Consultation, int)>();
        foreach (var c in (await consultations.ListAsync(t.Vpi.Id, ct)).Select(v => v.Item))
        {
            all.Add((c, await AnsweredAsync(t.Vpi.Id, c, ct)));
        }
        return Answer.Card(ConsultationListCard.Build(t.Vpi, all, page, t.Culture));
    }

    /// <summary>"consultation N" ("2", "#2", "C2").</summary>
    public async Task<Answer> ShowAsync(VpiTurn t, string arguments, CancellationToken ct) =>
        (ItemNumbers.Parse(arguments, 'C') is { } n ? await consultations.GetAsync(t.Vpi.Id, n, ct) : null) is { Item: var c }
            ? await ViewAsync(t, c, 1, own: false, ct)
            : Answer.Text(t.Say("Consultation.NotFound"));

    public async Task<Answer> ViewAsync(VpiTurn t, ViewConsultation data, CancellationToken ct) =>
        await consultations.GetAsync(t.Vpi.Id, data.Number, ct) is { Item: var c } ? await ViewAsync(t, c, data.Page, data.Own, ct) : t.Refuse(Refusal.StaleCard);

    /// <summary>
    /// The review team and facilitators read every input; anyone consulted, their own answers (and only those: an
    /// alliance member never sees another's); anyone else on the roster, what the consultation asks.
    /// </summary>
    private async Task<Answer> ViewAsync(VpiTurn t, Consultation c, int page, bool own, CancellationToken ct)
    {
        var caller = t.Caller!;
        if (!own && caller.Role is VpiRole.ReviewTeam or VpiRole.Facilitator)
        {
            return Answer.Card(ConsultationInputsCard.Build(t.Vpi, c, [.. ConsultationRules.Counted(c, await consultations.ListAnswersAsync(t.Vpi.Id, c.Number, ct))], page, t.Culture));
        }
        if (c.IsConsulted(caller.AadObjectId))
        {
            var saved = await consultations.GetAnswerAsync(t.Vpi.Id, c.Number, caller.AadObjectId, ct);
            return Answer.Card(ConsultationAnswerCard.Build(t.Vpi, c, saved?.Item, page, time.GetUtcNow(), t.Culture));
        }
        return own
            ? Answer.Text(t.Say("ConsultationAnswer.Refusal.NotConsulted"))
            : Answer.Card(ConsultationCard.Build(t.Vpi, c, await AnsweredAsync(t.Vpi.Id, c, ct), t.Culture));
    }

    /// <summary>
    /// A page of answers saved. Refused (with a message, so the card and all the text typed on it stay as they are in
    /// Teams, and nothing stored) for someone not consulted, after the deadline or the close, or over the limit. Saved
    /// answers of the other pages are kept: a save merges into what is stored now, written only if unchanged since read
    /// (two devices saving at once: both pages kept; the same page: the last save wins, and its card says so).
    /// </summary>
    public async Task<Answer> SaveAsync(VpiTurn t, SaveConsultationAnswers data, CancellationToken ct)
    {
        if (await consultations.GetAsync(t.Vpi.Id, data.Number, ct) is not { Item: var c })
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var caller = t.Caller!;
        var now = time.GetUtcNow();
        if (ConsultationRules.CanAnswer(c, caller.AadObjectId, now) is { } refusal)
        {
            return Answer.Text(t.Say($"ConsultationAnswer.Refusal.{refusal}"));
        }
        var (typed, errors) = ConsultationInput.ReadAnswers(data, c, t.Culture);
        if (typed is null)
        {
            return Answer.Text(string.Join("\n", errors.Append(t.Say("ConsultationAnswer.NothingSaved"))));
        }
        for (var attempt = 0; ; attempt++)
        {
            var read = await consultations.GetAnswerAsync(t.Vpi.Id, c.Number, caller.AadObjectId, ct);
            var changed = ConsultationRules.Save(c, read?.Item, caller, data.From, typed, now);
            try
            {
                IReadOnlyList<IVpiEvent> answered = (read?.Item.HasAny ?? false) == changed.HasAny ? [] : [new ConsultationAnswered(t.Vpi.Id, c.Number, t.Culture.Name)];
                var saved = await consultations.SaveAnswerAsync(t.Vpi.Id, read, changed, answered, ct);
                var pages = ConsultationRules.AnswerPages(c, saved.Item.For);
                var target = ConsultationRules.PageOf(pages, data.Go switch { > 0 => data.From + data.Count, < 0 => Math.Max(0, data.From - 1), _ => data.From });
                var elsewhere = (read?.Item.Revision ?? 0) != data.Revision;
                return Answer.Card(ConsultationAnswerCard.Build(t.Vpi, c, saved.Item, target + 1, now, t.Culture,
                    t.Say(elsewhere ? "ConsultationAnswer.SavedOverOther" : "ConsultationAnswer.Saved")));
            }
            catch (ConcurrencyConflictException) when (attempt + 1 < SaveAttempts)
            {
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct); // saved from another device meanwhile: merge into that
            }
            catch (ConcurrencyConflictException)
            {
                return Answer.Text(t.Say("ConsultationAnswer.TryAgain"));
            }
        }
    }

    /// <summary>"close consultation N": asks to confirm.</summary>
    public async Task<Answer> CloseCommandAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        if ((ItemNumbers.Parse(arguments, 'C') is { } n ? await consultations.GetAsync(t.Vpi.Id, n, ct) : null) is not { Item: var c })
        {
            return Answer.Text(t.Say("Consultation.NotFound"));
        }
        return c.Status == ConsultationStatus.Closed
            ? Answer.Text(t.Say("Consultation.AlreadyClosed", c.Number))
            : Answer.Card(ConsultationCloseCard.Build(t.Vpi, c, await AnsweredAsync(t.Vpi.Id, c, ct), t.Culture));
    }

    /// <summary>"Close it now": closed once (a conditional write), the channel told how many inputs came.</summary>
    public async Task<Answer> CloseAsync(VpiTurn t, CloseConsultation data, CancellationToken ct)
    {
        if (await consultations.GetAsync(t.Vpi.Id, data.Number, ct) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        if (ConsultationRules.Close(read.Item, t.Caller!.Name, time.GetUtcNow()) is not { } closed)
        {
            return Answer.Text(t.Say("Consultation.AlreadyClosed", data.Number));
        }
        try
        {
            var saved = await consultations.SaveAsync(t.Vpi.Id, read, closed, [new ConsultationClosed(t.Vpi.Id, closed.Number, t.Culture.Name)], ct);
            return Answer.Card(ConsultationCard.Build(t.Vpi, saved.Item, await AnsweredAsync(t.Vpi.Id, saved.Item, ct), t.Culture, t.Say("Consultation.Closed", closed.Number)));
        }
        catch (ConcurrencyConflictException)
        {
            return Answer.Text(t.Say("Consultation.AlreadyClosed", data.Number)); // closed by the deadline's round, or another facilitator
        }
    }

    private async Task<int> AnsweredAsync(string vpiId, Consultation c, CancellationToken ct) =>
        c.Consulted.Count - ConsultationRules.NotAnswered(c, await consultations.ListAnswersAsync(vpiId, c.Number, ct)).Count;
}
