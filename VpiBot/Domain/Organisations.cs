using System.Globalization;
using System.Text;

namespace VpiBot.Domain;

/// <summary>Matching an organisation's name as people type it: case, accents, punctuation and one typo per word aside.</summary>
public static class Organisations
{
    /// <summary>Whether every word typed (of three letters or more) is in the name, or close to one of its words.</summary>
    public static bool Matches(string name, string typed)
    {
        var wanted = Words(typed).Where(w => w.Length >= 3).ToList();
        if (wanted.Count == 0)
        {
            return false;
        }
        var words = Words(name).ToList();
        return wanted.All(w => words.Any(n => n == w || n.StartsWith(w, StringComparison.Ordinal) || w.Length >= 5 && Distance(n, w) <= 1));
    }

    /// <summary>The words of a text: lower case, without accents, split at anything not a letter or digit.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Levenshtein distance, stopping early past 1 (all this needs).</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return 2;
        }
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
