namespace VpiBot.Domain;

// TEMPORARY stub until the counting branch is merged
public static class BallotCount
{
    public static Side SideOf(Member m) => m.OrganisationType switch
    {
        OrganisationType.Government => Side.Government,
        OrganisationType.Unodc => Side.Unodc,
        _ => Side.CivilSociety,
    };

    public static IReadOnlyList<VoteProblem> Check(Ballot ballot, IReadOnlyList<BallotChoice> choices) => [];

    public static BallotResult Count(Ballot ballot, IReadOnlyList<CastBallot> votes) => throw new NotImplementedException();
}
