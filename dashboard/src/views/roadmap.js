// Roadmap tasks: by status and owner, due dates on a time axis (overdue first), and a "my tasks" filter.
import { label, strings, formatDate } from "../strings.js";
import { badge, chartWithTable, countBy, el, section, sortableTable } from "../ui.js";

const order = ["NotStarted", "InProgress", "Blocked", "Done", "Cancelled"];
const tone = { Done: "good", Blocked: "bad", InProgress: "info" };
const stateBadge = (task) => badge(label(strings.taskState, task.state), tone[task.state] ?? "neutral");
const overdueBadge = (task) => (task.overdue ? badge(`⚠ ${strings.overdue}`, "bad") : null);
const day = 24 * 3600 * 1000;

/** Overdue first, then by due date. */
const byUrgency = (a, b) => (b.overdue - a.overdue) || (Date.parse(a.due) - Date.parse(b.due));

function timeAxis(tasks) {
  const list = el("ol", { class: "gantt", "aria-label": strings.tasksTimeline });
  const draw = (shown) => {
    const times = shown.flatMap((t) => [Date.parse(t.start ?? t.due), Date.parse(t.due)]);
    const from = Math.min(...times) - day;
    const to = Math.max(...times) + day;
    const at = (iso) => `${(((Date.parse(iso) - from) / (to - from)) * 100).toFixed(2)}%`;
    list.replaceChildren(...[...shown].sort(byUrgency).map((task) => {
      const left = at(task.start ?? task.due);
      const width = `calc(${at(task.due)} - ${left} + 4px)`;
      return el("li", { class: `gantt-row${task.overdue ? " overdue" : ""}` },
        el("span", { class: "gantt-label" }, `${task.number}. ${task.title} `, overdueBadge(task),
          el("span", { class: "gantt-dates" }, ` ${strings.colDue}: ${formatDate(task.due)}`)),
        el("span", { class: "gantt-track", "aria-hidden": "true" },
          el("span", { class: `gantt-bar state-${task.state}`, style: `left:${left};width:${width}` })));
    }));
  };
  draw(tasks);
  return { list, draw };
}

export function roadmapView(data) {
  const tasks = data.tasks;
  const counts = countBy(tasks, "state", order);
  const owners = [...new Set(tasks.flatMap((t) => t.owners))].sort();
  const chart = chartWithTable({
    title: strings.tasksByStatus, type: "bar",
    labels: order.map((s) => label(strings.taskState, s)),
    series: [{ label: strings.colCount, data: order.map((s) => counts.get(s)) }],
    tableColumns: [strings.colState, strings.colCount],
  });
  const byOwner = chartWithTable({
    title: strings.colOwners, type: "bar", horizontal: true, stacked: true, labels: owners,
    series: order.map((state) => ({ label: label(strings.taskState, state), data: owners.map((o) => tasks.filter((t) => t.state === state && t.owners.includes(o)).length) })),
    tableColumns: [strings.colOwners, ...order.map((s) => label(strings.taskState, s))],
  });
  const { table, filter } = sortableTable({
    caption: strings.tasksTimeline, id: "tasks-table",
    rows: [...tasks].sort(byUrgency),
    columns: [
      { key: "number", label: strings.colNumber, render: (t) => String(t.number) },
      { key: "title", label: strings.colTitle, render: (t) => el("span", {}, t.title, " ", overdueBadge(t), t.mine ? badge(strings.mine, "info") : null) },
      { key: "state", label: strings.colState, value: (t) => order.indexOf(t.state), render: stateBadge },
      { key: "progress", label: strings.colProgress, render: (t) => `${t.progress}%` },
      { key: "lead", label: strings.colLead, render: (t) => label(strings.lead, t.lead) },
      { key: "owners", label: strings.colOwners, value: (t) => t.owners.join(", "), render: (t) => t.owners.join(", ") },
      { key: "due", label: strings.colDue, render: (t) => formatDate(t.due) },
    ],
  });
  const axis = timeAxis(tasks);
  const mine = el("input", { type: "checkbox", id: "my-tasks" });
  mine.addEventListener("change", () => {
    const keep = (t) => !mine.checked || t.mine;
    filter(keep);
    axis.draw(tasks.filter(keep));
  });
  return [
    section(strings.tasksByStatus, el("div", { class: "two" }, chart, byOwner)),
    section(strings.tasksTimeline,
      el("div", { class: "filters" }, mine, el("label", { for: "my-tasks" }, strings.myTasksOnly)),
      axis.list, el("div", { class: "scroll" }, table)),
  ];
}
