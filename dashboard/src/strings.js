// Every string the dashboard shows, in one place (English now; other languages later: same keys, another table).
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
  organisationType: { Government: "Government", Ngo: "NGO", Academia: "Academia", PrivateSector: "Private sector", Unodc: "UNODC" },
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

const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "medium", timeStyle: "short" });
export const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : "");
export const formatDateTime = (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : "");
