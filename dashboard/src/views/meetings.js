// Meetings: upcoming ones with their replies; past ones with attendance by organisation type.
import { label, strings, formatDateTime } from "../strings.js";
import { badge, chartWithTable, el, section } from "../ui.js";

const tone = { Booked: "good", Cancelled: "bad", Booking: "info" };

// start and end are null until a meeting is booked: such a meeting is upcoming ("not booked yet"), listed after the booked ones.
const ended = (m, now) => m.end != null && Date.parse(m.end) < now;
const startOf = (m) => (m.start == null ? Infinity : Date.parse(m.start));

export function meetingsView(data, now = Date.now()) {
  const upcoming = data.meetings.filter((m) => !ended(m, now)).sort((a, b) => startOf(a) - startOf(b) || a.number - b.number);
  const past = data.meetings.filter((m) => ended(m, now)).sort((a, b) => startOf(b) - startOf(a));
  const upcomingList = el("ul", { class: "cards" }, upcoming.map((m) => el("li", { class: "card" },
    el("h3", {}, m.title), el("p", {}, m.start ? formatDateTime(m.start) : strings.notBookedYet, " ", badge(label(strings.meetingStatus, m.status), tone[m.status] ?? "neutral")),
    el("p", {}, el("strong", {}, `${strings.colReplies}: `), strings.replies(m.replies)))));
  const types = [...new Set(past.flatMap((m) => Object.keys(m.attendanceByType ?? {})))];
  const attendance = past.length === 0 ? el("p", {}, strings.noPast) : chartWithTable({
    title: strings.attendanceChart, type: "bar", stacked: true,
    labels: past.map((m) => `${m.title} (${formatDateTime(m.start)})`),
    series: types.map((t) => ({ label: label(strings.organisationType, t), data: past.map((m) => m.attendanceByType?.[t] ?? 0) })),
    tableColumns: [strings.colMeeting, ...types.map((t) => label(strings.organisationType, t))],
  });
  return [
    section(strings.upcomingMeetings, upcoming.length ? upcomingList : el("p", {}, strings.noUpcoming)),
    section(strings.pastMeetings, attendance),
  ];
}
