using System.Text.Json.Nodes;

namespace VpiBot.Tests.Browser;

/// <summary>
/// The dashboard API's answers (the contract of <c>/api/dashboard/me</c> and <c>/api/dashboard/vpis/{id}</c>) for a
/// Ghana VPI as three people see it: its facilitator, a member of the government's review team and an alliance member.
/// 12 priorities, 3 ballots, 20 tasks, 4 meetings, 15 members. Dates are relative to today (<see cref="Now"/>), as the page compares them with its clock.
/// </summary>
public static class DashboardFixtures
{
    public const string VpiId = "vpi-gh-2026";
    public static readonly DateTimeOffset Now = new(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero);

    public sealed record Persona(string Key, string Name, string Role, string Token);

    public static readonly Persona Facilitator = new("facilitator", "Ama Owusu", "Facilitator", "sso-token-facilitator-7f3a");
    public static readonly Persona Reviewer = new("reviewer", "Kwame Mensah", "ReviewTeam", "sso-token-reviewer-21c9");
    public static readonly Persona AllianceMember = new("alliance", "Efua Boateng", "Alliance", "sso-token-alliance-b04e");
    public static readonly Persona[] All = [Facilitator, Reviewer, AllianceMember];

    public static Persona? ByToken(string? authorization) =>
        All.FirstOrDefault(p => authorization == "Bearer " + p.Token);

    private static string At(int days, int hour = 9) => Now.AddDays(days).Date.AddHours(hour).ToString("yyyy-MM-ddTHH:mm:ssZ");
    private static string Day(int days) => Now.AddDays(days).ToString("yyyy-MM-dd");

    public static readonly (string Name, string Role, string Organisation, string Type)[] Members =
    [
        ("Ama Owusu", "Facilitator", "UNODC Regional Office for West and Central Africa", "Unodc"),
        ("Pierre Diallo", "Facilitator", "UNODC Regional Office for West and Central Africa", "Unodc"),
        ("Kwame Mensah", "ReviewTeam", "Ministry of the Interior", "Government"),
        ("Abena Asante", "ReviewTeam", "Office of the Attorney-General", "Government"),
        ("Kofi Adjei", "ReviewTeam", "Ghana Police Service", "Government"),
        ("Yaw Darko", "ReviewTeam", "Financial Intelligence Centre", "Government"),
        ("Akosua Frimpong", "ReviewTeam", "Ministry of Foreign Affairs", "Government"),
        ("Efua Boateng", "Alliance", "Ghana Anti-Corruption Coalition", "Ngo"),
        ("Nana Agyeman", "Alliance", "Ghana Anti-Corruption Coalition", "Ngo"),
        ("Esi Quaye", "Alliance", "West Africa Network for Peacebuilding", "Ngo"),
        ("Kojo Antwi", "Alliance", "Legal Resources Centre", "Ngo"),
        ("Adwoa Sarpong", "Alliance", "University of Ghana, Centre for Migration Studies", "Academia"),
        ("Kwesi Appiah", "Alliance", "KNUST Faculty of Law", "Academia"),
        ("Mawuli Tetteh", "Alliance", "Ghana Shippers' Authority", "PrivateSector"),
        ("Selasi Amoah", "Alliance", "Association of Ghana Industries", "PrivateSector"),
    ];

    private static readonly string[] StageNames =
    [
        "Identify stakeholders", "Government scoping", "Stakeholder scoping", "Launch meeting",
        "Outcome report", "Civil society alliance", "Briefing", "Roadmap implementation",
    ];

    private static readonly (string Title, string Status, string Organisation)[] Priorities =
    [
        ("Witness protection for trafficking cases", "Approved", "Ghana Anti-Corruption Coalition"),
        ("Asset recovery unit staffing", "Approved", "Financial Intelligence Centre"),
        ("Joint border patrols with Togo", "UnderReview", "Ghana Police Service"),
        ("Victim shelters in the Northern Region", "UnderReview", "West Africa Network for Peacebuilding"),
        ("Cybercrime evidence handling", "Submitted", "Office of the Attorney-General"),
        ("Training of judges on UNTOC", "ChangesRequested", "Legal Resources Centre"),
        ("Data on smuggling of migrants", "Approved", "University of Ghana, Centre for Migration Studies"),
        ("Port container profiling", "Rejected", "Ghana Shippers' Authority"),
        ("Mutual legal assistance requests tracker", "Draft", "Ministry of Foreign Affairs"),
        ("Whistle-blower hotline", "Submitted", "Ghana Anti-Corruption Coalition"),
        ("Firearms marking and record-keeping", "Withdrawn", "Ministry of the Interior"),
        ("Corporate liability guidance", "UnderReview", "Association of Ghana Industries"),
    ];

    private static readonly (string Title, string State, string Lead, string[] Owners, int Start, int Due)[] Tasks =
    [
        ("Draft the witness protection bill", "InProgress", "Government", ["Abena Asante"], -60, 20),
        ("Map shelters and their capacity", "InProgress", "Alliance", ["Esi Quaye", "Efua Boateng"], -45, -5),
        ("Recruit asset recovery analysts", "NotStarted", "Government", ["Yaw Darko"], -10, 40),
        ("Border patrol memorandum with Togo", "Blocked", "Government", ["Kofi Adjei", "Kwame Mensah"], -30, -2),
        ("Judicial training curriculum", "InProgress", "Joint", ["Kojo Antwi", "Abena Asante"], -20, 30),
        ("Migration data survey design", "Done", "Alliance", ["Adwoa Sarpong"], -90, -30),
        ("Hotline pilot in Accra", "NotStarted", "Alliance", ["Efua Boateng", "Nana Agyeman"], 5, 60),
        ("Evidence handling manual", "InProgress", "Government", ["Kwame Mensah"], -15, -1),
        ("Launch meeting report", "Done", "Joint", ["Ama Owusu"], -120, -80),
        ("Stakeholder list review", "Done", "Joint", ["Pierre Diallo"], -150, -110),
        ("Corporate liability workshop", "NotStarted", "Alliance", ["Selasi Amoah"], 10, 75),
        ("MLA tracker requirements", "Cancelled", "Government", ["Akosua Frimpong"], -40, -10),
        ("Press briefing pack", "InProgress", "Joint", ["Ama Owusu", "Kwesi Appiah"], -5, 12),
        ("Shelter funding proposal", "NotStarted", "Alliance", ["Esi Quaye"], 0, 45),
        ("Police training on victim identification", "InProgress", "Government", ["Kofi Adjei"], -25, 18),
        ("Port profiling pilot review", "Blocked", "Joint", ["Mawuli Tetteh", "Yaw Darko"], -35, -8),
        ("Academic review of the roadmap", "NotStarted", "Alliance", ["Kwesi Appiah", "Adwoa Sarpong"], 15, 90),
        ("Government progress report", "NotStarted", "Government", ["Kwame Mensah", "Akosua Frimpong"], 20, 50),
        ("Alliance charter signature", "Done", "Alliance", ["Nana Agyeman"], -70, -40),
        ("Follow-up meeting logistics", "InProgress", "Joint", ["Pierre Diallo", "Efua Boateng"], -3, 7),
    ];

    public static JsonObject Vpi(Persona who)
    {
        var stageDates = new[] { -200, -170, -150, -120 };
        var stages = new JsonArray(StageNames.Select((name, i) => (JsonNode)new JsonObject
        {
            ["number"] = i + 1, ["name"] = name, ["done"] = i < 4, ["date"] = i < 4 ? Day(stageDates[i]) : null,
        }).ToArray());
        var menu = new JsonArray(
            Menu("joint-workplan", "Joint workplan", "Minimum", true), Menu("alliance-briefings", "Alliance briefings", "Minimum", true),
            Menu("country-visit", "Civil society in the country visit", "Medium", true), Menu("shared-drafting", "Shared drafting of the report", "Medium", false),
            Menu("joint-follow-up", "Joint follow-up body", "High", false));
        var priorities = new JsonArray(Priorities.Select((p, i) => (JsonNode)new JsonObject
        {
            ["number"] = i + 1, ["title"] = p.Title, ["status"] = p.Status, ["organisation"] = p.Organisation,
            ["updatedAt"] = At(-30 + i * 2), ["history"] = History(p.Status, i),
        }).ToArray());
        var tasks = new JsonArray(Tasks.Select((t, i) => (JsonNode)new JsonObject
        {
            ["number"] = i + 1, ["title"] = t.Title, ["state"] = t.State,
            ["progress"] = t.State switch { "Done" => 100, "NotStarted" => 0, "Cancelled" => 0, _ => 20 + i * 3 % 60 },
            ["start"] = Day(t.Start), ["due"] = Day(t.Due),
            ["overdue"] = t.Due < 0 && t.State is not ("Done" or "Cancelled"),
            ["lead"] = t.Lead, ["owners"] = new JsonArray(t.Owners.Select(o => (JsonNode)o).ToArray()), ["mine"] = t.Owners.Contains(who.Name),
        }).ToArray());
        return new JsonObject
        {
            ["vpi"] = new JsonObject { ["id"] = VpiId, ["country"] = "GH", ["countryName"] = "Ghana", ["level"] = "Medium", ["timeZone"] = "Africa/Accra", ["role"] = who.Role },
            ["stages"] = stages,
            ["next"] = 5,
            ["menu"] = menu,
            ["priorities"] = priorities,
            ["ballots"] = new JsonArray(
                OpenBallot(3, 4, [7, 8, 9]),
                ClosedBallot(1, -40, [(1, "Adopt a witness protection law", true, 4, 0, 1, 7, 1, 0), (2, "Create a victim support fund", true, 3, 1, 1, 8, 0, 0)]),
                ClosedBallot(2, -12, [(4, "Share border intelligence with civil society", false, 2, 3, 0, 8, 0, 0), (5, "Publish annual asset recovery figures", true, 5, 0, 0, 6, 1, 1), (6, "Independent review of shelters", true, 3, 0, 2, 7, 0, 1)])),
            ["tasks"] = tasks,
            ["meetings"] = new JsonArray(
                Meeting(1, "LaunchMeeting", "Launch meeting", -120, "Booked", (0, 0, 0, 0), new() { ["Government"] = 5, ["Ngo"] = 4, ["Academia"] = 2, ["PrivateSector"] = 1, ["Unodc"] = 2 }),
                Meeting(2, "Consultation", "Shelters consultation", -20, "Booked", (0, 0, 0, 0), new() { ["Government"] = 2, ["Ngo"] = 4, ["Academia"] = 1, ["Unodc"] = 1 }),
                Meeting(3, "Briefing", "Briefing on the outcome report", 6, "Booked", (9, 2, 1, 3), null),
                Meeting(4, "FollowUp", "Roadmap follow-up", 27, "Booking", (4, 1, 0, 10), null)),
            ["members"] = new JsonArray(Members.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name, ["role"] = m.Role, ["organisation"] = m.Organisation, ["organisationType"] = m.Type,
            }).ToArray()),
        };
    }

    /// <summary>What waits for <paramref name="who"/>: the reviewer has priorities to review; everyone has votes.</summary>
    public static JsonObject Me(Persona who)
    {
        var vpi = Vpi(who);
        var reviews = who == Reviewer
            ? new JsonArray(vpi["priorities"]!.AsArray().Where(p => (string)p!["status"]! == "UnderReview")
                .Select(p => (JsonNode)new JsonObject { ["number"] = p!["number"]!.GetValue<int>(), ["title"] = (string)p["title"]! }).ToArray())
            : [];
        var tasks = new JsonArray(vpi["tasks"]!.AsArray().Where(t => t!["mine"]!.GetValue<bool>() && (string)t["state"]! is not ("Done" or "Cancelled"))
            .Select(t => (JsonNode)new JsonObject { ["number"] = t!["number"]!.GetValue<int>(), ["title"] = (string)t["title"]!, ["due"] = (string)t["due"]!, ["overdue"] = t["overdue"]!.GetValue<bool>() }).ToArray());
        var vpis = new JsonArray(new JsonObject
        {
            ["id"] = VpiId, ["country"] = "GH", ["countryName"] = "Ghana", ["role"] = who.Role,
            ["stage"] = new JsonObject { ["done"] = 4, ["next"] = 5, ["nextName"] = StageNames[4] },
            ["waiting"] = new JsonObject
            {
                ["reviews"] = reviews,
                ["votes"] = new JsonArray(new JsonObject { ["number"] = 3, ["deadline"] = At(4, 17) }),
                ["tasks"] = tasks,
                ["meetings"] = new JsonArray(new JsonObject { ["number"] = 4, ["title"] = "Roadmap follow-up", ["start"] = At(27, 10) }),
            },
        });
        if (who == Facilitator)
        {
            // A facilitator usually follows more than one VPI: a second one, with nothing waiting.
            vpis.Add(new JsonObject
            {
                ["id"] = "vpi-sn-2026", ["country"] = "SN", ["countryName"] = "Senegal", ["role"] = "Facilitator",
                ["stage"] = new JsonObject { ["done"] = 1, ["next"] = 2, ["nextName"] = StageNames[1] },
                ["waiting"] = new JsonObject { ["reviews"] = new JsonArray(), ["votes"] = new JsonArray(), ["tasks"] = new JsonArray(), ["meetings"] = new JsonArray() },
            });
        }
        return new JsonObject { ["user"] = new JsonObject { ["name"] = who.Name }, ["vpis"] = vpis };
    }

    private static JsonObject Menu(string id, string name, string level, bool done) =>
        new() { ["id"] = id, ["name"] = name, ["level"] = level, ["done"] = done };

    private static JsonArray History(string status, int i)
    {
        var path = status switch
        {
            "Draft" => new[] { "Draft" },
            "Submitted" => ["Draft", "Submitted"],
            "UnderReview" => ["Draft", "Submitted", "UnderReview"],
            "Withdrawn" => ["Draft", "Submitted", "Withdrawn"],
            _ => ["Draft", "Submitted", "UnderReview", status],
        };
        var by = new[] { Members[7 + i % 8].Name, Members[7 + i % 8].Name, "Ama Owusu", "Kwame Mensah" };
        return new JsonArray(path.Select((s, k) => (JsonNode)new JsonObject { ["at"] = At(-40 + i * 2 + k * 3, 10 + k), ["status"] = s, ["byName"] = by[k] }).ToArray());
    }

    private static JsonObject OpenBallot(int number, int deadlineDays, int[] recommendations) => new()
    {
        ["number"] = number, ["status"] = "Open", ["deadline"] = At(deadlineDays, 17),
        ["recommendations"] = new JsonArray(recommendations.Select(r => (JsonNode)r).ToArray()),
        ["turnout"] = new JsonArray(Turnout("Government", 3, 5), Turnout("CivilSociety", 6, 8), Turnout("Unodc", 1, 2)),
        ["results"] = new JsonArray(),
    };

    private static JsonObject ClosedBallot(int number, int deadlineDays, (int Rec, string Title, bool Adopted, int GYes, int GNo, int GAbs, int CYes, int CNo, int CAbs)[] results) => new()
    {
        ["number"] = number, ["status"] = "Closed", ["deadline"] = At(deadlineDays, 17),
        ["recommendations"] = new JsonArray(results.Select(r => (JsonNode)r.Rec).ToArray()),
        ["turnout"] = new JsonArray(Turnout("Government", 5, 5), Turnout("CivilSociety", 8, 8)),
        ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
        {
            ["recommendation"] = r.Rec, ["title"] = r.Title, ["adopted"] = r.Adopted,
            ["sides"] = new JsonArray(Side("Government", r.GYes, r.GNo, r.GAbs), Side("CivilSociety", r.CYes, r.CNo, r.CAbs)),
        }).ToArray()),
    };

    private static JsonObject Turnout(string side, int voted, int electorate) => new() { ["side"] = side, ["voted"] = voted, ["electorate"] = electorate };
    private static JsonObject Side(string side, int yes, int no, int abstain) => new() { ["side"] = side, ["yes"] = yes, ["no"] = no, ["abstain"] = abstain };

    private static JsonObject Meeting(int number, string kind, string title, int days, string status, (int A, int T, int D, int N) replies, Dictionary<string, int>? attendance) => new()
    {
        ["number"] = number, ["kind"] = kind, ["title"] = title, ["start"] = At(days, 10), ["end"] = At(days, 12), ["status"] = status,
        ["replies"] = new JsonObject { ["accepted"] = replies.A, ["tentative"] = replies.T, ["declined"] = replies.D, ["none"] = replies.N },
        ["attendanceByType"] = attendance is null ? new JsonObject() : new JsonObject(attendance.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
    };
}
