using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VpiBot.Features.Questions;

/// <summary>
/// What the model wrote is checked before anyone reads it, pure. The answer is refused (null: the person gets the
/// "did you mean" card) when it is empty, when it holds a link, or when it holds a number that is in no tool result of
/// this conversation and not in the question — a number the model made up, or was told to say by text planted in the
/// VPI's data. A link is refused rather than cut out: nothing the bot's tools answer is a link, so a link can only be
/// the model's own or planted, and an answer with a piece removed may read as something else.
/// </summary>
public static partial class AssistantGuards
{
    /// <summary>The longest answer shown; longer is shortened (before the checks, so a cut number is checked too).</summary>
    public const int MaxAnswer = 1500;

    /// <summary>Why an answer was refused, for the log (never shown).</summary>
    public enum Refusal { None, Empty, Link, Number }

    /// <summary>The answer as plain text, or null and why not.</summary>
    public static (string? Text, Refusal Refusal) Check(string? answer, string question, IEnumerable<string> toolResults)
    {
        var text = Plain(answer ?? "");
        if (text.Length == 0)
        {
            return (null, Refusal.Empty);
        }
        if (text.Length > MaxAnswer)
        {
            text = text[..(MaxAnswer - 1)].TrimEnd() + "…";
        }
        if (Link().IsMatch(text))
        {
            return (null, Refusal.Link);
        }
        var known = Numbers(question).ToHashSet(StringComparer.Ordinal);
        foreach (var result in toolResults)
        {
            known.UnionWith(Numbers(result));
        }
        return Numbers(text).All(known.Contains) ? (text, Refusal.None) : (null, Refusal.Number);
    }

    /// <summary>Every run of digits (any script's decimal digits), as ASCII without leading zeros ("007" and "7" are one number).</summary>
    public static IEnumerable<string> Numbers(string text)
    {
        foreach (Match m in Digits().Matches(text))
        {
            var ascii = new StringBuilder(m.Length);
            foreach (var c in m.Value)
            {
                ascii.Append((char)('0' + (int)char.GetNumericValue(c)));
            }
            var trimmed = ascii.ToString().TrimStart('0');
            yield return trimmed.Length == 0 ? "0" : trimmed;
        }
    }

    /// <summary>Markdown the model may use anyway, taken out: the answer goes out as a TextRun, which shows it literally.</summary>
    private static string Plain(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.TrimStart('#', ' ').Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).TrimEnd());
        return string.Join("\n", lines).Trim().Normalize(NormalizationForm.FormC).ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\p{Nd}+")]
    private static partial Regex Digits();

    /// <summary>A scheme (https:, mailto:, javascript:, data:…), "www.", a markdown link, or something shaped like a domain name or an e-mail address.</summary>
    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]{1,20}:/|\b(?:mailto|javascript|data|file|tel|sms|msteams):|\bwww\.|\]\(|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|int|gov|edu|io|info|biz|app|dev|xyz|ly|me|co|[a-z]{2})\b(?=$|[/:?#\s]|[.,;!)]\s|[.,;!)]$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
