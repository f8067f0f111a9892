import type { MultivariateDriftResult } from '../../drift/index.js';

const p = (value: number) => (value < 1e-4 ? value.toExponential(1) : value.toPrecision(2));

/**
 * The alert text of a multivariate drift, "what changed" first: the features that carry it (with their importance),
 * then the test's evidence, e.g. `what changed: income 0.112, region 0.031 — domain classifier AUC 0.712 ≥ floor 0.53,
 * p = 3.1e-9 < 0.05 (1,000 current vs 5,000 reference rows)`.
 */
export function multivariateSummary(result: MultivariateDriftResult): string {
  const features =
    result.topFeatures.length === 0
      ? 'no single feature stands out'
      : result.topFeatures.map((f) => `${f.name} ${f.importance.toFixed(3)}`).join(', ');
  const rows = `${result.currentRowCount.toLocaleString('en-US')} current vs ${result.referenceRowCount.toLocaleString('en-US')} reference rows`;
  let evidence: string;
  switch (result.method) {
    case 'classifier':
      evidence = `domain classifier AUC ${result.statistic.toFixed(3)} ≥ floor ${result.aucFloor}, p = ${p(result.pValue)} < ${result.threshold}`;
      break;
    case 'pca':
      evidence = `PCA reconstruction error ${result.statistic.toFixed(3)} outside [${result.lowerBound.toFixed(3)}, ${result.threshold.toFixed(3)}]`;
      break;
    case 'mmd':
      evidence = `MMD² ${result.statistic.toPrecision(3)}, p = ${p(result.pValue)} < ${result.threshold}`;
      break;
  }
  return `what changed: ${features} — ${evidence} (${rows})`;
}
