// The dashboard tab's entry point: index.html (the dashboard, or ?view=me) and config.html (the tab's settings).
import { Badge, BadgeDefinition, Tab, TabDefinition, Tablist, TablistDefinition } from "@fluentui/web-components";
import "./app.css";
import { createApi } from "./api.js";
import { strings, label, useLanguage } from "./strings.js";
import { connect, connectOutsideTeams, teams } from "./teams.js";
import { badge, el } from "./ui.js";
import { ballotsView } from "./views/ballots.js";
import { configView } from "./views/config.js";
import { meView } from "./views/me.js";
import { meetingsView } from "./views/meetings.js";
import { membersView } from "./views/members.js";
import { prioritiesView } from "./views/priorities.js";
import { roadmapView } from "./views/roadmap.js";
import { timelineView } from "./views/timeline.js";

Badge.define(BadgeDefinition);
Tab.define(TabDefinition);
Tablist.define(TablistDefinition);

const root = document.getElementById("app");
const views = { timeline: timelineView, priorities: prioritiesView, ballots: ballotsView, roadmap: roadmapView, meetings: meetingsView, members: membersView };

/** Marks the page as fully drawn: a performance mark (the tests measure it) and data-rendered on <body>. */
function rendered() {
  performance.mark("dashboard-rendered");
  root.removeAttribute("aria-busy");
  document.body.dataset.rendered = "true";
}

function show(...nodes) {
  root.replaceChildren(...nodes.flat());
}

/**
 * "Download the outcome report" (facilitators): asks the API for a signed link of a few minutes and follows it; the
 * answer is an attachment, so the page stays where it is and the browser (or Teams) saves the .docx.
 */
function reportButton(session, api) {
  const status = el("span", { role: "status", class: "report-status" });
  const button = el("button", { type: "button", id: "download-report", class: "action" }, strings.downloadReport);
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = strings.reportPreparing;
    try {
      const { url } = await api.reportLink(session.vpiId, session.context?.app?.locale);
      const link = el("a", { href: url, download: "", hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      status.textContent = "";
    } catch (error) {
      status.textContent = strings.reportFailed(error.status ?? "?");
    } finally {
      button.disabled = false;
    }
  });
  return el("p", { class: "report" }, button, " ", status);
}

function tabs(data) {
  const tablist = el("fluent-tablist", { "aria-label": strings.viewsLabel, id: "views" });
  const panels = Object.entries(views).map(([name, view]) => {
    tablist.append(el("fluent-tab", { id: `tab-${name}`, "aria-controls": `panel-${name}` }, strings.views[name]));
    return el("div", { role: "tabpanel", id: `panel-${name}`, "aria-labelledby": `tab-${name}`, class: "panel", hidden: name !== "timeline" }, view(data));
  });
  tablist.addEventListener("change", () => {
    for (const panel of panels) panel.hidden = panel.id !== `panel-${tablist.activeid?.replace("tab-", "")}`;
  });
  return [tablist, ...panels];
}

async function dashboard(session, api) {
  const personal = new URLSearchParams(location.search).get("view") === "me" || !session.vpiId;
  if (personal) {
    show(meView(await api.me()));
    return;
  }
  const data = await api.vpi(session.vpiId);
  document.title = strings.title(data.vpi.countryName);
  const header = el("header", {},
    el("h1", {}, strings.title(data.vpi.countryName)),
    el("p", {}, `${strings.roleLabel}: `, badge(label(strings.roles, data.vpi.role), "info"),
      session.teamName ? ` · ${session.teamName}` : "", session.channelName ? ` › ${session.channelName}` : ""),
    data.vpi.role === "Facilitator" ? reportButton(session, api) : null);
  show(header, tabs(data));
}

async function config(session, api) {
  const me = await api.me();
  teams.pages.config.setValidityState(false);
  show(configView(me, (vpi) => {
    const url = new URL("index.html", location.href);
    teams.pages.config.setConfig({ entityId: vpi.id, contentUrl: url.href, suggestedDisplayName: strings.tabName(vpi.countryName) });
    teams.pages.config.setValidityState(true);
  }));
}

async function main() {
  let session;
  try {
    session = await connect();
  } catch {
    try {
      session = await connectOutsideTeams();
    } catch {
      show(el("p", { class: "status" }, strings.notInTeams));
      rendered();
      return;
    }
  }
  useLanguage(session.context?.app?.locale ?? new URLSearchParams(location.search).get("lang"));
  const api = createApi(session.getToken);
  try {
    await (document.body.dataset.page === "config" ? config(session, api) : dashboard(session, api));
    if (!session.outsideTeams) teams.app.notifySuccess();
  } catch (error) {
    show(el("p", { class: "status error", role: "alert" }, error.status ? strings.errorLoading(error.status, error.message) : strings.errorSignIn));
  }
  rendered();
}

main();
