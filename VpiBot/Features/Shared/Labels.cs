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
    /// <summary>A day as the reader writes it, in their culture's month names and order: "9 March 2026", "9 mars 2026",
    /// "9 марта 2026", "9 de marzo de 2026", "2026年3月9日", "9 مارس 2026".</summary>
    public static string Date(DateOnly date, CultureInfo culture) => date.ToString(culture.TwoLetterISOLanguageName switch
    {
        "zh" or "ja" => "yyyy'年'M'月'd'日'",
        "es" or "pt" => "d 'de' MMMM 'de' yyyy",
        _ => "d MMMM yyyy",
    }, culture);

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
