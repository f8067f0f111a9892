import { escapeHtml } from '../../../drift/render/escape-html.js';
import type { BacktestResult, PolicySummary } from './backtest.js';

/** The `--json` document of `driftguard backtest`: windows and per-policy summaries (camelCase). */
export function backtestJson(result: BacktestResult): object {
  return {
    windows: result.windows.map((w) => ({
      index: w.index,
      rows: w.rows,
      accuracy: w.accuracy,
      rocAuc: w.rocAuc,
      driftShare: w.driftShare,
      severity: w.severity,
      retrained: w.retrained,
      performanceDrift: w.performanceDrift,
      alerts: w.alerts,
      decision: w.decision,
      impact: w.impact,
      estimated: w.estimated,
      withoutImpact: w.withoutImpact,
      baselines: w.baselines,
    })),
    policies: result.policies,
    setup: result.setup,
  };
}

const f4 = (x: number | null): string => (x === null ? '—' : x.toFixed(4));

/** One text line per policy (the CLI's default output). */
export function backtestSummaryText(
  result: BacktestResult,
  options: { readonly defaultTrainer?: boolean } = {},
): string {
  const line = (name: string, p: PolicySummary) =>
    `${name.padEnd(20)} mean accuracy ${f4(p.meanAccuracy)}, mean ROC AUC ${f4(p.meanRocAuc)}, retrains ${p.retrains} (${p.promotions} in service), fit ${p.fitSeconds.toFixed(2)} s`;
  const { drift, driftWithoutImpact, static: fixed, periodic } = result.policies;
  const noImpact = result.windows.filter((w) => w.impact === 'no-measurable-impact').length;
  const drops = result.windows.filter((w) => w.impact === 'performance-drop').length;
  return [
    `backtest: ${result.windows.length} windows of ${result.setup.windowRows} rows after ${result.setup.initialRows} initial rows; trainer: ${result.setup.estimator}${options.defaultTrainer === true ? ' (the default, as for train; --model to choose)' : ''}`,
    line('drift', drift),
    line('drift without impact', driftWithoutImpact),
    line('static', fixed),
    line('periodic', periodic),
    'retrains: challengers trained; in service: those promoted because they beat the champion on the same test rows (the rest were rejected)',
    `impact: ${noImpact} drifted window(s) with no measurable impact, ${drops} with an estimated performance drop`,
    '',
  ].join('\n');
}

function accuracyChart(result: BacktestResult): string {
  const width = 720;
  const height = 200;
  const n = result.windows.length;
  const series = {
    drift: result.windows.map((w) => w.accuracy),
    static: result.windows.map((w) => w.baselines.static.accuracy),
    periodic: result.windows.map((w) => w.baselines.periodic.accuracy),
  };
  const all = Object.values(series).flat();
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const x = (i: number) => (n === 1 ? width / 2 : 40 + (i * (width - 60)) / (n - 1));
  const y = (v: number) => 10 + (height - 30) * (1 - (v - lo) / Math.max(hi - lo, 1e-9));
  const colors = { drift: '#c0392b', static: '#7f8c8d', periodic: '#2980b9' };
  const lines = Object.entries(series).map(
    ([name, values]) =>
      `<polyline fill="none" stroke="${colors[name as keyof typeof colors]}" stroke-width="2" points="${values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"><title>${name}</title></polyline>`,
  );
  const marks = result.windows
    .filter((w) => w.retrained)
    .map(
      (w) =>
        `<line x1="${x(w.index)}" x2="${x(w.index)}" y1="10" y2="${height - 20}" stroke="#c0392b" stroke-dasharray="3 3" opacity="0.5"/>`,
    );
  return `<svg width="${width}" height="${height}" role="img" aria-label="accuracy per window">${marks.join('')}${lines.join('')}<text x="2" y="${y(hi) + 4}" font-size="10">${hi.toFixed(3)}</text><text x="2" y="${y(lo)}" font-size="10">${lo.toFixed(3)}</text></svg>`;
}

/** A self-contained HTML page: summary, accuracy chart (drift red, static grey, periodic blue; dashes = retrains), windows. */
export function backtestHtml(result: BacktestResult, title: string): string {
  const summary = Object.entries(result.policies)
    .map(
      ([name, p]) =>
        `<tr><td>${name}</td><td>${f4(p.meanAccuracy)}</td><td>${f4(p.meanRocAuc)}</td><td>${p.retrains}</td><td>${p.promotions}</td><td>${p.fitSeconds.toFixed(2)}</td></tr>`,
    )
    .join('');
  const rows = result.windows
    .map(
      (w) =>
        `<tr><td>${w.index}</td><td>${w.rows}</td><td>${f4(w.accuracy)}</td><td>${f4(w.rocAuc)}</td><td>${f4(w.baselines.static.accuracy)}</td><td>${f4(w.baselines.periodic.accuracy)}</td>` +
        `<td>${w.driftShare.toFixed(2)}</td><td>${w.severity}</td><td>${w.impact}</td><td>${f4(w.estimated?.find((m) => m.metric === 'rocAuc')?.value ?? null)}</td><td>${escapeHtml(w.alerts.join(', '))}</td><td>${w.retrained ? 'yes' : ''}</td><td>${escapeHtml(w.decision ?? '')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${result.windows.length} windows of ${result.setup.windowRows} rows after ${result.setup.initialRows} initial rows; model ${result.setup.estimator}; features ${escapeHtml(result.setup.features.join(', '))}.</p>
<table><tr><th>policy</th><th>mean accuracy</th><th>mean ROC AUC</th><th>retrains</th><th>in service</th><th>fit s</th></tr>${summary}</table>
<h2>Accuracy per window</h2><p>drift policy red, static grey, periodic blue; dashed lines: retrains of the drift policy.</p>${accuracyChart(result)}
<h2>Windows</h2><table><tr><th>#</th><th>rows</th><th>accuracy</th><th>ROC AUC</th><th>static</th><th>periodic</th><th>drift share</th><th>severity</th><th>impact</th><th>estimated ROC AUC</th><th>alerts</th><th>retrained</th><th>decision</th></tr>${rows}</table>
<h2>Policy</h2><pre>${escapeHtml(JSON.stringify(result.setup.policy, null, 2))}</pre></body></html>
`;
}
