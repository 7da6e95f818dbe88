// Open ballots with turnout per constituency; closed ones with results split government / non-government.
import { label, strings, formatDateTime } from "../strings.js";
import { badge, chartWithTable, el, section } from "../ui.js";

const isGovernment = (side) => side === "Government";
/** Adds up the sides that are not the government (civil society, and UNODC when it votes). */
function split(sides) {
  const sum = (list) => list.reduce((t, s) => ({ yes: t.yes + s.yes, no: t.no + s.no, abstain: t.abstain + s.abstain }), { yes: 0, no: 0, abstain: 0 });
  return { government: sum(sides.filter((s) => isGovernment(s.side))), other: sum(sides.filter((s) => !isGovernment(s.side))) };
}

function openBallot(ballot) {
  const sides = ballot.turnout.map((t) => label(strings.sides, t.side));
  return el("article", { class: "card ballot", "aria-labelledby": `ballot-${ballot.number}` },
    el("h3", { id: `ballot-${ballot.number}` }, strings.ballotHeading(ballot.number)),
    el("p", {}, strings.ballotDeadline(formatDateTime(ballot.deadline)), " · ", strings.ballotRecommendations(ballot.recommendations)),
    chartWithTable({
      title: strings.turnoutChart(ballot.number), type: "bar", labels: sides,
      series: [{ label: strings.colVoted, data: ballot.turnout.map((t) => t.voted) },
        { label: strings.colElectorate, data: ballot.turnout.map((t) => t.electorate) }],
      tableColumns: [strings.colSide, strings.colVoted, strings.colElectorate],
    }),
    // results is null while the tally is hidden (always for an anonymous ballot); else the running count (adopted null)
    ballot.results == null ? el("p", { class: "tally-hidden" }, strings.resultsHidden) : resultsTable(ballot, false));
}

/** The tally per recommendation, government and non-government (civil society, UNODC) apart; the outcome once closed. */
function resultsTable(ballot, closed) {
  const head = [strings.colRecommendation, ...(closed ? [strings.colOutcome] : []),
    ...[strings.government, strings.nonGovernment].flatMap((side) => [strings.colYes, strings.colNo, strings.colAbstain].map((c) => `${side}: ${c}`))];
  return el("div", { class: "scroll" }, el("table", { class: "results" },
    el("caption", { class: "visually-hidden" }, strings.ballotHeading(ballot.number)),
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ballot.results.map((r) => {
      const { government, other } = split(r.sides);
      return el("tr", {},
        el("th", { scope: "row" }, `${r.recommendation}. ${r.title}`),
        closed ? el("td", {}, r.adopted === true ? badge(strings.adopted, "good") : r.adopted === false ? badge(strings.notAdopted, "bad") : "") : null,
        [government, other].flatMap((t) => [t.yes, t.no, t.abstain].map((n) => el("td", { class: "num" }, String(n)))));
    }))));
}

function closedBallot(ballot) {
  return el("article", { class: "card ballot", "aria-labelledby": `ballot-${ballot.number}` },
    el("h3", { id: `ballot-${ballot.number}` }, strings.ballotHeading(ballot.number)),
    el("p", {}, strings.ballotRecommendations(ballot.recommendations)),
    ballot.results == null ? el("p", {}, strings.noResults) : resultsTable(ballot, true));
}

export function ballotsView(data) {
  const open = data.ballots.filter((b) => b.status === "Open");
  const closed = data.ballots.filter((b) => b.status === "Closed");
  return [
    section(strings.openBallots, open.length ? open.map(openBallot) : el("p", {}, strings.noOpenBallots)),
    section(strings.closedBallots, closed.length ? closed.map(closedBallot) : el("p", {}, strings.noClosedBallots)),
  ];
}
