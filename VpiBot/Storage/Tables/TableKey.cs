using System.Text;

namespace VpiBot.Storage.Tables;

/// <summary>
/// The reversible key encoding both backends store: Azure Table Storage forbids <c>/ \ # ?</c> and the control
/// characters U+0000–U+001F and U+007F–U+009F in PartitionKey and RowKey
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#characters-disallowed-in-key-fields).
/// Each such character, and the escape character <c>!</c> itself, becomes <c>!</c> + two upper-case hex digits
/// (all of them are below U+00A0); every other character stays as it is.
/// </summary>
/// <remarks>
/// The encoding works character by character, so the encoding of a prefix is a prefix of the encoding of
/// every key that starts with it (prefix queries work on encoded keys), and keys without those characters
/// are stored unchanged (their order is kept). Escaped characters sort as a group where <c>!</c> sorts.
/// Keys must be well-formed UTF-16 (no lone surrogates): SQLite stores UTF-8.
/// </remarks>
public static class TableKey
{
    /// <summary>Azure allows keys "up to 1 KiB in size"; strings are UTF-16, so 512 characters (Azurite checks the same).</summary>
    public const int MaxEncodedLength = 512;

    private const char Escape = '!';

    public static string Encode(string key, string what = "key")
    {
        ArgumentNullException.ThrowIfNull(key, what);
        var encoded = EncodeUnchecked(key);
        if (encoded.Length > MaxEncodedLength)
        {
            throw new ArgumentException(
                $"The {what} is {encoded.Length} characters once encoded; Azure Table Storage keys hold at most {MaxEncodedLength} (1 KiB of UTF-16).",
                what);
        }
        return encoded;
    }

    /// <summary>Encodes a prefix for a prefix query; a prefix longer than any key simply matches nothing.</summary>
    public static string EncodePrefix(string prefix) => EncodeUnchecked(prefix);

    public static string Decode(string encoded)
    {
        if (!encoded.Contains(Escape))
        {
            return encoded;
        }
        var decoded = new StringBuilder(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != Escape)
            {
                decoded.Append(encoded[i]);
                continue;
            }
            if (i + 2 >= encoded.Length)
            {
                throw new FormatException($"A stored key ends inside an escape: '{encoded}'.");
            }
            decoded.Append((char)Convert.ToInt32(encoded.Substring(i + 1, 2), 16));
            i += 2;
        }
        return decoded.ToString();
    }

    /// <summary>
    /// A string greater than every string that starts with <paramref name="encodedPrefix"/>, in code point order
    /// (SQLite's, UTF-8 bytes) and in UTF-16 code unit order (Azurite's) alike: the prefix with its last code point
    /// incremented; a trailing U+FFFF or U+10FFFF carries to the one before, and U+D7FF steps over the surrogates.
    /// It need not be the tightest bound, so a range query with it must still check the prefix.
    /// Null when there is no bound (empty prefix, or only such maximal characters).
    /// </summary>
    public static string? PrefixUpperBound(string encodedPrefix)
    {
        var end = encodedPrefix.Length;
        while (end > 0)
        {
            var lastStart = char.IsLowSurrogate(encodedPrefix[end - 1]) && end >= 2 ? end - 2 : end - 1;
            var codePoint = char.ConvertToUtf32(encodedPrefix, lastStart);
            if (codePoint is not (0xFFFF or 0x10FFFF))
            {
                var next = codePoint == 0xD7FF ? 0xE000 : codePoint + 1;
                return string.Concat(encodedPrefix.AsSpan(0, lastStart), char.ConvertFromUtf32(next));
            }
            end = lastStart;
        }
        return null;
    }

    private static string EncodeUnchecked(string key)
    {
        if (HasLoneSurrogate(key))
        {
            throw new ArgumentException("A key must be well-formed UTF-16 (it has a lone surrogate).", nameof(key));
        }
        if (!key.AsSpan().ContainsAny(Forbidden))
        {
            return key;
        }
        var encoded = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            if (Forbidden.Contains(c))
            {
                encoded.Append(Escape).Append(((int)c).ToString("X2"));
            }
            else
            {
                encoded.Append(c);
            }
        }
        return encoded.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(ForbiddenChars());

    private static string ForbiddenChars()
    {
        var chars = new StringBuilder("/\\#?").Append(Escape);
        for (var c = '\u0000'; c <= '\u001F'; c++) chars.Append(c);
        for (var c = '\u007F'; c <= '\u009F'; c++) chars.Append(c);
        return chars.ToString();
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }
        return false;
    }
}
