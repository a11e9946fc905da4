// Tocsin live page: renders the state pushed over /events (or polled from /api/state).
// Everything from feeds (titles, summaries, excerpts, URLs, region names) is set with
// textContent or setAttribute, never parsed as HTML; only http(s) URLs become links.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = ["#b3261e", "#1d5fa8", "#2e7d32", "#a15c00", "#6a1b9a", "#00838f", "#5d4037", "#c2185b", "#455a64", "#827717"];
  const W = 900, H = 260, PAD = { left: 44, right: 12, top: 12, bottom: 26 };
  const POLL_MS = 2000;

  /** An element with a class and text content: the only way this page puts data in the DOM. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }

  /** The URL when it is absolute http(s), else null: a javascript: URL must never be clickable. */
  function httpUrl(value) {
    if (typeof value !== "string") return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function when(iso) {
    const date = new Date(iso);
    return isNaN(date) ? String(iso) : date.toLocaleString();
  }

  function evidenceItem(item) {
    const li = el("li");
    const href = httpUrl(item.link) && httpUrl(item.url);
    const title = href ? el("a", "evidence-link", item.title || item.url) : el("span", "evidence-title", item.title);
    if (href) {
      title.setAttribute("href", href);
      title.setAttribute("rel", "noopener noreferrer");
      title.setAttribute("target", "_blank");
    }
    li.append(el("span", "badge", item.signal_type), title, document.createTextNode(" — "),
      el("span", "source", item.source_id), document.createTextNode(", " + when(item.published)));
    if (item.excerpt) li.append(document.createTextNode(" "), el("span", "excerpt", "“" + item.excerpt + "”"));
    return li;
  }

  function alertCard(alert) {
    const card = el("li", "alert " + (alert.status === "resolved" ? "resolved" : alert.severity));
    card.setAttribute("data-fingerprint", alert.fingerprint);
    const heading = el("h3");
    heading.append(el("span", "badge " + alert.severity, alert.severity));
    if (alert.status === "resolved") heading.append(el("span", "badge resolved", "resolved"));
    heading.append(el("span", "alert-title", alert.title));
    const labels = Object.entries(alert.labels || {}).map(([k, v]) => k + "=" + v).join(" ");
    const counts = alert.counts || {};
    const meta = el("p", "meta", `${alert.rule_id} · rev ${alert.revision} · ${labels} · ${counts.signals} signals, ` +
      `${counts.stories} stories, ${counts.sources} sources · first ${when(alert.first_seen)} · last ${when(alert.last_seen)}`);
    const list = el("ul", "evidence");
    for (const item of alert.evidence || []) list.append(evidenceItem(item));
    card.append(heading, el("p", "summary", alert.summary), meta, list);
    return card;
  }

  function incidentCard(incident, byFingerprint) {
    const card = el("li", "incident " + (incident.severity || "resolved"));
    card.setAttribute("data-region", incident.region);
    const heading = el("h3");
    heading.append(el("span", "badge " + (incident.severity || "resolved"), incident.severity || "resolved"),
      el("span", "incident-region", incident.region || "no region"),
      el("span", "meta", ` · ${incident.firing} firing of ${incident.alerts.length} · first ${when(incident.first_seen)} · last ${when(incident.last_seen)}`));
    const list = el("ol", "alerts");
    list.append(...incident.alerts.map((fingerprint) => alertCard(byFingerprint.get(fingerprint))));
    card.append(heading, list);
    return card;
  }

  function renderIncidents(state) {
    const byFingerprint = new Map(state.alerts.map((alert) => [alert.fingerprint, alert]));
    document.getElementById("incidents").replaceChildren(...state.incidents.map((incident) => incidentCard(incident, byFingerprint)));
    document.getElementById("no-alerts").hidden = state.alerts.length > 0;
    const firing = state.incidents.filter((i) => i.status !== "resolved").length;
    document.getElementById("alert-count").textContent =
      `(${firing} firing, ${state.incidents.length - firing} resolved; ${state.alerts.length} alerts)`;
  }

  function renderChart(state) {
    const end = Date.parse(state.now), start = end - state.window_seconds * 1000;
    const regions = Object.keys(state.escalation);
    let low = 0, high = 1;
    for (const region of regions) for (const [, score] of state.escalation[region]) { low = Math.min(low, score); high = Math.max(high, score); }
    const x = (t) => PAD.left + ((t - start) / (end - start)) * (W - PAD.left - PAD.right);
    const y = (v) => H - PAD.bottom - ((v - low) / (high - low)) * (H - PAD.top - PAD.bottom);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `escalation index (${state.chart_window} score) per region` });
    root.append(svg("line", { class: "axis", x1: PAD.left, y1: y(low), x2: W - PAD.right, y2: y(low) }),
      svg("line", { class: "axis", x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom }));
    for (const value of [low, (low + high) / 2, high]) {
      const label = svg("text", { x: PAD.left - 4, y: y(value) + 4, "text-anchor": "end" });
      label.textContent = (Math.round(value * 10) / 10).toString();
      root.append(label);
    }
    for (let hours = 24; hours >= 0; hours -= 6) {
      const label = svg("text", { x: x(end - hours * 3600000), y: H - 8, "text-anchor": "middle" });
      label.textContent = hours ? `-${hours}h` : "now";
      root.append(label);
    }
    const legend = document.getElementById("legend");
    legend.replaceChildren();
    regions.forEach((region, index) => {
      const points = state.escalation[region].filter(([at]) => Date.parse(at) >= start);
      const colour = COLOURS[index % COLOURS.length];
      const group = svg("g", { class: "series", "data-region": region, "data-count": points.length });
      const coords = points.map(([at, score]) => `${x(Date.parse(at)).toFixed(1)},${y(score).toFixed(1)}`);
      group.append(svg("polyline", { points: coords.join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
      if (points.length) {
        const [at, score, z] = points[points.length - 1];
        const dot = svg("circle", { cx: x(Date.parse(at)), cy: y(score), r: 3.5, fill: colour });
        const tip = svg("title");
        tip.textContent = `${region}: ${score} (z ${z}) at ${when(at)}`;
        dot.append(tip);
        group.append(dot);
      }
      root.append(group);
      const item = el("li", "legend-item");
      const swatch = el("span", "swatch");
      swatch.style.backgroundColor = colour;
      const last = points.length ? points[points.length - 1][1] : "–";
      item.append(swatch, el("span", "region", region), document.createTextNode(` ${last}`));
      legend.append(item);
    });
    document.getElementById("chart").replaceChildren(root);
  }

  function render(state) {
    renderIncidents(state);
    renderChart(state);
    setStatus(`updated ${new Date().toLocaleTimeString()}`, false);
    // Written only after a complete render: tests (and people) can tell "rendered" from "still loading".
    document.body.setAttribute("data-rendered", String(state.version));
  }

  function setStatus(text, down) {
    const status = document.getElementById("status");
    status.textContent = text;
    status.classList.toggle("down", down);
  }

  function poll() {
    fetch("api/state", { credentials: "same-origin", cache: "no-store" })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
      .then(render)
      .catch((e) => setStatus("cannot reach the server: " + e.message, true))
      .finally(() => setTimeout(poll, POLL_MS));
  }

  // Server-Sent Events by default; `?transport=poll` polls instead, for proxies that buffer event
  // streams and for headless browsers whose virtual time stops while a stream is open.
  function start() {
    const transport = new URLSearchParams(window.location.search).get("transport");
    if (transport === "poll" || !window.EventSource) return poll();
    const source = new EventSource("events");
    source.addEventListener("state", (event) => render(JSON.parse(event.data)));
    source.onerror = () => setStatus("connection lost, reconnecting…", true);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
