namespace VpiBot.Domain;

/// <summary>Why an action is refused; each has a polite message <c>Refusal.{name}</c> in the resources.</summary>
public enum Refusal
{
    NotInVpiConversation,
    PersonalChat,
    NotAllowedToCreate,
    OtherTenant,
    NotFacilitator,
    NotAMember,
    OtherVpi,
    StaleCard,
    LastFacilitator,
    NotAllianceMember,
    NoReviewTeam,
    NotReviewer,
}

/// <summary>Who is asking, as Teams identifies them: the Entra object id and tenant, never anything a card carries.</summary>
public sealed record Identity(string? AadObjectId, string? TenantId);

/// <summary>Who may do what with a VPI. Pure: decided from the caller's identity and the stored roster, never from card data.</summary>
public static class VpiRules
{
    public static Refusal? CanCreate(bool inPersonalChat, bool isConfiguredFacilitator) =>
        inPersonalChat ? Refusal.PersonalChat
        : !isConfiguredFacilitator ? Refusal.NotAllowedToCreate
        : (Refusal?)null;

    /// <summary>Seeing a VPI: anyone in its home conversation, of its tenant.</summary>
    public static Refusal? CanView(Vpi vpi, Identity caller) =>
        !string.Equals(vpi.TenantId, caller.TenantId, StringComparison.OrdinalIgnoreCase) ? Refusal.OtherTenant : (Refusal?)null;

    /// <summary>A card names the VPI it was made for; a card for another VPI (or a tampered one) is refused.</summary>
    public static Refusal? CardBelongsTo(Vpi vpi, string? vpiIdOnCard) => vpiIdOnCard == vpi.Id ? null : (Refusal?)Refusal.OtherVpi;

    /// <summary>
    /// A roster change (a member saved with a new role, or removed) must leave the VPI at least one facilitator,
    /// or nobody could manage it any more.
    /// </summary>
    public static Refusal? KeepsAFacilitator(IReadOnlyCollection<Member> roster, Member? saved, string? removedAadObjectId)
    {
        bool Changed(Member m) =>
            string.Equals(m.AadObjectId, saved?.AadObjectId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.AadObjectId, removedAadObjectId, StringComparison.OrdinalIgnoreCase);
        var after = roster.Where(m => !Changed(m)).Append(saved).OfType<Member>();
        return after.Any(m => m.Role == VpiRole.Facilitator) ? null : Refusal.LastFacilitator;
    }
}
