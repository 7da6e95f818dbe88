using VpiBot.Features.Help;
using VpiBot.Features.Members;
using VpiBot.Features.Menu;
using VpiBot.Features.Priorities;
using VpiBot.Notifications;
using VpiBot.Features.Shared;
using VpiBot.Features.Stages;
using VpiBot.Features.Vpis;
using VpiBot.Features.Welcome;
using VpiBot.Protocol;
using VpiBot.Storage;

namespace VpiBot.Features;

public static class FeatureServices
{
    /// <summary>Every VPI feature: its commands, card actions and event handlers.</summary>
    public static IServiceCollection AddVpiFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VpiOptions>(configuration.GetSection("Vpi"));
        services.AddSingleton<VpiStore>();
        services.AddSingleton<PriorityStore>();
        services.AddScoped<ProactiveMessenger>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<ReviewCardUpdates>();
        services.AddHostedService<OutboxWorker>();
        services.AddScoped<VpiAccess>();
        services.AddScoped<TeamRoster>();
        services.AddSingleton<IConversationReferenceStore, TableConversationReferences>();
        services.AddSingleton<IContactObserver, ConversationReferenceKeeper>();
        services.AddSingleton<IInstallationEvents, WelcomeOnInstall>();
        services.AddScoped<ITextCommand, HelpCommand>();
        services.AddScoped<ITextCommand, SetupCommand>();
        services.AddScoped<ICardAction, SetupSaveAction>();
        services.AddScoped<ITextCommand, MembersCommand>();
        services.AddScoped<ITextCommand, AddMemberCommand>();
        services.AddScoped<ICardAction, AddMemberAction>();
        services.AddScoped<ITextCommand, RemoveMemberCommand>();
        services.AddScoped<ICardAction, RemoveMemberAction>();
        services.AddScoped<ITextCommand, StageCommand>();
        services.AddScoped<ICardAction, CompleteStageAction>();
        services.AddScoped<ITextCommand, MenuCommand>();
        services.AddScoped<ICardAction, SaveMenuAction>();
        services.AddScoped<ITextCommand, SubmitPriorityCommand>();
        services.AddScoped<ICardAction, SavePriorityAction>();
        services.AddScoped<ITextCommand, PrioritiesCommand>();
        services.AddScoped<ICardAction, PriorityListPageAction>();
        services.AddScoped<ITextCommand, PriorityCommand>();
        services.AddScoped<ICardAction, EditPriorityAction>();
        services.AddScoped<ICardAction, WithdrawPriorityAction>();
        services.AddScoped<ITextCommand, SendPrioritiesCommand>();
        services.AddScoped<ICardAction, ViewReviewAction>();
        services.AddScoped<ICardAction, DecideAction>();
        return services;
    }
}
