import type { AlertThresholds, CalibrationSummary, EstimationWarning } from '../../drift/estimation/index.js';

/** Bumped on any incompatible change of the JSON below (documented in docs/estimation.md). */
export const ESTIMATION_REPORT_VERSION = 1;

/** Metric name (rocAuc, accuracy, … or mae, rmse) → value; null when undefined. */
export type MetricMap = Readonly<Record<string, number | null>>;

/** One chunk of the current file: consecutive rows [start, start + rows). */
export interface EstimationChunk {
  readonly index: number;
  /** 0-based index of the chunk's first data row in the current file. */
  readonly start: number;
  readonly rows: number;
  /** First and last time of the chunk (time windows only). */
  readonly from?: string;
  readonly to?: string;
  readonly estimated: MetricMap;
  /** The confidence band: estimate ± 3 sampling errors, clipped to [0, 1]. */
  readonly lower: MetricMap;
  readonly upper: MetricMap;
  readonly samplingError: MetricMap;
  /** With `realized`: the metrics computed from the current file's labels. */
  readonly realized?: MetricMap;
  /** Metrics whose estimate is worse than their alert threshold (below it; above it for the losses mae, rmse). */
  readonly alertMetrics: readonly string[];
  readonly alert: boolean;
}

/** How predicted classes were obtained. */
export type DecisionRule =
  | { readonly kind: 'prediction-column'; readonly column: string }
  | { readonly kind: 'threshold'; readonly threshold: number }
  | { readonly kind: 'arg-max' };

/** The result of `driftguard estimate` (JSON: camelCase, versioned). */
export interface EstimationReport {
  readonly version: typeof ESTIMATION_REPORT_VERSION;
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly metrics: readonly string[];
  /** Rows per chunk, or the time window (e.g. `7d`) with its time column. */
  readonly chunking:
    | { readonly kind: 'rows'; readonly chunkSize: number }
    | { readonly kind: 'time'; readonly window: string; readonly timeColumn: string };
  /** Binary: [class 0, class 1] (estimates are about class 1); multiclass: the classes of --score; regression: null. */
  readonly classes: readonly string[] | null;
  readonly decision: DecisionRule;
  readonly referenceRows: number;
  readonly currentRows: number;
  /** Each metric realized on the whole labelled reference. */
  readonly reference: MetricMap;
  /** The alert band of each metric: the reference chunks' mean ± 3 std, or the reference value ∓ maxDrop. */
  readonly thresholds: Readonly<Record<string, AlertThresholds>>;
  /** How alert thresholds were set. */
  readonly alertRule:
    | { readonly kind: 'reference-variation'; readonly stdMultiplier: 3 }
    | { readonly kind: 'max-drop'; readonly maxDrop: number };
  /** Binary: one summary; multiclass: one per class label; regression: null. */
  readonly calibration: CalibrationSummary | Readonly<Record<string, CalibrationSummary>> | null;
  readonly chunks: readonly EstimationChunk[];
  readonly warnings: readonly EstimationWarning[];
  /** Any chunk alerted. */
  readonly alert: boolean;
}
