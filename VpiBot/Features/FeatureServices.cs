using VpiBot.Features.Alliance;
using VpiBot.Features.Ballots;
using VpiBot.Features.Consultations;
using VpiBot.Features.Downloads;
using VpiBot.Features.Help;
using VpiBot.Features.Meetings;
using VpiBot.Features.Members;
using VpiBot.Features.Outbox;
using VpiBot.Features.Menu;
using VpiBot.Features.Priorities;
using VpiBot.Features.Questions;
using VpiBot.Features.Recommendations;
using VpiBot.Features.Reminders;
using VpiBot.Features.Report;
using VpiBot.Features.Roadmap;
using VpiBot.Features.Shared;
using VpiBot.Features.Stages;
using VpiBot.Features.Status;
using VpiBot.Features.Vpis;
using VpiBot.Features.Welcome;
using VpiBot.Notifications;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;

namespace VpiBot.Features;

/// <summary>Every feature's routes, in the order of a VPI's work (the help card lists them so).</summary>
public static class VpiRouteTable
{
    public static VpiRoutes Build()
    {
        var routes = new VpiRoutes();
        HelpRoutes.Map(routes);
        CommandButtonRoutes.Map(routes);
        SetupRoutes.Map(routes);
        TimeZoneRoutes.Map(routes);
        LanguageRoutes.Map(routes);
        MembersRoutes.Map(routes);
        StageRoutes.Map(routes);
        StatusRoutes.Map(routes);
        MenuRoutes.Map(routes);
        PriorityRoutes.Map(routes);
        RecommendationRoutes.Map(routes);
        BallotRoutes.Map(routes);
        RoadmapRoutes.Map(routes);
        MeetingRoutes.Map(routes);
        ConsultationRoutes.Map(routes);
        ReportRoutes.Map(routes);
        AllianceRoutes.Map(routes);
        OutboxRoutes.Map(routes);
        QuestionRoutes.Map(routes);
        return routes;
    }
}

public static class FeatureServices
{
    /// <summary>Every VPI feature: its routes and their handlers, installation events and background work.</summary>
    public static IServiceCollection AddVpiFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VpiOptions>(configuration.GetSection("Vpi"));
        services.AddDownloads(configuration);
        services.AddReport();
        var routes = VpiRouteTable.Build();
        services.AddSingleton(routes.Table);
        services.AddSingleton(routes);
        foreach (var handler in routes.HandlerTypes)
        {
            services.AddScoped(handler);
        }
        services.AddSingleton<IBotWording, BotWording>();
        services.AddSingleton<VpiStore>();
        services.AddSingleton<PriorityStore>();
        services.AddSingleton<RecommendationStore>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<MeetingStore>();
        services.AddVpiOutbox(configuration);
        services.AddPriorityEvents();
        services.AddBallots(configuration);
        services.AddRoadmapReminders(configuration);
        services.AddRoadmap();
        services.AddMeetings(configuration);
        services.AddConsultations(configuration);
        services.AddAlliance();
        services.AddQuestions(configuration);
        services.AddScoped<QuestionTools>();
        services.AddScoped<VpiAccess>();
        services.AddScoped<IVpiCommandPrompt, LanguageAsking>();
        services.AddScoped<TeamRoster>();
        services.AddSingleton<IConversationReferenceStore, TableConversationReferences>();
        services.AddSingleton<IContactObserver, ConversationReferenceKeeper>();
        services.AddSingleton<IInstallationEvents, WelcomeOnInstall>();
        return services;
    }
}
