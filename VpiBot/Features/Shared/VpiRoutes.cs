using System.Globalization;
using VpiBot.Domain;
using VpiBot.Resources;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Shared;

/// <summary>The groups of the help card, in the order of a VPI's work (resource <c>Help.Group.{name}</c>).</summary>
public enum CommandGroup { GettingStarted, People, Progress, Priorities, Recommendations, Votes, Roadmap, Meetings, Consultations, Report, Alliance }

/// <summary>Something said before a typed VPI command is answered (asked once, such as the VPI's language); it decides itself whether to say it.</summary>
public interface IVpiCommandPrompt
{
    Task PromptAsync(VpiTurn t, CancellationToken ct);
}

/// <summary>
/// How a feature declares its commands and card verbs: each with the <see cref="Access"/> it needs, which is checked
/// (with the VPI found, see <see cref="VpiAccess"/>) before its handler runs, so handlers hold no access preamble.
/// A handler is a method of a class the request's services create (<typeparamref name="THandler"/>), taking the
/// <see cref="VpiTurn"/> and the verb's typed data, and returning an <see cref="Answer"/>.
/// </summary>
public sealed class VpiRoutes
{
    private readonly HashSet<Type> _handlers = [];

    public RouteTable Table { get; } = new();

    /// <summary>The handler classes the routes use, to be registered with the app's services.</summary>
    public IReadOnlyCollection<Type> HandlerTypes => _handlers;

    /// <summary>A typed command about the conversation's VPI; its description is <c>Help.Command.{Name in Pascal case}</c>.</summary>
    public VpiRoutes Command<THandler>(string name, CommandGroup group, Access access,
        Func<THandler, VpiTurn, string, CancellationToken, Task<Answer>> run, CommandMenu menu = CommandMenu.None) where THandler : class
    {
        NeedsVpi(access, name, nameof(OpenCommand));
        _handlers.Add(typeof(THandler));
        Table.Add(new CommandRoute(name, DescriptionKey(name), "Help.Group." + group, menu, access.Name,
            (turn, arguments, services, ct) => InVpiAsync<THandler>(turn, access, null, services, async (h, t) =>
            {
                foreach (var prompt in services.GetServices<IVpiCommandPrompt>())
                {
                    await prompt.PromptAsync(t, ct);
                }
                return await run(h, t, arguments, ct);
            }, ct), WordsOf(name)));
        _forVpi[name] = (turn, vpi, arguments, services, ct) => InVpiAsync<THandler>(turn, access, vpi, services, (h, t) => run(h, t, arguments, ct), ct);
        return this;
    }

    private readonly Dictionary<string, Func<Turn, IVpiCard, string, IServiceProvider, CancellationToken, Task<Answer>>> _forVpi = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs a VPI command for a VPI named by the caller's context rather than the conversation (a question asked in a
    /// 1:1 chat, answered for the one VPI the person is in), with the command's own access checked as for a card in
    /// that chat: the caller must be on the VPI's roster.
    /// </summary>
    public Task<Answer> RunForVpiAsync(string command, Turn turn, IVpiCard vpi, string arguments, IServiceProvider services, CancellationToken ct) =>
        _forVpi.TryGetValue(command, out var run) ? run(turn, vpi, arguments, services, ct)
        : throw new ArgumentException($"No VPI command '{command}'.", nameof(command));

    /// <summary>Whether <paramref name="command"/> is a VPI command (one <see cref="RunForVpiAsync"/> can run).</summary>
    public bool IsVpiCommand(string command) => _forVpi.ContainsKey(command);

    /// <summary>A command anyone may use anywhere (help, setting a VPI up): its handler decides the rest.</summary>
    public VpiRoutes OpenCommand<THandler>(string name, CommandGroup group,
        Func<THandler, Turn, string, CancellationToken, Task<Answer>> run, CommandMenu menu = CommandMenu.None) where THandler : class
    {
        _handlers.Add(typeof(THandler));
        Table.Add(new CommandRoute(name, DescriptionKey(name), "Help.Group." + group, menu, Access.Anyone.Name,
            (turn, arguments, services, ct) => run(services.GetRequiredService<THandler>(), turn, arguments, ct), WordsOf(name)));
        return this;
    }

    /// <summary>Where whatever is typed that is no command goes: plain-language questions, which find their VPI themselves.</summary>
    public VpiRoutes Questions<THandler>(Func<THandler, Turn, string, CancellationToken, Task<Answer>> ask) where THandler : class
    {
        _handlers.Add(typeof(THandler));
        Table.SetFallback((turn, text, services, ct) => ask(services.GetRequiredService<THandler>(), turn, text, ct));
        return this;
    }

    /// <summary>A card button of a VPI's card: the card must be for the VPI found (see <see cref="VpiAccess.ResolveAsync"/>).</summary>
    public VpiRoutes Card<THandler, TData>(Access access, Func<THandler, VpiTurn, TData, CancellationToken, Task<Answer>> run)
        where THandler : class where TData : ICardData, IVpiCard
    {
        NeedsVpi(access, TData.Verb, nameof(OpenCard));
        _handlers.Add(typeof(THandler));
        Table.Add(new CardRoute(TData.Verb, typeof(TData), access.Name,
            (turn, data, services, ct) => InVpiAsync<THandler>(turn, access, (TData)data, services, (h, t) => run(h, t, (TData)data, ct), ct)));
        return this;
    }

    /// <summary>A card button that is not about an existing VPI (the setup card's Save).</summary>
    public VpiRoutes OpenCard<THandler, TData>(Func<THandler, Turn, TData, CancellationToken, Task<Answer>> run)
        where THandler : class where TData : ICardData
    {
        _handlers.Add(typeof(THandler));
        Table.Add(new CardRoute(TData.Verb, typeof(TData), Access.Anyone.Name,
            (turn, data, services, ct) => run(services.GetRequiredService<THandler>(), turn, (TData)data, ct)));
        return this;
    }

    /// <summary>The VPI found and the access checked, the handler runs; otherwise the person reads why not.</summary>
    private static async Task<Answer> InVpiAsync<THandler>(Turn turn, Access access, IVpiCard? card, IServiceProvider services,
        Func<THandler, VpiTurn, Task<Answer>> run, CancellationToken ct) where THandler : class
    {
        var (vpiTurn, refusal) = await services.GetRequiredService<VpiAccess>().ResolveAsync(turn, access, card, ct);
        return vpiTurn is null
            ? Answer.Text(VpiAccess.Explain(refusal!.Value, turn.Culture))
            : await run(services.GetRequiredService<THandler>(), vpiTurn);
    }

    /// <summary>A route about a VPI must declare who in it may use it; one open to anyone is declared as such (checked at start-up).</summary>
    private static void NeedsVpi(Access access, string route, string openInstead)
    {
        if (!access.NeedsVpi)
        {
            throw new InvalidOperationException($"'{route}' needs no VPI: declare it with {openInstead}.");
        }
    }

    /// <summary>"submit priority" → <c>Help.Command.SubmitPriority</c>.</summary>
    public static string DescriptionKey(string name) => "Help.Command." + PascalName(name);

    /// <summary>"submit priority" → <c>SubmitPriority</c>.</summary>
    public static string PascalName(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>
    /// What people type for a command in each supported language but English (resource <c>Command.{PascalName}</c> in
    /// that language's strings), where it differs from the English name; a language not translated yet has none.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WordsOf(string name) =>
        Languages.Supported.Where(l => l != Languages.English)
            .Select(l => (Language: l, Words: Text.Find("Command." + PascalName(name), CultureInfo.GetCultureInfo(l))?.Trim().ToLowerInvariant()))
            .Where(w => !string.IsNullOrEmpty(w.Words) && w.Words != name)
            .ToDictionary(w => w.Language, w => w.Words!);
}
