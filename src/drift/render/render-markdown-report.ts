import type { DriftReport } from '../drift-report.js';
import { formatNumber } from './format-number.js';
import { importanceLabel, multivariateStatisticText, topFeatureRows } from './multivariate-view.js';
import type { ReportSources } from './report-sources.js';
import { featuresByEffectSize, pValueColumns, ruleText, scoreText, summaryItems } from './report-view.js';

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

/** The report as GitHub-flavoured Markdown: summary, features by effect size, performance, data quality. */
export function renderMarkdownReport(report: DriftReport, sources: ReportSources): string {
  const lines: string[] = [
    '# Drift report',
    '',
    `Reference \`${sources.reference}\` vs current \`${sources.current}\` — ${sources.generatedAt}`,
    '',
    ...summaryItems(report).map((item) => `- **${item.label}:** ${item.value}`),
    '',
    '## Features (largest effect first)',
    '',
    ...table(
      [
        'feature',
        'kind',
        'test',
        'statistic',
        ...pValueColumns(report).map((column) => column.label),
        'distance',
        'rule',
        'effect size',
        'drifted',
      ],
      featuresByEffectSize(report).map((f) => [
        f.name,
        f.kind,
        f.status === 'tested' ? f.test : scoreText(f),
        formatNumber(f.statistic),
        ...pValueColumns(report).map((column) => formatNumber(column.value(f))),
        formatNumber(f.distance),
        ruleText(f),
        f.effectSizeName === null ? '—' : `${formatNumber(f.effectSize)} (${f.effectSizeName})`,
        f.drifted ? '**yes**' : 'no',
      ]),
    ),
  ];
  const multivariate = report.multivariate;
  if (multivariate !== undefined && multivariate.topFeatures.length > 0) {
    lines.push(
      '',
      `## Multivariate drift: features behind it (${multivariateStatisticText(multivariate)})`,
      '',
      ...table(['feature', importanceLabel(multivariate)], topFeatureRows(multivariate)),
    );
  }
  if (report.dataQuality.length > 0) {
    lines.push(
      '',
      '## Data quality',
      '',
      ...table(
        ['column', 'finding', 'severity', 'count', 'message'],
        report.dataQuality.map((q) => [q.column, q.kind, q.severity, `${q.count} of ${q.rowCount}`, q.message]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
