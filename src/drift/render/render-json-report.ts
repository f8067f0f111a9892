import type { DriftReport } from '../drift-report.js';
import type { ReportSources } from './report-sources.js';

/** Identifies a driftguard JSON drift report; see docs/report-schema.md (versioned by `formatVersion`). */
export const JSON_REPORT_KIND = 'driftguard.drift-report';

/**
 * The JSON report: `{ kind, formatVersion, generatedAt, sources, ...report }`, pretty-printed, ending with a newline.
 * Every number of the report is finite (the engine never emits NaN), so nothing is lost by JSON.
 */
export function renderJsonReport(report: DriftReport, sources: ReportSources): string {
  const { formatVersion, ...rest } = report;
  const document = {
    kind: JSON_REPORT_KIND,
    formatVersion,
    generatedAt: sources.generatedAt,
    sources: { reference: sources.reference, current: sources.current },
    ...rest,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
