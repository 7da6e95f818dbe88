using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Shared;
using VpiBot.Resources;

namespace VpiBot.Features.Alliance;

/// <summary>An organisation's form, read and checked: what to register, its contact, and the consent ticked on the form.</summary>
public sealed record OrganisationFields(OrganisationDetails Details, string Contact, bool Consent);

/// <summary>Reading and checking the organisation form. The limits are enforced here, whatever the card allowed.</summary>
public static class AllianceInput
{
    /// <summary>
    /// Every field at fault is named. The contact is the caller on their own registration, unchanged when the contact
    /// edits, and chosen from the roster by a facilitator. The country defaults to the VPI's.
    /// </summary>
    public static (OrganisationFields? Fields, List<string> Errors) Read(SaveOrganisation d, IReadOnlyList<Member> roster, Member caller, Vpi vpi,
        AllianceOrganisation? existing, CultureInfo culture)
    {
        var errors = new List<string>();
        FormText.Check(errors, d.Name, OrganisationDetails.MaxName, Field("Name", culture), true, culture);
        if (!string.IsNullOrWhiteSpace(d.Name) && AllianceRules.FoldedName(d.Name).Length == 0)
        {
            errors.Add(Text.Get("AllianceForm.NameNeedsWords", culture));
        }
        FormText.Check(errors, d.City, OrganisationDetails.MaxCity, Field("City", culture), true, culture);
        FormText.Check(errors, d.Website, OrganisationDetails.MaxWebsite, Field("Website", culture), false, culture);
        var website = string.IsNullOrWhiteSpace(d.Website) ? null : d.Website.Trim();
        if (website is { Length: <= OrganisationDetails.MaxWebsite } && !IsWebAddress(website))
        {
            errors.Add(Text.Get("AllianceForm.WebsiteInvalid", culture));
        }
        var type = Labels.Parse<OrganisationType>(d.Type) is { } t && OrganisationDetails.Types.Contains(t) ? t : (OrganisationType?)null;
        if (type is null)
        {
            errors.Add(Text.Get("PriorityForm.Choose", culture, Field("Type", culture)));
        }
        var country = string.IsNullOrEmpty(d.Country) ? vpi.Country : d.Country;
        if (!Countries.IsKnown(country))
        {
            errors.Add(Text.Get("PriorityForm.Choose", culture, Field("Country", culture)));
        }
        var typedThemes = MultiSelect.Values(d.Themes);
        var themes = typedThemes.Select(Labels.Parse<UntocTheme>).ToList();
        if (themes.Count == 0 || themes.Any(x => x is null))
        {
            errors.Add(Text.Get("AllianceForm.ChooseThemes", culture));
        }
        var contact = Contact(d, roster, caller, existing);
        if (contact is null)
        {
            errors.Add(Text.Get("AllianceForm.ChooseContact", culture));
        }
        return errors.Count > 0
            ? (null, errors)
            : (new OrganisationFields(
                new OrganisationDetails(d.Name!.Trim(), type!.Value, country, d.City!.Trim(), website, themes.Select(x => x!.Value).Distinct().ToList()),
                contact!, d.Consent == "true"), errors);
    }

    /// <summary>Whom the organisation's contact will be: a facilitator picks a member; anyone else is (or stays) the contact.</summary>
    private static string? Contact(SaveOrganisation d, IReadOnlyList<Member> roster, Member caller, AllianceOrganisation? existing) =>
        caller.Role != VpiRole.Facilitator ? existing?.ContactAadObjectId ?? caller.AadObjectId
        : roster.FirstOrDefault(m => string.Equals(m.AadObjectId, d.Contact, StringComparison.OrdinalIgnoreCase))?.AadObjectId;

    /// <summary>
    /// An absolute http or https address with a host: what WhatsOn can link to. Anything else (javascript:, mailto:,
    /// a bare name) is refused, since it would be shown as a link.
    /// </summary>
    public static bool IsWebAddress(string typed) =>
        Uri.TryCreate(typed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0 && !typed.Any(char.IsWhiteSpace);

    /// <summary>What was typed, cut to the limits, for the form shown again.</summary>
    public static SaveOrganisation Trim(SaveOrganisation d) => d with
    {
        Name = FormText.Cut(d.Name, OrganisationDetails.MaxName),
        City = FormText.Cut(d.City, OrganisationDetails.MaxCity),
        Website = FormText.Cut(d.Website, OrganisationDetails.MaxWebsite),
        Themes = FormText.Cut(d.Themes, 1000),
        Type = FormText.Cut(d.Type, 40),
        Country = FormText.Cut(d.Country, 10),
        Contact = FormText.Cut(d.Contact, 100),
    };

    /// <summary>The form filled in from an organisation, to edit it.</summary>
    public static SaveOrganisation Typed(string vpiId, AllianceOrganisation o) => new(vpiId, o.Number, o.Revision, o.Details.Name, o.Details.Type.ToString(),
        o.Details.Country, o.Details.City, o.Details.Website, string.Join(',', o.Details.Themes), o.ContactAadObjectId);

    /// <summary>A theme as typed after "alliance": its name ("cybercrime", "money laundering") or words of its label, any case.</summary>
    public static UntocTheme? Theme(string typed, CultureInfo culture)
    {
        var words = typed.Trim();
        return words.Length == 0 ? null
            : StatusNames.Parse<UntocTheme>(words)
              ?? Enum.GetValues<UntocTheme>().Cast<UntocTheme?>().FirstOrDefault(x => Organisations.Matches(Labels.Of(x!.Value, culture), words));
    }

    private static string Field(string name, CultureInfo culture) => Text.Get($"AllianceForm.Field.{name}", culture);
}
