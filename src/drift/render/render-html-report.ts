import type { DriftReport, FeatureDriftResult, PerformanceDriftResult } from '../drift-report.js';
import { CURRENT_COLOUR, distributionSvg, REFERENCE_COLOUR } from './distribution-svg.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { importanceLabel, multivariateStatisticText, topFeatureRows, verdictHeadline } from './multivariate-view.js';
import type { ReportSources } from './report-sources.js';
import { featuresByEffectSize, pValueColumns, ruleText, scoreText, summaryItems } from './report-view.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.sources{color:#59636e;margin-bottom:16px}code{background:#f3f4f6;padding:1px 4px;border-radius:4px}
.verdict{display:inline-block;padding:6px 14px;border-radius:6px;font-weight:600;margin-bottom:12px}
.drift{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}.nodrift{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d1d9e0;padding:4px 8px;text-align:left;vertical-align:middle}
th{background:#f6f8fa;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.drifted td:first-child{border-left:4px solid #cf222e}.yes{color:#a40e26;font-weight:600}
.sev-high{color:#a40e26}.sev-medium{color:#bc4c00}.sev-low{color:#9a6700}.sev-none{color:#116329}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-2px;opacity:.55}
.effect{display:inline-block;height:8px;background:#8c959f;margin-right:6px;vertical-align:0}
@media print{th{position:static}}
`;

function resultRow(result: FeatureDriftResult, pValues: ReturnType<typeof pValueColumns>): string {
  const effectWidth = result.effectSize === null ? 0 : Math.min(60, Math.round(result.effectSize * 120));
  const chart = result.summary === null ? '<em>no data</em>' : distributionSvg(result.summary, result.name);
  return [
    `<tr${result.drifted ? ' class="drifted"' : ''}>`,
    `<td>${escapeHtml(result.name)}</td>`,
    `<td>${result.kind}</td>`,
    `<td>${escapeHtml(result.status === 'tested' ? result.test : scoreText(result))}</td>`,
    `<td class="num">${formatNumber(result.statistic)}</td>`,
    ...pValues.map((column) => `<td class="num">${formatNumber(column.value(result))}</td>`),
    `<td class="num">${formatNumber(result.distance)}</td>`,
    `<td>${escapeHtml(ruleText(result))}</td>`,
    `<td class="num"><span class="effect" style="width:${effectWidth}px"></span>${formatNumber(result.effectSize)}${result.effectSizeName === null ? '' : ` <small>${result.effectSizeName}</small>`}</td>`,
    `<td${result.drifted ? ' class="yes">yes' : '>no'}</td>`,
    `<td>${chart}</td>`,
    '</tr>',
  ].join('');
}

function resultTable(results: readonly FeatureDriftResult[], pValues: ReturnType<typeof pValueColumns>): string {
  const header = [
    'feature',
    'kind',
    'test',
    'statistic',
    ...pValues.map((column) => column.label),
    'distance',
    'rule',
    'effect size',
    'drifted',
    'reference vs current',
  ];
  return `<table><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${results.map((result) => resultRow(result, pValues)).join('')}</tbody></table>`;
}

function performanceTable(performance: PerformanceDriftResult): string {
  const metrics = [
    ...new Set([...Object.keys(performance.referenceMetrics), ...Object.keys(performance.currentMetrics)]),
  ];
  const rows = metrics.map(
    (name) =>
      `<tr><td>${escapeHtml(name)}</td><td class="num">${formatNumber(performance.referenceMetrics[name] ?? null)}</td><td class="num">${formatNumber(performance.currentMetrics[name] ?? null)}</td></tr>`,
  );
  return `<table><thead><tr><th>metric</th><th>reference</th><th>current</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The report as ONE self-contained HTML page (inline CSS and SVG; no script, font, CDN or other external
 * resource): verdict, summary, features sorted by effect size with reference-vs-current charts, prediction /
 * target drift, performance and data-quality findings.
 */
export function renderHtmlReport(report: DriftReport, sources: ReportSources): string {
  const roles = [report.predictionDrift, report.predictionScoreDrift, report.targetDrift].filter(
    (result): result is FeatureDriftResult => result !== null && result !== undefined,
  );
  const body: string[] = [
    '<h1>Drift report</h1>',
    `<div class="sources">Reference <code>${escapeHtml(sources.reference)}</code> vs current <code>${escapeHtml(sources.current)}</code> · ${escapeHtml(sources.generatedAt)}</div>`,
    `<div class="verdict ${verdictHeadline(report).drifted ? 'drift' : 'nodrift'}">${verdictHeadline(report).text}</div>`,
    `<dl>${summaryItems(report)
      .map(
        (item) =>
          `<dt>${escapeHtml(item.label)}</dt><dd${item.label === 'Severity' ? ` class="sev-${report.severity}"` : ''}>${escapeHtml(item.value)}</dd>`,
      )
      .join('')}</dl>`,
    `<h2>Features, largest effect first</h2><div class="legend">Charts: share of valid values<span style="background:${REFERENCE_COLOUR}"></span>reference<span style="background:${CURRENT_COLOUR}"></span>current</div>`,
    resultTable(featuresByEffectSize(report), pValueColumns(report)),
  ];
  const multivariate = report.multivariate;
  if (multivariate !== undefined && multivariate.topFeatures.length > 0) {
    const rows = topFeatureRows(multivariate).map(
      ([name, importance]) => `<tr><td>${escapeHtml(name)}</td><td class="num">${importance}</td></tr>`,
    );
    body.push(
      `<h2>Multivariate drift: features behind it <small>(${escapeHtml(multivariateStatisticText(multivariate))})</small></h2>`,
      `<table><thead><tr><th>feature</th><th>${escapeHtml(importanceLabel(multivariate))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  }
  if (roles.length > 0) body.push('<h2>Prediction and target</h2>', resultTable(roles, pValueColumns(report)));
  if (report.performance !== null) body.push('<h2>Performance</h2>', performanceTable(report.performance));
  if (report.dataQuality.length > 0) {
    const rows = report.dataQuality.map(
      (q) =>
        `<tr><td>${escapeHtml(q.column)}</td><td>${q.kind}</td><td>${q.severity}</td><td class="num">${q.count} of ${q.rowCount}</td><td>${escapeHtml(q.message)}${q.examples.length > 0 ? ` <small>e.g. ${q.examples.map(escapeHtml).join(', ')}</small>` : ''}</td></tr>`,
    );
    body.push(
      '<h2>Data quality</h2>',
      `<table><thead><tr><th>column</th><th>finding</th><th>severity</th><th>count</th><th>message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>Drift report: ${escapeHtml(sources.current)}</title><style>${STYLE}</style></head>`,
    `<body>${body.join('\n')}</body></html>`,
    '',
  ].join('\n');
}
