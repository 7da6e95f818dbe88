// Priorities by status (a doughnut and its table), a sortable, filterable table, and one priority's history.
import { label, strings, formatDate, formatDateTime } from "../strings.js";
import { badge, chartWithTable, countBy, el, section, sortableTable } from "../ui.js";

const order = ["Draft", "Submitted", "UnderReview", "ChangesRequested", "Approved", "Rejected", "Withdrawn"];
const tone = { Approved: "good", Rejected: "bad", ChangesRequested: "warn", UnderReview: "info", Submitted: "info" };
export const priorityBadge = (status) => badge(label(strings.priorityStatus, status), tone[status] ?? "neutral");

export function prioritiesView(data) {
  const counts = [...countBy(data.priorities, "status", order)].filter(([, n]) => n > 0);
  const chart = chartWithTable({
    title: strings.prioritiesByStatus, type: "doughnut",
    labels: counts.map(([s]) => label(strings.priorityStatus, s)),
    series: [{ label: strings.colCount, data: counts.map(([, n]) => n) }],
    tableColumns: [strings.colStatus, strings.colCount],
  });
  const history = el("div", { class: "history", "aria-live": "polite", tabindex: "-1", id: "priority-history" }, el("p", {}, strings.pickPriority));
  const showHistory = (p) => {
    history.replaceChildren(el("h3", {}, strings.historyHeading(p.number, p.title)),
      p.history.length === 0 ? el("p", {}, strings.historyEmpty) : el("table", {},
        el("caption", { class: "visually-hidden" }, strings.historyHeading(p.number, p.title)),
        el("thead", {}, el("tr", {}, [strings.colWhen, strings.colStatus, strings.colBy].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, p.history.map((h) => el("tr", {}, el("td", {}, formatDateTime(h.at)), el("td", {}, priorityBadge(h.status)), el("td", {}, h.byName))))));
    history.focus();
  };
  const { table, filter } = sortableTable({
    caption: strings.prioritiesTable, id: "priorities-table",
    rows: data.priorities,
    columns: [
      { key: "number", label: strings.colNumber, render: (p) => String(p.number) },
      { key: "title", label: strings.colTitle },
      { key: "status", label: strings.colStatus, value: (p) => order.indexOf(p.status), render: (p) => priorityBadge(p.status) },
      { key: "organisation", label: strings.colOrganisation },
      { key: "updatedAt", label: strings.colUpdated, render: (p) => formatDate(p.updatedAt) },
    ],
    onRowClick: showHistory,
    rowLabel: (p) => strings.historyHeading(p.number, p.title),
  });
  const count = el("p", { class: "count", "aria-live": "polite" }, strings.shownOf(data.priorities.length, data.priorities.length));
  const text = el("input", { type: "search", id: "priority-filter", placeholder: strings.filterPlaceholder });
  const status = el("select", { id: "priority-status" }, el("option", { value: "" }, strings.allStatuses),
    order.map((s) => el("option", { value: s }, label(strings.priorityStatus, s))));
  const apply = () => {
    const words = text.value.trim().toLowerCase();
    const shown = filter((p) => (!status.value || p.status === status.value)
      && (!words || `${p.title} ${label(strings.priorityStatus, p.status)} ${p.organisation}`.toLowerCase().includes(words)));
    count.textContent = strings.shownOf(shown, data.priorities.length);
  };
  text.addEventListener("input", apply);
  status.addEventListener("change", apply);
  const filters = el("div", { class: "filters" },
    el("label", { for: "priority-filter" }, strings.filterLabel), text,
    el("label", { for: "priority-status" }, strings.statusFilterLabel), status);
  return [
    section(strings.prioritiesByStatus, chart),
    section(strings.prioritiesTable, filters, count, el("div", { class: "scroll" }, table), history),
  ];
}
