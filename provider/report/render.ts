/**
 * The report's three forms: Markdown (a pull-request comment or a ticket), a self-contained
 * HTML page (inline CSS and SVG, readable printed) and JSON (the `Report` itself).
 */
import type { Report, ReportException, TargetReport } from "./analyze";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const KIND_TITLES: Record<ReportException["kind"], string> = {
  stale: "No fresh backup",
  "no-backup": "No backup",
  "drill-overdue": "Restore drill overdue",
  "no-drill": "No restore drill",
  "drill-failed": "Failed restore drill",
  orphan: "Orphaned backup",
  unreadable: "Vendor not readable",
};

const hours = (h: number | undefined) =>
  h === undefined ? "–" : h < 48 ? `${h} h` : `${Math.round((h / 24) * 10) / 10} d`;
const day = (iso: string | undefined) => (iso ? iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, "Z") : "–");

function freshnessCell(t: TargetReport): string {
  switch (t.freshness) {
    case "fresh":
      return `fresh (≤ ${t.promisedMaxAgeHours} h)`;
    case "stale":
      return `**STALE** (> ${t.promisedMaxAgeHours} h)`;
    case "no-backup":
      return "**NO BACKUP**";
    case "no-promise":
      return "no promise";
    case "unknown":
      return "**unreadable**";
  }
}

function retentionText(t: TargetReport): string {
  if (t.retention.length === 0) return "vendor's own";
  return t.retention
    .map((r) => [r.keepLast && `keep ${r.keepLast}`, r.maxAgeDays && `${r.maxAgeDays} d`].filter(Boolean).join(", "))
    .join("; ");
}

function drillText(t: TargetReport): string {
  const d = t.lastDrill;
  if (!d) return "none";
  const took = d.durationSeconds === undefined ? "" : `, ${d.durationSeconds} s`;
  return `${day(d.startedAt)} ${d.status ?? "?"} (backup ${d.backupId ?? "?"}${took})`;
}

function schedulesText(t: TargetReport): string {
  if (!t.schedules) return "–";
  if (t.schedules.length === 0) return "none";
  return t.schedules.map((s) => `${s.interval} ${s.backupType}, ${s.retentionDays} d`).join("; ");
}

const mdEscape = (s: string) => s.replace(/\|/g, "\\|");

export function renderMarkdown(report: Report): string {
  const { totals, options } = report;
  const lines = [
    `# Backup and restore report`,
    ``,
    `As of ${day(report.asOf)} · ${report.stacks.length} stacks · ${totals.targets} targets · ${totals.backups} backups listed · ${totals.requests} vendor requests` +
      (options.rpoHours !== undefined ? ` · --rpo ${options.rpoHours} h` : "") +
      (options.drillEveryDays !== undefined ? ` · --drill-every ${options.drillEveryDays} d` : ""),
    ``,
    totals.breaches === 0
      ? `**Every target keeps its freshness and drill interval.**`
      : `**${totals.breaches} breach${totals.breaches === 1 ? "" : "es"}** of freshness or drill interval.`,
    ``,
    `## Exceptions`,
    ``,
  ];
  if (report.exceptions.length === 0) lines.push("None.", "");
  for (const e of report.exceptions) {
    lines.push(`- **${KIND_TITLES[e.kind]}** — \`${e.targetKey}\`: ${e.message}`);
    if (e.importCommand) lines.push(`  - keep it: \`${e.importCommand}\``);
    if (e.kind === "orphan")
      lines.push(
        e.deleteCommand
          ? `  - or delete it: \`${e.deleteCommand}\``
          : `  - or delete it in the vendor's dashboard (no delete API)`,
      );
  }
  lines.push(
    ``,
    `## Targets`,
    ``,
    `| target | stacks | newest completed backup | age | freshness | retention | backups | manual cap | schedules | last drill | drill | requests |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  );
  for (const t of report.targets) {
    lines.push(
      `| \`${t.targetKey}\` | ${mdEscape(t.stacks.join(", "))} | ${t.newest ? `${t.newest.id} (${day(t.newest.at)})` : "–"} | ${hours(t.newest?.ageHours)} | ${freshnessCell(t)} | ${retentionText(t)} | ${t.backupCount} | ${t.manualCap ? `${t.manualCap.used}/${t.manualCap.limit}` : "–"} | ${schedulesText(t)} | ${drillText(t)} | ${t.drillStatus === "not-checked" ? "–" : t.drillStatus === "ok" ? "ok" : `**${t.drillStatus.toUpperCase()}**`} | ${t.requests} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The timeline: one row per target, each retained backup a tick, drills as diamonds, the newest backup's age as a bar. */
function chartSvg(report: Report): string {
  const now = Date.parse(report.asOf);
  const oldest = Math.min(
    now - 7 * DAY_MS,
    ...report.targets.flatMap((t) => [
      ...t.completed.map((b) => Date.parse(b.at)),
      ...t.drills.map((d) => Date.parse(d.startedAt ?? "")).filter((n) => !Number.isNaN(n)),
    ]),
  );
  const span = Math.max(DAY_MS, now - oldest);
  const labelW = 330;
  const plotW = 640;
  const rowH = 22;
  const top = 28;
  const height = top + rowH * report.targets.length + 10;
  const x = (ms: number) => labelW + ((ms - oldest) / span) * plotW;
  const parts: string[] = [];
  // Day grid: about eight labels whatever the span.
  const step = Math.max(1, Math.round(span / DAY_MS / 8)) * DAY_MS;
  for (let t = now; t >= oldest; t -= step) {
    const gx = x(t).toFixed(1);
    parts.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${height - 8}" class="grid"/>`);
    const label = t === now ? "now" : `−${Math.round((now - t) / DAY_MS)} d`;
    parts.push(`<text x="${gx}" y="${top - 10}" class="axis" text-anchor="middle">${label}</text>`);
  }
  report.targets.forEach((t, i) => {
    const y = top + i * rowH + rowH / 2;
    const bad = t.freshness === "stale" || t.freshness === "no-backup" || t.freshness === "unknown";
    parts.push(`<text x="${labelW - 8}" y="${y + 4}" class="label" text-anchor="end">${esc(t.targetKey)}</text>`);
    if (t.promisedMaxAgeHours !== undefined) {
      const from = x(Math.max(oldest, now - t.promisedMaxAgeHours * HOUR_MS));
      parts.push(
        `<rect x="${from.toFixed(1)}" y="${y - 8}" width="${(x(now) - from).toFixed(1)}" height="16" class="promise"/>`,
      );
    }
    // The age of the newest backup over time: each gap between retained backups (and the
    // last one up to now) is a bar, red where it outgrew the promise.
    const times = t.completed.map((b) => Date.parse(b.at)).sort((a, b) => a - b);
    times.forEach((from, k) => {
      const to = k + 1 < times.length ? times[k + 1] : now;
      const over = t.promisedMaxAgeHours !== undefined && to - from > t.promisedMaxAgeHours * HOUR_MS;
      const last = k + 1 === times.length;
      const cls = over || (last && bad) ? "age-bad" : "age-ok";
      parts.push(
        `<rect x="${x(from).toFixed(1)}" y="${y - 3}" width="${Math.max(1, x(to) - x(from)).toFixed(1)}" height="6" class="${cls}"><title>${esc(`${t.targetKey}: ${Math.round(((to - from) / HOUR_MS) * 10) / 10} h without a newer backup`)}</title></rect>`,
      );
    });
    for (const b of t.completed) {
      const bx = x(Date.parse(b.at)).toFixed(1);
      parts.push(
        `<line x1="${bx}" y1="${y - 7}" x2="${bx}" y2="${y + 7}" class="${b.marked ? "tick-marked" : "tick"}"><title>${esc(`backup ${b.id} ${b.at}`)}</title></line>`,
      );
    }
    for (const d of t.drills) {
      if (!d.startedAt) continue;
      const dx = x(Date.parse(d.startedAt));
      const ok = d.status === "completed" || d.status === "accepted";
      parts.push(
        `<path d="M${dx.toFixed(1)} ${y - 7} l6 7 l-6 7 l-6 -7 z" class="${ok ? "drill-ok" : "drill-bad"}"><title>${esc(`drill ${d.stack}:${d.name} ${d.status} ${d.startedAt}`)}</title></path>`,
      );
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Backup age per target" viewBox="0 0 ${labelW + plotW + 20} ${height}" width="100%" id="timeline">${parts.join("")}</svg>`;
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px}
.summary{color:#444}.verdict{font-weight:600;padding:8px 12px;border-radius:6px;display:inline-block;margin:8px 0}
.verdict.ok{background:#e3f5e8;color:#15612e}.verdict.bad{background:#fde4e1;color:#9b1c10}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{border:1px solid #d5d9e0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef1f6}tr.breach td{background:#fff3f1}code{font:12px ui-monospace,monospace}
.bad-cell{color:#b3261e;font-weight:600}.ok-cell{color:#1e7a3c}
ul.exceptions li{margin:4px 0}.kind{font-weight:600}
svg .grid{stroke:#e2e5ea}svg .axis{font-size:10px;fill:#667}svg .label{font:10.5px ui-monospace,monospace;fill:#333}
svg .promise{fill:#dff3e4}svg .age-ok{fill:#2e9d55}svg .age-bad{fill:#d93025}
svg .tick{stroke:#5b6b8c;stroke-width:2}svg .tick-marked{stroke:#1a56db;stroke-width:2}
svg .drill-ok{fill:#7b3fe4}svg .drill-bad{fill:#d93025;stroke:#5c0f08}
.legend span{margin-right:14px}.sw{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px}
@media print{body{margin:10mm;font-size:11px}table{font-size:9.5px}tr{break-inside:avoid}h2{break-after:avoid}
.verdict{border:1px solid currentColor}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}
`;

export function renderHtml(report: Report): string {
  const { totals, options } = report;
  const verdict =
    totals.breaches === 0
      ? `<div class="verdict ok">Every target keeps its freshness and drill interval.</div>`
      : `<div class="verdict bad">${totals.breaches} breach${totals.breaches === 1 ? "" : "es"} of freshness or drill interval.</div>`;
  const exceptions = report.exceptions.length
    ? `<ul class="exceptions">${report.exceptions
        .map(
          (e) =>
            `<li class="exception ${e.kind}"><span class="kind">${KIND_TITLES[e.kind]}</span> — <code>${esc(e.targetKey)}</code>: ${esc(e.message)}${
              e.importCommand ? `<br>keep it: <code>${esc(e.importCommand)}</code>` : ""
            }${e.kind === "orphan" ? (e.deleteCommand ? `<br>or delete it: <code>${esc(e.deleteCommand)}</code>` : "<br>or delete it in the vendor's dashboard (no delete API)") : ""}</li>`,
        )
        .join("")}</ul>`
    : "<p>None.</p>";
  const breachKeys = new Set(report.exceptions.filter((e) => e.breach).map((e) => e.targetKey));
  const rows = report.targets
    .map((t) => {
      const fresh = freshnessCell(t).replace(/\*\*/g, "");
      const freshClass = t.freshness === "fresh" ? "ok-cell" : t.freshness === "no-promise" ? "" : "bad-cell";
      const drillClass = t.drillStatus === "ok" ? "ok-cell" : t.drillStatus === "not-checked" ? "" : "bad-cell";
      const lastDrillClass = t.lastDrill?.status === "failed" ? "bad-cell" : "";
      return `<tr class="${breachKeys.has(t.targetKey) ? "breach" : ""}" data-target="${esc(t.targetKey)}"><td><code>${esc(t.targetKey)}</code></td><td>${esc(t.stacks.join(", "))}</td><td>${t.newest ? `${esc(t.newest.id)}<br>${day(t.newest.at)}` : "–"}</td><td>${hours(t.newest?.ageHours)}</td><td class="${freshClass}">${esc(fresh)}</td><td>${esc(retentionText(t))}</td><td>${t.backupCount}</td><td>${t.manualCap ? `${t.manualCap.used}/${t.manualCap.limit}` : "–"}</td><td>${esc(schedulesText(t))}</td><td class="${lastDrillClass}">${esc(drillText(t))}</td><td class="${drillClass}">${t.drillStatus === "not-checked" ? "–" : t.drillStatus}</td><td>${t.requests}</td></tr>`;
    })
    .join("");
  const flags = [
    options.rpoHours !== undefined ? `--rpo ${options.rpoHours} h` : "",
    options.drillEveryDays !== undefined ? `--drill-every ${options.drillEveryDays} d` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Backup and restore report ${day(report.asOf)}</title><style>${CSS}</style></head>
<body>
<h1>Backup and restore report</h1>
<div class="summary">As of ${day(report.asOf)} · ${report.stacks.length} stacks · ${totals.targets} targets · ${totals.backups} backups listed · ${totals.requests} vendor requests${flags ? ` · ${flags}` : ""}</div>
${verdict}
<h2>Exceptions</h2>
${exceptions}
<h2>Backup age per target</h2>
<div class="legend"><span><i class="sw" style="background:#dff3e4"></i>promised freshness</span><span><i class="sw" style="background:#2e9d55"></i>time since the last backup (within the promise)</span><span><i class="sw" style="background:#d93025"></i>(beyond it)</span><span><i class="sw" style="background:#1a56db"></i>backup by this provider</span><span><i class="sw" style="background:#5b6b8c"></i>other backup</span><span><i class="sw" style="background:#7b3fe4"></i>restore drill</span></div>
${chartSvg(report)}
<h2>Targets</h2>
<table id="targets"><thead><tr><th>target</th><th>stacks</th><th>newest completed backup</th><th>age</th><th>freshness</th><th>retention</th><th>backups</th><th>manual cap</th><th>schedules</th><th>last drill</th><th>drill</th><th>requests</th></tr></thead><tbody>${rows}</tbody></table>
<p class="summary">Stacks read: ${report.stacks.map((s) => `<code>${esc(s)}</code>`).join(", ")}</p>
</body></html>
`;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
