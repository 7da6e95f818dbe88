namespace VpiBot.Features.Shared;

/// <summary>A multi-select <c>Input.ChoiceSet</c> sends its chosen values joined by commas.</summary>
public static class MultiSelect
{
    /// <summary>The values chosen, each once (case aside), in the order sent.</summary>
    public static IReadOnlyList<string> Values(string? typed) =>
        (typed ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
