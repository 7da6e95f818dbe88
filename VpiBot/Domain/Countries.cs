using System.Globalization;

namespace VpiBot.Domain;

/// <summary>ISO 3166-1 alpha-2 countries, as the runtime's ICU data knows them (names in the viewer's language).</summary>
public static class Countries
{
    // ICU also answers for codes that are not countries.
    private static readonly HashSet<string> NotCountries = ["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"];

    public static readonly IReadOnlyList<string> Codes = Build();

    public static bool IsKnown(string? code) => code is { Length: 2 } && Codes.Contains(code);

    public static string Name(string code, CultureInfo culture)
    {
        var region = new RegionInfo(code);
        return culture.TwoLetterISOLanguageName is "en" or "iv" ? region.EnglishName : region.DisplayName;
    }

    private static List<string> Build()
    {
        var codes = new List<string>();
        for (var a = 'A'; a <= 'Z'; a++)
        {
            for (var b = 'A'; b <= 'Z'; b++)
            {
                var code = $"{a}{b}";
                if (NotCountries.Contains(code))
                {
                    continue;
                }
                try
                {
                    var region = new RegionInfo(code);
                    if (region.TwoLetterISORegionName == code && region.EnglishName != code)
                    {
                        codes.Add(code);
                    }
                }
                catch (ArgumentException)
                {
                }
            }
        }
        return codes;
    }
}
