namespace VpiBot.Domain;

/// <summary>What a VPI's roster must look like. Pure.</summary>
public static class Roster
{
    /// <summary>
    /// The organisation types a role is held from, as the concept note describes the VPI: the government's UNTOC review
    /// team; the National Civil Society Alliance of NGOs, academia and the private sector (and other non-governmental
    /// bodies: <see cref="OrganisationType.Other"/>); UNODC's facilitators.
    /// </summary>
    public static IReadOnlyList<OrganisationType> TypesFor(VpiRole role) => role switch
    {
        VpiRole.ReviewTeam => [OrganisationType.Government],
        VpiRole.Alliance => [OrganisationType.Ngo, OrganisationType.Academia, OrganisationType.PrivateSector, OrganisationType.Other],
        VpiRole.Facilitator => [OrganisationType.Unodc],
        _ => [],
    };

    /// <summary>Whether someone in <paramref name="role"/> may be from an organisation of <paramref name="type"/>.</summary>
    public static bool Fits(VpiRole role, OrganisationType type) => TypesFor(role).Contains(type);

    /// <summary>
    /// The members who may be removed: everyone but a VPI's last facilitator (see <see cref="VpiRules.KeepsAFacilitator"/>).
    /// </summary>
    public static IReadOnlyList<Member> Removable(IReadOnlyCollection<Member> roster) =>
        roster.Where(m => VpiRules.KeepsAFacilitator(roster, null, m.AadObjectId) is null).ToList();

    /// <summary>The member with this Entra object id (compared without case), if on the roster.</summary>
    public static Member? Find(IEnumerable<Member> roster, string? aadObjectId) =>
        aadObjectId is null ? null : roster.FirstOrDefault(m => string.Equals(m.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase));
}
