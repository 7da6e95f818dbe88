using VpiBot.Domain;
using VpiBot.Features.Downloads;
using VpiBot.Features.Shared;

namespace VpiBot.Features.Report;

/// <summary>The outcome report (concept note §1.A activity 5), for facilitators. Typed only: Teams' command menu is full.</summary>
public static class ReportRoutes
{
    public static IServiceCollection AddReport(this IServiceCollection services) => services
        .AddScoped<ReportReading>()
        .AddDownload<ReportDownload>();

    public static void Map(VpiRoutes routes) => routes
        .Command<ReportHandlers>("report", CommandGroup.Report, Access.Facilitator, (h, t, _, _) => h.ReportAsync(t));
}
