using System.Globalization;
using VpiBot.Resources;

namespace VpiBot.Features.Shared;

/// <summary>
/// Text typed into a form, checked against its limit whatever the card allowed (a card is untrusted input), and shown
/// back cut to the limit so the form stays within Teams' 40 KB; the problem says by how much it was over.
/// </summary>
public static class FormText
{
    /// <summary>Adds what is wrong with the field (empty when required, or over <paramref name="max"/>) to <paramref name="errors"/>.</summary>
    public static void Check(List<string> errors, string? value, int max, string label, bool required, CultureInfo culture)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Text.Get("PriorityForm.Required", culture, label));
        }
        else if (value is not null && value.Trim().Length > max)
        {
            errors.Add(Text.Get("PriorityForm.TooLong", culture, label, max, value.Trim().Length));
        }
    }

    /// <summary>The text as typed, cut to <paramref name="max"/> characters.</summary>
    public static string? Cut(string? s, int max) => s is { Length: var l } && l > max ? s[..max] : s;
}
