using System.Globalization;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;

namespace VpiBot.Features.Shared;

/// <summary>The router's few words, from the resources (<c>Router.{word}</c>).</summary>
public sealed class BotWording : IBotWording
{
    public string Say(RouterWord word, CultureInfo culture, params object[] args) => Text.Get($"Router.{word}", culture, args);
}
