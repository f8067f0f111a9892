import type { DriftReport } from './drift-report.js';

/** The report's overall verdict: univariate dataset drift, or a multivariate test that says drift. */
export function hasDrift(report: DriftReport): boolean {
  return report.datasetDrift || report.multivariate?.drifted === true;
}
