using System.Globalization;
using DocumentFormat.OpenXml;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Domain.Alliance;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Meetings.Cards;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Features.Recommendations.Cards;
using VpiBot.Features.Roadmap.Cards;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Report.Docx;

namespace VpiBot.Features.Report;

/// <summary>
/// The outcome report (concept note §1.A activity 5: "drafting a report of the outcomes and showcasing it in relevant
/// UNTOC processes") as a Word document, pure: the VPI, its process, the agreed priorities, the joint recommendations
/// and their votes per side, the roadmap, the alliance, the next steps and the consultation inputs. Every word of it
/// is from the resources but what people typed, which goes in as text.
/// </summary>
public static class OutcomeReport
{
    /// <summary>How many open tasks "next steps" lists (the roadmap table has them all).</summary>
    public const int NextTasks = 10;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Build(ReportData data, CultureInfo culture)
    {
        var country = Countries.Name(data.Vpi.Country, culture);
        var title = Text.Get("Report.DocumentTitle", culture, country);
        return Package(title, culture, title, Text.Get("Report.Footer", culture),
            [.. Cover(data, country, culture), .. Process(data, culture), .. Priorities(data, culture), .. Recommendations(data, culture),
             .. Roadmap(data, culture), .. Alliance(data, culture), .. NextSteps(data, culture), .. Annex(data, culture)]);
    }

    /// <summary>The file's name: "outcome-report-GH-2026-11-28.docx".</summary>
    public static string FileName(ReportData data) =>
        $"outcome-report-{data.Vpi.Country}-{data.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.docx";


    private static string Day(ReportData data, DateTimeOffset at, CultureInfo culture) => Labels.Date(TimeZones.ToLocal(at, data.Zone).Date, culture);

    private static string DayAndTime(ReportData data, DateTimeOffset at, CultureInfo culture)
    {
        var (date, time) = TimeZones.ToLocal(at, data.Zone);
        return Text.Get("Report.DateTime", culture, Labels.Date(date, culture), time.ToString("t", culture));
    }

    private static IEnumerable<OpenXmlElement> Cover(ReportData data, string country, CultureInfo culture)
    {
        var vpi = data.Vpi;
        yield return Title(Text.Get("Report.Title", culture));
        yield return Fact(Text.Get("Report.Country", culture), country);
        yield return Fact(Text.Get("Report.Instrument", culture), Labels.Of(vpi.Instrument, culture));
        yield return Fact(Text.Get("Report.Cluster", culture), Labels.Of(vpi.Cluster, culture));
        yield return Fact(Text.Get("Report.Level", culture), Labels.Of(vpi.Level, culture));
        yield return Fact(Text.Get("Report.TimeZone", culture), data.Zone);
        yield return Fact(Text.Get("Report.SetUp", culture), Day(data, vpi.CreatedAt, culture));
        yield return Fact(Text.Get("Report.StagesDone", culture), Text.Get("Report.StagesDoneCount", culture, vpi.CompletedStages.Count, Enum.GetValues<VpiStage>().Length));
        yield return Fact(Text.Get("Report.Date", culture), Labels.Date(data.Today, culture));
        foreach (var part in TableOfContents(Text.Get("Report.Contents", culture), Text.Get("Report.ContentsPlaceholder", culture)))
        {
            yield return part;
        }
        yield return PageBreak();
    }

    private static IEnumerable<OpenXmlElement> Process(ReportData data, CultureInfo culture)
    {
        yield return Heading(1, Text.Get("Report.Process", culture));
        yield return Paragraph(Text.Get("Report.ProcessAbout", culture));
        yield return Heading(2, Text.Get("Report.Activities", culture));
        yield return Table([Text.Get("Report.Column.Number", culture), Text.Get("Report.Column.Activity", culture), Text.Get("Report.Column.DoneOn", culture)], [1, 7, 3],
            Enum.GetValues<VpiStage>().Select(s => (IReadOnlyList<DocxCell>)
            [
                ((int)s).ToString(culture), Labels.Of(s, culture),
                data.Vpi.CompletedStages.TryGetValue(s, out var done) ? Labels.Date(done, culture) : Text.Get("Report.NotYet", culture),
            ]));
        yield return Heading(2, Text.Get("Report.MeetingsHeld", culture));
        var held = data.Meetings.Where(m => m.Meeting.Status == MeetingStatus.Booked && m.Meeting.Start <= data.At).OrderBy(m => m.Meeting.Start).ToList();
        if (held.Count == 0)
        {
            yield return Paragraph(Text.Get("Report.NoMeetingHeld", culture));
            yield break;
        }
        yield return Table(
            [Text.Get("Report.Column.Meeting", culture), Text.Get("Report.Column.Kind", culture), Text.Get("Report.Column.Date", culture), Text.Get("Report.Column.Attendance", culture)],
            [5, 3, 3, 4],
            held.Select(m => (IReadOnlyList<DocxCell>)
            [
                MeetingParts.Heading(m.Meeting, culture), MeetingParts.Kind(m.Meeting.Plan.Kind, culture), DayAndTime(data, m.Meeting.Start!.Value, culture),
                new DocxCell([.. m.Attendance.Select(a => Text.Get("Report.Accepted", culture, Group(a.Type, culture), a.Accepted, a.Invited))]),
            ]));
    }

    private static string Group(OrganisationType? type, CultureInfo culture) => type is { } t ? Labels.Of(t, culture) : Text.Get("Report.Guests", culture);

    private static IEnumerable<OpenXmlElement> Priorities(ReportData data, CultureInfo culture)
    {
        yield return Heading(1, Text.Get("Report.Priorities", culture));
        var approved = data.Priorities.Where(p => p.Status == PriorityStatus.Approved).ToList();
        yield return Paragraph(Text.Get("Report.PrioritiesAbout", culture, approved.Count, data.Priorities.Count));
        if (approved.Count > 0)
        {
            yield return Table(
                [Text.Get("Report.Column.Priority", culture), Text.Get("Report.Column.Title", culture), Text.Get("Report.Column.Organisation", culture), Text.Get("Report.Column.Review", culture)],
                [1, 5, 3, 5],
                approved.Select(p => (IReadOnlyList<DocxCell>)
                [
                    RecommendationParts.PriorityLabel(p.Number, culture), p.Text.Title, p.Text.Organisation, new DocxCell([.. Review(data, p, culture)]),
                ]));
        }
        var others = data.Priorities.Where(p => p.Status != PriorityStatus.Approved).GroupBy(p => p.Status).OrderBy(g => g.Key).ToList();
        if (others.Count == 0)
        {
            yield break;
        }
        yield return Heading(2, Text.Get("Report.OtherPriorities", culture));
        foreach (var group in others)
        {
            yield return Paragraph(Text.Get("Report.StatusCount", culture, PriorityParts.Status(group.Key, culture), group.Count()), bold: true);
            foreach (var p in group)
            {
                yield return Item(Text.Get("Report.Labelled", culture, RecommendationParts.PriorityLabel(p.Number, culture), p.Text.Title));
            }
        }
    }

    /// <summary>The decisions that approved a priority (who, when, what they said); the last transition when none were kept.</summary>
    private static IEnumerable<string> Review(ReportData data, Priority p, CultureInfo culture)
    {
        if (p.Decisions.Count > 0)
        {
            return p.Decisions.Select(d => Decided(Text.Get($"Decision.{d.Decision}", culture), d.ReviewerName, Day(data, d.At, culture), d.Comment, culture));
        }
        return p.History.Where(h => h.To == PriorityStatus.Approved).TakeLast(1)
            .Select(h => Decided(Text.Get($"Decision.{ReviewDecision.Approve}", culture), h.ByName, Day(data, h.At, culture), h.Comment, culture));
    }

    private static string Decided(string decision, string by, string day, string? comment, CultureInfo culture) =>
        string.IsNullOrWhiteSpace(comment) ? Text.Get("Report.Decided", culture, decision, by, day) : Text.Get("Report.DecidedWithComment", culture, decision, by, day, comment);

    private static IEnumerable<OpenXmlElement> Recommendations(ReportData data, CultureInfo culture)
    {
        yield return Heading(1, Text.Get("Report.Recommendations", culture));
        var recommendations = data.Recommendations.Where(r => r.Recommendation.Status != RecommendationStatus.Withdrawn).ToList();
        yield return Paragraph(Text.Get("Report.RecommendationsAbout", culture,
            recommendations.Count(r => r.Recommendation.Status == RecommendationStatus.Adopted), recommendations.Count));
        var titles = data.Priorities.ToDictionary(p => p.Number, p => p.Text.Title);
        foreach (var (r, vote) in recommendations)
        {
            yield return Heading(2, RecommendationParts.Heading(r, culture));
            yield return Fact(Text.Get("Report.Status", culture), RecommendationParts.Status(r.Status, culture));
            if (r.Priorities.Count > 0)
            {
                yield return Fact(Text.Get("Report.LinkedPriorities", culture), string.Join("; ", r.Priorities.Select(n =>
                    titles.TryGetValue(n, out var t) ? Text.Get("Report.Labelled", culture, RecommendationParts.PriorityLabel(n, culture), t) : RecommendationParts.PriorityLabel(n, culture))));
            }
            yield return Paragraph(r.Text.Text);
            foreach (var part in Vote(data, vote, culture))
            {
                yield return part;
            }
        }
    }

    private static IEnumerable<OpenXmlElement> Vote(ReportData data, ReportVote? vote, CultureInfo culture)
    {
        if (vote is null)
        {
            yield return Paragraph(Text.Get("Report.NoVote", culture));
            yield break;
        }
        yield return Fact(Text.Get("Report.Vote", culture), Text.Get(vote.Closed ? "Report.VoteClosed" : "Report.VoteOpen", culture,
            vote.Ballot, Text.Get($"VotingMethod.{vote.Method}", culture), DayAndTime(data, vote.Deadline, culture)));
        if (vote.Outcome is not { } outcome)
        {
            yield return Paragraph(Text.Get("Report.ResultsHidden", culture));
            yield break;
        }
        yield return Table(
            [Text.Get("Report.Column.Side", culture), Text.Get("Report.Column.For", culture), Text.Get("Report.Column.Against", culture), Text.Get("Report.Column.Abstain", culture), Text.Get("Report.Column.Turnout", culture)],
            [3, 3, 2, 2, 3],
            outcome.Sides.Select(s => Tally(s, vote, culture)));
        yield return Fact(Text.Get("Report.Outcome", culture), Text.Get($"Ballot.Reason.{outcome.Reason}", culture));
    }

    /// <summary>One side's row: for / against / abstain (consent: agree, disagree or block, abstain; yes / no), or the score or points.</summary>
    private static IReadOnlyList<DocxCell> Tally(SideTally s, ReportVote vote, CultureInfo culture)
    {
        var turnout = vote.Turnout.FirstOrDefault(t => t.Side == s.Side) is { } t ? Text.Get("Report.TurnoutOf", culture, t.Voted, t.Electorate) : "";
        var side = Text.Get($"Side.{s.Side}", culture);
        return vote.Method switch
        {
            VotingMethod.Consent => [side, Count(s.Agree), Count(s.Disagree + s.Block), Count(s.Abstain), turnout],
            VotingMethod.YesNo => [side, Count(s.Yes), Count(s.No), Count(s.Abstain), turnout],
            VotingMethod.Score => [side, Text.Get("Report.Score", culture, s.Scored == 0 ? 0 : (double)s.ScoreTotal / s.Scored, s.Scored), "–", "–", turnout],
            _ => [side, Text.Get("Report.Points", culture, s.Points, s.FirstPreferences), "–", "–", turnout],
        };

        string Count(int n) => n.ToString(culture);
    }

    private static IEnumerable<OpenXmlElement> Roadmap(ReportData data, CultureInfo culture)
    {
        yield return Heading(1, Text.Get("Report.Roadmap", culture));
        if (data.Tasks.Count == 0)
        {
            yield return Paragraph(Text.Get("Report.NoTask", culture));
            yield break;
        }
        yield return Paragraph(Text.Get("Report.RoadmapAbout", culture, data.Tasks.Count(t => t.Task.State == TaskState.Done), data.Tasks.Count));
        yield return Table(
            [Text.Get("Report.Column.Task", culture), Text.Get("Report.Column.Owner", culture), Text.Get("Report.Column.Lead", culture), Text.Get("Report.Column.Due", culture),
             Text.Get("Report.Column.Status", culture), Text.Get("Report.Column.Progress", culture)],
            [6, 4, 3, 3, 3, 2],
            data.Tasks.Select(t => (IReadOnlyList<DocxCell>)
            [
                TaskParts.Heading(t.Task, culture), new DocxCell(t.Owners), TaskParts.Lead(t.Task.Lead, culture), Labels.Date(t.Task.Due, culture),
                TaskParts.State(t.Task.State, culture), Text.Get("Report.Percent", culture, t.Task.Progress),
            ]));
    }

    private static IEnumerable<OpenXmlElement> Alliance(ReportData data, CultureInfo culture)
    {
        yield return Heading(1, Text.Get("Report.Alliance", culture));
        if (data.Alliance.Count == 0)
        {
            yield return Paragraph(Text.Get("Report.NoOrganisation", culture));
            yield break;
        }
        foreach (var type in data.Alliance.Select(o => o.Details).GroupBy(o => o.Type).OrderBy(g => g.Key))
        {
            yield return Heading(2, Text.Get("Report.StatusCount", culture, Labels.Of(type.Key, culture), type.Count()));
            yield return Table([Text.Get("Report.Column.Organisation", culture), Text.Get("Report.Column.City", culture), Text.Get("Report.Column.Themes", culture)], [5, 3, 5],
                type.OrderBy(o => o.Name, StringComparer.Create(culture, CompareOptions.IgnoreCase))
                    .Select(o => (IReadOnlyList<DocxCell>)[o.Name, o.City, string.Join(", ", o.Themes.Select(t => Labels.Of(t, culture)))]));
        }
    }

    private static IEnumerable<OpenXmlElement> NextSteps(ReportData data, CultureInfo culture)
    {
        yield return Heading(1, Text.Get("Report.NextSteps", culture));
        yield return Heading(2, Text.Get("Report.TasksDueNext", culture));
        var open = data.Tasks.Where(t => t.Task.IsOpen).OrderBy(t => t.Task.Due).ThenBy(t => t.Task.Number).Take(NextTasks).ToList();
        foreach (var line in open.Count == 0 ? [Text.Get("Report.NoOpenTask", culture)]
            : open.Select(t => Text.Get(t.Task.IsOverdue(data.Today) ? "Report.TaskOverdue" : "Report.TaskDue", culture,
                TaskParts.Heading(t.Task, culture), Labels.Date(t.Task.Due, culture), string.Join(", ", t.Owners))))
        {
            yield return Item(line);
        }
        yield return Heading(2, Text.Get("Report.NextMeetings", culture));
        var upcoming = data.Meetings.Where(m => m.Meeting.IsUpcoming(data.At)).OrderBy(m => m.Meeting.Start).ToList();
        foreach (var line in upcoming.Count == 0 ? [Text.Get("Report.NoNextMeeting", culture)]
            : upcoming.Select(m => Text.Get("Report.MeetingOn", culture, MeetingParts.Heading(m.Meeting, culture),
                MeetingParts.Kind(m.Meeting.Plan.Kind, culture), DayAndTime(data, m.Meeting.Start!.Value, culture))))
        {
            yield return Item(line);
        }
        yield return Heading(2, Text.Get("Report.StagesToDo", culture));
        var toDo = Enum.GetValues<VpiStage>().Where(s => !data.Vpi.CompletedStages.ContainsKey(s)).ToList();
        foreach (var line in toDo.Count == 0 ? [Text.Get("Report.AllStagesDone", culture)] : toDo.Select(s => Labels.Of(s, culture)))
        {
            yield return Item(line);
        }
    }

    private static IEnumerable<OpenXmlElement> Annex(ReportData data, CultureInfo culture)
    {
        yield return Heading(1, Text.Get("Report.Annex", culture));
        if (data.Consultations.Count == 0)
        {
            yield return Paragraph(Text.Get("Report.NoConsultation", culture));
            yield break;
        }
        foreach (var c in data.Consultations.OrderBy(c => c.Number))
        {
            yield return Heading(2, Text.Get("Report.Consultation", culture, c.Number, c.Title));
            yield return Fact(Text.Get("Report.Deadline", culture), DayAndTime(data, c.Deadline, culture));
            if (c.ClosedAt is { } closed)
            {
                yield return Fact(Text.Get("Report.Closed", culture), DayAndTime(data, closed, culture));
            }
            foreach (var part in Questions(c, culture))
            {
                yield return part;
            }
        }
    }

    private static IEnumerable<OpenXmlElement> Questions(ConsultationAnnex c, CultureInfo culture)
    {
        foreach (var q in c.Questions)
        {
            yield return Paragraph(q.Text, bold: true);
            if (q.Inputs.Count == 0)
            {
                yield return Item(Text.Get("Report.NoInput", culture));
            }
            foreach (var input in q.Inputs)
            {
                yield return Item(Text.Get("Report.Input", culture, input.Organisation, Labels.Of(input.OrganisationType, culture), input.Text));
            }
        }
    }
}
