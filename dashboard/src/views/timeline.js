// The eight activities (done dates, the next one) and the menu-of-options checklist.
import { strings, formatDate } from "../strings.js";
import { badge, el, section } from "../ui.js";

export function timelineView(data) {
  const stages = el("ol", { class: "stages" }, data.stages.map((stage) => {
    const state = stage.done ? "done" : stage.number === data.next ? "next" : "todo";
    const status = stage.done ? badge(strings.stageDone(formatDate(stage.date)), "good")
      : state === "next" ? badge(strings.stageNext, "info") : badge(strings.stageTodo, "neutral");
    return el("li", { class: `stage stage-${state}`, "aria-current": state === "next" ? "step" : undefined },
      el("span", { class: "stage-number", "aria-hidden": "true" }, String(stage.number)),
      el("span", { class: "stage-name" }, stage.name), status);
  }));
  const next = data.stages.find((s) => s.number === data.next);
  const menu = el("ul", { class: "menu" }, data.menu.map((option) =>
    el("li", { class: option.done ? "menu-done" : "menu-todo" },
      el("span", { class: "check", "aria-hidden": "true" }, option.done ? "✓" : "○"),
      el("span", {}, option.name), " ", badge(strings.menuLevel(option.level), "neutral"), " ",
      badge(option.done ? strings.menuDone : strings.menuNotDone, option.done ? "good" : "neutral"))));
  return [
    section(strings.stagesHeading, el("p", { class: "lead" }, next ? strings.nextActivity(next.name) : strings.allStagesDone), stages),
    section(strings.menuHeading, menu),
  ];
}
