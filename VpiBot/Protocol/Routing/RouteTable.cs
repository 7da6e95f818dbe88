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
public sealed record CommandRoute(string Name, string DescriptionKey, string Group, CommandMenu Menu, string Access, CommandHandler Run);

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

    /// <summary>The command the text starts with (the longest name that matches), and the text after it.</summary>
    public (CommandRoute? Route, string Arguments) Match(string text)
    {
        // phones and some keyboards type ’ for ' ("who hasn’t voted"): one character for another, so the lengths agree
        var lower = text.ToLowerInvariant().Replace('\u2019', '\'');
        var route = _commands.Where(c => lower == c.Name || lower.StartsWith(c.Name + " ", StringComparison.Ordinal))
            .MaxBy(c => c.Name.Length);
        return route is null ? (null, text) : (route, text[route.Name.Length..].Trim());
    }

    /// <summary>The commands Teams' menu offers in one scope, in order.</summary>
    public IEnumerable<CommandRoute> MenuOf(CommandMenu scope) => _commands.Where(c => c.Menu.HasFlag(scope));
}
