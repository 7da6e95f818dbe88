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
 * Outside Teams, in Development only: the app's local token issuer (/dev/token) stands in for Teams SSO, the VPI comes
 * from ?vpi= and the theme from ?theme=. Production has no /dev/token, so there the page asks to be opened in Teams.
 */
export async function connectOutsideTeams() {
  const response = await fetch("/dev/token", { cache: "no-store" });
  if (!response.ok) throw new Error("No local token issuer");
  const text = await response.text();
  let token = text.trim();
  try {
    const body = JSON.parse(text);
    token = body.token ?? body.access_token ?? body.accessToken ?? token;
  } catch {
    // a plain-text token
  }
  const query = new URLSearchParams(location.search);
  applyTheme(query.get("theme") ?? "default");
  return { context: null, user: null, tenantId: null, teamName: null, channelName: null, vpiId: query.get("vpi"), getToken: async () => token, outsideTeams: true };
}
