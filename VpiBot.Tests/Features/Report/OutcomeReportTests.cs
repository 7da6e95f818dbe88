using System.Globalization;
using VpiBot.Features.Report;

namespace VpiBot.Tests.Features.Report;

/// <summary>The outcome report as Word reads it: valid Open XML, the VPI's real data, real heading styles, tables that repeat their header.</summary>
public sealed class OutcomeReportTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static readonly string[] Sections =
        ["The process", "Agreed priorities", "Joint recommendations", "The roadmap", "The National Civil Society Alliance", "Next steps", "Annex: consultation inputs"];

    [Fact]
    public void A_realistic_VPI_gives_a_valid_document()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
    }

    [Fact]
    public void A_VPI_just_set_up_gives_a_valid_document_that_says_what_is_not_there_yet()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Empty(), English));
        Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
        Assert.Equal(Sections, doc.Headings.Where(h => h.Style == "Heading1").Select(h => h.Text));
        Assert.Contains("No meeting has been held yet.", doc.Paragraphs);
        Assert.Contains("No task is on the roadmap yet.", doc.Paragraphs);
        Assert.All(doc.Table("No.", "Activity", "Done on").Skip(1), row => Assert.Equal("Not yet", row[2]));
    }

    [Fact]
    public void Every_section_is_a_real_heading_and_the_contents_field_is_filled_when_Word_opens_it()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        Assert.Equal(Sections, doc.Headings.Where(h => h.Style == "Heading1").Select(h => h.Text));
        Assert.Contains(("Heading2", "R1 — Fund two shelters per region"), doc.Headings);
        Assert.Contains(("Heading2", "Meetings held"), doc.Headings);
        Assert.Superset(new HashSet<string> { "Title", "Heading1", "Heading2", "TableGrid" }, doc.StyleIds.ToHashSet());
        Assert.Contains(doc.FieldCodes, f => f.StartsWith("TOC ", StringComparison.Ordinal));
        Assert.True(doc.UpdatesFieldsOnOpen);
        Assert.Equal(doc.Tables.Count, doc.TablesWithRepeatedHeader);
    }

    [Fact]
    public void Its_properties_name_the_VPI_and_its_language_and_number_the_pages()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        Assert.Equal("Voluntary Pilot Initiative in Ghana: outcome report", doc.Title);
        Assert.Equal("en-GB", doc.Language);
        Assert.Contains("Ghana", doc.Header);
        Assert.Equal(["PAGE", "NUMPAGES"], doc.FooterFields);
    }

    [Fact]
    public void The_cover_and_the_process_hold_the_VPI_its_activities_and_its_meetings()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        Assert.Contains("Country: Ghana", doc.Paragraphs);
        Assert.Contains("Instrument: " + Labels(VpiBot.Domain.Instrument.TraffickingInPersons), doc.Paragraphs);
        Assert.Contains("Activities done: 4 of 8", doc.Paragraphs);
        Assert.Contains("Date of the report: 10 June 2026", doc.Paragraphs);
        var activities = doc.Table("No.", "Activity", "Done on");
        Assert.Equal("15 May 2026", activities[4][2]);
        Assert.Equal("Not yet", activities[5][2]);
        var meetings = doc.Table("Meeting", "Kind", "Date", "Accepted the invitation");
        // held: the two booked meetings in the past, in order; not the advisory board to come nor the cancelled briefing
        Assert.Equal(3, meetings.Count);
        Assert.Contains("Launch of the VPI in Accra", meetings[2][0]);
        Assert.Equal(Kind(VpiBot.Domain.Meetings.MeetingKind.GovernmentScoping), meetings[1][1]);
        // the organizer (UNODC) counts as accepted; Rita accepted and Ray declined (government); Ama yes, Kofi tentative; the guest yes
        Assert.Equal(["UNODC: 1 of 1", "Government: 1 of 2", "NGO: 1 of 1", "Academia: 0 of 1", "Guests from outside the VPI: 1 of 1"],
            meetings[1][3].Split('\n').Select(l => l.Replace(Labels(VpiBot.Domain.OrganisationType.Ngo), "NGO", StringComparison.Ordinal)
                .Replace(Labels(VpiBot.Domain.OrganisationType.Unodc), "UNODC", StringComparison.Ordinal)
                .Replace(Labels(VpiBot.Domain.OrganisationType.Academia), "Academia", StringComparison.Ordinal)
                .Replace(Labels(VpiBot.Domain.OrganisationType.Government), "Government", StringComparison.Ordinal)).OrderBy(Order));

        static int Order(string line) => Array.FindIndex(["UNODC", "Government", "NGO", "Academia", "Guests"], line.StartsWith);
    }

    [Fact]
    public void The_priorities_show_who_approved_them_when_and_why_and_the_others_by_status()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        var approved = doc.Table("No.", "Priority", "Organisation", "Review");
        Assert.Equal(["P1", "P2"], approved.Skip(1).Select(r => r[0]));
        Assert.Equal("Shelters for victims of trafficking", approved[1][1]);
        Assert.Equal("Approved by Rita Reviewer on 10 April 2026: Fits the national action plan\nApproved by Ray Reviewer on 11 April 2026", approved[1][3]);
        Assert.Contains("P3 — Data on labour exploitation in fishing", doc.AllText);
        Assert.Contains("P4 — Training for border officials", doc.AllText);
        Assert.Contains("Priorities approved by the government's review team: 2 of the 4 submitted.", doc.Paragraphs);
    }

    [Fact]
    public void A_control_character_in_a_title_is_left_out_and_the_document_stays_valid()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana("Shelters\u0000 for\u001F victims\uFFFE"), English));
        Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
        var approved = doc.Table("No.", "Priority", "Organisation", "Review");
        Assert.Equal("Shelters for victims", approved[1][1]);
        Assert.Equal(ReportSamples.ControlledTitleCleaned, approved[2][1]);
    }

    [Fact]
    public void Each_recommendation_shows_its_priorities_and_the_vote_of_each_side()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        Assert.Contains("Priorities: P1 — Shelters for victims of trafficking", doc.Paragraphs);
        var votes = doc.TablesHeaded("Side", "For", "Against", "Abstain", "Voted");
        Assert.Equal(2, votes.Count);
        Assert.Equal(["Government", "4", "1", "0", "5 of 6"], votes[0][1]);
        Assert.Equal(["Civil society", "7", "1", "2", "10 of 12"], votes[0][2]);
        Assert.Equal(["Government", "1", "5", "0", "6 of 6"], votes[1][1]);
        Assert.Equal(["Civil society", "9", "1", "1", "11 of 12"], votes[1][2]);
        Assert.Contains("Outcome: " + Reason(VpiBot.Domain.OutcomeReason.GovernmentAgainst), doc.Paragraphs);
        Assert.Contains("Not put to a vote yet.", doc.Paragraphs);
        Assert.Contains("Joint recommendations adopted: 1 of the 3 proposed.", doc.Paragraphs);
    }

    [Theory]
    [InlineData(VpiBot.Domain.VotingMethod.Score, "average 3.5 of 5 (4 scored)")]
    [InlineData(VpiBot.Domain.VotingMethod.Ranked, "9 points, 3 first preferences")]
    public void A_scored_or_ranked_vote_shows_its_score_or_points_per_side(VpiBot.Domain.VotingMethod method, string government)
    {
        var sample = ReportSamples.Ghana();
        var first = sample.Recommendations[0];
        var vote = first.Vote! with
        {
            Method = method,
            Outcome = first.Vote.Outcome! with { Sides = [new VpiBot.Domain.SideTally(VpiBot.Domain.Side.Government, Scored: 4, ScoreTotal: 14, Points: 9, FirstPreferences: 3)] },
        };
        var doc = new ReportDocument(OutcomeReport.Build(sample with { Recommendations = [first with { Vote = vote }] }, English));
        Assert.Equal(["Government", government, "–", "–", "5 of 6"], doc.Table("Side", "For", "Against", "Abstain", "Voted")[1]);
    }

    [Fact]
    public void The_roadmap_is_a_table_and_the_next_steps_list_what_is_due_and_to_come()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        var roadmap = doc.Table("Task", "Owner", "Lead", "Due", "Status", "Progress");
        Assert.Equal(4, roadmap.Count);
        Assert.Contains("Draft the shelter budget", roadmap[2][0]);
        Assert.Equal("Rita Reviewer\nAma Mensah", roadmap[2][1]);
        Assert.Equal("15 July 2026", roadmap[2][3]);
        Assert.Equal("40 %", roadmap[2][5]);
        var next = doc.Paragraphs.SkipWhile(p => p != "Next steps").ToList();
        Assert.Contains(next, p => p.Contains("Train shelter staff", StringComparison.Ordinal) && p.Contains("overdue since 1 June 2026", StringComparison.Ordinal));
        Assert.DoesNotContain(next.TakeWhile(p => p != "Next meetings"), p => p.Contains("Map the existing shelters", StringComparison.Ordinal));
        Assert.Contains(next, p => p.Contains("Advisory board, first session", StringComparison.Ordinal) && p.Contains("2 July 2026, 09:00", StringComparison.Ordinal));
        Assert.Contains(next, p => p.EndsWith(Stage(VpiBot.Domain.VpiStage.OutcomeReport), StringComparison.Ordinal));
    }

    [Fact]
    public void The_alliance_and_the_annex_list_their_organisations_and_inputs()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), English));
        Assert.Equal(["Hope for Survivors", "Accra", "Trafficking in persons, Victims and witnesses"], doc.TablesHeaded("Organisation", "City", "Themes")[0][1]);
        Assert.Contains("How are victims identified?", doc.Paragraphs);
        Assert.Contains(doc.Paragraphs, p => p.Contains("Hope for Survivors", StringComparison.Ordinal) && p.EndsWith("Through outreach workers in markets.", StringComparison.Ordinal));
    }

    [Fact]
    public void Dates_are_written_in_the_readers_language()
    {
        var doc = new ReportDocument(OutcomeReport.Build(ReportSamples.Ghana(), CultureInfo.GetCultureInfo("fr-FR")));
        Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
        Assert.Equal("fr-FR", doc.Language);
        Assert.Contains(doc.Paragraphs, p => p.EndsWith("10 juin 2026", StringComparison.Ordinal));
    }

    private static string Labels(VpiBot.Domain.Instrument i) => VpiBot.Features.Shared.Labels.Of(i, English);
    private static string Labels(VpiBot.Domain.OrganisationType t) => VpiBot.Features.Shared.Labels.Of(t, English);
    private static string Stage(VpiBot.Domain.VpiStage s) => VpiBot.Features.Shared.Labels.Of(s, English);
    private static string Kind(VpiBot.Domain.Meetings.MeetingKind k) => VpiBot.Resources.Text.Get($"MeetingKind.{k}", English);
    private static string Reason(VpiBot.Domain.OutcomeReason r) => VpiBot.Resources.Text.Get($"Ballot.Reason.{r}", English);
}
