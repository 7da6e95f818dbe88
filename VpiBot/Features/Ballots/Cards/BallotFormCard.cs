using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Ballots.Cards;

/// <summary>
/// "open vote": the recommendations to put on the ballot, the method, the deadline (date and time in the VPI's time
/// zone), the quorum, and the choices that make a vote joint, secret or blind. Every input has a visible label.
/// </summary>
public static class BallotFormCard
{
    public static readonly int[] QuorumChoices = [0, 25, 33, 50, 66, 75, 100];

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Recommendation> proposed, OpenBallot typed, CultureInfo culture, IReadOnlyList<string>? errors = null) => Card(
        [
            Heading(Text.Get("BallotForm.Title", culture)),
            Paragraph(Text.Get("BallotForm.Intro", culture, BallotRules.MaxRecommendations)),
            errors is { Count: > 0 } ? Problems(errors) : null,
            MultiSelect(ChoiceInput("recommendations", Text.Get("BallotForm.Recommendations", culture),
                proposed.Select(r => Choice(Shorten(Text.Get("Ballot.RecommendationLine", culture, r.Number, r.Text.Title), 80), r.Number.ToString(CultureInfo.InvariantCulture))),
                typed.Recommendations, errorMessage: Text.Get("BallotForm.Recommendations.Error", culture))),
            ChoiceInput("method", Text.Get("Ballot.Method", culture),
                Enum.GetValues<VotingMethod>().Select(m => Choice(Text.Get($"VotingMethod.{m}", culture), m.ToString())), typed.Method ?? nameof(VotingMethod.Consent), expanded: true),
            new JsonObject
            {
                ["type"] = "Input.Date", ["id"] = "deadlineDate", ["label"] = Text.Get("BallotForm.DeadlineDate", culture, vpi.TimeZone ?? "UTC"),
                ["isRequired"] = true, ["errorMessage"] = Text.Get("BallotForm.DeadlineDate.Error", culture), ["value"] = typed.DeadlineDate,
            },
            new JsonObject
            {
                ["type"] = "Input.Time", ["id"] = "deadlineTime", ["label"] = Text.Get("BallotForm.DeadlineTime", culture, vpi.TimeZone ?? "UTC"),
                ["isRequired"] = true, ["errorMessage"] = Text.Get("BallotForm.DeadlineTime.Error", culture), ["value"] = typed.DeadlineTime ?? "17:00",
            },
            ChoiceInput("quorum", Text.Get("BallotForm.Quorum", culture),
                QuorumChoices.Select(q => Choice(q == 0 ? Text.Get("Ballot.Quorum.None", culture) : Text.Get("Ballot.Quorum.Each", culture, q), q.ToString(CultureInfo.InvariantCulture))),
                typed.Quorum ?? "50"),
            Toggle("doubleMajority", Text.Get("BallotForm.DoubleMajority.Label", culture), Text.Get("BallotForm.DoubleMajority", culture), typed.DoubleMajority ?? "true"),
            Toggle("anonymous", Text.Get("BallotForm.Anonymous.Label", culture), Text.Get("BallotForm.Anonymous", culture), typed.Anonymous ?? "false"),
            Toggle("hideResults", Text.Get("BallotForm.HideResults.Label", culture), Text.Get("BallotForm.HideResults", culture), typed.HideResults ?? "false"),
            Toggle("facilitatorsVote", Text.Get("BallotForm.FacilitatorsVote.Label", culture), Text.Get("BallotForm.FacilitatorsVote", culture), typed.FacilitatorsVote ?? "false"),
        ],
        [Execute(Text.Get("BallotForm.Open", culture), new OpenBallot(vpi.Id))]);

    private static JsonObject MultiSelect(JsonObject input)
    {
        input["isMultiSelect"] = true;
        input["style"] = "expanded";
        return input;
    }
}
