import type { SeverityThresholds } from '../domain/severity.js';

/**
 * `driftguard` (default): a feature drifts when its test rejects after multiple-testing correction AND its effect
 * size reaches a floor. `evidently`: Evidently 0.7's default test choice and thresholds, verdict by the test alone.
 */
export type DriftMode = 'driftguard' | 'evidently';

/** Correction of per-feature p-values across the features of one evaluation (driftguard mode). */
export type MultipleTestingCorrection = 'bonferroni' | 'benjamini_hochberg' | 'none';

/** Effect sizes reported next to every test; the floor of the one used decides drift in driftguard mode. */
export type EffectSizeName = 'normed_wasserstein' | 'jensen_shannon' | 'psi';

/** Count-based window: the last `windowSize` events, evaluated every `step` events. */
export interface CountWindowOptions {
  readonly type: 'count';
  readonly windowSize: number;
  readonly step: number;
}

/** Time-based window: events in (end − windowSeconds, end], evaluated every `stepSeconds` of event time. */
export interface TimeWindowOptions {
  readonly type: 'time';
  readonly windowSeconds: number;
  readonly stepSeconds: number;
}

export type WindowOptions = CountWindowOptions | TimeWindowOptions;

/** Performance-drift settings (when labels exist). */
export interface PerformanceDriftOptions {
  /** p-value threshold of the performance test (default 0.01). */
  readonly pValueThreshold?: number;
  /** Classification: minimum increase of the error rate, absolute (default 0.02 = 2 points of accuracy). */
  readonly minErrorRateIncrease?: number;
  /** Regression: minimum relative increase of the MAE (default 0.1 = +10 %). */
  readonly minRelativeMaeIncrease?: number;
  /** Fewer labelled rows than this → performance is `null` with a reason (default 30). */
  readonly minLabelledRows?: number;
}

/** Data-quality settings. */
export interface DataQualityOptions {
  /** A missing-rate change above this absolute amount is a finding (default 0.05). */
  readonly missingRateChange?: number;
}

/** User-facing options of the engine; every field optional, defaults documented in docs/drift-engine.md. */
export interface DriftEngineOptions {
  readonly mode?: DriftMode;
  /** driftguard: p-value threshold after correction (default 0.05). */
  readonly pValueThreshold?: number;
  /** driftguard: default `benjamini_hochberg`. */
  readonly correction?: MultipleTestingCorrection;
  /**
   * Effect size per kind (defaults: numeric `normed_wasserstein`, categorical and boolean `jensen_shannon`);
   * `normed_wasserstein` applies to numeric columns only.
   */
  readonly effectSizes?: Partial<Readonly<Record<'numeric' | 'categorical', EffectSizeName>>>;
  /** driftguard: effect-size floors (defaults: normed_wasserstein 0.1, jensen_shannon 0.1, psi 0.1). */
  readonly effectSizeFloors?: Partial<Record<EffectSizeName, number>>;
  /**
   * driftguard: sample-size-aware floors — each floor is raised to what sampling noise between the window and the
   * reference reaches with at most this probability: one number for every family, or per family (defaults:
   * normed_wasserstein 0.05, jensen_shannon 0.01, psi 0.01 — each family's level set so that pure noise reaches its
   * floor in about 1 % of windows or less, measured); `null`: the fixed floors only.
   */
  readonly noiseFloorProbability?: number | Partial<Record<EffectSizeName, number>> | null;
  /** Dataset drift when the drift share ≥ this (default 0.5, Evidently's `drift_share`). */
  readonly driftShareThreshold?: number;
  /** Weight the drift share by feature importance weights (default false). */
  readonly useImportanceWeights?: boolean;
  /** Share thresholds of severity (defaults low 0 (any drifted feature), medium 0.25, high 0.5). */
  readonly severity?: Partial<SeverityThresholds>;
  /** Consecutive windows at `high` before `high` is reported (default 1 = immediately); before that: `medium`. */
  readonly persistenceWindows?: number;
  /** Bins of the chart histograms in the report (default 20). */
  readonly chartBins?: number;
  readonly performance?: PerformanceDriftOptions;
  readonly dataQuality?: DataQualityOptions;
  readonly window?: WindowOptions;
}

/** The validated options with every default filled in (what `createDriftEngineConfig` returns). */
export interface DriftEngineConfig {
  readonly mode: DriftMode;
  readonly pValueThreshold: number;
  readonly correction: MultipleTestingCorrection;
  readonly effectSizes: Readonly<Record<'numeric' | 'categorical', EffectSizeName>>;
  readonly effectSizeFloors: Readonly<Record<EffectSizeName, number>>;
  readonly noiseFloorProbability: Readonly<Record<EffectSizeName, number>> | null;
  readonly driftShareThreshold: number;
  readonly useImportanceWeights: boolean;
  readonly severity: SeverityThresholds;
  readonly persistenceWindows: number;
  readonly chartBins: number;
  readonly performance: Required<PerformanceDriftOptions>;
  readonly dataQuality: Required<DataQualityOptions>;
  readonly window: WindowOptions | null;
}
