using System.Globalization;
using System.Text.Json.Nodes;

namespace VpiBot.Protocol;

/// <summary>
/// The six official languages of the United Nations, which VpiBot speaks, and which of them a person or a VPI is
/// answered in. A Teams <c>locale</c> (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bot-localization)
/// is answered in its language if VpiBot speaks it (every Chinese locale in simplified Chinese), else in English; the
/// region is kept where .NET knows it with that language, so a Canadian reads <c>Strings.fr</c> with Canadian dates.
/// </summary>
public static class Languages
{
    public const string English = "en";

    /// <summary>The supported cultures, in the UN's order (Arabic, Chinese, English, French, Russian, Spanish).</summary>
    public static readonly IReadOnlyList<string> Supported = ["ar", "zh-Hans", English, "fr", "ru", "es"];

    /// <summary>The culture a person whose Teams locale is <paramref name="locale"/> is answered in.</summary>
    public static CultureInfo For(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 85 || Known(locale.Trim()) is not { } asked)
        {
            return CultureInfo.GetCultureInfo(English);
        }
        var language = LanguageOf(asked);
        if (language == English && asked.TwoLetterISOLanguageName != "en")
        {
            return CultureInfo.GetCultureInfo(English); // a language VpiBot does not speak: English, without a foreign region's formats
        }
        if (ReadsFrom(asked, language))
        {
            return Gregorian(asked);
        }
        // zh-TW reads zh-Hant by .NET's fallback: the same region in the language VpiBot speaks, if .NET knows it
        var region = RegionOf(asked);
        return region is not null && Known($"{language}-{region}") is { } regional && ReadsFrom(regional, language)
            ? Gregorian(regional)
            : CultureInfo.GetCultureInfo(language);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CultureInfo> GregorianCultures = new(StringComparer.Ordinal);

    /// <summary>
    /// The culture with the Gregorian calendar, in which the VPI's dates and deadlines are set: ar-SA counts in the Umm
    /// al-Qura calendar by default, and a deadline must read the same day for everyone.
    /// </summary>
    private static CultureInfo Gregorian(CultureInfo culture)
    {
        if (culture.Calendar is GregorianCalendar)
        {
            return culture;
        }
        return GregorianCultures.GetOrAdd(culture.Name, name =>
        {
            var writable = new CultureInfo(name, useUserOverride: false);
            writable.DateTimeFormat.Calendar = writable.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
            return CultureInfo.ReadOnly(writable);
        });
    }

    /// <summary>The supported language a culture reads its strings in (English for one VpiBot does not speak).</summary>
    public static string LanguageOf(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh" ? "zh-Hans"
        : Supported.Contains(culture.TwoLetterISOLanguageName) ? culture.TwoLetterISOLanguageName
        : English;

    /// <summary>A VPI's language as stored (null for VPIs set up before it was asked: English until a facilitator chooses).</summary>
    public static CultureInfo OfVpi(string? language) =>
        language is not null && Supported.Contains(language) ? CultureInfo.GetCultureInfo(language) : CultureInfo.GetCultureInfo(English);

    /// <summary>Whether <paramref name="name"/> is one of the supported cultures, exactly as stored.</summary>
    public static bool IsSupported(string? name) => name is not null && Supported.Contains(name);

    /// <summary>Whether the culture is written right to left (Arabic).</summary>
    public static bool IsRightToLeft(CultureInfo culture) => culture.TextInfo.IsRightToLeft;

    /// <summary>
    /// Marks an Adaptive Card as right to left when its reader's culture is (Adaptive Cards 1.5 <c>AdaptiveCard.rtl</c>,
    /// https://adaptivecards.io/explorer/AdaptiveCard.html); a card for a left-to-right reader is left as it is.
    /// Called where a card meets its culture (replies, invoke answers, proactive messages), not by each card builder.
    /// </summary>
    public static JsonObject Directed(JsonObject card, CultureInfo culture)
    {
        if (IsRightToLeft(culture) && card["type"]?.GetValue<string>() == "AdaptiveCard")
        {
            card["rtl"] = true;
        }
        return card;
    }

    private static bool ReadsFrom(CultureInfo culture, string language)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (string.Equals(c.Name, language, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static string? RegionOf(CultureInfo culture)
    {
        var parts = culture.Name.Split('-');
        return parts.Length > 1 && parts[^1].Length is 2 or 3 && parts[^1].All(char.IsAsciiLetterUpper) || parts.Length > 1 && parts[^1].All(char.IsAsciiDigit)
            ? parts[^1]
            : null;
    }

    /// <summary>A culture .NET knows by that name (not one it would make up for any well-formed tag), or null.</summary>
    private static CultureInfo? Known(string name)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return string.IsNullOrEmpty(culture.Name) ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
