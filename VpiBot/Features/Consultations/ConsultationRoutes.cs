using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Notifications;
using VpiBot.Storage;

namespace VpiBot.Features.Consultations;

/// <summary>
/// Consultations on the self-assessment questionnaire (concept note §2.B and §6.A). Not in Teams' command menu, which
/// the earlier features fill; the commands are typed, and listed in help.
/// </summary>
public static class ConsultationRoutes
{
    /// <summary>The consultations' storage, events, rounds, and how their messages look.</summary>
    public static IServiceCollection AddConsultations(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<ConsultationOptions>(configuration.GetSection("Consultations"))
        .AddSingleton<ConsultationStore>()
        .AddVpiEventHandler<ConsultationOpened, ConsultationNotifications>()
        .AddVpiEventHandler<ConsultationClosed, ConsultationNotifications>()
        .AddVpiEventHandler<ConsultationAnswered, ConsultationNotifications>()
        .AddMessageView<ConsultationCardView>()
        .AddMessageView<ConsultationAnswerView>()
        .AddMessageView<ConsultationReminderView>()
        .AddMessageView<ConsultationClosedView>()
        .AddSingleton<ConsultationRounds>()
        .AddHostedService(sp => sp.GetRequiredService<ConsultationRounds>());

    public static void Map(VpiRoutes routes) => routes
        .Command<ConsultationHandlers>("open consultation", CommandGroup.Consultations, Access.Facilitator, (h, t, _, ct) => h.FormAsync(t, ct))
        .Card<ConsultationHandlers, OpenConsultation>(Access.Facilitator, (h, t, data, ct) => h.OpenAsync(t, data, ct))
        .Command<ConsultationHandlers>("consultations", CommandGroup.Consultations, Access.Member, (h, t, _, ct) => h.ListAsync(t, 1, ct))
        .Card<ConsultationHandlers, ConsultationsPage>(Access.Member, (h, t, data, ct) => h.ListAsync(t, data.Page, ct))
        .Command<ConsultationHandlers>("consultation", CommandGroup.Consultations, Access.Member, (h, t, args, ct) => h.ShowAsync(t, args, ct))
        .Card<ConsultationHandlers, ViewConsultation>(Access.Member, (h, t, data, ct) => h.ViewAsync(t, data, ct))
        .Card<ConsultationHandlers, SaveConsultationAnswers>(Access.Member, (h, t, data, ct) => h.SaveAsync(t, data, ct))
        .Command<ConsultationHandlers>("close consultation", CommandGroup.Consultations, Access.Facilitator, (h, t, args, ct) => h.CloseCommandAsync(t, args, ct))
        .Card<ConsultationHandlers, CloseConsultation>(Access.Facilitator, (h, t, data, ct) => h.CloseAsync(t, data, ct));
}
