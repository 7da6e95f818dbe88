// The page side of VpiBot's browser tests (TeamsCardHost.cs): renders one card with the official Adaptive Cards
// renderer and a Teams-like host config, and records the actions it executes. It sends nothing anywhere: the
// test reads the recorded action and posts the Teams-shaped activity to the bot itself.
"use strict";

// Teams' light theme, close enough for layout (spacing, font sizes, colours, 6 actions, inputs with labels).
const teamsHostConfig = {
  supportsInteractivity: true,
  // The renderer gives a heading TextBlock its aria-level from here only (Microsoft's default host config says 2).
  textBlock: { headingLevel: 2 },
  fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif",
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E0E0E0" },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: "#FFFFFF",
      foregroundColors: {
        default: { default: "#242424", subtle: "#616161" },
        dark: { default: "#252423", subtle: "#484644" },
        light: { default: "#FFFFFF", subtle: "#F3F2F1" },
        accent: { default: "#5B5FC7", subtle: "#6264A7" },
        good: { default: "#237B4B", subtle: "#2E8B57" },
        warning: { default: "#835C00", subtle: "#A07000" },
        attention: { default: "#C4314B", subtle: "#D13438" },
      },
    },
    emphasis: {
      backgroundColor: "#F5F5F5",
      foregroundColors: {
        default: { default: "#242424", subtle: "#616161" },
        accent: { default: "#5B5FC7", subtle: "#6264A7" },
        good: { default: "#237B4B", subtle: "#2E8B57" },
        warning: { default: "#835C00", subtle: "#A07000" },
        attention: { default: "#C4314B", subtle: "#D13438" },
      },
    },
  },
  actions: {
    maxActions: 6, spacing: "default", buttonSpacing: 8, actionsOrientation: "horizontal", actionAlignment: "left",
    showCard: { actionMode: "inline", inlineTopMargin: 16 }, iconPlacement: "leftOfTitle",
  },
  factSet: {
    title: { color: "default", size: "default", isSubtle: false, weight: "bolder", wrap: true, maxWidth: 150 },
    value: { color: "default", size: "default", isSubtle: false, weight: "default", wrap: true },
    spacing: 8,
  },
  inputs: {
    label: {
      inputSpacing: "small",
      requiredInputs: { weight: "bolder", suffix: " *", suffixColor: "attention" },
      optionalInputs: { weight: "bolder" },
    },
    errorMessage: { size: "small", color: "attention", spacing: "small" },
  },
};

window.teamsHost = (() => {
  const A = window.AdaptiveCards;
  let card = null;
  let actions = [];
  let clicks = 0;
  document.addEventListener("click", () => { clicks++; }, true);

  // What Teams needs from an executed action to build its activity (data already merged with the inputs).
  function describe(action) {
    const type = action.getJsonTypeName();
    switch (type) {
      case "Action.Execute": return { type, title: action.title ?? null, id: action.id ?? null, verb: action.verb ?? null, data: action.data ?? {} };
      case "Action.Submit": return { type, title: action.title ?? null, id: action.id ?? null, data: action.data ?? null };
      case "Action.OpenUrl": return { type, title: action.title ?? null, url: action.url ?? null };
      default: return null; // Action.ShowCard and Action.ToggleVisibility only change the card, as in Teams
    }
  }

  function findInput(id) {
    const input = card ? card.getAllInputs(true).find(i => i.id === id) : undefined;
    if (!input) throw new Error(`The card has no input with id "${id}".`);
    return input;
  }

  return {
    /** Renders the card (JSON text) in #card-root; returns the renderer's parse warnings. */
    render(json) {
      const next = new A.AdaptiveCard();
      next.hostConfig = new A.HostConfig(teamsHostConfig);
      next.onExecuteAction = action => { const d = describe(action); if (d) actions.push(d); };
      const context = new A.SerializationContext();
      next.parse(JSON.parse(json), context);
      const warnings = [];
      for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
      const element = next.render();
      if (!element) throw new Error("The renderer produced nothing for this card.");
      document.getElementById("card-root").replaceChildren(element);
      card = next;
      actions = [];
      return warnings;
    },

    /** Mouse clicks seen so far (capture phase, so before the renderer's own handlers in the same event). */
    clicks() { return clicks; },

    /** The actions the renderer executed since the last call (none when validateInputs stopped it). */
    takeActions() { const taken = actions; actions = []; return taken; },

    /** How an input is rendered, so the test can operate it like a person would. */
    describeInput(id) {
      const input = findInput(id);
      const type = input.getJsonTypeName();
      const result = { type, style: type === "Input.ChoiceSet" && input.style ? String(input.style) : null, isMultiSelect: !!input.isMultiSelect, valueOn: input.valueOn ?? null, choices: [] };
      if (type === "Input.ChoiceSet") result.choices = input.choices.map(c => ({ title: c.title, value: c.value }));
      return result;
    },

    /** The value the renderer would submit for an input (undefined → null). */
    valueOf(id) { const v = findInput(id).value; return v === undefined || v === null ? null : String(v); },

    /** The text a person sees: drop-downs show their selected option, suggestion lists and hidden parts nothing. */
    visibleText() {
      const clone = document.getElementById("card-root").cloneNode(true);
      const originals = document.getElementById("card-root").querySelectorAll("select");
      clone.querySelectorAll("select").forEach((select, i) => {
        const chosen = originals[i].selectedIndex >= 0 ? originals[i].options[originals[i].selectedIndex].text : "";
        select.replaceWith(document.createTextNode(chosen));
      });
      // form controls show no text of their own; and a cloned checked radio put in the page would uncheck the
      // original of its group (same name), so the clone keeps none
      clone.querySelectorAll("datalist, input, textarea").forEach(d => d.remove());
      clone.style.position = "absolute"; clone.style.left = "-10000px";
      document.body.appendChild(clone);
      const text = clone.innerText;
      clone.remove();
      return text;
    },

    /** The validation messages the renderer shows under inputs right now. */
    validationErrors() {
      return card ? card.getAllInputs(true).filter(i => i.renderedInputControlElement &&
        (i.renderedInputControlElement.classList.contains("ac-input-validation-failed") || i.renderedElement.querySelector(".ac-input-validation-failed")))
        .map(i => i.errorMessage || i.id) : [];
    },
  };
})();
