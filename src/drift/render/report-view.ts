import type { DriftReport, FeatureDriftResult } from '../drift-report.js';
import { formatNumber, formatShare } from './format-number.js';
import { multivariateSummaryText, topFeaturesText } from './multivariate-view.js';

/** Features ordered for reading: largest effect size first, untested (null effect size) last, then by name. */
export function featuresByEffectSize(report: DriftReport): FeatureDriftResult[] {
  return [...report.features].sort((a, b) => {
    const byEffect = (b.effectSize ?? -Infinity) - (a.effectSize ?? -Infinity);
    if (byEffect !== 0 && !Number.isNaN(byEffect)) return byEffect;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** The score a result was judged on: `p=…` (adjusted p-value) or `d=…` (distance). */
export function scoreText(result: FeatureDriftResult): string {
  if (result.status === 'not_tested') return `not tested: ${result.reason ?? 'no valid values'}`;
  return result.score === 'p_value' ? `p=${formatNumber(result.adjustedPValue)}` : `d=${formatNumber(result.distance)}`;
}

/** The drift rule applied, e.g. `p < 0.05` or `d ≥ 0.1`, plus the effect-size floor in driftguard mode. */
export function ruleText(result: FeatureDriftResult): string {
  const rule =
    result.direction === 'p_value_below'
      ? `p < ${formatNumber(result.threshold)}`
      : `d ≥ ${formatNumber(result.threshold)}`;
  return result.effectSizeThreshold === undefined
    ? rule
    : `${rule} and effect ≥ ${formatNumber(result.effectSizeThreshold)}`;
}

/** One label/value pair of the summary block shared by the Markdown and HTML renderers. */
export interface SummaryItem {
  readonly label: string;
  readonly value: string;
}

/** The headline numbers of a report, in display order. */
export function summaryItems(report: DriftReport): SummaryItem[] {
  const items: SummaryItem[] = [
    { label: 'Dataset drift', value: report.datasetDrift ? 'YES' : 'no' },
    ...(report.topFeatures !== undefined && report.topFeatures.length > 0
      ? [{ label: 'What changed', value: topFeaturesText(report.topFeatures) }]
      : []),
    ...(report.multivariate === undefined
      ? []
      : [{ label: 'Multivariate drift', value: multivariateSummaryText(report.multivariate) }]),
    {
      label: 'Severity',
      value:
        report.severity === report.rawSeverity
          ? report.severity
          : `${report.severity} (this comparison alone: ${report.rawSeverity})`,
    },
    {
      label: 'Drifted features',
      value: `${report.driftedFeatureCount} of ${report.testedFeatureCount} tested (share ${formatShare(report.driftShare)}, dataset drift at ≥ ${formatShare(report.driftShareThreshold)})`,
    },
    {
      label: 'Mode',
      value:
        report.mode === 'driftguard'
          ? `driftguard (test and effect size, ${report.correction} correction)`
          : 'evidently (Evidently 0.7 defaults)',
    },
    { label: 'Rows', value: `reference ${report.referenceRowCount}, current ${report.currentRowCount}` },
  ];
  const roles: [string, FeatureDriftResult | null | undefined][] = [
    ['Prediction drift', report.predictionDrift],
    ['Prediction score drift', report.predictionScoreDrift],
    ['Target drift', report.targetDrift],
  ];
  for (const [label, result] of roles) {
    if (result)
      items.push({
        label,
        value: `${result.drifted ? 'YES' : 'no'} (${result.name}, ${result.test}, ${scoreText(result)})`,
      });
  }
  const performance = report.performance;
  if (performance !== null) {
    items.push({
      label: 'Performance drift',
      value: `${performance.drifted ? 'YES' : 'no'} (${performance.metric} ${formatNumber(performance.reference)} → ${formatNumber(performance.current)}, ${performance.test} p=${formatNumber(performance.pValue)}, ${performance.labelledCount} labelled rows)`,
    });
  } else if (report.performanceUnavailableReason !== null) {
    items.push({ label: 'Performance drift', value: `not computed: ${report.performanceUnavailableReason}` });
  }
  items.push({ label: 'Data-quality findings', value: String(report.dataQuality.length) });
  return items;
}

const CORRECTION_NAMES = { benjamini_hochberg: 'Benjamini–Hochberg', bonferroni: 'Bonferroni' } as const;

/**
 * The p-value columns of a feature table: the raw p-value, and beside it the one the rule compares with its
 * threshold, labelled with the multiple-testing correction that produced it (none: one column).
 */
export function pValueColumns(
  report: DriftReport,
): readonly { readonly label: string; readonly value: (result: FeatureDriftResult) => number | null }[] {
  if (report.correction === 'none') return [{ label: 'p-value', value: (r) => r.pValue }];
  return [
    { label: 'p-value (raw)', value: (r) => r.pValue },
    { label: `p-value (${CORRECTION_NAMES[report.correction]}-adjusted)`, value: (r) => r.adjustedPValue },
  ];
}
