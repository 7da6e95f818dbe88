using VpiBot.Domain.Meetings;
using static VpiBot.Domain.Questions.QuestionIntent;

namespace VpiBot.Domain.Questions;

public sealed partial record QuestionLexicon
{
    /// <summary>English.</summary>
    public static readonly QuestionLexicon En = new(
        Language: "en",
        Locales: ["en"],
        MatchSubstrings: false,
        Intents:
        [
            .. Say(Status, 3, "where are we", "how far along", "status update", "where + vpi + stand*", "where + initiative + stand*", "what stage", "which stage", "which activity", "what activity", "latest", "overall", "state play", "status check", "how far", "big picture", "what phase", "which phase", "summar*", "nutshell", "where + vpi", "where + pilot", "where + initiative"),
            .. Say(Status, 2, "stage", "overview", "current status", "phase", "where + things + stand", "update"),
            .. Say(Status, 1.5, "status", "progress", "how far", "things", "reached"),
            .. Say(WaitingForMe, 3, "waiting for me", "i need to do", "do i need to", "on my plate", "my attention", "for me to", "i have to", "i must", "my + approval", "waiting on me", "votes to cast", "do i have", "should i", "i should", "have i", "for my review", "i haven t", "i have not", "i havent", "on my list", "my list", "my vote", "waiting for + my", "need* + my", "my sign*"),
            .. Say(WaitingForMe, 2, "for me", "outstanding", "i need", "my actions", "my todo", "my to do", "waiting on", "to cast"),
            .. Say(WaitingForMe, 1, "pending", "action*"),
            .. Say(Priorities, 2.5, "priorit*"),
            .. Say(Priorities, 1, "national priorit*", "list + priorit*", "all + priorit*", "which + priorit*"),
            .. Say(QuestionIntent.Priority, 1.5, "happened to", "what happened", "tell me about", "about priorit*"),
            .. Say(OpenVotes, 3, "open + vot*", "open + ballot*", "vot* + running", "vot* + underway", "ballot* + running", "vot* + live", "ongoing + vot*", "ongoing + ballot*", "can we vote", "being voted", "active + poll*", "current* + vot*", "vote on now", "open + poll*"),
            .. Say(OpenVotes, 1.5, "vote on", "ballot*", "poll*", "voting"),
            .. Say(VoteResult, 3, "result*", "adopted", "how did + vot*", "outcome + vot*", "outcome + ballot*"),
            .. Say(VoteResult, 2, "pass", "passed", "outcome", "tally", "rejected + recommendation*", "approved + recommendation*"),
            .. Say(NotVoted, 4, "not vot*", "not + vot*", "missing + vot*", "not cast", "yet to vote", "not yet vot*", "needs to vote", "need to vote", "still + to vote", "not + ballot*", "haven t + ballot*", "hasn t + ballot*", "hasn t returned", "haven t returned"),
            .. Say(NotVoted, 4, "didnt + vot*", "didn t + vot*", "hasnt + vot*", "havent + vot*", "hasn t + vot*", "haven t + vot*", "everyone + vot*", "everybody + vot*", "all + voted"),
            .. Say(NotVoted, 1.5, "hasn t", "haven t", "didn t", "didnt", "hasnt", "havent", "still missing"),
            .. Say(Roadmap, 3.5, "roadmap", "road map", "on track", "implementation"),
            .. Say(Roadmap, 1, "task*", "done", "going"),
            .. Say(MyTasks, 5, "my + task*", "assigned to me", "my action items", "tasks + i own", "my actions items", "i m responsible for", "i m in charge", "given to me", "on me", "mine", "am i supposed", "i m supposed", "i am supposed"),
            .. Say(MyTasks, 3, "i own", "i m responsible", "am i responsible"),
            .. Say(Overdue, 4, "overdue", "late", "past + deadline*", "behind schedule", "missed + deadline*", "past + due*", "delayed", "slipped", "missed", "failed", "not + on time", "supposed to", "should have been", "should + already"),
            .. Say(Overdue, 2, "behind"),
            .. Say(DueSoon, 3, "due", "upcoming deadline*", "deliver soon", "finished by", "coming up", "due date*"),
            .. Say(DueSoon, 2, "get done", "to finish", "deadline*", "deliver", "soon", "by the end", "end of"),
            .. Say(NextMeeting, 3, "next meeting", "meet again", "when + meet*", "meeting* + scheduled", "when + launch", "date + meeting*"),
            .. Say(NextMeeting, 1.5, "booked", "planned"),
            .. Say(NextMeeting, 2, "meeting*", "when", "when s", "scheduled", "date", "we have + meeting*"),
            .. Say(MeetingAttendees, 5.5, "attend*", "who + coming", "who + declined", "invited", "who + said yes", "who + confirmed", "rsvp*", "people + coming", "how many + coming", "who + turning up", "who will be at", "who + accepted", "who is going", "who + going to", "participants + meeting*", "participants list", "who will be"),
            .. Say(MeetingAttendees, 2.5, "accepted", "invitation", "participants", "coming to"),
            .. Say(Members, 3, "member*", "who is in", "who s in", "takes part", "take part", "who + in + vpi", "who is on", "who s on", "sits on", "who + sits", "sit on", "make* up", "composition", "academia", "private sector", "which ngos"),
            .. Say(Members, 1.5, "team", "who + involved", "people", "roster"),
            .. Say(Organisation, 4, "represent*", "who + from", "our contact", "contact at", "contact + for", "focal point", "contact person"),
            .. Say(Menu, 3.5, "menu", "scenario*", "level", "impact"),
            .. Say(Menu, 2, "option*", "collaboration", "include*", "involve*", "contain*"),
            .. Say(Tools, 2, "generate", "download", "export", "add + to"),
        ],
        ItemKinds:
        [
            .. Name(ItemKind.Priority, "priority", "priorities", "p", "prio"),
            .. Name(ItemKind.Recommendation, "recommendation", "recommendations", "r", "rec", "reco"),
            .. Name(ItemKind.Task, "task", "tasks", "t", "action item"),
            .. Name(ItemKind.Meeting, "meeting", "meetings", "m"),
        ],
        NumberMarkers: ["number", "no", "nr", "num", "n"],
        MeetingKinds:
        [
            .. Name(MeetingKind.GovernmentScoping, "scoping + government", "scoping + goverment", "scoping + review team", "scoping + ministry"),
            .. Name(MeetingKind.StakeholderScoping, "scoping + civil society", "scoping + ngo*", "scoping + stakeholder*", "scoping + cso*", "scoping + non governmental"),
            .. Name(MeetingKind.VpiLaunch, "launch*", "kick off", "kickoff"),
            .. Name(MeetingKind.TaskForce, "task force*", "taskforce*"),
            .. Name(MeetingKind.Consultation, "consultation*"),
            .. Name(MeetingKind.Briefing, "briefing*"),
            .. Name(MeetingKind.AdvisoryBoard, "advisory board", "advisory"),
        ],
        Periods:
        [
            .. Name(Period.Today, "today", "tonight", "this morning", "this afternoon"),
            .. Name(Period.ThisWeek, "this week", "week", "end of week", "coming week"),
            .. Name(Period.NextWeek, "next week", "following week", "week after"),
            .. Name(Period.ThisMonth, "this month", "month", "end of month"),
            .. Name(Period.NextMonth, "next month", "following month", "month after"),
        ],
        Statuses:
        [
            .. Name(PriorityStatus.Approved, "approv*", "accepted", "agreed", "validated", "green light", "signed off", "endorsed", "cleared", "adopted"),
            .. Name(PriorityStatus.Rejected, "reject*", "refused", "turn* down", "declined", "said no"),
            .. Name(PriorityStatus.UnderReview, "awaiting*", "waiting for + decision", "under review", "being reviewed", "to be approved", "pending", "awaiting approval", "waiting for approval", "in review", "still to approve", "not yet approved"),
            .. Name(PriorityStatus.Draft, "draft*"),
            .. Name(PriorityStatus.Submitted, "submitted"),
            .. Name(PriorityStatus.ChangesRequested, "sent back", "for changes", "changes", "changes requested", "changes were requested", "request* changes", "need* changes", "to be changed", "revision*"),
            .. Name(PriorityStatus.Withdrawn, "withdrawn", "withdrew", "retracted"),
        ],
        Roles:
        [
            .. Name(VpiRole.ReviewTeam, "government side", "review team", "reviewers", "government team", "review + team"),
            .. Name(VpiRole.Facilitator, "facilitator*", "unodc team"),
            .. Name(VpiRole.Alliance, "alliance"),
        ],
        Levels:
        [
            .. Name(CollaborationLevel.Minimum, "minimum", "minimal", "low", "basic"),
            .. Name(CollaborationLevel.Medium, "medium", "intermediate", "middle"),
            .. Name(CollaborationLevel.High, "high", "highest", "maximum"),
        ],
        Features:
        [
            .. Name(BotTool.Report, "report", "outcome report", "reports"),
            .. Name(BotTool.WhatsOn, "whatson", "whats on", "what s on + stakeholder*", "knowledge hub"),
            .. Name(BotTool.Dashboard, "dashboard*", "dash board"),
            .. Name(BotTool.Consultations, "thematic consultation*", "consultations + through", "consultations + bot", "organi* + consultations"),
        ],
        OrganisationCues: ["focal point for", "focal point at", "focal point of", "focal point in", "contact person for", "contact person at", "our contact for", "contact for", "represents", "represent", "representing", "is our contact at", "our contact at", "contact at", "is from", "are from", "works for", "work for", "working for", "works at", "work at"],
        Articles: ["the"],
        StopWords:
        [
            "could you please tell me", "could you tell me", "can you tell me", "would you tell me", "please tell me", "do you know", "i would like to know", "i d like to know",
            "could you", "can you", "would you", "please", "pls", "plz", "kindly", "thanks", "thank you", "hi", "hello", "hey", "dear", "bot", "vpibot",
            "the", "a", "an", "is", "are", "was", "were", "be", "been", "of", "s", "its", "it", "yet", "so far", "right now", "currently", "still", "any", "there",
        ],
        NumberWords: ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
        FirstPerson: ["i", "my", "mine", "myself"]);
}
