// Tidigt review pages: the conversation list and one transcript with the assessment
// beside it. Plain JavaScript, no framework. Every text from the server is inserted with
// textContent, so a message holding markup is shown, never run.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = { csrf: null, page: 1, pages: 1, conversation: null, mayReview: false };
  const SAVED_KEY = "tidigt.granskning.filter";

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function show(message) {
    $("message").textContent = message || "";
  }

  async function api(method, url, body) {
    const options = { method, credentials: "same-origin", headers: {} };
    if (method !== "GET") {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = state.csrf || "";
      options.body = JSON.stringify(body || {});
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (err) {
      throw new Error("Ingen kontakt med servern. Försök igen.");
    }
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    if (!response.ok) {
      const error = new Error((data && data.error) || `Fel ${response.status}.`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function time(iso) {
    const date = new Date(iso);
    return date.toLocaleString("sv-SE", { dateStyle: "short", timeStyle: "short" });
  }

  // --- the list ---------------------------------------------------------------------

  function query() {
    const form = new FormData($("filters"));
    const params = new URLSearchParams();
    for (const [key, value] of form.entries()) if (value) params.set(key, value);
    params.set("page", String(state.page));
    return params;
  }

  function fillSelect(name, items) {
    const select = $("filters").elements[name];
    for (const item of items) {
      const option = el("option", item.name);
      option.value = item.id;
      select.appendChild(option);
    }
  }

  function screeningText(scores) {
    return Object.entries(scores).map(([name, s]) =>
      `${name.toUpperCase()} ${s.total} (${s.positive ? "över" : "under"} gränsvärdet)`).join(", ");
  }

  function renderRow(row) {
    const tr = document.createElement("tr");
    const date = el("td");
    const link = el("a", time(row.started_at));
    link.href = `/granskning?samtal=${encodeURIComponent(row.conversation_id)}`;
    date.appendChild(link);
    tr.appendChild(date);
    tr.appendChild(el("td", row.case_reference || "–"));
    tr.appendChild(el("td", row.case_worker_name));
    tr.appendChild(el("td", row.modules.join(", ") || "–"));
    tr.appendChild(el("td", screeningText(row.scores) || "–"));
    tr.appendChild(el("td", Object.values(row.triage).join(", ") || "–"));
    tr.appendChild(el("td", row.skipped.length ? String(row.skipped.length) : "–"));
    tr.appendChild(el("td", row.suggestion_statuses.join(", ") || "–"));
    const marks = [row.training ? "övning" : "", row.flagged ? "flaggad" : "",
      row.reviewed ? "granskad" : "ej granskad"];
    tr.appendChild(el("td", marks.filter(Boolean).join(", ")));
    tr.appendChild(el("td", row.tags.join(", ") || "–"));
    return tr;
  }

  async function loadList() {
    show("");
    try {
      const result = await api("GET", `/api/review/conversations?${query()}`);
      state.page = result.page;
      state.pages = result.pages;
      const body = $("results").tBodies[0];
      body.replaceChildren(...result.conversations.map(renderRow));
      $("count").textContent = `${result.total} samtal matchar filtret.`;
      $("page-info").textContent = `Sida ${result.page} av ${result.pages}`;
      $("prev").disabled = result.page <= 1;
      $("next").disabled = result.page >= result.pages;
    } catch (err) {
      show(err.message);
    }
  }

  function savedFilters() {
    try { return JSON.parse(localStorage.getItem(SAVED_KEY) || "{}"); } catch (err) { return {}; }
  }

  function renderSaved() {
    const select = $("saved-filters");
    select.replaceChildren(el("option", "Välj …"));
    select.firstChild.value = "";
    for (const name of Object.keys(savedFilters()).sort()) {
      const option = el("option", name);
      option.value = name;
      select.appendChild(option);
    }
  }

  async function startList() {
    $("list-view").hidden = false;
    const options = await api("GET", "/api/review/options");
    fillSelect("module", options.modules);
    fillSelect("risk", options.risk_bands);
    fillSelect("suggestion", options.suggestion_statuses.map((s) => ({ id: s, name: s })));
    fillSelect("case_worker", options.case_workers.map((w) => ({ id: w.username, name: w.name })));
    renderSaved();
    $("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      state.page = 1;
      loadList();
    });
    $("prev").addEventListener("click", () => { state.page -= 1; loadList(); });
    $("next").addEventListener("click", () => { state.page += 1; loadList(); });
    // Saved filters stay in this browser: they hold no personal data, only filter values;
    // the free-text search is left out, since it may name a client.
    $("save-filter").addEventListener("click", () => {
      const params = query();
      params.delete("page");
      params.delete("q");
      const parts = [...params.entries()].map(([key, value]) => `${key}=${value}`);
      const label = parts.length ? parts.join(", ") : "Alla samtal";
      const all = savedFilters();
      all[label] = params.toString();
      localStorage.setItem(SAVED_KEY, JSON.stringify(all));
      renderSaved();
      show("");
      $("count").textContent = `Filtret sparades som "${label}".`;
    });
    $("saved-filters").addEventListener("change", (event) => {
      const params = new URLSearchParams(savedFilters()[event.target.value] || "");
      for (const element of $("filters").elements) {
        if (element.name) element.value = params.get(element.name) || "";
      }
      state.page = 1;
      loadList();
    });
    await loadList();
  }

  // --- one transcript ---------------------------------------------------------------

  function describeDid(item) {
    if (item.kind === "svar") {
      const how = item.source + (item.skip_reason ? ` (${item.skip_reason})` : "");
      const value = item.value === null ? "överhoppad" : JSON.stringify(item.value);
      const correction = item.corrects_earlier
        ? ` – rättat från ${JSON.stringify(item.previous_value)}` : "";
      return `Svar: ${item.question} = ${value}, ${how}${correction}`;
    }
    if (item.kind === "poäng") return `Poäng: ${item.instrument.toUpperCase()} ${item.total} (${item.band || "–"})`;
    return `Beslut om förslag ${item.rank} (${item.intervention_id}): ${item.status}` +
      (item.comment ? ` – ${item.comment}` : "");
  }

  function renderTurn(message, cid) {
    const li = el("li", null, `turn ${message.sender}`);
    const meta = el("p", null, "meta");
    meta.appendChild(el("strong", message.sender === "user" ? "Handläggare" : "Tidigt"));
    meta.appendChild(document.createTextNode(" "));
    const when = el("time", time(message.at));
    when.dateTime = message.at;
    meta.appendChild(when);
    if (message.safety_prompt) meta.appendChild(el("span", " Säkerhetsuppmaning", "safety"));
    li.appendChild(meta);
    li.appendChild(el("p", message.text, "text"));
    if (message.did.length) {
      const did = el("ul", null, "did");
      for (const item of message.did) did.appendChild(el("li", describeDid(item)));
      li.appendChild(did);
    }
    const comments = el("ul", null, "comments");
    for (const c of message.comments) comments.appendChild(el("li", `${c.author}: ${c.text}`));
    li.appendChild(comments);
    if (state.mayReview) li.appendChild(commentForm(message.seq, cid, comments));
    return li;
  }

  function commentForm(seq, cid, list) {
    const form = el("form", null, "comment-form");
    const id = `comment-${seq}`;
    const label = el("label", "Kommentar till meddelandet");
    label.htmlFor = id;
    const input = el("input");
    input.id = id;
    input.maxLength = 2000;
    const button = el("button", "Kommentera", "quiet");
    button.type = "submit";
    form.append(label, input, button);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      try {
        const saved = await api("POST", `/api/review/conversations/${cid}/comments`,
          { message_seq: seq, text: input.value });
        list.appendChild(el("li", `${saved.author}: ${saved.text}`));
        input.value = "";
      } catch (err) { show(err.message); }
    });
    return form;
  }

  function renderAssessment(doc) {
    const box = $("assessment");
    box.replaceChildren();
    if (!doc) { box.appendChild(el("p", "Ingen bedömning är kopplad till samtalet.")); return; }
    const facts = el("dl");
    for (const [term, value] of [["Referens", doc.case_reference], ["Status", doc.status],
      ["Startad", time(doc.started_at)], ["Avslutad", doc.finished_at ? time(doc.finished_at) : "–"]]) {
      facts.append(el("dt", term), el("dd", value));
    }
    box.appendChild(facts);
    box.appendChild(el("h4", "Poäng"));
    const scores = el("ul");
    for (const s of doc.scores) scores.appendChild(el("li", `${s.instrument.toUpperCase()}: ${s.total} – ${s.band || "–"}`));
    if (!doc.scores.length) scores.appendChild(el("li", "Inga beräknade poäng ännu."));
    box.appendChild(scores);
    box.appendChild(el("h4", "Risk- och skyddsfaktorer"));
    for (const area of Object.values(doc.profile)) {
      if (!area.assessed) continue;
      box.appendChild(el("h5", area.name));
      const list = el("ul");
      for (const f of area.risk_factors) list.appendChild(el("li", `Risk: ${f.name}`));
      for (const f of area.protective_factors) list.appendChild(el("li", `Skydd: ${f.name}`));
      if (area.triage) list.appendChild(el("li", `Triage: grupp ${area.triage_group} – ${area.triage}`));
      box.appendChild(list);
    }
    box.appendChild(el("h4", "Förslag och beslut"));
    const suggestions = el("ol");
    for (const s of doc.suggestions) {
      const label = (s.reasons && s.reasons.evidence_label) || "";
      suggestions.appendChild(el("li", `${s.intervention_id}: ${s.status}` +
        (label ? ` (evidens: ${label})` : "") + (s.comment ? ` – ${s.comment}` : "")));
    }
    if (!doc.suggestions.length) suggestions.appendChild(el("li", "Inga förslag ännu."));
    box.appendChild(suggestions);
  }

  function renderTags(tags, cid) {
    const list = $("tags");
    list.replaceChildren();
    for (const tag of tags) {
      const li = el("li", tag);
      if (state.mayReview) {
        const remove = el("button", "Ta bort", "quiet small");
        remove.type = "button";
        remove.setAttribute("aria-label", `Ta bort taggen ${tag}`);
        remove.addEventListener("click", async () => {
          try {
            const res = await api("DELETE", `/api/review/conversations/${cid}/tags/${encodeURIComponent(tag)}`);
            renderTags(res.tags, cid);
          } catch (err) { show(err.message); }
        });
        li.appendChild(remove);
      }
      list.appendChild(li);
    }
  }

  function renderMarks(row) {
    $("flag").textContent = row.flagged ? "Ta bort flaggan" : "Flagga";
    $("flag").setAttribute("aria-pressed", String(row.flagged));
    $("reviewed").textContent = row.reviewed ? "Granskad ✓ (ångra)" : "Markera som granskad";
    $("reviewed").setAttribute("aria-pressed", String(row.reviewed));
  }

  async function startTranscript(cid) {
    $("transcript-view").hidden = false;
    const view = await api("GET", `/api/review/conversations/${encodeURIComponent(cid)}`);
    state.mayReview = view.may_review;
    state.conversation = view.conversation;
    const row = view.conversation;
    $("transcript-title").textContent =
      `Samtal ${row.case_reference || ""} – ${row.case_worker_name}, ${time(row.started_at)}`;
    $("turns").replaceChildren(...view.messages.map((m) => renderTurn(m, cid)));
    renderAssessment(view.assessment);
    renderTags(row.tags, cid);
    renderMarks(row);
    const base = `/api/review/conversations/${encodeURIComponent(cid)}`;
    $("export-json").href = `${base}/export.json`;
    $("export-csv").href = `${base}/export.csv`;
    $("export-pdf").href = `${base}/export.pdf`;
    $("export-story").href = `${base}/test-story`;
    for (const id of ["flag", "reviewed", "tag-form"]) $(id).hidden = !state.mayReview;
    $("flag").addEventListener("click", async () => {
      try {
        const marks = await api("POST", `${base}/status`, { flagged: !state.conversation.flagged });
        Object.assign(state.conversation, marks);
        renderMarks(state.conversation);
      } catch (err) { show(err.message); }
    });
    $("reviewed").addEventListener("click", async () => {
      try {
        const marks = await api("POST", `${base}/status`, { reviewed: !state.conversation.reviewed });
        Object.assign(state.conversation, marks);
        renderMarks(state.conversation);
      } catch (err) { show(err.message); }
    });
    $("tag-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const res = await api("POST", `${base}/tags`, { tag: $("tag-input").value });
        $("tag-input").value = "";
        renderTags(res.tags, cid);
      } catch (err) { show(err.message); }
    });
  }

  async function start() {
    try {
      const me = await api("GET", "/api/me");
      state.csrf = me.csrf_token;
      $("who").textContent = `${me.name} (${me.role}, ${me.unit})`;
      const cid = new URLSearchParams(location.search).get("samtal");
      if (cid) await startTranscript(cid); else await startList();
    } catch (err) {
      if (err.status === 401) {
        show("Du behöver logga in. Logga in på startsidan och kom sedan tillbaka hit.");
        const link = el("a", "Gå till inloggningen");
        link.href = "/";
        $("main").appendChild(link);
      } else {
        show(err.message);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
