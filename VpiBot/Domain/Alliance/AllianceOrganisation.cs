namespace VpiBot.Domain.Alliance;

/// <summary>
/// The themes of the UN Convention against Transnational Organized Crime (UNTOC) and its Protocols an organisation of
/// the alliance works on, as WhatsOn lists its stakeholders' areas of work (label <c>Theme.{name}</c>).
/// </summary>
public enum UntocTheme
{
    OrganizedCrime,
    TraffickingInPersons,
    SmugglingOfMigrants,
    Firearms,
    Corruption,
    MoneyLaundering,
    Cybercrime,
    DrugTrafficking,
    CrimesAffectingTheEnvironment,
    VictimsAndWitnesses,
    CriminalJusticeAndPrevention,
    InternationalCooperation,
}

/// <summary>Whether the organisation's contact agreed to its listing in WhatsOn (label <c>Consent.{name}</c>).</summary>
public enum ConsentState { Asked, Given, Refused, Withdrawn }

/// <summary>The contact's answer about WhatsOn: what, by whom, when (nobody yet while <see cref="ConsentState.Asked"/>).</summary>
public sealed record WhatsOnConsent(ConsentState State, string? By = null, string? ByName = null, DateTimeOffset? At = null)
{
    public static readonly WhatsOnConsent Asked = new(ConsentState.Asked);
}

/// <summary>What is registered about an organisation, as its contact or a facilitator types it.</summary>
public sealed record OrganisationDetails(
    string Name, OrganisationType Type, string Country, string City, string? Website, IReadOnlyList<UntocTheme> Themes)
{
    public const int MaxName = 200;
    public const int MaxCity = 100;
    public const int MaxWebsite = 300;

    /// <summary>The organisation types an alliance organisation can be: it is never a government body or UNODC.</summary>
    public static readonly IReadOnlyList<OrganisationType> Types = [OrganisationType.Ngo, OrganisationType.Academia, OrganisationType.PrivateSector, OrganisationType.Other];
}

/// <summary>
/// An organisation of the VPI's National Civil Society Alliance (concept note §1.A activity 6, §2.A), numbered O1, O2…
/// per VPI; its contact is a member of the roster, who alone answers for its listing in WhatsOn.
/// <see cref="Revision"/> grows with every change, so a card of an older state is detected.
/// </summary>
public sealed record AllianceOrganisation(
    int Number,
    OrganisationDetails Details,
    string ContactAadObjectId,
    WhatsOnConsent Consent,
    int Revision,
    string RegisteredBy,
    string RegisteredByName,
    DateTimeOffset RegisteredAt)
{
    /// <summary>Listed in WhatsOn only with its contact's consent, given and not withdrawn.</summary>
    public bool ConsentsToWhatsOn => Consent.State == ConsentState.Given;

    public bool IsContact(string? aadObjectId) => string.Equals(ContactAadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase);
}
