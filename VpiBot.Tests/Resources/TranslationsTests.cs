using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VpiBot.Resources;
using Xunit.Abstractions;

namespace VpiBot.Tests.Resources;

/// <summary>
/// The five translations of Strings.resx (the six UN languages with English): every key in every language, with the
/// plural forms the language's grammar needs (CLDR), the same placeholders, nothing left in English but names and
/// codes, and read by the app through .NET's satellite resources for the locales Teams sends.
/// </summary>
public sealed partial class TranslationsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Languages => new() { "ar", "zh-Hans", "fr", "ru", "es" };

    private static readonly Dictionary<string, string[]> PluralCategories = new()
    {
        ["ar"] = ["Zero", "One", "Two", "Few", "Many", "Other"], ["ru"] = ["One", "Few", "Many", "Other"],
        ["fr"] = ["One", "Other"], ["es"] = ["One", "Other"], ["zh-Hans"] = ["Other"],
    };

    /// <summary>Kept as they are in every language: names, acronyms, codes, endonyms.</summary>
    private static readonly string[] SameEverywhere = ["WhatsOn", "UNTOC", "UNODC", "VPI", "VpiBot", "CSV", "Excel", "Word", "OK", "UTC"];

    /// <summary>Words spelt the same in English and the language (reviewed: French shares these with English).</summary>
    private static readonly Dictionary<string, string[]> SameWord = new()
    {
        ["fr"] = ["alliance", "instrument", "collaboration", "organisation", "description", "quorum", "point", "points", "vote", "votes", "minute",
            "minutes", "option", "corruption", "type", "contact", "date", "consultation", "consultations", "extradition", "information", "menu"],
    };

    private static string Folder => Path.Combine(VpiBot.Tests.Support.RepoRoot.Path, "VpiBot", "Resources");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static readonly Dictionary<string, string> English = Read("Strings.resx");

    private static HashSet<string> PluralFamilies() =>
        [.. English.Keys.Select(k => PluralForm().Match(k)).Where(m => m.Success && m.Groups[2].Value == "Other" && English.ContainsKey(m.Groups[1].Value + ".One"))
            .Select(m => m.Groups[1].Value)]; // OrgType.Other alone is a value named Other, not a plural

    /// <summary>The keys a language must have: the English ones, plural families widened to the language's categories.</summary>
    private static IEnumerable<string> Wanted(string language)
    {
        var families = PluralFamilies();
        foreach (var key in English.Keys)
        {
            var m = PluralForm().Match(key);
            if (!m.Success || !families.Contains(m.Groups[1].Value))
            {
                yield return key;
            }
        }
        foreach (var family in families)
        {
            foreach (var category in PluralCategories[language])
            {
                yield return $"{family}.{category}";
            }
        }
    }

    private static string EnglishOf(string key) =>
        English.TryGetValue(key, out var value) ? value : English[PluralForm().Match(key).Groups[1].Value + ".Other"];

    private static IEnumerable<string> Holes(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order();

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_is_translated_with_the_plural_forms_its_grammar_needs(string language)
    {
        var translated = Read($"Strings.{language}.resx");
        var missing = Wanted(language).Where(k => !translated.ContainsKey(k) || string.IsNullOrWhiteSpace(translated[k])).ToList();
        var extra = translated.Keys.Except(Wanted(language)).ToList();
        output.WriteLine($"{language}: {translated.Count} strings, {missing.Count} missing, {extra.Count} no longer used");
        Assert.Empty(missing);
        Assert.Empty(extra);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Placeholders_are_the_same_as_in_English(string language)
    {
        var translated = Read($"Strings.{language}.resx");
        var families = PluralFamilies();
        bool Plural(string key) => PluralForm().Match(key) is { Success: true } m && families.Contains(m.Groups[1].Value);
        var wrong = translated
            .Where(t => Plural(t.Key)
                ? !Holes(t.Value).ToHashSet().IsSubsetOf(Holes(EnglishOf(t.Key)))   // a plural form may leave the count out ("one task")
                : !Holes(t.Value).SequenceEqual(Holes(EnglishOf(t.Key))))
            .Select(t => $"{t.Key}: {t.Value}").ToList();
        Assert.Empty(wrong);
        // and every string formats with as many arguments as English passes
        foreach (var (key, value) in translated)
        {
            var args = Enumerable.Range(0, 10).Select(i => (object)$"arg{i}").ToArray();
            var ex = Record.Exception(() => string.Format(CultureInfo.InvariantCulture, value, args));
            Assert.True(ex is null, $"{language} {key} does not format: {ex?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Nothing_is_left_in_English_but_names_and_codes(string language)
    {
        var translated = Read($"Strings.{language}.resx");
        var english = translated.Where(t => English.TryGetValue(t.Key, out var en) && en == t.Value)
            .Where(t => !t.Key.StartsWith("Language.", StringComparison.Ordinal))            // endonyms
            .Where(t => Words().Matches(t.Value).Any(w => !SameEverywhere.Contains(w.Value)
                && !SameWord.GetValueOrDefault(language, []).Contains(w.Value, StringComparer.OrdinalIgnoreCase)))  // more than names, codes and shared words
            .Select(t => $"{t.Key}: {t.Value}").ToList();
        output.WriteLine($"{language}: {english.Count} left in English");
        Assert.Empty(english);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    [InlineData("en")]
    public void Command_words_and_descriptions_fit_the_Teams_command_menu(string language)
    {
        // the app package's command menus take them (manifest: title ≤ 32, description ≤ 128 characters)
        var strings = language == "en" ? English : Read($"Strings.{language}.resx");
        Assert.Empty(strings.Where(s => s.Key.StartsWith("Command.", StringComparison.Ordinal) && s.Value.Length > 32).Select(s => $"{s.Key} ({s.Value.Length})"));
        Assert.Empty(strings.Where(s => s.Key.StartsWith("Help.Command.", StringComparison.Ordinal) && s.Value.Length > 128).Select(s => $"{s.Key} ({s.Value.Length})"));
    }

    [Theory]
    [InlineData("ar-SA", "Help.Title")]
    [InlineData("zh-CN", "Help.Title")]
    [InlineData("fr-CA", "Help.Title")]
    [InlineData("ru-RU", "Help.Title")]
    [InlineData("es-MX", "Help.Title")]
    public void The_app_reads_each_language_for_the_locales_Teams_sends(string locale, string key)
    {
        var read = Text.Get(key, CultureInfo.GetCultureInfo(locale));
        Assert.NotEqual(English[key], read);
        Assert.Equal(Text.Get(key, CultureInfo.GetCultureInfo(locale.Split('-')[0] switch { "zh" => "zh-Hans", var l => l })), read);
    }

    [GeneratedRegex(@"^(.*)\.(Zero|One|Two|Few|Many|Other)$")]
    private static partial Regex PluralForm();

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex Words();
}
