// Small DOM helpers shared by the views: elements, badges, sortable tables, charts with a table alternative.
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip,
} from "chart.js";
import { strings } from "./strings.js";

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, Tooltip);
Chart.defaults.animation = false;

/** Creates an element: el("p", { class: "x" }, "text", child …). Attributes starting with "on" are listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

const badgeColors = {
  good: "success", bad: "danger", warn: "warning", info: "informative", neutral: "subtle",
};

/** A Fluent badge: its text says what it means, the colour only repeats it. */
export const badge = (text, tone = "neutral") =>
  el("fluent-badge", { appearance: "tint", color: badgeColors[tone] ?? "subtle", class: `badge badge-${tone}` }, text);

export const section = (heading, ...children) =>
  el("section", { "aria-label": heading }, el("h2", {}, heading), ...children);

/** A page's only section, under its h1 (the personal view, the settings page). */
export const pageSection = (heading, ...children) =>
  el("section", { "aria-label": heading }, el("h1", {}, heading), ...children);

/**
 * A table whose column headers sort it (buttons: keyboard and screen readers work), optionally filtered.
 * columns: [{ key, label, value(row) → sortable value, render(row) → node or text }].
 */
export function sortableTable({ caption, columns, rows, onRowClick, rowLabel, id }) {
  let sortKey = null;
  let ascending = true;
  let shown = rows;
  const tbody = el("tbody");
  const headers = columns.map((column) => {
    const button = el("button", { type: "button", class: "sort", "aria-label": strings.sortBy(column.label) }, column.label);
    const th = el("th", { scope: "col", "aria-sort": "none" }, button);
    button.addEventListener("click", () => {
      ascending = sortKey === column.key ? !ascending : true;
      sortKey = column.key;
      for (const other of headers) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      draw();
    });
    return th;
  });
  function draw() {
    let sorted = shown;
    if (sortKey) {
      const column = columns.find((c) => c.key === sortKey);
      const value = column.value ?? ((row) => row[column.key]);
      sorted = [...shown].sort((a, b) => compare(value(a), value(b)) * (ascending ? 1 : -1));
    }
    tbody.replaceChildren(...sorted.map((row) => {
      const cells = columns.map((column, i) => {
        const content = column.render ? column.render(row) : String(row[column.key] ?? "");
        return i === 0 && onRowClick
          ? el("th", { scope: "row" }, el("button", { type: "button", class: "link", "aria-label": rowLabel?.(row), onclick: () => onRowClick(row) }, content))
          : el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, content);
      });
      return el("tr", {}, cells);
    }));
  }
  const table = el("table", { id }, el("caption", {}, caption), el("thead", {}, el("tr", {}, headers)), tbody);
  draw();
  return {
    table,
    filter(predicate) {
      shown = rows.filter(predicate);
      draw();
      return shown.length;
    },
  };
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === undefined || a === null || a === "") return 1;
  if (b === undefined || b === null || b === "") return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

/** Reads the page's chart colours from CSS (they follow the Teams theme). */
function palette() {
  const style = getComputedStyle(document.documentElement);
  return {
    series: [1, 2, 3, 4, 5, 6, 7].map((n) => style.getPropertyValue(`--chart-${n}`).trim()),
    text: style.getPropertyValue("--text").trim(),
    grid: style.getPropertyValue("--border").trim(),
  };
}

const charts = new Set();

/** Colours a chart from the current theme: its series, text, ticks and grid. */
function paint(chart) {
  const colours = palette();
  const doughnut = chart.config.type === "doughnut";
  chart.data.datasets.forEach((dataset, i) => {
    dataset.backgroundColor = doughnut ? colours.series : colours.series[i % colours.series.length];
    dataset.borderColor = doughnut ? colours.grid : undefined;
  });
  chart.options.color = colours.text;
  chart.options.plugins.legend.labels.color = colours.text;
  for (const scale of Object.values(chart.options.scales ?? {})) {
    scale.ticks.color = colours.text;
    scale.grid.color = colours.grid;
  }
}

window.addEventListener("dashboard-theme", () => {
  for (const chart of charts) {
    paint(chart);
    chart.update();
  }
});

/**
 * A chart and, under it, the same numbers as a table (the text alternative; the canvas is labelled and hidden
 * from the accessibility tree's detail). type: "doughnut" | "bar"; labels: categories; series: [{label, data}].
 */
export function chartWithTable({ title, type, labels, series, horizontal = false, stacked = false, tableColumns }) {
  const canvas = el("canvas", { role: "img", "aria-label": title });
  const height = horizontal ? Math.max(240, labels.length * 24 + 80) : 240;
  const figure = el("figure", { class: `chart chart-${type}` }, el("figcaption", {}, title),
    el("div", { class: "canvas-box", style: `height:${height}px` }, canvas));
  const rows = labels.map((label, i) => el("tr", {}, el("th", { scope: "row" }, label), series.map((s) => el("td", {}, String(s.data[i])))));
  const table = el("table", { class: "alt" },
    el("caption", {}, `${title}: ${strings.chartAlternative.toLowerCase()}`),
    el("thead", {}, el("tr", {}, (tableColumns ?? ["", ...series.map((s) => s.label)]).map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows));
  figure.append(el("details", {}, el("summary", {}, strings.chartAlternative), table));
  queueMicrotask(() => {
    const chart = new Chart(canvas, {
      type,
      data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.data, borderWidth: type === "doughnut" ? 1 : 0 })) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { position: "bottom", labels: {} } },
        scales: type === "bar" ? {
          x: { stacked, ticks: { precision: 0 }, grid: {} },
          y: { stacked, ticks: { precision: 0 }, grid: {} },
        } : undefined,
      },
    });
    paint(chart);
    chart.update();
    charts.add(chart);
  });
  return figure;
}

/** Counts rows by a key, in the order of `order` (values not in it come after). */
export function countBy(rows, key, order = []) {
  const counts = new Map(order.map((k) => [k, 0]));
  for (const row of rows) counts.set(row[key], (counts.get(row[key]) ?? 0) + 1);
  return counts;
}
