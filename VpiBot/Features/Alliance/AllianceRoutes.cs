using VpiBot.Domain;
using VpiBot.Features.Downloads;
using VpiBot.Features.Shared;
using VpiBot.Notifications;

namespace VpiBot.Features.Alliance;

/// <summary>
/// The National Civil Society Alliance and its WhatsOn export (concept note §1.A activity 6, §2.A). Not in Teams' command
/// menu, which the earlier features fill (10 per scope); the commands are typed, and listed in help.
/// </summary>
public static class AllianceRoutes
{
    /// <summary>The consent request's event, and how that card looks.</summary>
    public static IServiceCollection AddAlliance(this IServiceCollection services) => services
        .AddSingleton<Storage.OrganisationStore>()
        .AddVpiEventHandler<ContactAskedForConsent, AllianceNotifications>()
        .AddMessageView<ConsentCardView>()
        .AddDownload<WhatsOnCsv>()
        .AddDownload<WhatsOnXlsx>();

    public static void Map(VpiRoutes routes) => routes
        .Command<AllianceHandlers>("register organisation", CommandGroup.Alliance, Access.Member, (h, t, _, ct) => h.FormAsync(t, ct))
        .Card<AllianceHandlers, SaveOrganisation>(Access.Member, (h, t, data, ct) => h.SaveAsync(t, data, ct))
        .Card<AllianceHandlers, EditOrganisation>(Access.Member, (h, t, data, ct) => h.EditFormAsync(t, data, ct))
        .Card<AllianceHandlers, AnswerConsent>(Access.Member, (h, t, data, ct) => h.ConsentAsync(t, data, ct))
        .Command<AllianceHandlers>("organisation", CommandGroup.Alliance, Access.Viewer, (h, t, args, ct) => h.ShowAsync(t, args, ct))
        .Card<AllianceHandlers, ViewOrganisation>(Access.Viewer, (h, t, data, ct) => h.ViewAsync(t, data, ct))
        .Command<AllianceHandlers>("alliance", CommandGroup.Alliance, Access.Viewer, (h, t, args, ct) => h.ListAsync(t, args, ct))
        .Card<AllianceHandlers, AlliancePage>(Access.Viewer, (h, t, data, ct) => h.PageAsync(t, data, ct))
        .Command<WhatsOnHandlers>("whatson export", CommandGroup.Alliance, Access.Facilitator, (h, t, _, ct) => h.ExportAsync(t, ct));
}
