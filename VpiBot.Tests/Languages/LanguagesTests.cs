using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Protocol;
using VpiBot.Resources;

namespace VpiBot.Tests.Languages;

/// <summary>Which language a person is answered in, from their Teams locale, and how right-to-left cards and sentences are marked.</summary>
public sealed class LanguagesTests
{
    [Theory]
    [InlineData("ar-SA", "ar")]
    [InlineData("ar-EG", "ar")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hans")]
    [InlineData("zh-HK", "zh-Hans")]
    [InlineData("fr-CA", "fr")]
    [InlineData("fr-FR", "fr")]
    [InlineData("es-419", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("ru-RU", "ru")]
    [InlineData("en-GB", "en")]
    [InlineData("de-DE", "en")]
    [InlineData("pt-BR", "en")]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("not a locale!", "en")]
    public void A_Teams_locale_is_answered_in_its_UN_language_or_else_English(string? locale, string language) =>
        Assert.Equal(language, VpiBot.Protocol.Languages.LanguageOf(VpiBot.Protocol.Languages.For(locale)));

    [Fact]
    public void Every_locale_reads_the_strings_of_the_language_it_is_answered_in()
    {
        // the culture returned must reach Strings.{language} by .NET's resource fallback (zh-TW alone would read zh-Hant)
        foreach (var locale in new[] { "zh-CN", "zh-TW", "zh-SG", "zh-HK", "fr-CA", "es-419", "ar-SA", "ru-RU" })
        {
            var culture = VpiBot.Protocol.Languages.For(locale);
            var language = VpiBot.Protocol.Languages.LanguageOf(culture);
            var chain = new List<string>();
            for (var c = culture; c.Name.Length > 0; c = c.Parent)
            {
                chain.Add(c.Name);
            }
            Assert.Contains(language, chain);
        }
    }

    [Fact]
    public void A_Canadian_reads_French_with_Canadian_dates_and_a_German_reads_English_without_German_ones()
    {
        var day = new DateTime(2026, 3, 9);
        var canadian = VpiBot.Protocol.Languages.For("fr-CA");
        Assert.Equal("fr-CA", canadian.Name);
        Assert.Equal(day.ToString("d", CultureInfo.GetCultureInfo("fr-CA")), day.ToString("d", canadian));
        Assert.NotEqual(day.ToString("d", CultureInfo.GetCultureInfo("fr-FR")), day.ToString("d", canadian));
        var german = VpiBot.Protocol.Languages.For("de-DE");
        Assert.Equal("en", german.Name);
        Assert.NotEqual(day.ToString("d", CultureInfo.GetCultureInfo("de-DE")), day.ToString("d", german));
    }

    [Fact]
    public void A_VPI_set_up_before_languages_were_asked_posts_in_English_until_one_is_chosen()
    {
        Assert.Equal("en", VpiBot.Protocol.Languages.OfVpi(null).Name);
        Assert.Equal("en", VpiBot.Protocol.Languages.OfVpi("xx").Name);
        Assert.Equal("zh-Hans", VpiBot.Protocol.Languages.OfVpi("zh-Hans").Name);
    }

    [Fact]
    public void Only_cards_for_a_right_to_left_reader_are_marked_rtl()
    {
        var forArabic = VpiBot.Protocol.Languages.Directed(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5" }, VpiBot.Protocol.Languages.For("ar-SA"));
        Assert.True(forArabic["rtl"]!.GetValue<bool>());
        foreach (var locale in new[] { "en-US", "fr-FR", "zh-CN", "ru-RU", "es-ES" })
        {
            var card = VpiBot.Protocol.Languages.Directed(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5" }, VpiBot.Protocol.Languages.For(locale));
            Assert.Null(card["rtl"]);
        }
    }
}

/// <summary>Mixed Arabic and Latin text: each argument of a right-to-left sentence is isolated (UAX #9 §2.7), left-to-right ones are left alone.</summary>
public sealed class BidiTextTests
{
    private const char Fsi = '\u2068', Pdi = '\u2069';

    [Fact]
    public void In_Arabic_each_argument_is_isolated_so_a_Latin_name_does_not_reorder_the_sentence()
    {
        var said = Text.Get("VpiLanguage.Saved", VpiBot.Protocol.Languages.For("ar-SA"), "UNTOC 2000");
        Assert.Contains(Fsi + "UNTOC 2000" + Pdi, said);
        Assert.Equal(1, said.Count(c => c == Fsi));
        Assert.Equal(1, said.Count(c => c == Pdi));
    }

    [Fact]
    public void Numbers_keep_their_format_inside_the_isolate()
    {
        var culture = VpiBot.Protocol.Languages.For("ar-SA");
        var said = Text.Plural(PluralKey(), culture, 3);
        Assert.Contains(Fsi + 3.ToString(culture) + Pdi, said);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-CN")]
    public void Left_to_right_sentences_carry_no_direction_marks(string locale)
    {
        var culture = VpiBot.Protocol.Languages.For(locale);
        var said = Text.Get("VpiLanguage.Saved", culture, "UNTOC") + Text.Plural(PluralKey(), culture, 3);
        Assert.DoesNotContain(Fsi, said);
        Assert.DoesNotContain(Pdi, said);
    }

    /// <summary>"{0} members" in the English strings (Other form), with the count as its argument.</summary>
    private static string PluralKey() => "Roster.Count";
}

/// <summary>Dates in sentences are written as the reader writes them.</summary>
public sealed class ReaderDateTests
{
    [Theory]
    [InlineData("en-US", "9 March 2026")]
    [InlineData("fr-CA", "9 mars 2026")]
    [InlineData("ru-RU", "9 марта 2026")]
    [InlineData("es-419", "9 de marzo de 2026")]
    [InlineData("zh-TW", "2026年3月9日")]
    public void A_date_is_written_in_the_readers_month_names_and_order(string locale, string written) =>
        Assert.Equal(written, VpiBot.Features.Shared.Labels.Date(new DateOnly(2026, 3, 9), VpiBot.Protocol.Languages.For(locale)));

    [Fact]
    public void An_Arabic_reader_reads_the_Gregorian_day_in_Arabic_whatever_their_regions_calendar()
    {
        // ar-SA counts in the Umm al-Qura calendar by default: a deadline must be the same day for everyone
        foreach (var locale in new[] { "ar-SA", "ar-EG" })
        {
            var culture = VpiBot.Protocol.Languages.For(locale);
            Assert.Equal(locale, culture.Name);
            var written = VpiBot.Features.Shared.Labels.Date(new DateOnly(2026, 3, 9), culture);
            Assert.Equal("9 مارس 2026", written);
        }
    }
}

/// <summary>A view rendered later by its culture's name (the outbox) writes the same days as the reply did.</summary>
public sealed class StoredCultureTests
{
    [Fact]
    public void A_culture_named_in_a_delivery_counts_in_the_Gregorian_calendar_as_the_reply_did()
    {
        var reply = VpiBot.Protocol.Languages.For("ar-SA");
        var later = Text.Culture(reply.Name);
        var day = new DateOnly(2026, 3, 9);
        Assert.Equal(VpiBot.Features.Shared.Labels.Date(day, reply), VpiBot.Features.Shared.Labels.Date(day, later));
        Assert.Contains("2026", VpiBot.Features.Shared.Labels.Date(day, later));
    }
}
