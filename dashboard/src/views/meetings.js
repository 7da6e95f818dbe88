// Meetings: upcoming ones with their replies; past ones with attendance by organisation type.
import { label, strings, formatDateTime } from "../strings.js";
import { badge, chartWithTable, el, section } from "../ui.js";

const tone = { Booked: "good", Cancelled: "bad", Booking: "info" };

export function meetingsView(data, now = Date.now()) {
  const upcoming = data.meetings.filter((m) => Date.parse(m.end) >= now).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = data.meetings.filter((m) => Date.parse(m.end) < now).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  const upcomingList = el("ul", { class: "cards" }, upcoming.map((m) => el("li", { class: "card" },
    el("h3", {}, m.title), el("p", {}, formatDateTime(m.start), " ", badge(label(strings.meetingStatus, m.status), tone[m.status] ?? "neutral")),
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
