import type { Column } from '../domain/data-table.js';
import type { FeatureSpec } from '../domain/feature-schema.js';
import type { ColumnProfile, DriftEngineConfig, FeatureEvaluation, ReferenceProfileOptions } from '../drift/index.js';

/** Profile one feature's reference column (drift/profileFeature). Plain data: it crosses to a worker thread. */
export interface ProfileColumnTask {
  readonly feature: FeatureSpec;
  readonly column: Column;
  readonly options: Required<ReferenceProfileOptions>;
}

/** Evaluate one feature's current column against its profile (drift/evaluateFeature). Plain data. */
export interface EvaluateColumnTask {
  readonly profile: ColumnProfile;
  readonly feature: FeatureSpec;
  /** Absent when the current table lacks the feature. */
  readonly column: Column | undefined;
  readonly rowCount: number;
  readonly config: DriftEngineConfig;
}

/**
 * Runs the per-column work of a drift report — one task per feature, each depending on nothing else — on `threads`
 * threads; results come back in task order, so the report is the same whatever the number of threads. A schema or
 * configuration error of a task is a SchemaError (field, reason).
 */
export interface DriftColumnRunner {
  readonly threads: number;
  /** `onDone(done, total)` after each finished task. */
  profile(
    tasks: readonly ProfileColumnTask[],
    onDone?: (done: number, total: number) => void,
  ): Promise<ColumnProfile[]>;
  evaluate(
    tasks: readonly EvaluateColumnTask[],
    onDone?: (done: number, total: number) => void,
  ): Promise<FeatureEvaluation[]>;
  /** Stops the threads it started (later tasks start them again). */
  close(): Promise<void>;
}
