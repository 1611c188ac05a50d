// Statistics for managers: tables and SVG charts from /api/review/statistics. Text is set
// with textContent only.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const CHARTS = [
    ["per_month", "Bedömningar per månad"], ["per_module", "Bedömningar per område"],
    ["audit", "AUDIT: fördelning på band"], ["dudit", "DUDIT: fördelning på band"],
    ["chosen", "Valda insatser"], ["gaps", "Behövs men finns inte"],
    ["skipped", "Mest överhoppade frågor"],
  ];

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = String(text);
    return td;
  }

  async function load() {
    $("message").textContent = "";
    const params = new URLSearchParams();
    for (const [key, value] of new FormData($("period")).entries()) if (value) params.set(key, value);
    const response = await fetch(`/api/review/statistics?${params}`, { credentials: "same-origin" });
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      $("message").textContent = (data && data.error) || "Statistiken kunde inte hämtas.";
      return;
    }
    const minutes = data.minutes_to_complete;
    $("summary").textContent = `${data.period.from} – ${data.period.to}` +
      (data.unit ? `, ${data.unit}` : ", alla enheter") +
      `: ${data.assessments} bedömningar, ${data.finished} avslutade.` +
      (minutes.median !== null ? ` Mediantid till avslutad: ${minutes.median} minuter ` +
        `(90:e percentilen ${minutes.p90}).` : "");
    $("csv").href = `/api/review/statistics.csv?${params}`;
    const charts = $("charts");
    charts.replaceChildren();
    for (const [name, title] of CHARTS) {
      const figure = document.createElement("figure");
      const img = document.createElement("img");
      img.src = `/api/review/statistics/${name}.svg?${params}`;
      img.alt = title;
      const caption = document.createElement("figcaption");
      caption.textContent = title;
      figure.append(img, caption);
      charts.appendChild(figure);
    }
    const rows = data.interventions.map((row) => {
      const tr = document.createElement("tr");
      tr.append(cell(row.name), cell(row["föreslagen"]), cell(row.vald), cell(row["avböjd"]),
        cell(row["behövs men finns inte"]));
      return tr;
    });
    $("interventions").tBodies[0].replaceChildren(...rows);
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const me = await fetch("/api/me", { credentials: "same-origin" });
    if (!me.ok) {
      $("message").textContent = "Du behöver logga in på startsidan först.";
      return;
    }
    const who = await me.json();
    $("who").textContent = `${who.name} (${who.role}, ${who.unit})`;
    $("period").addEventListener("submit", (event) => { event.preventDefault(); load(); });
    load();
  });
})();
