import type { DriftReport } from '../../drift/drift-report.js';
import { renderHtmlReport } from '../../drift/render/render-html-report.js';
import { renderJsonReport } from '../../drift/render/render-json-report.js';
import { renderMarkdownReport } from '../../drift/render/render-markdown-report.js';
import type { ReportSources } from '../../drift/render/report-sources.js';

export type { DriftMode } from '../../drift/drift-config.js';
export type { DriftReport } from '../../drift/drift-report.js';
export type { ReportSources } from '../../drift/render/report-sources.js';

/** Output formats of a drift report. */
export type ReportFormat = 'json' | 'html' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'html', 'md'];

const RENDERERS: Readonly<Record<ReportFormat, (report: DriftReport, sources: ReportSources) => string>> = {
  json: renderJsonReport,
  html: renderHtmlReport,
  md: renderMarkdownReport,
};

/** Renders a report as versioned JSON (docs/report-schema.md), GitHub Markdown or one self-contained HTML page. */
export function renderDriftReport(report: DriftReport, format: ReportFormat, sources: ReportSources): string {
  return RENDERERS[format](report, sources);
}
