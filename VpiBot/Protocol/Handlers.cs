namespace VpiBot.Protocol;

/// <summary>The bot was added to, or removed from, a personal chat, group chat or team.</summary>
public interface IInstallationEvents
{
    Task OnBotAddedAsync(Turn turn, CancellationToken ct);
    Task OnBotRemovedAsync(Turn turn, CancellationToken ct);
}

/// <summary>Called on every authenticated activity before it is routed (e.g. to keep conversation references fresh).</summary>
public interface IContactObserver
{
    Task OnContactAsync(Turn turn, CancellationToken ct);
}
