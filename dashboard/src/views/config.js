// The configurable tab's settings page: pick one of my VPIs; Teams saves it as the tab's entity id.
import { strings } from "../strings.js";
import { el, pageSection } from "../ui.js";

export function configView(me, save) {
  if (me.vpis.length === 0) return [pageSection(strings.configHeading, el("p", {}, strings.configNoVpis))];
  const status = el("p", { role: "status", id: "config-status" });
  const choices = el("fieldset", {}, el("legend", {}, strings.configLabel), me.vpis.map((vpi) => {
    const input = el("input", { type: "radio", name: "vpi", id: `vpi-${vpi.id}`, value: vpi.id });
    input.addEventListener("change", () => {
      save(vpi);
      status.textContent = strings.configSaved(vpi.countryName);
    });
    return el("div", { class: "choice" }, input, el("label", { for: `vpi-${vpi.id}` }, `${strings.title(vpi.countryName)} (${strings.roles[vpi.role] ?? vpi.role})`));
  }));
  return [pageSection(strings.configHeading, choices, status)];
}
