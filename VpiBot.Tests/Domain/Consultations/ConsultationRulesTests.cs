using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Domain.Consultations;

/// <summary>The consultations' pure rules: the deadline in the VPI's zone, the reminder's time, the limits and pages, saving one page, the annex.</summary>
public sealed class ConsultationRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Consultation Of(int questions, DateTimeOffset? deadline = null, params string[] consulted) =>
        new(1, "Self-assessment, cluster 2", [.. Enumerable.Range(1, questions).Select(i => $"Question {i}?")], deadline ?? Now.AddDays(10), "Africa/Accra",
            consulted.Length == 0 ? ["a", "b"] : consulted, true, "f", "Alice", Now);

    private static Member Person(string id, string org = "Ghana Anti-Trafficking Coalition") =>
        new(id, "29:" + id, "Person " + id, null, VpiRole.Alliance, org, OrganisationType.Ngo, "f", Now);

    [Fact]
    public void A_deadline_is_read_in_the_VPI_s_zone()
    {
        // 17:00 in Tokyo (UTC+9, no summer time) is 08:00 UTC; the same wall time in Accra is 17:00 UTC
        Assert.Equal(new DateTimeOffset(2027, 3, 10, 8, 0, 0, TimeSpan.Zero), ConsultationRules.Deadline("2027-03-10", "17:00", "Asia/Tokyo", Now).Deadline);
        Assert.Equal(new DateTimeOffset(2027, 3, 10, 17, 0, 0, TimeSpan.Zero), ConsultationRules.Deadline("2027-03-10", "17:00", "Africa/Accra", Now).Deadline);
        // New York on the night its clocks go forward: 02:30 does not exist and is read as 03:30 EDT
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 7, 30, 0, TimeSpan.Zero), ConsultationRules.Deadline("2027-03-14", "02:30", "America/New_York", Now).Deadline);
    }

    [Theory]
    [InlineData(null, "17:00", DeadlineProblem.BadDate)]
    [InlineData("10/03/2027", "17:00", DeadlineProblem.BadDate)]
    [InlineData("2027-03-10", "5pm", DeadlineProblem.BadTime)]
    [InlineData("2027-02-28", "17:00", DeadlineProblem.InPast)]
    [InlineData("2027-03-01", "09:20", DeadlineProblem.InPast)] // within the 30 minutes
    [InlineData("0001-01-01", "00:00", DeadlineProblem.InPast)] // the calendar's first day has no instant in every zone
    [InlineData("2027-06-30", "09:01", DeadlineProblem.TooFar)] // 121 days ahead
    [InlineData("9999-12-31", "23:59", DeadlineProblem.TooFar)]
    public void A_deadline_missing_past_or_too_far_is_named(string? date, string time, DeadlineProblem problem) =>
        Assert.Equal(problem, ConsultationRules.Deadline(date, time, "UTC", Now).Problem);

    [Fact]
    public void The_deadline_may_be_120_days_ahead_and_no_more()
    {
        Assert.NotNull(ConsultationRules.Deadline("2027-06-29", "09:00", "UTC", Now).Deadline);
        Assert.Equal(DeadlineProblem.TooFar, ConsultationRules.Deadline("2027-06-29", "09:01", "UTC", Now).Problem);
    }

    [Fact]
    public void The_reminder_comes_two_days_before_the_deadline_or_half_way_for_a_short_consultation()
    {
        Assert.Equal(Now.AddDays(8), ConsultationRules.ReminderAt(Now, Now.AddDays(10)));
        Assert.Equal(Now.AddDays(2), ConsultationRules.ReminderAt(Now, Now.AddDays(4))); // exactly twice the lead
        Assert.Equal(Now.AddHours(18), ConsultationRules.ReminderAt(Now, Now.AddHours(36)));
        Assert.Equal(Now.AddMinutes(30), ConsultationRules.ReminderAt(Now, Now.AddHours(1)));
    }

    [Fact]
    public void The_reminder_is_due_only_while_answers_are_taken()
    {
        var c = Of(3, Now.AddDays(10));
        Assert.False(ConsultationRules.ReminderDue(c, Now.AddDays(8).AddMinutes(-1)));
        Assert.True(ConsultationRules.ReminderDue(c, Now.AddDays(8)));
        Assert.False(ConsultationRules.ReminderDue(c, Now.AddDays(10))); // the deadline: closing, not reminding
        Assert.False(ConsultationRules.ReminderDue(ConsultationRules.Close(c, "Alice", Now.AddDays(1))!, Now.AddDays(9)));
    }

    [Fact]
    public void Every_instrument_has_articles_in_every_cluster_none_in_two_and_every_UNTOC_cluster_is_as_listed()
    {
        foreach (var instrument in Enum.GetValues<Instrument>())
        {
            foreach (var cluster in Enum.GetValues<ReviewCluster>())
            {
                Assert.NotEmpty(ClusterArticles.Of(instrument, cluster));
            }
            var all = Enum.GetValues<ReviewCluster>().SelectMany(c => ClusterArticles.Of(instrument, c)).ToList();
            Assert.Equal(all.Count, all.Distinct().Count());
        }
        Assert.Equal([5, 6, 8, 9, 10, 15, 23], ClusterArticles.Of(Instrument.Untoc, ReviewCluster.Criminalization));
        Assert.Equal([24, 25, 29, 30, 31], ClusterArticles.Of(Instrument.Untoc, ReviewCluster.Prevention));
        Assert.Equal([7, 11, 19, 20, 22, 26, 27, 28], ClusterArticles.Of(Instrument.Untoc, ReviewCluster.LawEnforcement));
        Assert.Equal([12, 13, 14, 16, 17, 18, 21], ClusterArticles.Of(Instrument.Untoc, ReviewCluster.InternationalCooperation));
        // the Convention's substantive articles 5 to 31 are each reviewed once, except the ones on the Conference and final clauses
        Assert.Equal(Enumerable.Range(5, 27), ClusterArticles.All(Instrument.Untoc));
    }

    [Fact]
    public void Short_answers_are_five_questions_a_page_and_the_longest_arabic_answers_are_paged_within_the_budget()
    {
        var c = Of(ConsultationRules.MaxQuestions);
        var shortPages = ConsultationRules.AnswerPages(c, _ => "Yes, through the 2005 Human Trafficking Act.");
        Assert.Equal([(0, 5), (5, 5), (10, 5), (15, 5)], shortPages);

        var longest = LargestCards.Arabic(ConsultationRules.MaxAnswer);
        var longPages = ConsultationRules.AnswerPages(c, _ => longest);
        Assert.Equal(Enumerable.Range(0, 20), longPages.SelectMany(p => Enumerable.Range(p.From, p.Count))); // every question once, in order
        Assert.All(longPages, p => Assert.True(Enumerable.Range(p.From, p.Count).Sum(i => ConsultationRules.CardBytes(c.Questions[i]) + ConsultationRules.CardBytes(longest))
            <= ConsultationRules.PageTextBytes));
        Assert.True(longPages.Count > 4);
        Assert.Equal(2, ConsultationRules.PageOf(longPages, longPages[2].From));
    }

    [Fact]
    public void Saving_one_page_keeps_the_answers_of_the_others_and_counts_the_revision()
    {
        var c = Of(7);
        var first = ConsultationRules.Save(c, null, Person("a"), 0, ["One", "Two", "", " Four ", "Five"], Now);
        Assert.Equal(["One", "Two", "", "Four", "Five", "", ""], first.Answers);
        var second = ConsultationRules.Save(c, first, Person("a"), 5, ["Six", "Seven"], Now.AddHours(1));
        Assert.Equal(["One", "Two", "", "Four", "Five", "Six", "Seven"], second.Answers);
        Assert.Equal(2, second.Revision);
        Assert.Equal("Ghana Anti-Trafficking Coalition", second.Organisation);
    }

    [Fact]
    public void Only_those_who_typed_something_have_answered()
    {
        var c = Of(2, consulted: ["a", "b", "c"]);
        var blank = ConsultationRules.Save(c, null, Person("a"), 0, ["  ", ""], Now);
        var given = ConsultationRules.Save(c, null, Person("B"), 0, ["", "Yes"], Now); // ids compared as Entra compares them: case aside
        Assert.Equal(["a", "c"], ConsultationRules.NotAnswered(c, [blank, given]));
    }

    [Fact]
    public void Answers_are_refused_to_those_not_consulted_after_the_deadline_and_once_closed()
    {
        var c = Of(2, Now.AddDays(1));
        Assert.Null(ConsultationRules.CanAnswer(c, "A", Now));
        Assert.Equal(AnswerRefusal.NotConsulted, ConsultationRules.CanAnswer(c, "z", Now));
        Assert.Equal(AnswerRefusal.PastDeadline, ConsultationRules.CanAnswer(c, "a", Now.AddDays(1)));
        Assert.Equal(AnswerRefusal.Closed, ConsultationRules.CanAnswer(ConsultationRules.Close(c, "Alice", Now)!, "a", Now));
    }

    [Fact]
    public void A_consultation_closes_once_at_its_deadline_when_the_round_comes_late()
    {
        var c = Of(2, Now.AddDays(1));
        var closed = ConsultationRules.Close(c, null, Now.AddDays(3))!;
        Assert.Equal(Now.AddDays(1), closed.ClosedAt);
        Assert.Null(ConsultationRules.Close(closed, null, Now.AddDays(4)));
        Assert.Equal(Now.AddHours(2), ConsultationRules.Close(c, "Alice", Now.AddHours(2))!.ClosedAt);
    }

    [Fact]
    public void The_annex_lists_each_question_s_inputs_by_organisation_without_blanks_or_what_came_after_the_close()
    {
        var c = ConsultationRules.Close(Of(2, Now.AddDays(5)), "Alice", Now.AddDays(2))!;
        var ngo = ConsultationRules.Save(c, null, Person("a", "Zeta NGO"), 0, ["Yes", ""], Now.AddDays(1));
        var uni = ConsultationRules.Save(c, null, Person("b", "Accra University") with { OrganisationType = OrganisationType.Academia }, 0, ["Partly", "No"], Now.AddDays(1));
        var late = ConsultationRules.Save(c, null, Person("c", "Late NGO"), 0, ["Too late", "Too late"], Now.AddDays(2).AddSeconds(1));
        var annex = ConsultationRules.Annex(c, [ngo, late, uni]);
        Assert.Equal(2, annex.Questions.Count);
        Assert.Equal([new AnnexInput("Accra University", OrganisationType.Academia, "Partly"), new AnnexInput("Zeta NGO", OrganisationType.Ngo, "Yes")], annex.Questions[0].Inputs);
        Assert.Equal([new AnnexInput("Accra University", OrganisationType.Academia, "No")], annex.Questions[1].Inputs);
        Assert.Equal((3, 2), ConsultationRules.Count([ngo, uni]));
    }
}
