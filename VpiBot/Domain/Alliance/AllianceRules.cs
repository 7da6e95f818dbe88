namespace VpiBot.Domain.Alliance;

/// <summary>Why a change to an organisation is refused; message <c>Alliance.Refusal.{name}</c>.</summary>
public enum AllianceRefusal { NotContactOrFacilitator, NotContact, CardOutOfDate }

/// <summary>
/// The alliance's register, as pure rules: who registers and edits an organisation, and who answers for its listing in
/// WhatsOn — its contact alone, who may give consent, refuse it, or withdraw it later.
/// </summary>
public static class AllianceRules
{
    /// <summary>A name as compared for duplicates: its words, lower case, accents and punctuation aside ("ONG Amis-du-Droit" = "ong amis du droit").</summary>
    public static string FoldedName(string name) => string.Join(' ', Organisations.Words(name));

    /// <summary>
    /// A new organisation. Registered by its contact, the consent is theirs, given on the form or not yet; registered by
    /// someone else (a facilitator), it is asked of the contact, who answers on a card of their own.
    /// </summary>
    public static AllianceOrganisation Register(int number, OrganisationDetails details, string contact, bool consentOnForm, Member caller, DateTimeOffset now)
    {
        var own = string.Equals(contact, caller.AadObjectId, StringComparison.OrdinalIgnoreCase);
        var consent = own && consentOnForm ? new WhatsOnConsent(ConsentState.Given, caller.AadObjectId, caller.Name, now) : WhatsOnConsent.Asked;
        return new AllianceOrganisation(number, details, contact, consent, 1, caller.AadObjectId, caller.Name, now);
    }

    /// <summary>Whether the contact must be asked for consent on a card of their own: someone else registered the organisation for them.</summary>
    public static bool AsksContact(AllianceOrganisation o) => o.Consent.State == ConsentState.Asked && !o.IsContact(o.RegisteredBy);

    /// <summary>The contact and the facilitators may edit an organisation; nobody else.</summary>
    public static AllianceRefusal? CanEdit(AllianceOrganisation o, Member? caller) =>
        caller is not null && (caller.Role == VpiRole.Facilitator || o.IsContact(caller.AadObjectId)) ? null : AllianceRefusal.NotContactOrFacilitator;

    /// <summary>
    /// An edit, on the revision the editor saw. Only a facilitator changes the contact; a new contact answers for WhatsOn
    /// afresh (the consent was the former contact's), so it is asked of them.
    /// </summary>
    public static (AllianceOrganisation? Organisation, AllianceRefusal? Refusal) Edit(AllianceOrganisation o, OrganisationDetails details, string? contact, int revision,
        Member caller)
    {
        if (CanEdit(o, caller) is { } refusal)
        {
            return (null, refusal);
        }
        if (revision != o.Revision)
        {
            return (null, AllianceRefusal.CardOutOfDate);
        }
        var newContact = caller.Role == VpiRole.Facilitator && contact is not null && !o.IsContact(contact) ? contact : o.ContactAadObjectId;
        return (o with
        {
            Details = details,
            ContactAadObjectId = newContact,
            Consent = o.IsContact(newContact) ? o.Consent : WhatsOnConsent.Asked,
            RegisteredBy = o.IsContact(newContact) ? o.RegisteredBy : caller.AadObjectId,
            Revision = o.Revision + 1,
        }, null);
    }

    /// <summary>The contact's answer about WhatsOn: consent given, or refused (withdrawn, if it had been given).</summary>
    public static (AllianceOrganisation? Organisation, AllianceRefusal? Refusal) AnswerConsent(AllianceOrganisation o, bool give, int revision, Member caller, DateTimeOffset now)
    {
        if (!o.IsContact(caller.AadObjectId))
        {
            return (null, AllianceRefusal.NotContact);
        }
        if (revision != o.Revision)
        {
            return (null, AllianceRefusal.CardOutOfDate);
        }
        var state = give ? ConsentState.Given : o.Consent.State == ConsentState.Given ? ConsentState.Withdrawn : ConsentState.Refused;
        return (o with { Consent = new WhatsOnConsent(state, caller.AadObjectId, caller.Name, now), Revision = o.Revision + 1 }, null);
    }

    /// <summary>How many organisations of each type, in the order types are offered (those with none left out).</summary>
    public static IReadOnlyList<(OrganisationType Type, int Count)> CountByType(IEnumerable<AllianceOrganisation> all)
    {
        var counts = all.GroupBy(o => o.Details.Type).ToDictionary(g => g.Key, g => g.Count());
        return OrganisationDetails.Types.Concat(counts.Keys.Except(OrganisationDetails.Types))
            .Where(counts.ContainsKey).Select(t => (t, counts[t])).ToList();
    }
}
