using System.Globalization;
using System.Resources;

namespace VpiBot.Resources;

/// <summary>
/// Every user-visible string, from <c>Strings.resx</c> (English, the neutral culture). A translation is a
/// <c>Strings.{culture}.resx</c> beside it (fr, es, ar, ru, zh); the user's Teams locale picks it.
/// </summary>
public static class Text
{
    private static readonly ResourceManager Strings = new("VpiBot.Resources.Strings", typeof(Text).Assembly);

    public static string Get(string key, CultureInfo culture, params object[] args)
    {
        var template = Strings.GetString(key, culture) ?? throw new KeyNotFoundException($"No resource string '{key}'.");
        return args.Length == 0 ? template : string.Format(Formatting(culture), template, args);
    }

    /// <summary>
    /// How arguments are formatted into a sentence: by the reader's culture; for a right-to-left reader each argument is
    /// also wrapped in FIRST STRONG ISOLATE (U+2068) … POP DIRECTIONAL ISOLATE (U+2069), so a Latin name, "UNTOC" or a
    /// number inside an Arabic sentence keeps its own direction without reordering the words around it
    /// (Unicode UAX #9 §2.7, https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates;
    /// https://www.w3.org/International/questions/qa-bidi-unicode-controls).
    /// </summary>
    private static IFormatProvider Formatting(CultureInfo culture) =>
        culture.TextInfo.IsRightToLeft ? new IsolatingFormatter(culture) : culture;

    public const char FirstStrongIsolate = '\u2068';
    public const char PopDirectionalIsolate = '\u2069';

    private sealed class IsolatingFormatter(CultureInfo culture) : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : culture.GetFormat(formatType);

        public string Format(string? format, object? arg, IFormatProvider? formatProvider)
        {
            var text = arg is IFormattable formattable ? formattable.ToString(format, culture) : arg?.ToString() ?? "";
            return FirstStrongIsolate + text + PopDirectionalIsolate;
        }
    }

    /// <summary>A resource string in <paramref name="culture"/> (with .NET's fallback to English), or null if there is no such key.</summary>
    public static string? Find(string key, CultureInfo culture) => Strings.GetString(key, culture);

    /// <summary>A culture by name (as stored with an event or a delivery); the invariant culture when unknown.</summary>
    public static CultureInfo Culture(string? name)
    {
        try
        {
            return string.IsNullOrWhiteSpace(name) ? CultureInfo.InvariantCulture : Gregorian(CultureInfo.GetCultureInfo(name));
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CultureInfo> GregorianCultures = new(StringComparer.Ordinal);

    /// <summary>
    /// The culture with the Gregorian calendar, in which the VPI's dates and deadlines are set (ar-SA counts in the Umm
    /// al-Qura calendar by default), as Protocol's <c>Languages.For</c> gives a person's culture: a view rendered later
    /// by the culture's name writes the same days.
    /// </summary>
    public static CultureInfo Gregorian(CultureInfo culture) =>
        culture.Calendar is GregorianCalendar ? culture : GregorianCultures.GetOrAdd(culture.Name, name =>
        {
            var writable = new CultureInfo(name, useUserOverride: false);
            writable.DateTimeFormat.Calendar = writable.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
            return CultureInfo.ReadOnly(writable);
        });

    /// <summary>
    /// A string that depends on a count ("1 person", "3 people"): the resource <c>{key}.{category}</c> for the plural
    /// category of <paramref name="count"/> in the reader's language (<see cref="PluralRules"/>), falling back to
    /// <c>{key}.Other</c>; <c>{0}</c> is the count, the other arguments follow.
    /// </summary>
    public static string Plural(string key, CultureInfo culture, long count, params object[] args)
    {
        var category = PluralRules.Category(culture, count);
        var template = Strings.GetString($"{key}.{category}", culture) ?? Strings.GetString($"{key}.{PluralCategory.Other}", culture)
            ?? throw new KeyNotFoundException($"No resource string '{key}.{PluralCategory.Other}'.");
        return string.Format(Formatting(culture), template, [count, .. args]);
    }
}

/// <summary>The CLDR plural categories (https://cldr.unicode.org/index/cldr-spec/plural-rules).</summary>
public enum PluralCategory { Zero, One, Two, Few, Many, Other }

/// <summary>
/// CLDR's cardinal plural rules for whole numbers in the six UN languages
/// (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html): English and Spanish have
/// one/other, French counts 0 as one, Russian one/few/many, Arabic all six, Chinese none.
/// </summary>
public static class PluralRules
{
    public static PluralCategory Category(CultureInfo culture, long count)
    {
        var n = Math.Abs(count);
        long mod10 = n % 10, mod100 = n % 100;
        return culture.TwoLetterISOLanguageName switch
        {
            "zh" or "ja" => PluralCategory.Other,
            "fr" => n is 0 or 1 ? PluralCategory.One : PluralCategory.Other,
            "ru" or "uk" => mod10 == 1 && mod100 != 11 ? PluralCategory.One
                : mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? PluralCategory.Few
                : PluralCategory.Many,
            "ar" => n switch
            {
                0 => PluralCategory.Zero,
                1 => PluralCategory.One,
                2 => PluralCategory.Two,
                _ when mod100 is >= 3 and <= 10 => PluralCategory.Few,
                _ when mod100 is >= 11 and <= 99 => PluralCategory.Many,
                _ => PluralCategory.Other,
            },
            _ => n == 1 ? PluralCategory.One : PluralCategory.Other,
        };
    }
}
