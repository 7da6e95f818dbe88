using System.Collections.Frozen;

namespace VpiBot.Domain;

/// <summary>
/// The IANA time zones of each State party (see <see cref="Countries"/>), and the conversions a deadline needs: a date
/// and time as people in the VPI's zone read it, to the instant it means, and back.
/// </summary>
/// <remarks>
/// The zones are data, not read from the machine: generated once from the IANA time zone database's
/// <c>zone.tab</c> (tzdata 2025b, https://www.iana.org/time-zones), country code to zones, in its order — except that
/// where a country has several, the capital's zone comes first, as the one a VPI is set up in unless told otherwise.
/// The conversions use the machine's zone rules (<c>/usr/share/zoneinfo</c> on Linux: the <c>tzdata</c> package).
/// </remarks>
public static class TimeZones
{
    /// <summary>The zone offered to every VPI, and the one of a country with none listed.</summary>
    public const string Utc = "UTC";

    private static readonly (string Code, string[] Zones)[] ZonesByCountry =
    [
        ("AD", ["Europe/Andorra"]), ("AE", ["Asia/Dubai"]), ("AF", ["Asia/Kabul"]), ("AG", ["America/Antigua"]), ("AL", ["Europe/Tirane"]),
        ("AM", ["Asia/Yerevan"]), ("AO", ["Africa/Luanda"]), ("AT", ["Europe/Vienna"]), ("AZ", ["Asia/Baku"]), ("BA", ["Europe/Sarajevo"]),
        ("BB", ["America/Barbados"]), ("BD", ["Asia/Dhaka"]), ("BE", ["Europe/Brussels"]), ("BF", ["Africa/Ouagadougou"]),
        ("BG", ["Europe/Sofia"]), ("BH", ["Asia/Bahrain"]), ("BI", ["Africa/Bujumbura"]), ("BJ", ["Africa/Porto-Novo"]),
        ("BN", ["Asia/Brunei"]), ("BO", ["America/La_Paz"]), ("BS", ["America/Nassau"]), ("BT", ["Asia/Thimphu"]),
        ("BW", ["Africa/Gaborone"]), ("BY", ["Europe/Minsk"]), ("BZ", ["America/Belize"]), ("CF", ["Africa/Bangui"]),
        ("CG", ["Africa/Brazzaville"]), ("CH", ["Europe/Zurich"]), ("CI", ["Africa/Abidjan"]), ("CK", ["Pacific/Rarotonga"]),
        ("CM", ["Africa/Douala"]), ("CO", ["America/Bogota"]), ("CR", ["America/Costa_Rica"]), ("CU", ["America/Havana"]),
        ("CV", ["Atlantic/Cape_Verde"]), ("CZ", ["Europe/Prague"]), ("DJ", ["Africa/Djibouti"]), ("DK", ["Europe/Copenhagen"]),
        ("DM", ["America/Dominica"]), ("DO", ["America/Santo_Domingo"]), ("DZ", ["Africa/Algiers"]), ("EE", ["Europe/Tallinn"]),
        ("EG", ["Africa/Cairo"]), ("ER", ["Africa/Asmara"]), ("ET", ["Africa/Addis_Ababa"]), ("FI", ["Europe/Helsinki"]),
        ("FJ", ["Pacific/Fiji"]), ("FR", ["Europe/Paris"]), ("GA", ["Africa/Libreville"]), ("GB", ["Europe/London"]),
        ("GD", ["America/Grenada"]), ("GE", ["Asia/Tbilisi"]), ("GH", ["Africa/Accra"]), ("GM", ["Africa/Banjul"]),
        ("GN", ["Africa/Conakry"]), ("GQ", ["Africa/Malabo"]), ("GR", ["Europe/Athens"]), ("GT", ["America/Guatemala"]),
        ("GW", ["Africa/Bissau"]), ("GY", ["America/Guyana"]), ("HN", ["America/Tegucigalpa"]), ("HR", ["Europe/Zagreb"]),
        ("HT", ["America/Port-au-Prince"]), ("HU", ["Europe/Budapest"]), ("IE", ["Europe/Dublin"]), ("IL", ["Asia/Jerusalem"]),
        ("IN", ["Asia/Kolkata"]), ("IQ", ["Asia/Baghdad"]), ("IR", ["Asia/Tehran"]), ("IS", ["Atlantic/Reykjavik"]),
        ("IT", ["Europe/Rome"]), ("JM", ["America/Jamaica"]), ("JO", ["Asia/Amman"]), ("JP", ["Asia/Tokyo"]), ("KE", ["Africa/Nairobi"]),
        ("KG", ["Asia/Bishkek"]), ("KH", ["Asia/Phnom_Penh"]), ("KM", ["Indian/Comoro"]), ("KN", ["America/St_Kitts"]),
        ("KP", ["Asia/Pyongyang"]), ("KR", ["Asia/Seoul"]), ("KW", ["Asia/Kuwait"]), ("LA", ["Asia/Vientiane"]), ("LB", ["Asia/Beirut"]),
        ("LC", ["America/St_Lucia"]), ("LI", ["Europe/Vaduz"]), ("LK", ["Asia/Colombo"]), ("LR", ["Africa/Monrovia"]),
        ("LS", ["Africa/Maseru"]), ("LT", ["Europe/Vilnius"]), ("LU", ["Europe/Luxembourg"]), ("LV", ["Europe/Riga"]),
        ("LY", ["Africa/Tripoli"]), ("MA", ["Africa/Casablanca"]), ("MC", ["Europe/Monaco"]), ("MD", ["Europe/Chisinau"]),
        ("ME", ["Europe/Podgorica"]), ("MG", ["Indian/Antananarivo"]), ("MK", ["Europe/Skopje"]), ("ML", ["Africa/Bamako"]),
        ("MM", ["Asia/Yangon"]), ("MR", ["Africa/Nouakchott"]), ("MT", ["Europe/Malta"]), ("MU", ["Indian/Mauritius"]),
        ("MV", ["Indian/Maldives"]), ("MW", ["Africa/Blantyre"]), ("MZ", ["Africa/Maputo"]), ("NA", ["Africa/Windhoek"]),
        ("NE", ["Africa/Niamey"]), ("NG", ["Africa/Lagos"]), ("NI", ["America/Managua"]), ("NL", ["Europe/Amsterdam"]),
        ("NO", ["Europe/Oslo"]), ("NP", ["Asia/Kathmandu"]), ("NR", ["Pacific/Nauru"]), ("NU", ["Pacific/Niue"]), ("OM", ["Asia/Muscat"]),
        ("PA", ["America/Panama"]), ("PE", ["America/Lima"]), ("PH", ["Asia/Manila"]), ("PK", ["Asia/Karachi"]), ("PL", ["Europe/Warsaw"]),
        ("PW", ["Pacific/Palau"]), ("PY", ["America/Asuncion"]), ("QA", ["Asia/Qatar"]), ("RO", ["Europe/Bucharest"]),
        ("RS", ["Europe/Belgrade"]), ("RW", ["Africa/Kigali"]), ("SA", ["Asia/Riyadh"]), ("SB", ["Pacific/Guadalcanal"]),
        ("SC", ["Indian/Mahe"]), ("SD", ["Africa/Khartoum"]), ("SE", ["Europe/Stockholm"]), ("SG", ["Asia/Singapore"]),
        ("SI", ["Europe/Ljubljana"]), ("SK", ["Europe/Bratislava"]), ("SL", ["Africa/Freetown"]), ("SM", ["Europe/San_Marino"]),
        ("SN", ["Africa/Dakar"]), ("SO", ["Africa/Mogadishu"]), ("SR", ["America/Paramaribo"]), ("SS", ["Africa/Juba"]),
        ("ST", ["Africa/Sao_Tome"]), ("SV", ["America/El_Salvador"]), ("SY", ["Asia/Damascus"]), ("SZ", ["Africa/Mbabane"]),
        ("TD", ["Africa/Ndjamena"]), ("TG", ["Africa/Lome"]), ("TH", ["Asia/Bangkok"]), ("TJ", ["Asia/Dushanbe"]), ("TL", ["Asia/Dili"]),
        ("TM", ["Asia/Ashgabat"]), ("TN", ["Africa/Tunis"]), ("TO", ["Pacific/Tongatapu"]), ("TR", ["Europe/Istanbul"]),
        ("TT", ["America/Port_of_Spain"]), ("TV", ["Pacific/Funafuti"]), ("TZ", ["Africa/Dar_es_Salaam"]), ("UG", ["Africa/Kampala"]),
        ("UY", ["America/Montevideo"]), ("VA", ["Europe/Vatican"]), ("VC", ["America/St_Vincent"]), ("VE", ["America/Caracas"]),
        ("VN", ["Asia/Ho_Chi_Minh"]), ("VU", ["Pacific/Efate"]), ("WS", ["Pacific/Apia"]), ("YE", ["Asia/Aden"]),
        ("ZA", ["Africa/Johannesburg"]), ("ZM", ["Africa/Lusaka"]), ("ZW", ["Africa/Harare"]),
        // several zones: the capital's first
        ("AR", [
            "America/Argentina/Buenos_Aires", "America/Argentina/Cordoba", "America/Argentina/Salta", "America/Argentina/Jujuy",
            "America/Argentina/Tucuman", "America/Argentina/Catamarca", "America/Argentina/La_Rioja",
            "America/Argentina/San_Juan", "America/Argentina/Mendoza", "America/Argentina/San_Luis",
            "America/Argentina/Rio_Gallegos", "America/Argentina/Ushuaia"
        ]),
        ("AU", [
            "Australia/Sydney", "Australia/Lord_Howe", "Antarctica/Macquarie", "Australia/Hobart", "Australia/Melbourne",
            "Australia/Broken_Hill", "Australia/Brisbane", "Australia/Lindeman", "Australia/Adelaide", "Australia/Darwin",
            "Australia/Perth", "Australia/Eucla"
        ]),
        ("BR", [
            "America/Sao_Paulo", "America/Noronha", "America/Belem", "America/Fortaleza", "America/Recife", "America/Araguaina",
            "America/Maceio", "America/Bahia", "America/Campo_Grande", "America/Cuiaba", "America/Santarem",
            "America/Porto_Velho", "America/Boa_Vista", "America/Manaus", "America/Eirunepe", "America/Rio_Branco"
        ]),
        ("CA", [
            "America/Toronto", "America/St_Johns", "America/Halifax", "America/Glace_Bay", "America/Moncton", "America/Goose_Bay",
            "America/Blanc-Sablon", "America/Iqaluit", "America/Atikokan", "America/Winnipeg", "America/Resolute",
            "America/Rankin_Inlet", "America/Regina", "America/Swift_Current", "America/Edmonton", "America/Cambridge_Bay",
            "America/Inuvik", "America/Creston", "America/Dawson_Creek", "America/Fort_Nelson", "America/Whitehorse",
            "America/Dawson", "America/Vancouver"
        ]),
        ("CD", ["Africa/Kinshasa", "Africa/Lubumbashi"]),
        ("CL", ["America/Santiago", "America/Coyhaique", "America/Punta_Arenas", "Pacific/Easter"]),
        ("CN", ["Asia/Shanghai", "Asia/Urumqi"]),
        ("CY", ["Asia/Nicosia", "Asia/Famagusta"]),
        ("DE", ["Europe/Berlin", "Europe/Busingen"]),
        ("EC", ["America/Guayaquil", "Pacific/Galapagos"]),
        ("ES", ["Europe/Madrid", "Africa/Ceuta", "Atlantic/Canary"]),
        ("FM", ["Pacific/Pohnpei", "Pacific/Chuuk", "Pacific/Kosrae"]),
        ("ID", ["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"]),
        ("KI", ["Pacific/Tarawa", "Pacific/Kanton", "Pacific/Kiritimati"]),
        ("KZ", ["Asia/Almaty", "Asia/Qyzylorda", "Asia/Qostanay", "Asia/Aqtobe", "Asia/Aqtau", "Asia/Atyrau", "Asia/Oral"]),
        ("MH", ["Pacific/Majuro", "Pacific/Kwajalein"]),
        ("MN", ["Asia/Ulaanbaatar", "Asia/Hovd"]),
        ("MX", [
            "America/Mexico_City", "America/Cancun", "America/Merida", "America/Monterrey", "America/Matamoros",
            "America/Chihuahua", "America/Ciudad_Juarez", "America/Ojinaga", "America/Mazatlan", "America/Bahia_Banderas",
            "America/Hermosillo", "America/Tijuana"
        ]),
        ("MY", ["Asia/Kuala_Lumpur", "Asia/Kuching"]),
        ("NZ", ["Pacific/Auckland", "Pacific/Chatham"]),
        ("PG", ["Pacific/Port_Moresby", "Pacific/Bougainville"]),
        ("PS", ["Asia/Hebron", "Asia/Gaza"]),
        ("PT", ["Europe/Lisbon", "Atlantic/Madeira", "Atlantic/Azores"]),
        ("RU", [
            "Europe/Moscow", "Europe/Kaliningrad", "Europe/Kirov", "Europe/Volgograd", "Europe/Astrakhan", "Europe/Saratov",
            "Europe/Ulyanovsk", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Barnaul",
            "Asia/Tomsk", "Asia/Novokuznetsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Chita", "Asia/Yakutsk", "Asia/Khandyga",
            "Asia/Vladivostok", "Asia/Ust-Nera", "Asia/Magadan", "Asia/Sakhalin", "Asia/Srednekolymsk", "Asia/Kamchatka",
            "Asia/Anadyr"
        ]),
        ("UA", ["Europe/Kyiv", "Europe/Simferopol"]),
        ("US", [
            "America/New_York", "America/Detroit", "America/Kentucky/Louisville", "America/Kentucky/Monticello",
            "America/Indiana/Indianapolis", "America/Indiana/Vincennes", "America/Indiana/Winamac", "America/Indiana/Marengo",
            "America/Indiana/Petersburg", "America/Indiana/Vevay", "America/Chicago", "America/Indiana/Tell_City",
            "America/Indiana/Knox", "America/Menominee", "America/North_Dakota/Center", "America/North_Dakota/New_Salem",
            "America/North_Dakota/Beulah", "America/Denver", "America/Boise", "America/Phoenix", "America/Los_Angeles",
            "America/Anchorage", "America/Juneau", "America/Sitka", "America/Metlakatla", "America/Yakutat", "America/Nome",
            "America/Adak", "Pacific/Honolulu"
        ]),
        ("UZ", ["Asia/Tashkent", "Asia/Samarkand"]),
    ];

    private static readonly FrozenDictionary<string, string[]> Zones = ZonesByCountry.ToFrozenDictionary(c => c.Code, c => c.Zones, StringComparer.Ordinal);

    private static readonly FrozenSet<string> Listed = ZonesByCountry.SelectMany(c => c.Zones).Append(Utc).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The zones of a country, its capital's first; UTC alone for a code with none listed (never empty).</summary>
    public static IReadOnlyList<string> For(string countryCode) => Zones.TryGetValue(countryCode, out var zones) ? zones : [Utc];

    /// <summary>The zone a VPI of this country is set up in: its capital's.</summary>
    public static string Default(string countryCode) => For(countryCode)[0];

    /// <summary>The zones a VPI of this country may choose from: the country's, then UTC.</summary>
    public static IReadOnlyList<string> Offered(string countryCode) => [.. For(countryCode).Append(Utc).Distinct()];

    /// <summary>Whether a zone is one listed here (for some country), or UTC (exact spelling: cards are untrusted input).</summary>
    public static bool IsKnown(string? zone) => zone is not null && Listed.Contains(zone);

    /// <summary>
    /// The instant a date and time in a zone means. A time that does not exist there (skipped when the clocks go
    /// forward) moves forward by the gap, as Outlook does: 02:30 on the night clocks jump from 02:00 to 03:00 is 03:30.
    /// A time that happens twice (when the clocks go back) is its first occurrence, the earlier instant. The answer
    /// carries the zone's offset at that instant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, string zone)
    {
        var rules = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var offset = rules.IsAmbiguousTime(local) ? rules.GetAmbiguousTimeOffsets(local).Max()
            : rules.IsInvalidTime(local) ? OffsetBeforeGap(rules, local)
            : rules.GetUtcOffset(local);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offset), rules);
    }

    /// <summary>The date and time an instant shows on a clock in the zone.</summary>
    public static (DateOnly Date, TimeOnly Time) ToLocal(DateTimeOffset instant, string zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    /// <summary>The zone's offset from UTC at an instant (with daylight saving time if it is in force then).</summary>
    public static TimeSpan OffsetAt(DateTimeOffset instant, string zone) => TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(instant);

    /// <summary>
    /// The offset in force just before the clocks jumped over <paramref name="local"/>: that of a day earlier, as no
    /// zone changes its clocks twice within a day. Read with it, the skipped time lands as far after the jump as it
    /// was into the gap.
    /// </summary>
    private static TimeSpan OffsetBeforeGap(TimeZoneInfo rules, DateTime local) =>
        rules.GetUtcOffset(new DateTimeOffset(local, TimeSpan.Zero).AddDays(-1));
}
