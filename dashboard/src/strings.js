// Every string the dashboard shows, in one place: English here, the other UN languages in strings.{lang}.js (same
// keys, same functions); useLanguage picks the reader's from the Teams locale before anything is drawn.
import { strings as ar } from "./strings.ar.js";
import { strings as es } from "./strings.es.js";
import { strings as fr } from "./strings.fr.js";
import { strings as ru } from "./strings.ru.js";
import { strings as zhHans } from "./strings.zh-Hans.js";

export const strings = {
  title: (country) => `VPI ${country}`,
  loading: "Loading…",
  notInTeams: "Open this page as a tab in Microsoft Teams.",
  errorLoading: (status, message) => `The dashboard could not load its data (${status}): ${message}`,
  errorSignIn: "Teams could not sign you in to the dashboard.",
  roleLabel: "Your role",
  roles: { Facilitator: "Facilitator", ReviewTeam: "Review team", Alliance: "Alliance" },
  views: {
    timeline: "Timeline", priorities: "Priorities", ballots: "Ballots", roadmap: "Roadmap",
    meetings: "Meetings", members: "Members", me: "Waiting for me",
  },
  viewsLabel: "Dashboard views",
  downloadReport: "Download the outcome report",
  reportPreparing: "Preparing the outcome report…",
  reportFailed: (status) => `The outcome report could not be prepared (${status}). Try again, or type "report" to VpiBot in the VPI's channel.`,
  chartAlternative: "Data as a table",
  // Timeline
  stagesHeading: "The eight activities",
  stageDone: (date) => `Done ${date}`,
  stageNext: "Next",
  stageTodo: "Not yet",
  nextActivity: (name) => `Next activity: ${name}`,
  allStagesDone: "All eight activities are done.",
  menuHeading: "Menu of options",
  menuLevel: (level) => `${level} collaboration`,
  menuDone: "Done",
  menuNotDone: "Not done",
  // Priorities
  prioritiesByStatus: "Priorities by status",
  prioritiesTable: "Priorities",
  filterLabel: "Filter",
  filterPlaceholder: "Title, status or organisation",
  statusFilterLabel: "Status",
  allStatuses: "All statuses",
  colNumber: "No.", colTitle: "Title", colStatus: "Status", colOrganisation: "Organisation", colUpdated: "Updated",
  colCount: "Count",
  shownOf: (shown, total) => `${shown} of ${total} shown`,
  sortBy: (column) => `Sort by ${column}`,
  historyHeading: (number, title) => `Priority ${number}: ${title}`,
  historyEmpty: "No history yet.",
  colWhen: "When", colBy: "By",
  pickPriority: "Select a priority in the table to see its history.",
  priorityStatus: {
    Draft: "Draft", Submitted: "Submitted", UnderReview: "Under review", Approved: "Approved",
    Rejected: "Rejected", ChangesRequested: "Changes requested", Withdrawn: "Withdrawn",
  },
  // Ballots
  openBallots: "Open ballots",
  closedBallots: "Closed ballots",
  noOpenBallots: "No ballot is open.",
  noClosedBallots: "No ballot is closed yet.",
  ballotHeading: (number) => `Ballot ${number}`,
  ballotDeadline: (date) => `Closes ${date}`,
  ballotRecommendations: (list) => `Recommendations ${list.join(", ")}`,
  turnoutChart: (number) => `Turnout in ballot ${number}`,
  colSide: "Side", colVoted: "Voted", colElectorate: "Electorate", colTurnout: "Turnout",
  colRecommendation: "Recommendation", colOutcome: "Outcome",
  colYes: "Yes", colNo: "No", colAbstain: "Abstain",
  government: "Government", nonGovernment: "Non-government",
  sides: { Government: "Government", CivilSociety: "Civil society", Unodc: "UNODC", NonGovernment: "Non-government" },
  adopted: "Adopted", notAdopted: "Not adopted",
  resultsHidden: "The tally is hidden until the ballot closes.",
  noResults: "No result was recorded.",
  // Roadmap
  tasksByStatus: "Tasks by status",
  tasksTimeline: "Due dates",
  myTasksOnly: "Only my tasks",
  colDue: "Due", colStart: "Start", colState: "State", colOwners: "Owners", colLead: "Lead", colProgress: "Progress",
  overdue: "Overdue",
  mine: "Mine",
  taskState: { NotStarted: "Not started", InProgress: "In progress", Blocked: "Blocked", Done: "Done", Cancelled: "Cancelled" },
  lead: { Government: "Government", Alliance: "Alliance", Joint: "Joint" },
  // Meetings
  upcomingMeetings: "Upcoming meetings",
  pastMeetings: "Past meetings",
  noUpcoming: "No meeting is planned.",
  noPast: "No meeting has taken place yet.",
  notBookedYet: "Not booked yet",
  colMeeting: "Meeting", colStarts: "Starts", colReplies: "Replies",
  replies: (r) => `${r.accepted} accepted, ${r.tentative} tentative, ${r.declined} declined, ${r.none} not replied`,
  attendanceChart: "Attendance by organisation type",
  meetingStatus: { Proposed: "Proposed", Booking: "Booking", Booked: "Booked", Cancelled: "Cancelled" },
  // Members
  membersByType: "Members by organisation type",
  membersHeading: "Members",
  colName: "Name", colRole: "Role", colType: "Organisation type",
  organisationType: { Government: "Government", Ngo: "NGO", Academia: "Academia", PrivateSector: "Private sector", Other: "Other", Unodc: "UNODC" },
  // Personal view
  meHeading: (name) => `Waiting for ${name}`,
  nothingWaiting: "Nothing waits for you.",
  waitingReviews: "Priorities to review",
  waitingVotes: "Ballots to vote in",
  waitingTasks: "Your tasks",
  waitingMeetings: "Meetings to answer",
  stageLine: (done, next) => (next ? `${done} of 8 activities done; next: ${next}` : `${done} of 8 activities done`),
  // Settings page
  configHeading: "Choose the VPI this tab shows",
  configLabel: "VPI",
  configNoVpis: "You are not a member of any VPI yet.",
  configSaved: (country) => `This tab will show VPI ${country}.`,
  tabName: (country) => `VPI ${country}`,
};

/** The text for an enum value from one of the tables above, or the value itself. */
export const label = (table, value) => table[value] ?? value;

const tables = { ar, es, fr, ru, "zh-Hans": zhHans };
let dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
let dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/**
 * Shows the page in the language of a Teams locale ("ar-SA", "zh-CN", "fr-CA"…): its strings (English for a language
 * VpiBot does not speak), <html lang> and dir (Arabic reads right to left), and dates formatted for the locale itself.
 * Returns the language used.
 */
export function useLanguage(locale) {
  const tag = String(locale || "en");
  const base = tag.split("-")[0].toLowerCase();
  const language = base === "zh" ? "zh-Hans" : tables[base] ? base : "en";
  if (language !== "en") Object.assign(strings, tables[language]);
  document.documentElement.lang = language === "en" ? "en" : tag;
  document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
  const formats = language === "en" ? "en" : tag;
  dateFormat = new Intl.DateTimeFormat(formats, { dateStyle: "medium" });
  dateTimeFormat = new Intl.DateTimeFormat(formats, { dateStyle: "medium", timeStyle: "short" });
  return language;
}

export const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : "");
export const formatDateTime = (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : "");
