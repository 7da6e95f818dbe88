using System.Globalization;
using System.Text;

namespace VpiBot.Domain.Questions;

/// <summary>Folding, tokens and typo-tolerant word comparison: the recogniser's only text handling.</summary>
internal static class QuestionText
{
    /// <summary>
    /// Lower case, accents off (é→e, ñ→n, º→o, ё→е), œ→oe, æ→ae, ß→ss; full-width forms as ASCII ("Ｒ３？" → "r 3", by the
    /// compatibility decomposition); common Traditional Chinese characters as Simplified (會議 → 会议); Arabic as people
    /// type it (<see cref="Letter"/>, tashkeel off with the accents, tatweel dropped); anything not a letter or digit →
    /// a space; letters and digits split ("r3" → "r 3").
    /// </summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var last = ' ';
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (c == Tatweel) continue;
            var lower = Simplified(Letter(char.ToLowerInvariant(c)));
            var folded = lower switch { 'œ' => "oe", 'æ' => "ae", 'ß' => "ss", _ => char.IsLetterOrDigit(lower) ? lower.ToString() : " " };
            if (folded != " " && last != ' ' && char.IsDigit(folded[0]) != char.IsDigit(last))
                sb.Append(' ');
            sb.Append(folded);
            last = folded[^1];
        }
        return sb.ToString();
    }

    /// <summary>The folded words of a text, in order.</summary>
    public static string[] Words(string text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The text folded one character for one (accents off, lower case, other characters → space), so a position in
    /// it is a position in the original: for cutting out what the asker typed.
    /// </summary>
    public static string FoldKeepingPositions(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var first = Letter(text[i].ToString().Normalize(NormalizationForm.FormKD)[0]);
            chars[i] = char.IsLetterOrDigit(first) ? Simplified(char.ToLowerInvariant(first)) : ' ';
        }
        return new string(chars);
    }

    /// <summary>
    /// The text without Arabic tashkeel and tatweel (U+064B–U+065F, U+0670, U+0640), so that <see cref="FoldKeepingPositions"/>
    /// does not split "يُمثّل" into pieces; anything else, accents included, kept as typed.
    /// </summary>
    public static string WithoutTashkeel(string text) =>
        text.Any(IsTashkeel) ? string.Concat(text.Where(c => !IsTashkeel(c))) : text;

    private static bool IsTashkeel(char c) => c is (>= '\u064B' and <= '\u065F') or '\u0670' or Tatweel;

    /// <summary>The Arabic tatweel (ـ), a stretching stroke inside a word: dropped.</summary>
    private const char Tatweel = '\u0640';

    /// <summary>
    /// One character as Arabic readers type it interchangeably: taa marbuta ة → ه, alef maqsura ى and Persian yeh ی → ي,
    /// keheh ک → ك, Arabic-Indic digits ٠–٩ and ۰–۹ → 0–9. (أ إ آ ؤ ئ lose their hamza or madda as marks with the
    /// accents: → ا و ي.) Any other character as it is.
    /// </summary>
    private static char Letter(char c) => c switch
    {
        'ة' => 'ه',
        'ى' or 'ی' => 'ي',
        'ک' => 'ك',
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        _ => c,
    };

    /// <summary>
    /// Traditional Chinese characters of the lexicon's words, each with its Simplified form (pairs), so a lexicon
    /// written in Simplified Chinese also reads 優先事項, 會議, 路線圖. Han characters only: no other script changes.
    /// </summary>
    private const string TraditionalToSimplified =
        "會会議议優优項项務务線线圖图報报儀仪錶表進进階阶週周這这麼么與与審审組组聯联協协調调們们個个開开結结選选" +
        "單单級级別别問问請请參参負负責责過过時时對对誰谁還还沒没決决認认應应該该處处達达體体況况狀状態态獲获絕绝" +
        "駁驳嗎吗幾几來来確确員员構构織织間间實实執执誤误遲迟當当現现總总覽览辦办啟启動动範范圍围諮咨詢询簡简導导" +
        "專专題题盤盘機机內内國国際际絡络點点義义標标準准為为從从給给讓让將将見见說说號号條条數数據据門门產产歡欢" +
        "謝谢預预計计畫画劃划訊讯題题種种層层內内織织稱称誰谁尋寻經经歷历選选擇择舉举態态";

    private static readonly Dictionary<char, char> SimplifiedOf = Enumerable.Range(0, TraditionalToSimplified.Length / 2)
        .Select(i => (TraditionalToSimplified[2 * i], TraditionalToSimplified[2 * i + 1]))
        .DistinctBy(p => p.Item1)
        .ToDictionary(p => p.Item1, p => p.Item2);

    private static char Simplified(char c) => c >= '\u3400' && SimplifiedOf.TryGetValue(c, out var s) ? s : c;

    public static bool IsNumber(string word) => word.Length > 0 && word.All(char.IsAsciiDigit);

    /// <summary>How many typos a word of the lexicon of this length tolerates: none under 4 letters, 1 to 7, 2 from 8.</summary>
    public static int Tolerance(int length) => length >= 8 ? 2 : length >= 4 ? 1 : 0;

    /// <summary>Damerau–Levenshtein distance (optimal string alignment), giving up above <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
        }
        return d[a.Length, b.Length];
    }
}
