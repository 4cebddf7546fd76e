// Polls /api/health and redraws the table; the page's own query (e.g. ?window=15m) is passed through.
(function () {
  "use strict";

  const body = document.querySelector("#health tbody");
  const summary = document.getElementById("summary");
  const error = document.getElementById("error");
  const names = { hubspot: "HubSpot", salesforce: "Salesforce", outreach: "Outreach", clay: "Clay" };
  let refreshMs = 2000;

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function pill(parent, text, className) {
    const span = document.createElement("span");
    span.className = "pill" + (className ? " " + className : "");
    span.textContent = text;
    parent.appendChild(span);
  }

  function ms(value) {
    return value >= 1000 ? (value / 1000).toFixed(2) + " s" : value.toFixed(1) + " ms";
  }

  function span(seconds) {
    if (seconds % 3600 === 0) return seconds / 3600 + " h";
    if (seconds % 60 === 0) return seconds / 60 + " min";
    return seconds + " s";
  }

  function ago(iso, now) {
    if (!iso) {
      return "never";
    }
    const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
    if (seconds < 60) return seconds + " s ago";
    if (seconds < 3600) return Math.round(seconds / 60) + " min ago";
    return Math.round(seconds / 3600) + " h ago";
  }

  function row(integration, report) {
    const now = new Date(report.generatedAt).getTime();
    const tr = document.createElement("tr");
    tr.className = integration.status;
    tr.dataset.integration = integration.integration;
    tr.dataset.status = integration.status;

    cell(tr, names[integration.integration] || integration.integration, "integration");
    const rate = integration.successRate === null ? "no calls" : (integration.successRate * 100).toFixed(1) + " %";
    cell(tr, rate, "rate number").dataset.field = "successRate";
    cell(tr, String(integration.requests), "number").dataset.field = "requests";
    cell(tr, integration.requests ? ms(integration.averageMs) : "–", "number").dataset.field = "average";
    cell(tr, integration.requests ? ms(integration.p95Ms) : "–", "number").dataset.field = "p95";

    const errors = cell(tr, "");
    errors.dataset.field = "errors";
    const types = Object.keys(integration.errorsByType).sort();
    if (types.length === 0) {
      errors.textContent = "none";
      errors.classList.add("muted");
    }
    types.forEach(function (type) { pill(errors, type + " " + integration.errorsByType[type], "fail"); });

    const last = cell(tr, ago(integration.lastSuccessfulSync, now));
    last.dataset.field = "lastSync";
    if (integration.lastSuccessfulSync) {
      last.title = integration.lastSuccessfulSync;
    }

    const quota = cell(tr, "");
    quota.dataset.field = "quota";
    if (integration.quota.length === 0) {
      quota.textContent = "not yet known";
      quota.classList.add("muted");
    }
    integration.quota.forEach(function (q) { pill(quota, q.window + ": " + q.remaining + " / " + q.limit); });

    const probes = cell(tr, "");
    probes.dataset.field = "probes";
    if (integration.probeUnavailable) {
      probes.textContent = integration.probeUnavailable;
      probes.classList.add("muted");
    }
    integration.probes.forEach(function (p) {
      const label = p.check + (p.success ? " ✓ " : " ✗ ") + ms(p.durationMs);
      pill(probes, label, p.success ? "pass" : "fail");
      if (!p.success && p.error) {
        probes.lastChild.title = p.error;
      }
    });
    return tr;
  }

  function render(report) {
    body.replaceChildren.apply(body, report.integrations.map(function (i) { return row(i, report); }));
    const failing = report.integrations.filter(function (i) { return i.status === "failing"; }).length;
    summary.textContent = "Window " + span(report.windowSeconds) + " · red below " + (report.successThreshold * 100).toFixed(0) +
      " % success · " + failing + " failing · updated " + new Date(report.generatedAt).toLocaleTimeString();
    summary.dataset.generatedAt = report.generatedAt;
    refreshMs = Math.max(500, report.refreshSeconds * 1000);
  }

  async function refresh() {
    try {
      const response = await fetch("/api/health" + window.location.search, { cache: "no-store" });
      const json = await response.json();
      if (!response.ok) {
        throw new Error(json.error || response.statusText);
      }
      render(json);
      error.hidden = true;
    } catch (e) {
      error.textContent = "Cannot refresh: " + e.message;
      error.hidden = false;
    }
    window.setTimeout(refresh, refreshMs);
  }

  refresh();
})();
