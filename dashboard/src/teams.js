// Everything the page asks of Teams: initialize, the context, the theme (as it changes) and the SSO token.
import { app, authentication, pages } from "@microsoft/teams-js";
import { setTheme } from "@fluentui/web-components";
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from "@fluentui/tokens";

const fluentThemes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

/** Applies a Teams theme ("default", "dark", "contrast"): Fluent's tokens and the page's own CSS (data-theme). */
export function applyTheme(theme) {
  const name = fluentThemes[theme] ? theme : "default";
  setTheme(fluentThemes[name]);
  document.documentElement.dataset.theme = name;
  window.dispatchEvent(new CustomEvent("dashboard-theme", { detail: name }));
}

/** Initializes TeamsJS and returns what the page needs: the context and a way to get the SSO token. */
export async function connect() {
  await app.initialize();
  const context = await app.getContext();
  applyTheme(context.app.theme);
  app.registerOnThemeChangeHandler(applyTheme);
  return {
    context,
    user: context.user,
    tenantId: context.user?.tenant?.id,
    teamName: context.team?.displayName,
    channelName: context.channel?.displayName,
    vpiId: context.page.id,
    getToken: () => authentication.getAuthToken(),
  };
}

export const teams = { app, pages };

/**
 * Outside Teams, in Development only: the app's local token issuer stands in for Teams SSO —
 * `GET /dev/token?oid=…&tid=…&name=…` answers `{ "accessToken": "…", "expiresIn": 3600 }` (VpiBot/Dashboard/DevTokenIssuer.cs).
 * The user comes from ?oid= and ?tid= (Entra ids, as on the VPI's roster) and ?name=, the VPI from ?vpi=, the theme from
 * ?theme=. Production has no /dev/token, so there (or without ?oid= and ?tid=) the page asks to be opened in Teams.
 */
export async function connectOutsideTeams() {
  const query = new URLSearchParams(location.search);
  const oid = query.get("oid");
  const tid = query.get("tid");
  if (!oid || !tid) throw new Error("No user for the local token issuer (?oid= and ?tid=)");
  const issuer = new URLSearchParams({ oid, tid });
  if (query.get("name")) issuer.set("name", query.get("name"));
  let token = null;
  let expires = 0;
  async function getToken() {
    if (token && Date.now() < expires) return token;
    const response = await fetch(`/dev/token?${issuer}`, { cache: "no-store" });
    if (!response.ok) throw new Error(`No local token issuer (${response.status})`);
    const body = await response.json();
    if (typeof body.accessToken !== "string") throw new Error("The local token issuer answered without an accessToken");
    token = body.accessToken;
    expires = Date.now() + Math.max(0, (body.expiresIn ?? 0) - 60) * 1000; // a minute early
    return token;
  }
  await getToken();
  applyTheme(query.get("theme") ?? "default");
  return { context: null, user: null, tenantId: tid, teamName: null, channelName: null, vpiId: query.get("vpi"), getToken, outsideTeams: true };
}
