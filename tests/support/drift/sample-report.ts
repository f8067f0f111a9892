import {
  DRIFT_REPORT_FORMAT_VERSION,
  type DriftReport,
  type FeatureDriftResult,
} from '../../../src/drift/drift-report.js';

/** A numeric feature result with a `bins`-bin histogram; `effectSize` decides drift (driftguard rule ≥ 0.1). */
export function numericResult(name: string, effectSize: number, bins = 20): FeatureDriftResult {
  const reference = Array.from({ length: bins }, (_, i) => (i + 1) / ((bins * (bins + 1)) / 2));
  const current = [...reference].reverse();
  return {
    name,
    kind: 'numeric',
    status: 'tested',
    reason: null,
    test: 'ks',
    score: 'p_value',
    statistic: 0.123456,
    pValue: 0.000012345,
    adjustedPValue: 0.00012345,
    distance: null,
    threshold: 0.05,
    direction: 'p_value_below',
    effectSize,
    effectSizeName: 'normed_wasserstein',
    effectSizeThreshold: 0.1,
    drifted: effectSize >= 0.1,
    importanceWeight: 1,
    referenceCount: 1000,
    currentCount: 900,
    summary: { type: 'histogram', binEdges: Array.from({ length: bins + 1 }, (_, i) => i * 1.5), reference, current },
  };
}

/** A categorical feature result over `categories` categories. */
export function categoricalResult(name: string, effectSize: number, categories = 8): FeatureDriftResult {
  const share = Array.from({ length: categories }, () => 1 / categories);
  return {
    ...numericResult(name, effectSize),
    kind: 'categorical',
    test: 'jensenshannon',
    score: 'distance',
    statistic: null,
    pValue: null,
    adjustedPValue: null,
    distance: effectSize,
    threshold: 0.1,
    direction: 'distance_above',
    effectSizeName: 'jensen_shannon',
    effectSizeThreshold: undefined,
    summary: { type: 'categories', categories: share.map((_, i) => `cat <${i}>`), reference: share, current: share },
  };
}

/** A whole report around the given feature results (share and verdict computed from them). */
export function sampleReport(features: FeatureDriftResult[], overrides: Partial<DriftReport> = {}): DriftReport {
  const drifted = features.filter((f) => f.drifted).length;
  const share = features.length === 0 ? 0 : drifted / features.length;
  return {
    formatVersion: DRIFT_REPORT_FORMAT_VERSION,
    mode: 'driftguard',
    correction: 'benjamini_hochberg',
    referenceRowCount: 1000,
    currentRowCount: 900,
    window: null,
    features,
    testedFeatureCount: features.length,
    driftedFeatureCount: drifted,
    driftShare: share,
    driftShareThreshold: 0.5,
    datasetDrift: share >= 0.5,
    severity: share >= 0.5 ? 'high' : drifted > 0 ? 'low' : 'none',
    rawSeverity: share >= 0.5 ? 'high' : drifted > 0 ? 'low' : 'none',
    highStreak: share >= 0.5 ? 1 : 0,
    dataQuality: [
      {
        column: 'city',
        kind: 'unseen_category',
        severity: 'warning',
        count: 12,
        rowCount: 900,
        message: 'values not seen in the reference | e.g. "Oslo"',
        examples: ['Oslo', '<b>'],
        details: {},
      },
    ],
    predictionDrift: null,
    predictionScoreDrift: null,
    targetDrift: null,
    performance: null,
    performanceUnavailableReason: 'no target column declared',
    ...overrides,
  };
}
