using System.Globalization;
using VpiBot.Resources;

namespace VpiBot.Tests.Resources;

/// <summary>CLDR's plural categories, checked against the examples in its language_plural_rules chart.</summary>
public sealed class PluralRulesTests
{
    [Theory]
    [InlineData("en", 1, PluralCategory.One)]
    [InlineData("en", 0, PluralCategory.Other)]
    [InlineData("en", 2, PluralCategory.Other)]
    [InlineData("es", 1, PluralCategory.One)]
    [InlineData("fr", 0, PluralCategory.One)]
    [InlineData("fr", 1, PluralCategory.One)]
    [InlineData("fr", 2, PluralCategory.Other)]
    [InlineData("ru", 1, PluralCategory.One)]
    [InlineData("ru", 21, PluralCategory.One)]
    [InlineData("ru", 11, PluralCategory.Many)]
    [InlineData("ru", 2, PluralCategory.Few)]
    [InlineData("ru", 24, PluralCategory.Few)]
    [InlineData("ru", 12, PluralCategory.Many)]
    [InlineData("ru", 5, PluralCategory.Many)]
    [InlineData("ru", 0, PluralCategory.Many)]
    [InlineData("ar", 0, PluralCategory.Zero)]
    [InlineData("ar", 1, PluralCategory.One)]
    [InlineData("ar", 2, PluralCategory.Two)]
    [InlineData("ar", 3, PluralCategory.Few)]
    [InlineData("ar", 103, PluralCategory.Few)]
    [InlineData("ar", 11, PluralCategory.Many)]
    [InlineData("ar", 99, PluralCategory.Many)]
    [InlineData("ar", 100, PluralCategory.Other)]
    [InlineData("ar", 102, PluralCategory.Other)]
    [InlineData("zh-Hans", 1, PluralCategory.Other)]
    public void Categories_follow_CLDR(string language, long count, PluralCategory expected) =>
        Assert.Equal(expected, PluralRules.Category(CultureInfo.GetCultureInfo(language), count));

    [Fact]
    public void English_says_one_person_and_two_people()
    {
        Assert.Equal("1 person", Text.Plural("Roster.Count", CultureInfo.GetCultureInfo("en"), 1));
        Assert.Equal("2 people", Text.Plural("Roster.Count", CultureInfo.GetCultureInfo("en"), 2));
        Assert.Equal("0 people", Text.Plural("Roster.Count", CultureInfo.InvariantCulture, 0));
    }
}
