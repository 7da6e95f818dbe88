// Members and organisations by type and role.
import { label, strings } from "../strings.js";
import { chartWithTable, el, section, sortableTable } from "../ui.js";

const types = ["Government", "Ngo", "Academia", "PrivateSector", "Unodc"];
const roles = ["Facilitator", "ReviewTeam", "Alliance"];

export function membersView(data) {
  const members = data.members;
  const present = types.filter((t) => members.some((m) => m.organisationType === t));
  const chart = chartWithTable({
    title: strings.membersByType, type: "bar", stacked: true,
    labels: present.map((t) => label(strings.organisationType, t)),
    series: roles.map((r) => ({ label: label(strings.roles, r), data: present.map((t) => members.filter((m) => m.organisationType === t && m.role === r).length) })),
    tableColumns: [strings.colType, ...roles.map((r) => label(strings.roles, r))],
  });
  const { table } = sortableTable({
    caption: strings.membersHeading, id: "members-table", rows: members,
    columns: [
      { key: "name", label: strings.colName },
      { key: "role", label: strings.colRole, value: (m) => roles.indexOf(m.role), render: (m) => label(strings.roles, m.role) },
      { key: "organisation", label: strings.colOrganisation },
      { key: "organisationType", label: strings.colType, render: (m) => label(strings.organisationType, m.organisationType) },
    ],
  });
  return [section(strings.membersByType, chart), section(strings.membersHeading, el("div", { class: "scroll" }, table))];
}
