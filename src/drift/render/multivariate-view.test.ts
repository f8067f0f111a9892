import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../drift-report.js';
import type { MultivariateDriftResult } from '../multivariate/multivariate-result.js';
import {
  multivariateRuleText,
  multivariateSummaryText,
  topFeaturesText,
  verdictHeadline,
} from './multivariate-view.js';

const base = {
  topFeatures: [
    { name: 'x1', importance: 0.21 },
    { name: 'x0', importance: 0.0004 },
  ],
  referenceRowCount: 5000,
  currentRowCount: 4000,
  featureCount: 6,
  drifted: true,
};
const classifier: MultivariateDriftResult = {
  ...base,
  method: 'classifier',
  statisticName: 'roc_auc',
  statistic: 0.6234,
  pValue: 1e-12,
  threshold: 0.05,
  aucFloor: 0.53,
  folds: 5,
  importanceName: 'permutation_auc_drop',
};
const pca: MultivariateDriftResult = {
  ...base,
  method: 'pca',
  statisticName: 'reconstruction_error',
  statistic: 1.5,
  pValue: null,
  threshold: 1.2,
  lowerBound: 0.9,
  components: 3,
  explainedVariance: 0.7,
  referenceChunks: 10,
  chunkSize: 4000,
  importanceName: 'reconstruction_error_increase',
};
const mmd: MultivariateDriftResult = {
  ...base,
  drifted: false,
  topFeatures: [],
  method: 'mmd',
  statisticName: 'mmd2',
  statistic: 0.0001,
  pValue: 0.4,
  threshold: 0.05,
  bandwidth: 2,
  permutations: 100,
  importanceName: 'mmd2_drop',
};

describe('multivariate report view', () => {
  it('states verdict, method, statistic, p-value, rule, rows and the features behind a drift', () => {
    expect(multivariateSummaryText(classifier)).toBe(
      'YES (domain classifier: ROC AUC 0.6234, p=1.0e-12; rule p < 0.05 and AUC ≥ 0.53; 5000 vs 4000 rows; carried by x1 (0.21), x0 (4.0e-4))',
    );
    expect(multivariateSummaryText(mmd)).toBe(
      'no (MMD: MMD² 1.0e-4, p=0.4; rule p < 0.05 (100 permutations); 5000 vs 4000 rows)',
    );
    expect(multivariateRuleText(pca)).toBe('error outside [0.9, 1.2]');
    expect(topFeaturesText([])).toBe('—');
    expect(topFeaturesText(undefined)).toBe('—');
  });

  it('headlines whichever test drifted', () => {
    const report = (datasetDrift: boolean, multivariate?: MultivariateDriftResult): DriftReport =>
      ({ datasetDrift, multivariate }) as DriftReport;
    expect(verdictHeadline(report(false))).toEqual({ drifted: false, text: 'No dataset drift' });
    expect(verdictHeadline(report(true))).toEqual({ drifted: true, text: 'Dataset drift detected' });
    expect(verdictHeadline(report(false, mmd))).toEqual({ drifted: false, text: 'No dataset or multivariate drift' });
    expect(verdictHeadline(report(false, pca))).toEqual({ drifted: true, text: 'Multivariate drift detected' });
    expect(verdictHeadline(report(true, classifier))).toEqual({
      drifted: true,
      text: 'Dataset and multivariate drift detected',
    });
  });
});
