using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Alliance.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Alliance;

/// <summary>
/// The National Civil Society Alliance (concept note §1.A activity 6, §2.A): members register their organisations,
/// facilitators register organisations for a contact on the roster, everyone in the VPI sees who is in it; each
/// organisation's contact alone answers for its listing in WhatsOn.
/// </summary>
public sealed class AllianceHandlers(VpiStore vpis, OrganisationStore organisations, TimeProvider time)
{
    /// <summary>"register organisation": the form (a facilitator picks the contact; a member registers their own, with their organisation's name).</summary>
    public async Task<Answer> FormAsync(VpiTurn t, CancellationToken ct)
    {
        var caller = t.Caller!;
        var typed = t.IsFacilitator
            ? new SaveOrganisation(t.Vpi.Id, Country: t.Vpi.Country)
            : new SaveOrganisation(t.Vpi.Id, Name: caller.Organisation, Type: OrganisationDetails.Types.Contains(caller.OrganisationType) ? caller.OrganisationType.ToString() : null,
                Country: t.Vpi.Country);
        return Answer.Card(OrganisationFormCard.Build(t.Vpi, await vpis.GetMembersAsync(t.Vpi.Id, ct), typed, t.IsFacilitator, !t.IsFacilitator, t.Culture));
    }

    /// <summary>
    /// The form's button: registers the organisation (or saves the edit). Problems come back on the form, what was typed
    /// kept; a name registered already is refused with its number; a contact other than the caller is asked about WhatsOn
    /// 1:1 (<see cref="ContactAskedForConsent"/>, in the same atomic write).
    /// </summary>
    public async Task<Answer> SaveAsync(VpiTurn t, SaveOrganisation data, CancellationToken ct)
    {
        var caller = t.Caller!;
        var read = data.Number is { } number ? await organisations.GetAsync(t.Vpi.Id, number, ct) : null;
        if (data.Number is not null && read is null)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        if (read is not null && AllianceRules.CanEdit(read.Item, caller) is { } cannot)
        {
            return Answer.Text(t.Say($"Alliance.Refusal.{cannot}"));
        }
        var roster = await vpis.GetMembersAsync(t.Vpi.Id, ct);
        var (fields, errors) = AllianceInput.Read(data, roster, caller, t.Vpi, read?.Item, t.Culture);
        Answer Form(IReadOnlyList<string> problems) => Answer.Card(OrganisationFormCard.Build(t.Vpi, roster, AllianceInput.Trim(data), t.IsFacilitator,
            read is null && !t.IsFacilitator, t.Culture, problems));
        if (fields is null)
        {
            return Form(errors);
        }
        try
        {
            var write = read is null ? await RegisterAsync(t, fields, ct) : await EditAsync(t, read, fields, data.Revision ?? 0, ct);
            if (write is null)
            {
                return Form([t.Say("Refusal.StaleCard")]);
            }
            if (write.NameTakenBy is { } taken)
            {
                return Form([t.Say("AllianceForm.NameTaken", OrganisationParts.Label(taken, t.Culture))]);
            }
            var saved = write.Saved!.Item;
            var said = read is null ? ConsentEvents(t, saved).Count > 0 ? "Organisation.Registered.Asked" : "Organisation.Registered"
                : saved.IsContact(read.Item.ContactAadObjectId) ? "Organisation.Saved" : "Organisation.Saved.Asked";
            return await CardAsync(t, saved, t.Say(said, OrganisationParts.Label(saved.Number, t.Culture)), ct: ct);
        }
        catch (ConcurrencyConflictException)
        {
            // changed meanwhile, or no number could be taken after every retry: keep what was typed, ask to save again
            return Form([t.Say("Refusal.StaleCard")]);
        }
    }

    private Task<OrganisationWrite> RegisterAsync(VpiTurn t, OrganisationFields fields, CancellationToken ct) =>
        organisations.RegisterAsync(t.Vpi.Id, fields.Details.Name,
            n => AllianceRules.Register(n, fields.Details, fields.Contact, fields.Consent, t.Caller!, time.GetUtcNow()),
            o => ConsentEvents(t, o), ct);

    /// <summary>The edit saved, or null when the card was of an older revision.</summary>
    private async Task<OrganisationWrite?> EditAsync(VpiTurn t, Versioned<AllianceOrganisation> read, OrganisationFields fields, int revision, CancellationToken ct)
    {
        var (edited, refusal) = AllianceRules.Edit(read.Item, fields.Details, fields.Contact, revision, t.Caller!);
        return edited is null || refusal is not null
            ? null
            : await organisations.SaveAsync(t.Vpi.Id, read, edited, edited.IsContact(read.Item.ContactAadObjectId) ? [] : ConsentEvents(t, edited), ct);
    }

    private static IReadOnlyList<IVpiEvent> ConsentEvents(VpiTurn t, AllianceOrganisation o) =>
        AllianceRules.AsksContact(o) && !o.IsContact(t.Caller!.AadObjectId)
            ? [new ContactAskedForConsent(t.Vpi.Id, o.Number, o.ContactAadObjectId, t.Culture.Name, t.Turn.Activity.Recipient?.Id ?? "", t.Turn.Place.ServiceUrl)]
            : [];

    /// <summary>The Edit button: the form again, filled in, for the contact or a facilitator only.</summary>
    public async Task<Answer> EditFormAsync(VpiTurn t, EditOrganisation data, CancellationToken ct)
    {
        if (await organisations.GetAsync(t.Vpi.Id, data.Number, ct) is not { Item: var o })
        {
            return t.Refuse(Refusal.StaleCard);
        }
        return AllianceRules.CanEdit(o, t.Caller) is { } cannot
            ? Answer.Text(t.Say($"Alliance.Refusal.{cannot}"))
            : Answer.Card(OrganisationFormCard.Build(t.Vpi, await vpis.GetMembersAsync(t.Vpi.Id, ct), AllianceInput.Typed(t.Vpi.Id, o), t.IsFacilitator, false, t.Culture));
    }

    /// <summary>The contact's answer about WhatsOn, on the revision they saw; anyone else is told only the contact answers, and nothing changes.</summary>
    public async Task<Answer> ConsentAsync(VpiTurn t, AnswerConsent data, CancellationToken ct)
    {
        if (await organisations.GetAsync(t.Vpi.Id, data.Number, ct) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var (answered, refusal) = AllianceRules.AnswerConsent(read.Item, data.Answer == ConsentAnswer.Agree, data.Revision, t.Caller!, time.GetUtcNow());
        if (refusal == AllianceRefusal.NotContact)
        {
            return Answer.Text(t.Say($"Alliance.Refusal.{refusal}"));
        }
        if (answered is null)
        {
            return await CardAsync(t, read.Item, t.Say($"Alliance.Refusal.{refusal}"), ct: ct);
        }
        try
        {
            var saved = await organisations.SaveAsync(t.Vpi.Id, read, answered, [], ct);
            return await CardAsync(t, saved.Saved!.Item, t.Say($"Organisation.Consent.{answered.Consent.State}"), ct: ct);
        }
        catch (ConcurrencyConflictException)
        {
            var now = await organisations.GetAsync(t.Vpi.Id, data.Number, ct);
            return now is null ? t.Refuse(Refusal.StaleCard) : await CardAsync(t, now.Item, t.Say("Refusal.StaleCard"), ct: ct);
        }
    }

    /// <summary>"organisation N" ("3", "#3", "O3"): one organisation as the caller sees it.</summary>
    public async Task<Answer> ShowAsync(VpiTurn t, string arguments, CancellationToken ct) =>
        (ItemNumbers.Parse(arguments, 'O') is { } n ? await organisations.GetAsync(t.Vpi.Id, n, ct) : null) is { Item: var o }
            ? await CardAsync(t, o, ct: ct)
            : Answer.Text(t.Say("Organisation.NotFound"));

    public async Task<Answer> ViewAsync(VpiTurn t, ViewOrganisation data, CancellationToken ct) =>
        await organisations.GetAsync(t.Vpi.Id, data.Number, ct) is { Item: var o } ? await CardAsync(t, o, ct: ct) : t.Refuse(Refusal.StaleCard);

    /// <summary>"alliance [theme]": the organisations grouped by type, paged; a theme typed that is none is said so, with the themes there are.</summary>
    public async Task<Answer> ListAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        var theme = AllianceInput.Theme(arguments, t.Culture);
        if (theme is null && arguments.Trim().Length > 0)
        {
            return Answer.Text(t.Say("Alliance.UnknownTheme", CardText(arguments.Trim()),
                string.Join(", ", Enum.GetValues<UntocTheme>().Select(x => Labels.Of(x, t.Culture).ToLowerInvariant()))));
        }
        return await PageAsync(t, new AlliancePage(t.Vpi.Id, 1, theme), ct);
    }

    public async Task<Answer> PageAsync(VpiTurn t, AlliancePage data, CancellationToken ct)
    {
        var all = (await organisations.ListAsync(t.Vpi.Id, ct)).Where(o => data.Theme is null || o.Details.Themes.Contains(data.Theme.Value)).ToList();
        var names = (await vpis.GetMembersAsync(t.Vpi.Id, ct)).ToDictionary(m => m.AadObjectId, m => m.Name, StringComparer.OrdinalIgnoreCase);
        return Answer.Card(AllianceCard.Build(t.Vpi, all, names, data.Theme, data.Page, t.IsFacilitator, t.Culture));
    }

    /// <summary>A typed theme echoed back: cut, so a pasted essay does not make the answer huge.</summary>
    private static string CardText(string typed) => Shared.Cards.CardElements.Shorten(typed, 60);

    private async Task<Answer> CardAsync(VpiTurn t, AllianceOrganisation o, string? notice = null, CancellationToken ct = default)
    {
        var contact = (await vpis.GetMembersAsync(t.Vpi.Id, ct)).FirstOrDefault(m => o.IsContact(m.AadObjectId))?.Name ?? t.Say("Alliance.ContactGone");
        return Answer.Card(OrganisationCard.Build(t.Vpi, o, contact, OrganisationViewer.Of(o, t.Caller), t.Culture, notice));
    }
}
