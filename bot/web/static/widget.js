// Tidigt's one-tag loader for intranet pages: a launcher button and a panel holding the
// chat in an iframe from our own origin, so the host page never sees the conversation.
// Everything it adds to the host page is prefixed "tidigt-" to stay out of its way.
(() => {
  "use strict";

  const script = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  if (!script || document.querySelector(".tidigt-widget")) return; // included twice: once is enough
  const origin = new URL(script.src, location.href).origin;
  const title = script.dataset.title || "Tidigt";
  const openLabel = script.dataset.openLabel || `Öppna ${title}`;
  const position = script.dataset.position === "left" ? "left" : "right";

  function build() {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = `${origin}/static/widget.css`;
    document.head.append(style);

    // A named landmark: the launcher is page content too, and must not float outside one.
    const root = document.createElement("aside");
    root.className = `tidigt-widget tidigt-${position}`;
    root.setAttribute("aria-label", title);

    const panel = document.createElement("div");
    panel.id = "tidigt-panel";
    panel.className = "tidigt-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);
    panel.hidden = true;

    const launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "tidigt-launcher";
    launcher.textContent = openLabel;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", panel.id);

    root.append(launcher, panel); // Tab goes from the launcher into the open panel
    document.body.append(root);

    let frame = null;

    function focusChat() {
      frame.focus();
      // The chat page puts focus on its own first field (sign-in or answer).
      frame.contentWindow.postMessage({ type: "tidigt:focus" }, origin);
    }

    function open() {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      if (!frame) {
        // Created on first use: a host page that never opens the chat costs our server nothing.
        frame = document.createElement("iframe");
        frame.className = "tidigt-frame";
        frame.title = "Tidigt – chatt för behovsbedömning";
        frame.src = `${origin}/embed`;
        frame.addEventListener("load", () => {
          if (!panel.hidden) focusChat();
        });
        panel.append(frame);
        frame.focus();
      } else {
        focusChat();
      }
    }

    function close() {
      if (panel.hidden) return;
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
    }

    launcher.addEventListener("click", () => (panel.hidden ? open() : close()));

    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) close();
    });

    window.addEventListener("message", (event) => {
      // Only our own chat may close the panel; any other frame's messages are ignored.
      if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
      if (event.data && event.data.type === "tidigt:close") close();
      // The chat's record panel open: the widget widens to its expanded view.
      if (event.data && event.data.type === "tidigt:expand") {
        panel.classList.toggle("tidigt-expanded", event.data.expanded === true);
      }
    });
  }

  if (document.body) build();
  else document.addEventListener("DOMContentLoaded", build);
})();
