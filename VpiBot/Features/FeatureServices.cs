using VpiBot.Features.Help;
using VpiBot.Features.Welcome;
using VpiBot.Protocol;
using VpiBot.Storage;

namespace VpiBot.Features;

public static class FeatureServices
{
    /// <summary>Every VPI feature: its commands, card actions and event handlers.</summary>
    public static IServiceCollection AddVpiFeatures(this IServiceCollection services)
    {
        services.AddSingleton<IConversationReferenceStore, InMemoryConversationReferences>();
        services.AddSingleton<IContactObserver, ConversationReferenceKeeper>();
        services.AddSingleton<IInstallationEvents, WelcomeOnInstall>();
        services.AddSingleton<ITextCommand, HelpCommand>();
        return services;
    }
}
