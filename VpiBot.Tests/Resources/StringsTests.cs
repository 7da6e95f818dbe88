using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using VpiBot.Domain;

namespace VpiBot.Tests.Resources;

/// <summary>Every user-visible string the code asks for exists in the resources, so no person ever meets a missing-key error.</summary>
public sealed partial class StringsTests
{
    private static readonly ResourceManager Strings = new("VpiBot.Resources.Strings", typeof(VpiBot.Resources.Text).Assembly);

    private static string SourceFolder() => Path.Combine(VpiBot.Tests.Support.RepoRoot.Path, "VpiBot");

    [Fact]
    public void Every_literal_key_in_the_code_exists()
    {
        var keys = Directory.GetFiles(SourceFolder(), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.True(keys.Count > 50, $"only {keys.Count} keys found: the scan is broken");
        Assert.All(keys, key => Assert.False(Strings.GetString(key, CultureInfo.InvariantCulture) is null, $"missing resource '{key}'"));
    }

    public static TheoryData<string> KeysBuiltFromNames()
    {
        var keys = new TheoryData<string>();
        foreach (var v in Enum.GetValues<Instrument>()) { keys.Add($"Instrument.{v}"); }
        foreach (var v in Enum.GetValues<ReviewCluster>()) { keys.Add($"Cluster.{v}"); }
        foreach (var v in Enum.GetValues<CollaborationLevel>()) { keys.Add($"Level.{v}"); }
        foreach (var v in Enum.GetValues<VpiStage>()) { keys.Add($"Stage.{v}"); }
        foreach (var v in Enum.GetValues<OrganisationType>()) { keys.Add($"OrgType.{v}"); }
        foreach (var v in Enum.GetValues<VpiRole>()) { keys.Add($"Role.{v}"); keys.Add($"RoleName.{v}"); }
        foreach (var v in Enum.GetValues<ApprovalPolicy>()) { keys.Add($"Policy.{v}"); }
        foreach (var v in Enum.GetValues<PriorityStatus>()) { keys.Add($"PriorityStatus.{v}"); }
        foreach (var v in Enum.GetValues<ReviewDecision>()) { keys.Add($"Decision.{v}"); keys.Add($"Review.{v}"); }
        foreach (var v in Enum.GetValues<Refusal>()) { keys.Add($"Refusal.{v}"); }
        foreach (var v in Enum.GetValues<ReviewRefusal>()) { keys.Add($"Priority.Refusal.{v}"); }
        foreach (var v in Enum.GetValues<RecommendationStatus>()) { keys.Add($"RecommendationStatus.{v}"); }
        foreach (var v in Enum.GetValues<RecommendationRefusal>()) { keys.Add($"Recommendation.Refusal.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Features.Shared.CommandGroup>()) { keys.Add($"Help.Group.{v}"); }
        foreach (var c in CollaborationMenu.All) { keys.Add($"Menu.{c.Id}"); }
        foreach (var v in Enum.GetValues<StageRefusal>().Except([StageRefusal.NotNext, StageRefusal.NotLastDone])) { keys.Add($"Stage.Refusal.{v}"); }
        foreach (var v in new[] { PriorityStatus.Approved, PriorityStatus.Rejected, PriorityStatus.ChangesRequested }) { keys.Add($"Review.OutcomeNext.{v}"); }
        foreach (var v in Enum.GetValues<OutcomeReason>()) { keys.Add($"Ballot.Reason.{v}"); }
        foreach (var v in Enum.GetValues<VoteProblemKind>()) { keys.Add($"Vote.Problem.{v}"); }
        foreach (var v in Enum.GetValues<Side>()) { keys.Add($"Side.{v}"); }
        foreach (var v in Enum.GetValues<Stance>()) { keys.Add($"Stance.{v}"); }
        foreach (var v in Enum.GetValues<VotingMethod>()) { keys.Add($"VotingMethod.{v}"); }
        foreach (var v in Enum.GetValues<TaskState>()) { keys.Add($"TaskState.{v}"); }
        foreach (var v in Enum.GetValues<LeadSide>()) { keys.Add($"LeadSide.{v}"); }
        foreach (var v in Enum.GetValues<TaskRefusal>()) { keys.Add($"Task.Refusal.{v}"); }
        foreach (var rank in new[] { 0, 1, 2 }) { keys.Add($"MyTasks.Section{rank}"); } // TaskUrgency.Rank
        foreach (var v in Enum.GetValues<VpiBot.Domain.Meetings.MeetingKind>())
        {
            keys.Add($"MeetingKind.{v}"); keys.Add($"MeetingKind.{v}.About"); keys.Add($"MeetingKind.{v}.Title"); keys.Add($"MeetingKind.{v}.Agenda");
        }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Meetings.NoSlotReason>()) { keys.Add($"Meeting.NoSlot.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Meetings.MeetingRefusal>()) { keys.Add($"Meeting.Refusal.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Graph.GraphProblem>()) { keys.Add($"Meeting.Graph.{v}"); }
        foreach (var f in new[] { "Title", "Agenda" }) { keys.Add($"MeetingForm.Field.{f}"); }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Questions.QuestionIntent>()) { keys.Add($"Question.Example.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Questions.Period>()) { keys.Add($"Period.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Consultations.ConsultationStatus>()) { keys.Add($"ConsultationStatus.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Consultations.AnswerRefusal>()) { keys.Add($"ConsultationAnswer.Refusal.{v}"); }
        foreach (var v in Enum.GetValues<DeadlineProblem>()) { keys.Add($"ConsultationForm.Deadline.{v}"); }
        foreach (var i in Enum.GetValues<Instrument>()) { foreach (var a in VpiBot.Domain.Consultations.ClusterArticles.All(i)) { keys.Add($"Article.{i}.{a}"); } }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Alliance.UntocTheme>()) { keys.Add($"Theme.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Alliance.ConsentState>()) { keys.Add($"Consent.{v}"); keys.Add($"Organisation.Consent.{v}"); }
        foreach (var v in Enum.GetValues<VpiBot.Domain.Alliance.AllianceRefusal>()) { keys.Add($"Alliance.Refusal.{v}"); }
        foreach (var f in new[] { "Name", "City", "Website", "Type", "Country" }) { keys.Add($"AllianceForm.Field.{f}"); }
        foreach (var c in new[] { "Name", "Type", "Country", "City", "Website", "Themes", "ContactName", "ContactEmail", "ConsentGivenOn" }) { keys.Add($"WhatsOn.Column.{c}"); }
        foreach (var l in VpiBot.Protocol.Languages.Supported) { keys.Add($"Language.{l}"); }
        foreach (var c in VpiBot.Features.VpiRouteTable.Build().Table.Commands) { keys.Add($"Command.{VpiBot.Features.Shared.VpiRoutes.PascalName(c.Name)}"); }
        return keys;
    }

    [Theory]
    [MemberData(nameof(KeysBuiltFromNames))]
    public void Every_key_built_from_a_VPI_term_exists(string key) =>
        Assert.False(string.IsNullOrWhiteSpace(Strings.GetString(key, CultureInfo.InvariantCulture)), $"missing resource '{key}'");

    [Fact]
    public void Every_plural_key_in_the_code_has_its_other_form()
    {
        var keys = Directory.GetFiles(SourceFolder(), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => PluralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.False(Strings.GetString(key + ".Other", CultureInfo.InvariantCulture) is null, $"missing resource '{key}.Other'"));
    }

    [GeneratedRegex(@"Text\.Get\(""([A-Za-z0-9.]+)""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"Text\.Plural\(""([A-Za-z0-9.]+)""")]
    private static partial Regex PluralKey();
}
