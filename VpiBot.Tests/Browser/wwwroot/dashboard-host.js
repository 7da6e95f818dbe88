// Plays Teams' part for a tab in an iframe: answers the TeamsJS (2.x) messages as the Teams web client does.
// The protocol, read in node_modules/@microsoft/teams-js/dist/esm/packages/teams-js/src/internal/communication.js
// (and messageObjects.js, appHelpers.js, public/app/app.js, public/authentication.js, internal/pagesHelpers.js):
//  - the frame posts to window.parent { id, uuidAsString, func, args, timestamp, apiVersionTag, ... };
//  - the host answers { id, uuidAsString, args } (the frame finds its callback by uuid, else by id);
//  - "initialize" is answered [frameContext, hostClientType, runtimeConfig (JSON string), clientSupportedSDKVersion];
//  - "getContext" [context] (the flat legacy shape the library maps to app.Context);
//  - "authentication.getAuthToken" [success, token or error]; "settings.setSettings" [success, reason];
//  - "settings.setValidityState", "registerHandler", "appInitialization.*" expect no answer;
//  - the host pushes events as { func, args }: { func: "themeChange", args: ["dark"] }.
// The frame accepts messages only from its own origin or Teams' https origins, so this page is served from the
// app's origin (the tests route /teams-host/ to the test server).
"use strict";
(() => {
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: { app: {}, appInstallDialog: {}, authentication: {}, pages: { appButton: {}, config: {}, tabs: {}, backStack: {} }, teamsCore: {} },
  };
  const host = {
    log: [],          // every message the tab sent: { func, args }
    settings: [],     // what setConfig saved
    validity: [],     // setValidityState calls
    config: null,
  };
  window.teamsHost = host;

  host.start = (config) => {
    host.config = config;
    document.getElementById("tab").src = config.url;
  };
  host.setTheme = (theme) => {
    host.config.theme = theme;
    document.getElementById("tab").contentWindow.postMessage({ func: "themeChange", args: [theme] }, location.origin);
  };

  function context() {
    const c = host.config;
    return {
      entityId: c.entityId, locale: c.locale || "en-us", theme: c.theme, frameContext: c.frameContext, hostClientType: "web",
      hostName: "Teams", appSessionId: "session-1", userObjectId: c.user.id, userPrincipalName: c.user.upn,
      loginHint: c.user.upn, tid: c.tenantId, teamId: "19:team-ghana@thread.tacv2", teamName: "VPI Ghana",
      groupId: "group-ghana", channelId: "19:general-ghana@thread.tacv2", channelName: "General", channelType: "Regular",
    };
  }

  window.addEventListener("message", (event) => {
    const frame = document.getElementById("tab").contentWindow;
    const message = event.data;
    if (event.source !== frame || !message || typeof message.func !== "string") return;
    host.log.push({ func: message.func, args: message.args });
    const reply = (args) => frame.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
    switch (message.func) {
      case "initialize":
        reply([host.config.frameContext, "web", JSON.stringify(runtime), "2.58.0"]);
        break;
      case "getContext":
        reply([context()]);
        break;
      case "authentication.getAuthToken":
        reply(host.config.token ? [true, host.config.token] : [false, "resourceRequiresConsent"]);
        break;
      case "settings.setSettings":
        host.settings.push(message.args[0]);
        reply([true]);
        break;
      case "settings.setValidityState":
        host.validity.push(message.args[0]);
        break;
      default:
        break; // registerHandler, appInitialization.success …: one-way
    }
  });
})();
