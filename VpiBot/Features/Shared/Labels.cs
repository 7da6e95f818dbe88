using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Resources;

namespace VpiBot.Features.Shared;

/// <summary>Display names of VPI terms, from the resources.</summary>
public static class Labels
{
    public static string Of(Instrument value, CultureInfo culture) => Text.Get($"Instrument.{value}", culture);
    public static string Of(ReviewCluster value, CultureInfo culture) => Text.Get($"Cluster.{value}", culture);
    public static string Of(CollaborationLevel value, CultureInfo culture) => Text.Get($"Level.{value}", culture);
    public static string Of(VpiStage value, CultureInfo culture) => Text.Get($"Stage.{value}", culture);
    public static string Of(OrganisationType value, CultureInfo culture) => Text.Get($"OrgType.{value}", culture);
    public static string Of(UntocTheme value, CultureInfo culture) => Text.Get($"Theme.{value}", culture);
    public static string Of(ConsentState value, CultureInfo culture) => Text.Get($"Consent.{value}", culture);
    public static string Of(ApprovalPolicy value, CultureInfo culture) => Text.Get($"Policy.{value}", culture);
    public static string Of(MenuComponent value, CultureInfo culture) => Text.Get($"Menu.{value.Id}", culture);
    public static string RoleName(VpiRole value, CultureInfo culture) => Text.Get($"RoleName.{value}", culture);
    public static string RoleGroup(VpiRole value, CultureInfo culture) => Text.Get($"Role.{value}", culture);
    public static string Date(DateOnly date, CultureInfo culture) => date.ToString("d MMMM yyyy", culture);

    /// <summary>A time zone with its offset from UTC at an instant: "Africa/Accra (UTC+00:00)", "America/New_York (UTC-04:00)".</summary>
    public static string TimeZone(string zone, DateTimeOffset at, CultureInfo culture)
    {
        var offset = TimeZones.OffsetAt(at, zone);
        return Text.Get("TimeZone.WithOffset", culture, zone, (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses an enum value a card sent back by its name; anything else is null (cards are untrusted input).</summary>
    public static T? Parse<T>(string? name) where T : struct, Enum =>
        name is not null && Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _)
            ? value : null;
}
