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
