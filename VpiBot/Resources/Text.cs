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
        return args.Length == 0 ? template : string.Format(culture, template, args);
    }
}
