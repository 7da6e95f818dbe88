namespace VpiBot.Protocol.Routing;

/// <summary>Where Teams offers a command in its command menu (the manifest's <c>commandLists</c>; at most 10 each).</summary>
[Flags]
public enum CommandMenu
{
    None = 0,
    Personal = 1,
    Team = 2,
    GroupChat = 4,
    Conversations = Team | GroupChat,
    Everywhere = Personal | Team | GroupChat,
}

/// <summary>Runs a typed command with the text after its name; the request's services resolve the handler.</summary>
public delegate Task<Answer> CommandHandler(Turn turn, string arguments, IServiceProvider services, CancellationToken ct);

/// <summary>Runs a card verb with its data, already read as the route's <see cref="CardRoute.DataType"/>.</summary>
public delegate Task<Answer> CardHandler(Turn turn, object data, IServiceProvider services, CancellationToken ct);

/// <param name="Name">The words that start the command, lower case.</param>
/// <param name="DescriptionKey">Resource key of its one-line description (help card, Teams' command menu).</param>
/// <param name="Group">Resource key of the group it is listed under in help.</param>
/// <param name="Menu">Where Teams' command menu offers it.</param>
/// <param name="Access">The name of the access the route declares (e.g. "Facilitator"), for listings and tests.</param>
/// <param name="Words">What people type for it in each supported language other than English (culture name → words,
/// see <see cref="Languages.Supported"/>); its English <paramref name="Name"/> always works too.</param>
public sealed record CommandRoute(string Name, string DescriptionKey, string Group, CommandMenu Menu, string Access, CommandHandler Run,
    IReadOnlyDictionary<string, string>? Words = null)
{
    /// <summary>The words a reader in <paramref name="culture"/> types for it: in their language if it has its own, else the English name.</summary>
    public string WordsIn(System.Globalization.CultureInfo culture) =>
        Words is not null && Words.TryGetValue(Languages.LanguageOf(culture), out var words) ? words : Name;
}

public sealed record CardRoute(string Verb, Type DataType, string Access, CardHandler Run);

/// <summary>
/// Every command and card verb of the bot, built once at start-up from the features' route tables. The help card and
/// the Teams manifest's command lists are read from it, so they cannot drift from what the bot understands.
/// </summary>
public sealed class RouteTable
{
    /// <summary>Teams shows at most 10 commands per command list.</summary>
    public const int MaxMenuCommands = 10;

    private readonly List<CommandRoute> _commands = [];
    private readonly Dictionary<string, CardRoute> _cards = new(StringComparer.Ordinal);

    /// <summary>What a message that is no command goes to (plain-language questions); none: "unknown command".</summary>
    public CommandHandler? Fallback { get; private set; }

    public void SetFallback(CommandHandler fallback)
    {
        if (Fallback is not null)
        {
            throw new InvalidOperationException("Only one fallback: messages that are no command go to one place.");
        }
        Fallback = fallback;
    }

    /// <summary>Commands in the order they were declared (the order of the work).</summary>
    public IReadOnlyList<CommandRoute> Commands => _commands;
    public IReadOnlyDictionary<string, CardRoute> Cards => _cards;

    public void Add(CommandRoute route)
    {
        if (route.Name.Length == 0 || route.Name != route.Name.Trim().ToLowerInvariant())
        {
            throw new ArgumentException($"Command names are lower case words: '{route.Name}'.");
        }
        if (_commands.Any(c => c.Name == route.Name))
        {
            throw new InvalidOperationException($"The command '{route.Name}' is declared twice.");
        }
        _commands.Add(route);
        foreach (var scope in new[] { CommandMenu.Personal, CommandMenu.Team, CommandMenu.GroupChat })
        {
            if (_commands.Count(c => c.Menu.HasFlag(scope)) > MaxMenuCommands)
            {
                throw new InvalidOperationException($"Teams' {scope} command menu holds at most {MaxMenuCommands} commands.");
            }
        }
    }

    public void Add(CardRoute route)
    {
        if (!_cards.TryAdd(route.Verb, route))
        {
            throw new InvalidOperationException($"The card verb '{route.Verb}' is declared twice.");
        }
    }

    /// <summary>
    /// The command the text starts with, and the text after it: by its English name or its words in any supported
    /// language ("tâche 3", "مهمة 3"), case-insensitively; the longest words that match win, and where the same words
    /// name different commands in two languages, the reader's language (<paramref name="reader"/>, a culture name) wins.
    /// Words in a script written without spaces (Chinese) match as the start of the text ("任务3").
    /// </summary>
    public (CommandRoute? Route, string Arguments) Match(string text, string? reader = null)
    {
        // full-width letters and digits (typed with CJK keyboards) are read as their usual forms if nothing matches as typed;
        // then accents left out ("reunion" for "reunión", "tache" for "tâche"), as people type on phones and foreign keyboards
        var found = MatchAsTyped(text, reader, accentsFolded: false);
        if (found.Route is null && text.Normalize(System.Text.NormalizationForm.FormKC) is var folded && folded != text
            && MatchAsTyped(folded, reader, accentsFolded: false) is ({ } route, var arguments))
        {
            return (route, arguments);
        }
        return found.Route is null && MatchAsTyped(text, reader, accentsFolded: true) is ({ } unaccented, var rest) ? (unaccented, rest) : found;
    }

    private (CommandRoute? Route, string Arguments) MatchAsTyped(string text, string? reader, bool accentsFolded)
    {
        var typed = accentsFolded ? WithoutAccents(Lower(text)) : Lower(text);
        var best = Spellings()
            .Select(s => accentsFolded ? s with { Words = WithoutAccents(s.Words) } : s)
            .Where(s => Starts(typed, s.Words))
            .OrderByDescending(s => s.Words.Length)
            .ThenByDescending(s => s.Language == reader)
            .ThenByDescending(s => s.Language is null)
            .FirstOrDefault();
        return best.Route is null ? (null, text) : (best.Route, text[best.Words.Length..].Trim());
    }

    /// <summary>
    /// Words that would route a command in one language to another command (start-up check, see the tests): two commands
    /// with the same words; one command's words spelling another's English name; and, in scripts written without
    /// spaces, one command's words beginning another's (what follows the shorter would be read as the longer).
    /// </summary>
    public IReadOnlyList<string> WordCollisions()
    {
        var problems = new List<string>();
        var all = Spellings().ToList();
        foreach (var language in Languages.Supported)
        {
            var inLanguage = all.Where(s => s.Language == language || s.Language is null)
                .DistinctBy(s => (s.Route.Name, s.Words)).ToList();
            foreach (var a in inLanguage)
            {
                foreach (var b in inLanguage.Where(b => b.Route != a.Route))
                {
                    if (a.Words == b.Words && string.CompareOrdinal(a.Route.Name, b.Route.Name) < 0)
                    {
                        problems.Add($"{language}: '{a.Words}' names both '{a.Route.Name}' and '{b.Route.Name}'.");
                    }
                    else if (a.Words != b.Words && WrittenWithoutSpaces(a.Words) && b.Words.StartsWith(a.Words, StringComparison.Ordinal)
                        && !b.Words[a.Words.Length..].StartsWith(' '))
                    {
                        problems.Add($"{language}: '{a.Words}' ('{a.Route.Name}') begins '{b.Words}' ('{b.Route.Name}').");
                    }
                }
            }
        }
        return problems;
    }

    /// <summary>Every way a command is typed: its English name (language null) and its words per language.</summary>
    private IEnumerable<(CommandRoute Route, string Words, string? Language)> Spellings() =>
        _commands.SelectMany(c => (c.Words ?? new Dictionary<string, string>())
            .Select(w => (Route: c, Words: Lower(w.Value.Normalize(System.Text.NormalizationForm.FormKC).Trim()), Language: (string?)w.Key))
            .Where(w => w.Words.Length > 0)
            .Prepend((c, c.Name, null)));

    private static bool Starts(string typed, string words) =>
        typed == words || typed.StartsWith(words + " ", StringComparison.Ordinal)
        || WrittenWithoutSpaces(words) && typed.StartsWith(words, StringComparison.Ordinal);

    /// <summary>Lower case, one character for one so the lengths agree: phones and some keyboards type ’ for ' ("who hasn’t voted").</summary>
    private static string Lower(string text) => text.ToLowerInvariant().Replace('\u2019', '\'');

    /// <summary>
    /// Each letter without its accents or marks, one character for one so positions in the typed text stay right:
    /// é → e, ñ → n, ё → е, أ → ا (a letter whose canonical decomposition is a base letter and combining marks).
    /// </summary>
    private static string WithoutAccents(string text) => string.Create(text.Length, text, (chars, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            var d = t[i].ToString().Normalize(System.Text.NormalizationForm.FormD);
            chars[i] = d.Length > 1 && char.IsLetter(d[0]) && d.Skip(1).All(m => char.GetUnicodeCategory(m) is System.Globalization.UnicodeCategory.NonSpacingMark)
                ? d[0] : t[i];
        }
    });

    /// <summary>Han, kana and other CJK scripts, written without spaces between words.</summary>
    private static bool WrittenWithoutSpaces(string words) =>
        words.Any(ch => ch is >= '\u3040' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF');

    /// <summary>The commands Teams' menu offers in one scope, in order.</summary>
    public IEnumerable<CommandRoute> MenuOf(CommandMenu scope) => _commands.Where(c => c.Menu.HasFlag(scope));
}
