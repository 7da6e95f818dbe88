using System.Collections.Frozen;
using System.Globalization;

namespace VpiBot.Domain;

/// <summary>
/// The States a VPI can be held by: a VPI is a voluntary initiative of a State party to the United Nations Convention
/// against Transnational Organized Crime (UNTOC). Each by its ISO 3166-1 alpha-2 code, named as the United Nations
/// names it.
/// </summary>
/// <remarks>
/// <para>
/// The list is the 193 Member States of the United Nations, with the English short names the UN uses for them
/// (https://www.un.org/en/about-us/member-states; the same names as the UN Statistics Division's M49 standard,
/// https://unstats.un.org/unsd/methodology/m49/, which also gives the ISO alpha-2 codes), plus the four States that
/// are not UN members and are parties to UNTOC: the State of Palestine, the Cook Islands, Niue and the Holy See (as
/// reported for the UN Treaty Collection's status of the Convention, chapter XVIII-12:
/// https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&amp;mtdsg_no=XVIII-12&amp;chapter=18). The European
/// Union is a party but not a State, so it is not offered.
/// </para>
/// <para>
/// Not verified against the Treaty Collection itself (it could not be read when this list was made): the few UN
/// Member States that secondary sources report as not (yet) parties — the Congo and Iran (Islamic Republic of), which
/// signed, and Papua New Guinea, Solomon Islands and Tuvalu (South Sudan acceded in 2023, Somalia in 2024) — are
/// still offered, so that a State which has joined since is never refused. Remove a code here once its status is
/// confirmed on the depositary's page.
/// </para>
/// <para>Names are in English for now; other languages come with their translations, through <see cref="Name"/>.</para>
/// </remarks>
public static class Countries
{
    private static readonly (string Code, string Name)[] StatesParties =
    [
        ("AF", "Afghanistan"), ("AL", "Albania"), ("DZ", "Algeria"), ("AD", "Andorra"), ("AO", "Angola"),
        ("AG", "Antigua and Barbuda"), ("AR", "Argentina"), ("AM", "Armenia"), ("AU", "Australia"), ("AT", "Austria"),
        ("AZ", "Azerbaijan"), ("BS", "Bahamas"), ("BH", "Bahrain"), ("BD", "Bangladesh"), ("BB", "Barbados"),
        ("BY", "Belarus"), ("BE", "Belgium"), ("BZ", "Belize"), ("BJ", "Benin"), ("BT", "Bhutan"),
        ("BO", "Bolivia (Plurinational State of)"), ("BA", "Bosnia and Herzegovina"), ("BW", "Botswana"), ("BR", "Brazil"),
        ("BN", "Brunei Darussalam"), ("BG", "Bulgaria"), ("BF", "Burkina Faso"), ("BI", "Burundi"), ("CV", "Cabo Verde"),
        ("KH", "Cambodia"), ("CM", "Cameroon"), ("CA", "Canada"), ("CF", "Central African Republic"), ("TD", "Chad"),
        ("CL", "Chile"), ("CN", "China"), ("CO", "Colombia"), ("KM", "Comoros"), ("CG", "Congo"), ("CR", "Costa Rica"),
        ("CI", "Côte d'Ivoire"), ("HR", "Croatia"), ("CU", "Cuba"), ("CY", "Cyprus"), ("CZ", "Czechia"),
        ("KP", "Democratic People's Republic of Korea"), ("CD", "Democratic Republic of the Congo"), ("DK", "Denmark"),
        ("DJ", "Djibouti"), ("DM", "Dominica"), ("DO", "Dominican Republic"), ("EC", "Ecuador"), ("EG", "Egypt"),
        ("SV", "El Salvador"), ("GQ", "Equatorial Guinea"), ("ER", "Eritrea"), ("EE", "Estonia"), ("SZ", "Eswatini"),
        ("ET", "Ethiopia"), ("FJ", "Fiji"), ("FI", "Finland"), ("FR", "France"), ("GA", "Gabon"), ("GM", "Gambia"),
        ("GE", "Georgia"), ("DE", "Germany"), ("GH", "Ghana"), ("GR", "Greece"), ("GD", "Grenada"), ("GT", "Guatemala"),
        ("GN", "Guinea"), ("GW", "Guinea-Bissau"), ("GY", "Guyana"), ("HT", "Haiti"), ("HN", "Honduras"), ("HU", "Hungary"),
        ("IS", "Iceland"), ("IN", "India"), ("ID", "Indonesia"), ("IR", "Iran (Islamic Republic of)"), ("IQ", "Iraq"),
        ("IE", "Ireland"), ("IL", "Israel"), ("IT", "Italy"), ("JM", "Jamaica"), ("JP", "Japan"), ("JO", "Jordan"),
        ("KZ", "Kazakhstan"), ("KE", "Kenya"), ("KI", "Kiribati"), ("KW", "Kuwait"), ("KG", "Kyrgyzstan"),
        ("LA", "Lao People's Democratic Republic"), ("LV", "Latvia"), ("LB", "Lebanon"), ("LS", "Lesotho"), ("LR", "Liberia"),
        ("LY", "Libya"), ("LI", "Liechtenstein"), ("LT", "Lithuania"), ("LU", "Luxembourg"), ("MG", "Madagascar"),
        ("MW", "Malawi"), ("MY", "Malaysia"), ("MV", "Maldives"), ("ML", "Mali"), ("MT", "Malta"), ("MH", "Marshall Islands"),
        ("MR", "Mauritania"), ("MU", "Mauritius"), ("MX", "Mexico"), ("FM", "Micronesia (Federated States of)"),
        ("MC", "Monaco"), ("MN", "Mongolia"), ("ME", "Montenegro"), ("MA", "Morocco"), ("MZ", "Mozambique"),
        ("MM", "Myanmar"), ("NA", "Namibia"), ("NR", "Nauru"), ("NP", "Nepal"), ("NL", "Netherlands (Kingdom of the)"),
        ("NZ", "New Zealand"), ("NI", "Nicaragua"), ("NE", "Niger"), ("NG", "Nigeria"), ("MK", "North Macedonia"),
        ("NO", "Norway"), ("OM", "Oman"), ("PK", "Pakistan"), ("PW", "Palau"), ("PA", "Panama"), ("PG", "Papua New Guinea"),
        ("PY", "Paraguay"), ("PE", "Peru"), ("PH", "Philippines"), ("PL", "Poland"), ("PT", "Portugal"), ("QA", "Qatar"),
        ("KR", "Republic of Korea"), ("MD", "Republic of Moldova"), ("RO", "Romania"), ("RU", "Russian Federation"),
        ("RW", "Rwanda"), ("KN", "Saint Kitts and Nevis"), ("LC", "Saint Lucia"), ("VC", "Saint Vincent and the Grenadines"),
        ("WS", "Samoa"), ("SM", "San Marino"), ("ST", "Sao Tome and Principe"), ("SA", "Saudi Arabia"), ("SN", "Senegal"),
        ("RS", "Serbia"), ("SC", "Seychelles"), ("SL", "Sierra Leone"), ("SG", "Singapore"), ("SK", "Slovakia"),
        ("SI", "Slovenia"), ("SB", "Solomon Islands"), ("SO", "Somalia"), ("ZA", "South Africa"), ("SS", "South Sudan"),
        ("ES", "Spain"), ("LK", "Sri Lanka"), ("SD", "Sudan"), ("SR", "Suriname"), ("SE", "Sweden"), ("CH", "Switzerland"),
        ("SY", "Syrian Arab Republic"), ("TJ", "Tajikistan"), ("TH", "Thailand"), ("TL", "Timor-Leste"), ("TG", "Togo"),
        ("TO", "Tonga"), ("TT", "Trinidad and Tobago"), ("TN", "Tunisia"), ("TR", "Türkiye"), ("TM", "Turkmenistan"),
        ("TV", "Tuvalu"), ("UG", "Uganda"), ("UA", "Ukraine"), ("AE", "United Arab Emirates"),
        ("GB", "United Kingdom of Great Britain and Northern Ireland"), ("TZ", "United Republic of Tanzania"),
        ("US", "United States of America"), ("UY", "Uruguay"), ("UZ", "Uzbekistan"), ("VU", "Vanuatu"),
        ("VE", "Venezuela (Bolivarian Republic of)"), ("VN", "Viet Nam"), ("YE", "Yemen"), ("ZM", "Zambia"), ("ZW", "Zimbabwe"),
        // not Members of the United Nations, parties to UNTOC
        ("PS", "State of Palestine"), ("CK", "Cook Islands"), ("NU", "Niue"), ("VA", "Holy See"),
    ];

    private static readonly FrozenDictionary<string, string> EnglishNames = StatesParties.ToFrozenDictionary(s => s.Code, s => s.Name, StringComparer.Ordinal);

    /// <summary>The codes offered, in the order above (cards sort them by name in the reader's language).</summary>
    public static readonly IReadOnlyList<string> Codes = StatesParties.Select(s => s.Code).ToList();

    /// <summary>Whether a VPI may be set up for this code (exact, upper case: cards are untrusted input).</summary>
    public static bool IsKnown(string? code) => code is not null && EnglishNames.ContainsKey(code);

    /// <summary>
    /// The State's name as the UN writes it (in English for now, whatever the <paramref name="culture"/>). A code no
    /// longer offered (a VPI saved before this list) is still named, from the runtime's region data, or shown as is.
    /// </summary>
    public static string Name(string code, CultureInfo culture)
    {
        _ = culture; // the UN's names in the other official languages are a later issue
        if (EnglishNames.TryGetValue(code, out var name))
        {
            return name;
        }
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
