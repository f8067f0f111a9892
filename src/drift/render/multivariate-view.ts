import type { DriftReport } from '../drift-report.js';
import type { MultivariateDriftResult, TopFeature } from '../multivariate/multivariate-result.js';
import { formatNumber } from './format-number.js';

/** `a (0.31), b (0.2)`, or `—` when empty. */
export function topFeaturesText(features: readonly TopFeature[] | undefined): string {
  if (features === undefined || features.length === 0) return '—';
  return features.map((f) => `${f.name} (${formatNumber(f.importance)})`).join(', ');
}

const METHOD_NAMES: Readonly<Record<MultivariateDriftResult['method'], string>> = {
  classifier: 'domain classifier',
  pca: 'PCA reconstruction error',
  mmd: 'MMD',
};

/** What the statistic is called and its value, e.g. `ROC AUC 0.62`. */
export function multivariateStatisticText(result: MultivariateDriftResult): string {
  const name = result.method === 'classifier' ? 'ROC AUC' : result.method === 'pca' ? 'reconstruction error' : 'MMD²';
  return `${name} ${formatNumber(result.statistic)}`;
}

/** The drift rule the result was judged on. */
export function multivariateRuleText(result: MultivariateDriftResult): string {
  if (result.method === 'classifier')
    return `p < ${formatNumber(result.threshold)} and AUC ≥ ${formatNumber(result.aucFloor)}`;
  if (result.method === 'pca')
    return `error outside [${formatNumber(result.lowerBound)}, ${formatNumber(result.threshold)}]`;
  return `p < ${formatNumber(result.threshold)} (${result.permutations} permutations)`;
}

/** One line: verdict, method, statistic, p-value, rule and the features behind a drift. */
export function multivariateSummaryText(result: MultivariateDriftResult): string {
  const p = result.pValue === null ? '' : `, p=${formatNumber(result.pValue)}`;
  const behind = result.drifted ? `; carried by ${topFeaturesText(result.topFeatures)}` : '';
  return `${result.drifted ? 'YES' : 'no'} (${METHOD_NAMES[result.method]}: ${multivariateStatisticText(result)}${p}; rule ${multivariateRuleText(result)}; ${result.referenceRowCount} vs ${result.currentRowCount} rows${behind})`;
}

/** The headline of a rendered report. */
export function verdictHeadline(report: DriftReport): { readonly drifted: boolean; readonly text: string } {
  if (report.datasetDrift)
    return {
      drifted: true,
      text: report.multivariate?.drifted ? 'Dataset and multivariate drift detected' : 'Dataset drift detected',
    };
  if (report.multivariate?.drifted) return { drifted: true, text: 'Multivariate drift detected' };
  return {
    drifted: false,
    text: report.multivariate === undefined ? 'No dataset drift' : 'No dataset or multivariate drift',
  };
}

/** Rows of the multivariate section's table of top features: [feature, importance]. */
export function topFeatureRows(result: MultivariateDriftResult): string[][] {
  return result.topFeatures.map((f) => [f.name, formatNumber(f.importance)]);
}

/** The importance's unit, for the table header. */
export function importanceLabel(result: MultivariateDriftResult): string {
  return {
    permutation_auc_drop: 'AUC drop when permuted',
    reconstruction_error_increase: 'residual increase',
    mmd2_drop: 'MMD² drop when left out',
  }[result.importanceName];
}
