import type { CalibrationSummary } from '../../drift/estimation/index.js';
import type { EstimationChunk, EstimationReport } from './estimation-report.js';

export const ESTIMATION_FORMATS = ['json', 'md', 'html'] as const;
export type EstimationFormat = (typeof ESTIMATION_FORMATS)[number];

const num = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(4));

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cell(chunk: EstimationChunk, metric: string): string {
  const realized = chunk.realized === undefined ? '' : ` · realized ${num(chunk.realized[metric])}`;
  const flag = chunk.alertMetrics.includes(metric) ? ' ⚠' : '';
  return `${num(chunk.estimated[metric])} [${num(chunk.lower[metric])}, ${num(chunk.upper[metric])}]${realized}${flag}`;
}

/** "below 0.9633" for scores, "above 0.35" for losses. */
function alertThreshold(report: EstimationReport, metric: string): string {
  const t = report.thresholds[metric];
  if (t === undefined) return 'n/a';
  return report.task === 'regression' ? `above ${num(t.upper)}` : `below ${num(t.lower)}`;
}

function chunkLabel(chunk: EstimationChunk): string {
  const span =
    chunk.from === undefined ? `rows ${chunk.start}–${chunk.start + chunk.rows - 1}` : `${chunk.from} – ${chunk.to}`;
  return `${chunk.index} (${span}, ${chunk.rows} rows)`;
}

const calibrationText = (cal: CalibrationSummary): string =>
  `${cal.method} (requested ${cal.requested}; ECE raw ${num(cal.eceBefore)}, isotonic out-of-fold ${num(cal.eceAfter)}, noise floor ${num(cal.noiseFloor)})`;

function calibrationLine(report: EstimationReport): string {
  const cal = report.calibration;
  if (cal === null) return 'Loss models: gbdt on the inputs and the prediction (direct loss estimation).';
  if ('method' in cal) return `Calibration: ${calibrationText(cal as CalibrationSummary)}.`;
  return `Calibration: ${Object.entries(cal)
    .map(([label, c]) => `"${label}" ${calibrationText(c)}`)
    .join('; ')}.`;
}

function summaryLines(report: EstimationReport): string[] {
  const alerted = report.chunks.filter((c) => c.alert).length;
  const classes =
    report.classes === null
      ? ''
      : report.task === 'binary'
        ? `; class 1 = "${report.classes[1]}"`
        : `; classes ${report.classes.map((c) => `"${c}"`).join(', ')}`;
  return [
    `${alerted} of ${report.chunks.length} chunks worse than the alert threshold (${report.task} model).`,
    `Reference: ${report.referenceRows} rows; current: ${report.currentRows} rows${classes}.`,
    calibrationLine(report),
  ];
}

function markdown(report: EstimationReport): string {
  const metrics = report.metrics;
  const lines = ['# driftguard estimate: performance without labels', '', ...summaryLines(report), ''];
  lines.push(`| metric | reference | alert threshold |`, `|---|---|---|`);
  for (const m of metrics) lines.push(`| ${m} | ${num(report.reference[m])} | ${alertThreshold(report, m)} |`);
  lines.push('', `| chunk | ${metrics.join(' | ')} | alert |`, `|---|${metrics.map(() => '---|').join('')}---|`);
  for (const c of report.chunks)
    lines.push(`| ${chunkLabel(c)} | ${metrics.map((m) => cell(c, m)).join(' | ')} | ${c.alert ? 'yes' : 'no'} |`);
  lines.push('', 'Each cell: estimate [lower, upper] (± 3 sampling errors).');
  if (report.warnings.length > 0) {
    lines.push('', '## Warnings', '');
    for (const w of report.warnings)
      lines.push(`- ${w.chunk === undefined ? '' : `chunk ${w.chunk}: `}${w.message} (${w.code})`);
  }
  return `${lines.join('\n')}\n`;
}

function html(report: EstimationReport): string {
  const metrics = report.metrics;
  const head = `<tr><th>chunk</th>${metrics.map((m) => `<th>${m}</th>`).join('')}<th>alert</th></tr>`;
  const rows = report.chunks
    .map(
      (c) =>
        `<tr${c.alert ? ' class="alert"' : ''}><td>${escapeHtml(chunkLabel(c))}</td>${metrics.map((m) => `<td>${escapeHtml(cell(c, m))}</td>`).join('')}<td>${c.alert ? 'yes' : 'no'}</td></tr>`,
    )
    .join('\n');
  const reference = metrics
    .map(
      (m) =>
        `<tr><td>${m}</td><td>${num(report.reference[m])}</td><td>${escapeHtml(alertThreshold(report, m))}</td></tr>`,
    )
    .join('');
  const warnings = report.warnings
    .map(
      (w) =>
        `<li>${w.chunk === undefined ? '' : `chunk ${w.chunk}: `}${escapeHtml(w.message)} <code>${w.code}</code></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>driftguard estimate</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}tr.alert td{background:#fde8e8}</style>
</head><body>
<h1>Performance without labels</h1>
${summaryLines(report)
  .map((l) => `<p>${escapeHtml(l)}</p>`)
  .join('\n')}
<table><tr><th>metric</th><th>reference</th><th>alert threshold</th></tr>${reference}</table>
<table>${head}
${rows}</table>
<p>Each cell: estimate [lower, upper] (± 3 sampling errors).</p>
${warnings === '' ? '' : `<h2>Warnings</h2><ul>${warnings}</ul>`}
</body></html>
`;
}

/** The report as JSON (the versioned schema of docs/estimation.md), Markdown or a standalone HTML page. */
export function renderEstimationReport(report: EstimationReport, format: EstimationFormat): string {
  if (format === 'json') return `${JSON.stringify(report)}\n`;
  return format === 'md' ? markdown(report) : html(report);
}

/** One line for the terminal when the report goes to a file. */
export function estimationVerdictLine(report: EstimationReport, out: string): string {
  const alerted = report.chunks.filter((c) => c.alert).length;
  return `${alerted === 0 ? 'no estimated performance drop' : 'estimated performance drop'}: ${alerted} of ${report.chunks.length} chunks worse than the alert threshold, ${report.warnings.length} warnings → ${out}\n`;
}
