// The record beside the chat: what Tidigt has stored, area by area, read from the server
// after every turn (GET /api/conversations/{id}/record; the server builds it from the
// stored answers, never from what this page remembers). A click on an answer corrects it
// through the chat with the sentence a person would type, so the correction is answered
// and kept in the history exactly like a typed one.
"use strict";

(() => {
  const EMBED = location.pathname === "/embed";
  const OPEN_KEY = "tidigt.record";
  const WIDE = window.matchMedia("(min-width: 64rem)");
  const byId = (id) => document.getElementById(id);
  const el = {
    main: byId("main"), panel: byId("record"), toggle: byId("record-toggle"),
    caseLine: byId("record-case"), live: byId("record-live"), empty: byId("record-empty"),
    body: byId("record-body"), left: byId("record-left"), pending: byId("record-pending"),
    pendingList: byId("record-pending-list"), picture: byId("record-picture"),
    areas: byId("record-areas"), notesResult: byId("notes-result"),
  };
  const state = {
    conversationId: null,
    view: "loading",
    open: false,
    shown: null, // question id -> answer shown, to announce only what changed
    openAreas: new Set(), // areas the case worker opened or closed stay that way
    closedAreas: new Set(),
    editing: null, // the question whose correction form is open
    record: null, // the last record read, to open and close a correction without a read
    loading: null,
    again: false,
  };

  function node(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined && text !== null) made.textContent = text; // always text, never markup
    return made;
  }

  // ---- Open and closed ----

  function remembered() {
    try { return sessionStorage.getItem(OPEN_KEY); } catch (_) { return null; }
  }

  function setOpen(open, remember) {
    state.open = open;
    el.toggle.setAttribute("aria-expanded", String(open));
    el.toggle.textContent = open ? "Dölj underlag" : "Visa underlag";
    el.panel.hidden = !open || state.view !== "chat";
    el.main.classList.toggle("with-record", open && state.view === "chat");
    if (remember) {
      try { sessionStorage.setItem(OPEN_KEY, open ? "open" : "closed"); } catch (_) { /* off */ }
    }
    if (EMBED) {
      // The widget's expanded view: the loader widens its panel to hold the record too.
      window.parent.postMessage({ type: "tidigt:expand", expanded: open }, "*");
    }
    if (open) load();
  }

  el.toggle.addEventListener("click", () => {
    setOpen(!state.open, true);
    if (state.open) el.panel.focus();
  });

  document.addEventListener("tidigt:view", (event) => {
    state.view = event.detail.name;
    const wanted = remembered();
    setOpen(wanted ? wanted === "open" : (!EMBED && WIDE.matches), false);
  });

  document.addEventListener("tidigt:conversation", (event) => {
    const id = event.detail.conversationId;
    if (id !== state.conversationId) {
      state.conversationId = id;
      state.shown = null;
      state.editing = null;
    }
    load();
  });

  // ---- Reading ----

  async function load() {
    if (!state.open || state.view !== "chat" || !window.tidigtChat) return;
    if (state.loading) {
      state.again = true; // one more read after this one, never several at once
      return;
    }
    const id = state.conversationId;
    if (!id) {
      render(null);
      return;
    }
    state.loading = window.tidigtChat.api("GET",
      `/api/conversations/${encodeURIComponent(id)}/record`);
    try {
      const record = await state.loading;
      if (id === state.conversationId) render(record.assessment ? record : null);
    } catch (_) {
      // The chat shows sign-in and network problems itself; the record keeps what it had.
    } finally {
      state.loading = null;
      if (state.again) {
        state.again = false;
        load();
      }
    }
  }

  // ---- Showing ----

  function announce(record) {
    // One polite sentence per turn, and only about what changed: never the whole record.
    const now = new Map();
    for (const area of record.areas) {
      for (const q of area.questions) if ("answer" in q) now.set(q.id, [q.topic, q.answer]);
    }
    if (state.shown) {
      const changed = [];
      for (const [id, [topic, answer]] of now) {
        if (state.shown.get(id) !== answer) changed.push(`${topic}: ${answer}`);
      }
      if (changed.length) {
        el.live.textContent = `Underlaget uppdaterat: ${changed.slice(0, 3).join("; ")}`
          + (changed.length > 3 ? ` och ${changed.length - 3} till.` : ".");
      }
    }
    state.shown = new Map([...now].map(([id, [, answer]]) => [id, answer]));
  }

  function render(record, focusKey) {
    const focused = focusKey || (document.activeElement && el.panel.contains(document.activeElement)
      ? document.activeElement.dataset.focusKey : null);
    state.record = record;
    el.empty.hidden = Boolean(record);
    el.body.hidden = !record;
    if (!record) {
      el.caseLine.textContent = "";
      return;
    }
    const a = record.assessment;
    el.caseLine.textContent = `${a.case_reference} · ${a.status}${a.training ? " · övning" : ""}`;
    el.left.textContent = record.left
      ? `Kvar: ${record.left === 1 ? "1 fråga" : `ungefär ${record.left} frågor`}`
        + (record.next ? `, nästa om ${record.next}.` : ".")
      : "Alla frågor i de valda områdena är besvarade eller överhoppade.";
    const editable = a.status === "pågående";
    byId("notes-open").hidden = !editable || !record.left;
    renderPending(record.pending || [], record.confirm, editable);
    renderPicture(record.profile);
    const chosen = record.areas.filter((area) => area.chosen);
    const left = record.areas.filter((area) => !area.chosen);
    el.areas.replaceChildren(...chosen.map((area) => areaNode(area, record, editable)));
    if (left.length) {
      // Areas left out at the start: one line, not a closed box each.
      el.areas.append(node("p", "record-note",
        `Ingår inte i bedömningen: ${left.map((area) => area.name).join(", ")}.`));
    }
    announce(record);
    if (focused && focused.startsWith("first:")) {
      // A correction just opened: its first choice (or its field) has the focus.
      const form = el.panel.querySelector(".record-correct");
      const first = form && form.querySelector("button, input");
      if (first) first.focus();
    } else if (focused) {
      const again = el.panel.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  function renderPending(pending, confirm, editable) {
    // Readings not yet confirmed (issue 18's "Menar du …?" and "Jag uppfattade också …"),
    // each with the words it was read from. They are decided all at once, with the same
    // replies the chat offers, sent through the chat.
    el.pending.hidden = !pending.length;
    const items = pending.map((p) => {
      const li = node("li", "record-item record-pending");
      const line = node("p", "record-line");
      const what = node("span", "record-what");
      what.append(node("span", "record-topic", p.topic), " ",
        node("span", "record-tag", p.kind === "menar_du" ? "menar du?" : "uppfattat"));
      const value = node("span", "record-what");
      value.append(node("strong", "", p.label));
      if (editable && p.kind === "uppfattat") {
        // One reading struck before the rest are saved: its question is asked in its turn.
        const strike = node("button", "control record-strike", "Stryk");
        strike.type = "button";
        strike.dataset.focusKey = `strike:${p.question_id}`;
        strike.setAttribute("aria-label", `Stryk ${p.topic}: ${p.label}`);
        strike.addEventListener("click", () => dropProposal(p));
        value.append(" ", strike);
      }
      line.append(what, " ", value);
      li.append(line);
      if (p.words) li.append(node("p", "record-words", `”${p.words}”`));
      return li;
    });
    el.pendingList.replaceChildren(...items);
    const old = el.pending.querySelector(".record-confirm");
    if (old) old.remove();
    if (!confirm || !editable) return;
    const buttons = node("div", "record-confirm");
    const pairs = confirm.kind === "menar_du"
      ? [["Ja, det menar jag", confirm.yes], ["Nej", confirm.no]]
      : [["Spara allt", confirm.yes], ["Spara inget", confirm.no]];
    for (const [shown, says] of pairs) {
      const button = node("button", says === confirm.yes ? "primary" : "control", shown);
      button.type = "button";
      button.dataset.focusKey = `confirm:${says}`;
      button.addEventListener("click", () => {
        if (window.tidigtChat.busy()) return;
        window.tidigtChat.send(says);
      });
      buttons.append(button);
    }
    // Above the list, so the decision is in view however many readings there are.
    el.pendingList.before(buttons);
  }

  async function dropProposal(p) {
    try {
      await window.tidigtChat.api("POST",
        `/api/conversations/${encodeURIComponent(state.conversationId)}/proposals/drop`,
        { question_id: p.question_id });
      el.live.textContent = `Struket: ${p.topic}. Frågan ställs när den kommer.`;
    } catch (err) {
      el.live.textContent = err.message;
    }
    load();
  }

  // ---- Notes mode ----

  const notes = {
    dialog: byId("notes-dialog"), form: byId("notes-form"), field: byId("notes-field"),
    error: byId("notes-error"), open: byId("notes-open"), cancel: byId("notes-cancel"),
  };
  notes.open.addEventListener("click", () => {
    notes.error.textContent = "";
    notes.dialog.showModal();
    notes.field.focus();
  });
  notes.cancel.addEventListener("click", () => notes.dialog.close());
  notes.dialog.addEventListener("close", () => notes.open.focus());
  notes.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = notes.field.value.trim();
    if (!text) {
      notes.error.textContent = "Klistra in anteckningarna först.";
      return;
    }
    try {
      const result = await window.tidigtChat.api("POST",
        `/api/conversations/${encodeURIComponent(state.conversationId)}/notes`, { text });
      notes.field.value = "";
      notes.dialog.close();
      const parts = [result.found
        ? `Uppfattat ur anteckningarna: ${result.found === 1 ? "1 uppgift" : `${result.found} uppgifter`}.`
          + " Kontrollera dem i underlaget och spara dem, eller stryk det som inte stämmer."
        : "Jag hittade inget i anteckningarna som besvarar en fråga som återstår."];
      if (result.masked) parts.push("Personnummer i anteckningarna doldes.");
      parts.push(...result.conflicts, ...result.safety);
      el.live.textContent = parts.join(" ");
      el.notesResult.replaceChildren(...parts.map((t) => node("p", "", t)));
      el.notesResult.hidden = false;
      load();
    } catch (err) {
      notes.error.textContent = err.message;
    }
  });

  function renderPicture(profile) {
    // The server drew the pictures (bot/profile/picture.py) and escaped every text in them;
    // they are parsed as SVG, never as HTML, and only <svg> elements are taken over.
    const parts = [profile.factors_svg, ...profile.scores.map((s) => s.svg)];
    const parser = new DOMParser();
    el.picture.replaceChildren(...parts.map((svg) => {
      const doc = parser.parseFromString(svg, "image/svg+xml");
      const root = doc.documentElement;
      const figure = node("div", "record-figure");
      if (root.nodeName === "svg") {
        root.removeAttribute("width");
        root.removeAttribute("height");
        figure.append(document.importNode(root, true));
      }
      return figure;
    }));
  }

  function areaSummary(area) {
    if (!area.chosen) return "ingår inte";
    const c = area.counts;
    const bits = [];
    if (c.besvarad) bits.push(`${c.besvarad} besvarade`);
    if (c["överhoppad"]) bits.push(`${c["överhoppad"]} överhoppade`);
    if (c.uppskjuten) bits.push(`${c.uppskjuten} uppskjutna`);
    if (c.kvar) bits.push(`${c.kvar} kvar`);
    return bits.join(", ") || "inga frågor ännu";
  }

  function areaNode(area, record, editable) {
    const details = node("details", `record-area${area.chosen ? "" : " record-area-off"}`);
    details.dataset.area = area.id;
    const isCurrent = area.questions.some((q) => q.topic === record.next);
    details.open = state.openAreas.has(area.id)
      || (!state.closedAreas.has(area.id) && (isCurrent || area.questions.some(
        (q) => q.id === state.editing)));
    const auto = details.open;
    details.addEventListener("toggle", () => {
      // Setting `open` above fires "toggle" too: only the case worker's own choice is kept.
      if (details.open === auto && !details.dataset.touched) return;
      details.dataset.touched = "1";
      (details.open ? state.openAreas : state.closedAreas).add(area.id);
      (details.open ? state.closedAreas : state.openAreas).delete(area.id);
    });
    const summary = node("summary", "record-area-summary");
    summary.dataset.focusKey = `area:${area.id}`;
    summary.append(node("span", "record-area-name", area.name), " ",
      node("span", "record-area-count", areaSummary(area)));
    details.append(summary);
    if (area.closed_by) details.append(node("p", "record-note", area.closed_by));
    if (!area.chosen) {
      details.append(node("p", "record-note", "Området valdes bort i inledningen."));
      return details;
    }
    const list = node("ul", "record-list");
    for (const q of area.questions) list.append(questionNode(q, editable));
    details.append(list);
    return details;
  }

  function questionNode(q, editable) {
    const li = node("li", `record-item record-${q.status === "kvar" ? "open" : "done"}`);
    const line = node("p", "record-line");
    line.append(node("span", "record-topic", q.topic), " ");
    if (q.status === "besvarad" || q.status === "överhoppad") {
      const shown = q.status === "överhoppad" ? "överhoppad" : q.answer;
      if (editable && q.correct) {
        const button = node("button", "record-answer", shown);
        button.type = "button";
        button.dataset.focusKey = `answer:${q.id}`;
        button.setAttribute("aria-expanded", String(state.editing === q.id));
        button.setAttribute("aria-label", `${q.topic}: ${shown}. Rätta svaret`);
        button.addEventListener("click", () => {
          state.editing = state.editing === q.id ? null : q.id;
          render(state.record, state.editing ? `first:${q.id}` : `answer:${q.id}`);
        });
        line.append(button);
      } else {
        line.append(node("strong", "record-value", shown));
      }
    } else if (q.status === "uppskjuten") {
      line.append(node("span", "record-tag", "uppskjuten"));
    } else {
      line.append(node("span", "record-tag record-tag-open", "kvar"));
    }
    li.append(line);
    if (q.status === "överhoppad") li.append(node("p", "record-note", `Skäl: ${q.skip_reason}`));
    if (q.status === "uppskjuten") li.append(node("p", "record-note", `Uppskjuten: ${q.why}.`));
    if (q.words && q.source !== "knapp") li.append(node("p", "record-words", `”${q.words}”`));
    if (q.earlier && q.earlier.length) {
      li.append(node("p", "record-note", `Rättat; tidigare: ${q.earlier.join(", ")}`));
    }
    if (editable && state.editing === q.id && q.correct) li.append(correctionForm(q));
    return li;
  }

  function correctionForm(q) {
    const form = node("form", "record-correct");
    const legendId = `correct-${q.id}`;
    form.setAttribute("aria-labelledby", legendId);
    form.append(node("p", "record-correct-title", `Rätta svaret om ${q.topic}`));
    form.lastChild.id = legendId;
    const sendCorrection = (says) => {
      if (window.tidigtChat.busy()) {
        el.live.textContent = "Vänta tills Tidigt har svarat, och välj sedan igen.";
        return;
      }
      state.editing = null;
      render(state.record, `answer:${q.id}`);
      window.tidigtChat.send(q.correct.prefix + says);
    };
    if (q.correct.choices.length) {
      const group = node("div", "record-choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", legendId);
      for (const choice of q.correct.choices) {
        const button = node("button", "answer", choice.label);
        button.type = "button";
        button.dataset.focusKey = `choice:${q.id}:${choice.says}`;
        if (choice.label === q.answer) button.setAttribute("aria-pressed", "true");
        button.addEventListener("click", () => sendCorrection(choice.says));
        group.append(button);
      }
      form.append(group);
    } else {
      const label = node("label", "", "Nytt svar");
      const field = node("input");
      field.id = `correct-field-${q.id}`;
      field.dataset.focusKey = `field:${q.id}`;
      field.autocomplete = "off";
      label.htmlFor = field.id;
      const submit = node("button", "primary", "Rätta");
      submit.type = "submit";
      form.append(label, field, submit);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (field.value.trim()) sendCorrection(field.value.trim());
      });
    }
    const cancel = node("button", "control", "Avbryt");
    cancel.type = "button";
    cancel.dataset.focusKey = `cancel:${q.id}`;
    cancel.addEventListener("click", () => {
      state.editing = null;
      render(state.record, `answer:${q.id}`);
    });
    form.append(cancel);
    return form;
  }

  el.panel.tabIndex = -1; // the toggle moves focus here, so the record is read next
  if (!byId("chat-view").hidden) {
    // The chat was shown before this script ran: take its state over.
    state.view = "chat";
    setOpen(remembered() ? remembered() === "open" : (!EMBED && WIDE.matches), false);
  }
})();
