import type { AlertThresholds, BinaryMetric, CalibrationSummary, EstimationWarning } from '../../drift/estimation/index.js';

/** Bumped on any incompatible change of the JSON below (documented in docs/estimation.md). */
export const ESTIMATION_REPORT_VERSION = 1;

export type MetricMap = Readonly<Partial<Record<BinaryMetric, number | null>>>;

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
  /** Metrics whose estimate fell below their alert threshold. */
  readonly alertMetrics: readonly BinaryMetric[];
  readonly alert: boolean;
}

/** How predicted classes were obtained. */
export type DecisionRule = { readonly kind: 'prediction-column'; readonly column: string } | { readonly kind: 'threshold'; readonly threshold: number };

/** The result of `driftguard estimate` (JSON: camelCase, versioned). */
export interface EstimationReport {
  readonly version: typeof ESTIMATION_REPORT_VERSION;
  readonly task: 'binary';
  readonly metrics: readonly BinaryMetric[];
  /** Rows per chunk, or the time window (e.g. `7d`) with its time column. */
  readonly chunking: { readonly kind: 'rows'; readonly chunkSize: number } | { readonly kind: 'time'; readonly window: string; readonly timeColumn: string };
  /** [class 0, class 1] of the target; estimates are about class 1. */
  readonly classes: readonly [string, string];
  readonly decision: DecisionRule;
  readonly referenceRows: number;
  readonly currentRows: number;
  /** Each metric realized on the whole labelled reference. */
  readonly reference: MetricMap;
  /** The alert band of each metric: the reference chunks' mean ± 3 std, or reference − maxDrop. */
  readonly thresholds: Readonly<Partial<Record<BinaryMetric, AlertThresholds>>>;
  /** How alert thresholds were set. */
  readonly alertRule: { readonly kind: 'reference-variation'; readonly stdMultiplier: 3 } | { readonly kind: 'max-drop'; readonly maxDrop: number };
  readonly calibration: CalibrationSummary;
  readonly chunks: readonly EstimationChunk[];
  readonly warnings: readonly EstimationWarning[];
  /** Any chunk alerted. */
  readonly alert: boolean;
}
