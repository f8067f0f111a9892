import type { FeatureOverride } from '../domain/feature-schema.js';
import type { StoredPrediction } from '../domain/prediction-record.js';
import type { BinaryMetric } from '../drift/estimation/index.js';
import type { DriftEngineOptions, DriftReport, EvaluationState, MultivariateOptionsInput } from '../drift/index.js';

/** Everything one window evaluation needs; plain data, so it can cross a worker-thread boundary (structured clone). */
export interface DriftWindowRequest {
  /** The reference profile as stored (JSON); parsed and validated by the evaluation. */
  readonly profile: unknown;
  /** The window's logged predictions, oldest first. */
  readonly rows: readonly StoredPrediction[];
  readonly options: DriftEngineOptions;
  readonly state: EvaluationState;
  /** The model definition's per-feature overrides, applied to the profile whatever its source (upload or champion). */
  readonly overrides?: Readonly<Record<string, FeatureOverride>>;
  /**
   * Run the multivariate test on this window too: the reference's row sample as stored (JSON, validated by the
   * evaluation) and the detector options. The report then holds `multivariate`, or `multivariateNotRun` with the reason.
   */
  readonly multivariate?: { readonly referenceRows: unknown; readonly options: MultivariateOptionsInput };
  /** Estimate the window's performance from its scores (issue 17); absent = not estimated. */
  readonly estimation?: { readonly metrics: readonly BinaryMetric[] };
}

/** Runs window evaluations for the monitoring loop; the service uses a worker thread so requests are never blocked. */
export interface DriftEvaluator {
  evaluate(request: DriftWindowRequest): Promise<DriftReport>;
  /** Stops any thread it started; later evaluations start a new one. */
  close(): Promise<void>;
}
