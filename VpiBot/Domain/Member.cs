namespace VpiBot.Domain;

public enum VpiRole { Facilitator, ReviewTeam, Alliance }

public enum OrganisationType { Government, Ngo, Academia, PrivateSector, Unodc, Other }

/// <summary>A person on a VPI's roster. Identity is the Entra object id; the Teams id is how the bot reaches them.</summary>
public sealed record Member(
    string AadObjectId,
    string TeamsId,
    string Name,
    string? Email,
    VpiRole Role,
    string Organisation,
    OrganisationType OrganisationType,
    string AddedBy,
    DateTimeOffset AddedAt);
