// The personal view: what waits for me across my VPIs.
import { label, strings, formatDate, formatDateTime } from "../strings.js";
import { badge, el, pageSection } from "../ui.js";

function list(heading, items, render) {
  return items.length === 0 ? null : el("div", { class: "waiting" }, el("h3", {}, `${heading} (${items.length})`), el("ul", {}, items.map((i) => el("li", {}, render(i)))));
}

export function meView(me) {
  const vpis = me.vpis.map((vpi) => {
    const w = vpi.waiting;
    const parts = [
      list(strings.waitingReviews, w.reviews, (r) => `${r.number}. ${r.title}`),
      list(strings.waitingVotes, w.votes, (v) => `${strings.ballotHeading(v.number)} · ${strings.ballotDeadline(formatDateTime(v.deadline))}`),
      list(strings.waitingTasks, w.tasks, (t) => el("span", {}, `${t.number}. ${t.title} · ${strings.colDue}: ${formatDate(t.due)} `, t.overdue ? badge(`⚠ ${strings.overdue}`, "bad") : null)),
      list(strings.waitingMeetings, w.meetings, (m) => `${m.title} · ${formatDateTime(m.start)}`),
    ].filter(Boolean);
    return el("article", { class: "card vpi", "aria-labelledby": `vpi-${vpi.id}` },
      el("h2", { id: `vpi-${vpi.id}` }, strings.title(vpi.countryName), " ", badge(label(strings.roles, vpi.role), "info")),
      el("p", {}, strings.stageLine(vpi.stage.done, vpi.stage.nextName)),
      parts.length ? parts : el("p", {}, strings.nothingWaiting));
  });
  return [pageSection(strings.meHeading(me.user.name), vpis.length ? vpis : el("p", {}, strings.nothingWaiting))];
}
