using System.Globalization;
using System.Text.RegularExpressions;

namespace VpiBot.Features.Shared;

/// <summary>
/// Reading the number of a numbered item as people type it after a command: "3", "#3", or with the item's letter
/// ("R3", "r3" for recommendations; "P4" for priorities), as the cards label them. Anything else is no number.
/// </summary>
public static class ItemNumbers
{
    public static int? Parse(string arguments, char letter)
    {
        var s = arguments.Trim();
        if (s.Length > 0 && (s[0] == '#' || char.ToUpperInvariant(s[0]) == char.ToUpperInvariant(letter)))
        {
            s = s[1..];
        }
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }
}

/// <summary>A status typed after a list command: "submitted", "under review", "on ballot"… (the status name, spaces optional, any case).</summary>
public static partial class StatusNames
{
    public static T? Parse<T>(string arguments) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>()
            .FirstOrDefault(s => string.Equals(s.ToString(), arguments.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    /// <summary>The statuses a person can type, as they type them ("under review").</summary>
    public static string Names<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(s => Words().Replace(s.ToString(), " ").ToLowerInvariant()));

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex Words();
}
