using VpiBot.Domain;
using VpiBot.Features.Shared;

namespace VpiBot.Features.Status;

/// <summary>Where the VPI stands, and what is waiting for the person asking: typed, or asked in plain language (Features/Questions).</summary>
public static class StatusRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<StatusHandlers>("status", CommandGroup.Progress, Access.Viewer, (h, t, _, ct) => h.StatusAsync(t, ct))
        .Command<StatusHandlers>("my work", CommandGroup.Progress, Access.Member, (h, t, _, ct) => h.MyWorkAsync(t, ct));
}
