// Tidigt's chat page, full-page at "/" and inside the widget's iframe at "/embed".
// The server's stored history is the truth: the page restores it on load, and a message
// is resent with the same client_message_id until the server has answered it once.
"use strict";

(() => {
  const EMBED = location.pathname === "/embed";
  // Resent with the same id until answered; a replay of an already answered message is
  // harmless on the server. While Tidigt restarts a part (Rasa takes about half a minute)
  // the page keeps trying by itself for a while, then hands the text back to the person.
  const RETRY_DELAYS_MS = [1000, 2000, 4000, 5000];
  const RETRY_FOR_MS = 5 * 60 * 1000;
  const RECONNECTING = "Tidigt går inte att nå just nu, till exempel under en omstart. "
    + "Ditt svar är inte förlorat: det skickas igen av sig självt.";
  const PENDING_KEY = "tidigt.pending";
  const TYPING = "Tidigt skriver…";
  const NETWORK_ERROR = "Det gick inte att nå Tidigt. Kontrollera anslutningen och försök igen.";
  const GENERIC_ERROR = "Något gick fel. Försök igen.";
  const SIGNED_OUT = "Du har loggats ut, till exempel efter en stund utan aktivitet. "
    + "Logga in igen – det du skrev finns kvar.";
  const timeFormat = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit" });

  const byId = (id) => document.getElementById(id);
  const el = {
    who: byId("who"), newAssessment: byId("new-assessment"), pause: byId("pause"),
    logout: byId("logout"), close: byId("close-embed"), loading: byId("loading"),
    loginView: byId("login-view"), loginForm: byId("login-form"),
    username: byId("login-username"), password: byId("login-password"),
    loginError: byId("login-error"), chatView: byId("chat-view"), progress: byId("progress"),
    progressText: byId("progress-text"), progressBar: byId("progress-bar"), log: byId("log"),
    status: byId("status"), alert: byId("chat-alert"), composer: byId("composer"),
    restartBanner: byId("restart-banner"),
    answer: byId("answer"), send: byId("send"), confirm: byId("confirm-new"),
    confirmYes: byId("confirm-yes"), confirmNo: byId("confirm-no"),
    practice: byId("practice"), practiceBanner: byId("practice-banner"),
    practiceDialog: byId("practice-dialog"), practiceCases: byId("practice-cases"),
    practiceError: byId("practice-error"), practiceCancel: byId("practice-cancel"),
    facit: byId("facit"), facitDialog: byId("facit-dialog"), facitContent: byId("facit-content"),
    facitClose: byId("facit-close"), firstRun: byId("first-run"),
    passwordView: byId("password-view"), passwordForm: byId("password-form"),
    passwordCurrent: byId("password-current"), passwordNew: byId("password-new"),
    passwordAgain: byId("password-again"), passwordError: byId("password-error"),
  };

  const state = {
    csrf: null,
    conversationId: null,
    rendered: new Map(), // seq → message element, so nothing is ever shown twice
    offeredKey: "[]",
    answers: null, // the group of the latest bot turn's buttons
    busy: false,
    lastFailed: null, // a message whose answer never arrived, kept for its id
    signingIn: false,
  };

  class ApiError extends Error {
    constructor(status, message, retryAfter = 0) {
      super(message);
      this.status = status; // 0: the server was not reached at all
      this.retryAfter = retryAfter; // seconds, from a 503's Retry-After: a part restarts
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") {
      headers["Content-Type"] = "application/json";
      if (path !== "/api/login" && state.csrf) headers["X-CSRF-Token"] = state.csrf;
    }
    let response;
    try {
      response = await fetch(path, {
        method, headers, credentials: "same-origin", cache: "no-store",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (_) {
      throw new ApiError(0, NETWORK_ERROR);
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const reason = data && typeof data.error === "string" && data.error ? data.error : GENERIC_ERROR;
      const retryAfter = Number.parseInt(response.headers.get("Retry-After") || "", 10);
      throw new ApiError(response.status, reason, Number.isFinite(retryAfter) ? retryAfter : 0);
    }
    return data || {};
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function newMessageId() {
    // getRandomValues also works on plain-http intranet servers, randomUUID does not.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The message on its way survives a reload, so the page can resend it with the same id.
  function savePending(pending) {
    try { sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)); } catch (_) { /* storage off */ }
  }
  function loadPending() {
    try { return JSON.parse(sessionStorage.getItem(PENDING_KEY) || "null"); } catch (_) { return null; }
  }
  function clearPending() {
    try { sessionStorage.removeItem(PENDING_KEY); } catch (_) { /* storage off */ }
  }

  // ---- Views ----

  function showView(name) {
    el.loading.hidden = true;
    el.loginView.hidden = name !== "login";
    el.chatView.hidden = name !== "chat";
    el.passwordView.hidden = name !== "password";
    const recordToggle = byId("record-toggle");
    for (const control of [el.who, el.newAssessment, el.practice, el.pause, el.logout,
      recordToggle]) {
      control.hidden = name !== "chat";
    }
    el.logout.hidden = name !== "chat" && name !== "password";
    document.dispatchEvent(new CustomEvent("tidigt:view", { detail: { name } }));
  }

  function showLogin(message) {
    state.csrf = null;
    showView("login");
    el.loginError.textContent = message || "";
    (el.username.value ? el.password : el.username).focus();
    // A new installation says how to get in (the one-time password of the first start).
    api("GET", "/api/first-run").then((r) => { el.firstRun.hidden = !r.first_run; },
      () => { el.firstRun.hidden = true; });
  }

  function showPasswordChange(me) {
    state.csrf = me.csrf_token || null;
    showView("password");
    el.passwordError.textContent = "";
    el.passwordCurrent.focus();
  }

  function focusPrimary() {
    if (!el.loginView.hidden) (el.username.value ? el.password : el.username).focus();
    else if (!el.chatView.hidden) el.answer.focus();
  }

  function setStatus(text) { el.status.textContent = text; }
  function setRestartBanner(text) {
    // Present but empty when all is well (like the alert), so the live region is known.
    el.restartBanner.textContent = text || "";
  }
  function setAlert(text) { el.alert.textContent = text; }

  function showError(err) {
    if (err.status === 401) showLogin(SIGNED_OUT);
    else setAlert(err.message || GENERIC_ERROR);
  }

  function setBusy(busy) {
    state.busy = busy;
    // aria-disabled, not disabled: the button keeps its focus, its contrast and its name.
    el.send.setAttribute("aria-disabled", String(busy));
    el.log.setAttribute("aria-busy", String(busy));
  }

  // ---- The log ----

  function messageNode(sender) {
    const node = document.createElement("div");
    node.className = `msg msg-${sender === "user" ? "user" : "bot"}`;
    const meta = document.createElement("p");
    meta.className = "msg-meta";
    const who = document.createElement("span");
    who.className = "msg-sender";
    who.textContent = sender === "user" ? "Du" : "Tidigt";
    meta.append(who, " ", document.createElement("time"));
    const text = document.createElement("p");
    text.className = "msg-text";
    node.append(meta, text);
    return node;
  }

  // The summary card (bot/profile/summary.py): a line starting with "▍" is a section
  // heading, "• " lines a list. Built from text nodes only, like every other message.
  const CARD_HEADING = "\u258d";
  function fillCard(target, text) {
    target.replaceChildren();
    target.closest(".msg").classList.add("msg-card");
    let list = null;
    for (const line of text.split("\n")) {
      if (line.startsWith("\u2022 ")) {
        if (!list) list = target.appendChild(document.createElement("ul"));
        list.appendChild(document.createElement("li")).textContent = line.slice(2);
        continue;
      }
      list = null;
      if (!line.trim()) continue;
      const part = document.createElement("p");
      if (line.startsWith(CARD_HEADING)) {
        part.className = "card-heading";
        part.textContent = line.slice(1);
      } else {
        part.textContent = line;
      }
      target.appendChild(part);
    }
  }

  function fillMessage(node, text, at) {
    // Always text, never markup: a message may contain anything a person typed.
    const target = node.querySelector(".msg-text");
    if (node.classList.contains("msg-bot") && (text || "").includes(`\n${CARD_HEADING}`)) {
      fillCard(target, text);
    } else {
      target.textContent = text || "";
    }
    const time = node.querySelector("time");
    const date = new Date(at);
    const valid = !Number.isNaN(date.getTime());
    time.dateTime = valid ? date.toISOString() : "";
    time.textContent = valid ? timeFormat.format(date) : "";
  }

  function addMessage(message) {
    if (!message || typeof message.seq !== "number" || state.rendered.has(message.seq)) return false;
    const node = messageNode(message.sender);
    node.dataset.seq = String(message.seq);
    fillMessage(node, message.text, message.at);
    // Keep seq order even when a refresh brings a message we had missed.
    const next = Array.from(el.log.children).find((c) => Number(c.dataset.seq) > message.seq);
    el.log.insertBefore(node, next || null);
    state.rendered.set(message.seq, node);
    return true;
  }

  function setOfferedButtons(buttons) {
    if (state.answers) state.answers.remove();
    state.answers = null;
    state.offeredKey = JSON.stringify(buttons);
    if (!buttons.length) return;
    const group = document.createElement("div");
    group.className = "answers";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Svarsalternativ");
    for (const button of buttons) {
      const node = document.createElement("button");
      node.type = "button";
      node.className = "answer";
      node.textContent = button.title;
      node.addEventListener("click", () => {
        el.answer.focus();
        send({ payload: button.payload }, button.title);
      });
      group.append(node);
    }
    el.log.append(group); // last in the log: under the latest bot message
    state.answers = group;
  }

  function setProgress(progress) {
    if (!progress) {
      el.progress.hidden = true;
      return;
    }
    const { module_name: name, module_number: module, module_count: modules } = progress;
    const { question_number: question, question_count: questions } = progress;
    let text = name || "";
    if (module && modules) text += `${text ? " – " : ""}område ${module} av ${modules}`;
    if (question && questions) text += `${text ? ", " : ""}fråga ${question} av ${questions}`;
    el.progressText.textContent = text;
    el.progressBar.hidden = !(question && questions);
    if (question && questions) {
      el.progressBar.max = questions;
      el.progressBar.value = Math.min(question, questions);
    }
    el.progress.hidden = !text;
  }

  function scrollToEnd() { el.log.scrollTop = el.log.scrollHeight; }

  function merge(messages, offered, progress) {
    const buttons = Array.isArray(offered) ? offered : [];
    const sorted = (messages || []).slice().sort((a, b) => a.seq - b.seq);
    const newOnes = sorted.filter((m) => m && !state.rendered.has(m.seq));
    const hiddenButtons = state.answers && state.answers.hidden;
    if (!newOnes.length && !hiddenButtons && JSON.stringify(buttons) === state.offeredKey) {
      if (progress) setProgress(progress);
      return; // nothing changed: leave the buttons (and any focus on them) alone
    }
    if (state.answers) state.answers.remove();
    newOnes.forEach(addMessage);
    setOfferedButtons(buttons);
    if (progress) setProgress(progress);
    scrollToEnd();
    conversationChanged();
  }

  // The record panel (record.js) reads the stored record again after every turn.
  function conversationChanged() {
    document.dispatchEvent(new CustomEvent("tidigt:conversation", {
      detail: { conversationId: state.conversationId, csrf: state.csrf },
    }));
  }

  function showConversation(view) {
    el.log.replaceChildren();
    state.rendered.clear();
    state.answers = null;
    state.offeredKey = "[]";
    state.conversationId = view.conversation ? view.conversation.id : null;
    el.practiceBanner.hidden = !(view.conversation && view.conversation.training);
    setProgress(null);
    merge(view.messages, view.offered_buttons, view.progress);
    conversationChanged(); // also when the new conversation has no messages yet
  }

  // ---- Sending ----

  async function withBusy(task) {
    if (state.busy) return;
    setBusy(true);
    setAlert("");
    setStatus(TYPING);
    let note = "";
    try {
      note = (await task()) || "";
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
      setStatus(note);
    }
  }

  async function postWithRetry(body) {
    const started = Date.now();
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await api("POST", "/api/chat", body);
        } catch (err) {
          // Unreachable (the web app restarting, or the network), a part of Tidigt
          // restarting (503) or the first attempt still running (409): same id again.
          const retryable = err.status === 0 || err.status === 503 || err.status === 409;
          if (!retryable || Date.now() - started > RETRY_FOR_MS) throw err;
          if (err.status === 0) setRestartBanner(RECONNECTING);
          else if (err.status === 503) setRestartBanner(err.message);
          const delay = err.retryAfter
            ? Math.min(Math.max(err.retryAfter, 1), 30) * 1000
            : RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
          setStatus(`Skickar igen automatiskt… (försök ${attempt + 2})`);
          await sleep(delay);
        }
      }
    } finally {
      setRestartBanner("");
    }
  }

  async function deliver(pending) {
    savePending(pending);
    if (state.answers) state.answers.hidden = true;
    const bubble = messageNode("user");
    bubble.classList.add("msg-pending");
    fillMessage(bubble, pending.shownAs, new Date().toISOString());
    el.log.append(bubble);
    scrollToEnd();
    const body = { conversation_id: pending.conversationId, client_message_id: pending.clientMessageId };
    if (pending.payload !== undefined) body.payload = pending.payload;
    else body.text = pending.text;
    let result;
    try {
      result = await postWithRetry(body);
    } catch (err) {
      clearPending(); // the text goes back into the field; the person decides to resend
      bubble.remove();
      if (state.answers) state.answers.hidden = false;
      throw err;
    }
    clearPending();
    if (result.conversation_id && result.conversation_id !== state.conversationId) {
      bubble.remove();
      return ""; // the page moved on to another conversation meanwhile
    }
    const stored = [result.user_message, ...(result.messages || [])].filter(Boolean);
    const own = stored.find((m) => m.sender === "user");
    if (own && !state.rendered.has(own.seq)) {
      // The optimistic bubble becomes the stored message (a personnummer is now masked).
      bubble.classList.remove("msg-pending");
      bubble.dataset.seq = String(own.seq);
      fillMessage(bubble, own.text, own.at);
      state.rendered.set(own.seq, bubble);
    } else {
      bubble.remove();
    }
    merge(stored, result.offered_buttons, result.progress);
    return result.masked && result.masked.length
      ? "Ett personnummer i ditt meddelande doldes innan det sparades." : "";
  }

  function send(content, shownAs) {
    return withBusy(async () => {
      try {
        if (!state.conversationId) {
          // Only opened, not started: the typed text is the first message, not a case reference.
          showConversation(await api("POST", "/api/conversations", { start: false }));
        }
        // Sending the same thing again after a lost answer keeps its id: the server may
        // have stored it already, and then it must not be answered twice.
        const last = state.lastFailed;
        const again = last && last.conversationId === state.conversationId
          && last.text === content.text && last.payload === content.payload;
        const pending = again ? last : {
          conversationId: state.conversationId, clientMessageId: newMessageId(), shownAs, ...content,
        };
        state.lastFailed = null;
        try {
          return await deliver(pending);
        } catch (err) {
          if ([0, 409, 503].includes(err.status)) state.lastFailed = pending;
          throw err;
        }
      } catch (err) {
        if (content.text !== undefined) restoreTyped(content.text);
        throw err;
      }
    });
  }

  function restoreTyped(text) {
    // Never lose what was typed: put it back, ahead of anything typed since.
    el.answer.value = el.answer.value ? `${text}\n${el.answer.value}` : text;
  }

  function createConversation() {
    return withBusy(async () => {
      showConversation(await api("POST", "/api/conversations", {}));
    }).then(() => el.answer.focus());
  }

  // ---- Övningsläge ----

  function practiceCaseItem(item) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "control";
    const title = document.createElement("strong");
    title.textContent = `Fall ${item.number}: ${item.title}`;
    const text = document.createElement("p");
    text.className = "practice-case-text";
    text.textContent = item.case;
    button.append(title, text);
    button.addEventListener("click", () => {
      el.practiceDialog.close("started");
      withBusy(async () => {
        showConversation(await api("POST", "/api/practice/conversations", { case: item.id }));
      }).then(() => el.answer.focus());
    });
    li.append(button);
    return li;
  }

  function facitSection(title, items, empty) {
    const section = document.createDocumentFragment();
    const heading = document.createElement("h3");
    heading.textContent = title;
    section.append(heading);
    if (!items.length) {
      const none = document.createElement("p");
      none.textContent = empty;
      section.append(none);
      return section;
    }
    const list = document.createElement("ul");
    for (const item of items) {
      const li = document.createElement("li");
      li.textContent = item;
      list.append(li);
    }
    section.append(list);
    return section;
  }

  async function openFacit() {
    if (!state.conversationId) return;
    el.facitContent.replaceChildren();
    try {
      const result = await api("GET",
        `/api/practice/conversations/${encodeURIComponent(state.conversationId)}/facit`);
      const intro = document.createElement("p");
      intro.textContent = `Fall ${result.case.number}: ${result.case.title}. ` + (result.finished
        ? "Din bedömning är sparad som slutlig."
        : "Bedömningen är inte klar; jämförelsen gäller det som finns hittills.");
      const e = result.expected;
      el.facitContent.append(
        intro,
        facitSection("Skillnader mot facit", result.differences,
          "Inga skillnader: poäng, förslag och varningssignaler stämmer med facit."),
        facitSection("Facit: screening", e.scores, "Ingen screening väntas i det här fallet."),
        facitSection("Facit: de första förslagen", e.first_suggestions, "–"),
        facitSection("Facit: ska finnas bland förslagen", e.suggestions, "–"),
        facitSection("Facit: ska inte föreslås", e.not_suggested, "–"),
        facitSection("Facit: varningssignaler", e.warnings, "–"),
      );
      el.facitDialog.showModal();
      el.facitClose.focus();
    } catch (err) {
      showError(err);
    }
  }

  async function openPractice() {
    if (state.busy) return;
    el.practiceError.textContent = "";
    el.practiceCases.replaceChildren();
    el.practiceDialog.showModal();
    try {
      const { cases, problems } = await api("GET", "/api/practice/cases");
      el.practiceCases.replaceChildren(...cases.map(practiceCaseItem));
      // A case file a trainer saved broken: named here, the other cases still listed.
      el.practiceError.textContent = (problems || []).join(" ");
      const first = el.practiceCases.querySelector("button");
      (first || el.practiceCancel).focus();
    } catch (err) {
      if (err.status === 401) {
        el.practiceDialog.close();
        showLogin(SIGNED_OUT);
      } else {
        el.practiceError.textContent = err.message || GENERIC_ERROR;
      }
    }
  }

  // ---- Session ----

  async function restore() {
    showConversation(await api("GET", "/api/conversations/current"));
    const pending = loadPending();
    if (pending && pending.conversationId && pending.conversationId === state.conversationId) {
      withBusy(() => deliver(pending).catch((err) => {
        if (pending.text !== undefined) restoreTyped(pending.text);
        throw err;
      }));
    } else {
      clearPending();
    }
  }

  async function signedIn(me) {
    if (me.must_change_password) {
      showPasswordChange(me);
      return;
    }
    state.csrf = me.csrf_token || null;
    el.who.textContent = [me.name || me.username, me.unit].filter(Boolean).join(", ");
    showView("chat");
    setAlert("");
    el.answer.focus();
    try {
      await restore();
    } catch (err) {
      showError(err);
    }
  }

  async function boot() {
    try {
      await signedIn(await api("GET", "/api/me"));
    } catch (err) {
      showLogin(err.status === 401 ? "" : err.message);
    }
  }

  async function refresh() {
    // Another tab or the widget may have added to this conversation meanwhile.
    if (state.busy || !state.csrf || !state.conversationId) return;
    const id = state.conversationId;
    try {
      const view = await api("GET", `/api/conversations/${encodeURIComponent(id)}/messages`);
      if (!state.busy && view.conversation && view.conversation.id === state.conversationId) {
        merge(view.messages, view.offered_buttons, view.progress);
      }
    } catch (err) {
      if (err.status === 401) showLogin(SIGNED_OUT);
    }
  }

  // ---- Wiring ----

  el.loginForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (state.signingIn) return;
    const username = el.username.value.trim();
    const password = el.password.value;
    if (!username || !password) {
      el.loginError.textContent = "Fyll i både användarnamn och lösenord.";
      (username ? el.password : el.username).focus();
      return;
    }
    state.signingIn = true;
    el.loginError.textContent = "";
    try {
      const me = await api("POST", "/api/login", { username, password });
      el.password.value = "";
      await signedIn(me);
    } catch (err) {
      el.loginError.textContent = err.message;
      el.password.focus();
    } finally {
      state.signingIn = false;
    }
  });

  el.passwordForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const current = el.passwordCurrent.value;
    const chosen = el.passwordNew.value;
    if (!current || !chosen) {
      el.passwordError.textContent = "Fyll i nuvarande och nytt lösenord.";
      return;
    }
    if (chosen !== el.passwordAgain.value) {
      el.passwordError.textContent = "De två nya lösenorden är inte lika.";
      el.passwordAgain.focus();
      return;
    }
    try {
      await api("POST", "/api/password", { current_password: current, new_password: chosen });
      for (const field of [el.passwordCurrent, el.passwordNew, el.passwordAgain]) field.value = "";
      await signedIn(await api("GET", "/api/me"));
    } catch (err) {
      if (err.status === 401) showLogin(SIGNED_OUT);
      else el.passwordError.textContent = err.message;
    }
  });

  el.answer.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.composer.requestSubmit();
    }
  });

  el.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    el.answer.focus();
    if (state.busy) return; // the text stays in the field until Tidigt has answered
    const text = el.answer.value.trim();
    if (!text) {
      setAlert("Skriv ett svar innan du skickar.");
      return;
    }
    el.answer.value = "";
    send({ text }, text);
  });

  el.newAssessment.addEventListener("click", () => {
    if (state.busy) return;
    if (state.rendered.size > 0) el.confirm.showModal();
    else createConversation();
  });
  el.confirmYes.addEventListener("click", () => {
    el.confirm.close("yes");
    createConversation();
  });
  el.confirmNo.addEventListener("click", () => el.confirm.close("no"));
  el.confirm.addEventListener("close", () => {
    if (el.confirm.returnValue !== "yes") el.newAssessment.focus();
    el.confirm.returnValue = "";
  });

  el.practice.addEventListener("click", openPractice);
  el.facit.addEventListener("click", openFacit);
  el.facitClose.addEventListener("click", () => el.facitDialog.close());
  el.facitDialog.addEventListener("close", () => el.facit.focus());
  el.practiceCancel.addEventListener("click", () => el.practiceDialog.close("cancel"));
  el.practiceDialog.addEventListener("close", () => {
    if (el.practiceDialog.returnValue !== "started") el.practice.focus();
    el.practiceDialog.returnValue = "";
  });

  el.pause.addEventListener("click", () => {
    if (!state.conversationId) {
      setStatus("Det finns ingen pågående bedömning att pausa.");
      return;
    }
    send({ payload: "/pause" }, "Pausa");
  });

  el.logout.addEventListener("click", async () => {
    try {
      await api("POST", "/api/logout", {});
    } catch (err) {
      if (err.status !== 401) {
        setAlert(err.message);
        return;
      }
    }
    clearPending();
    el.answer.value = "";
    el.password.value = "";
    showConversation({ conversation: null, messages: [], offered_buttons: [] });
    showLogin("Du är utloggad.");
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refresh();
  });

  if (EMBED) {
    document.documentElement.classList.add("embed");
    el.close.hidden = false;
    // No data in the message, so any target origin is safe; the loader checks ours.
    const closeWidget = () => window.parent.postMessage({ type: "tidigt:close" }, "*");
    el.close.addEventListener("click", closeWidget);
    document.addEventListener("keydown", (event) => {
      // An open confirmation handles its own Escape first.
      if (event.key === "Escape" && !event.isComposing && !el.confirm.open) closeWidget();
    });
    window.addEventListener("message", (event) => {
      if (event.source === window.parent && event.data && event.data.type === "tidigt:focus") {
        focusPrimary();
      }
    });
  }

  // The record panel's way into the chat: a click on an answer sends the same correction
  // a person would type ("ändra svaret om … till …"), so it has the same history.
  window.tidigtChat = {
    api,
    send: (text) => send({ text }, text),
    busy: () => state.busy,
  };

  boot();
})();
