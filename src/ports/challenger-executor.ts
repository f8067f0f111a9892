/**
 * Where a retraining job's challenger pipeline runs: a worker thread per job in the service (training never blocks the
 * event loop, and a job past its deadline is stopped by terminating the thread), the calling thread in tests and tools.
 */
import type { DataTable } from '../domain/data-table.js';
import type { RetrainingDecision, RetrainingJobData, RetrainingJobMetrics } from '../domain/retraining-job.js';
import type { RetrainingPolicy, SufficiencyResult } from '../domain/retraining-policy.js';
import type { ComparisonDecision, EstimatorKind, FittedModel, HyperParamValue, TrainedModel } from '../models/index.js';

export interface ChallengerRequest {
  /** The serving model (its schema names the target and the features; its estimator is the challenger's). */
  readonly champion: FittedModel;
  /** Recent rows with their labels, oldest first (rows without a label are skipped). */
  readonly recent: DataTable;
  /** The champion's labelled reference (training) rows, oldest first; null = none. */
  readonly reference?: DataTable | null;
  /** Hyper-parameters of the champion (default: the trainer's defaults). */
  readonly params?: Readonly<Record<string, HyperParamValue>>;
  /** The challenger's estimator (`retraining.trainer.model`); default the champion's, with its hyper-parameters. */
  readonly estimator?: EstimatorKind;
  /** Columns of the tables that are not features (ids, time column …); the champion's features decide anyway. */
  readonly exclude?: readonly string[];
  readonly policy: RetrainingPolicy;
  /**
   * Most recent labelled rows to train on (default `[policy.horizonRows]`; see `trainingHorizons` of the policy).
   * With several, one challenger is trained per horizon and the best on the newest rows (a test block none of them
   * trained on) is the challenger compared with the champion.
   */
  readonly horizons?: readonly number[];
  /** Train / validation / test fractions of the recent rows (default 0.7 / 0.15 / 0.15). */
  readonly split?: {
    readonly trainFraction: number;
    readonly validationFraction: number;
    readonly testFraction: number;
  };
  /** Newest reference rows held out to measure what the challenger forgot (default 1,000; 0 = skip). */
  readonly referenceHoldoutRows?: number;
  /** Time span of the recent rows, for the job's `data` (default 0 … 0 when unknown). */
  readonly span?: { readonly fromMs: number; readonly toMs: number };
  /** Rows of recent predictions and how many are labelled, for the label coverage (default: the recent table). */
  readonly coverage?: { readonly recentPredictions: number; readonly recentLabeled: number };
  readonly seed?: number;
  /** Paired-bootstrap resamples of the promotion check (default 200). */
  readonly bootstrapResamples?: number;
}

export interface ChallengerResult {
  readonly challenger: TrainedModel;
  readonly data: RetrainingJobData;
  readonly metrics: RetrainingJobMetrics;
  readonly decision: RetrainingDecision;
  /** Every number behind the decision (DeLong, McNemar, bootstrap). */
  readonly comparison: ComparisonDecision;
  readonly sufficiency: SufficiencyResult;
  /** Each horizon tried and its challenger's value of the promotion metric on the shared test rows. */
  readonly candidates: readonly {
    readonly horizonRows: number;
    readonly metric: number | null;
    readonly fitSeconds: number;
  }[];
  /** Total fit time of all candidates. */
  readonly fitSeconds: number;
}

/** The job's time ran out while its challenger was being trained / evaluated. */
export class ChallengerTimeoutError extends Error {
  override readonly name = 'ChallengerTimeoutError';
}

export interface ChallengerExecutor {
  /** Runs the pipeline; rejects with ChallengerTimeoutError when it is not done within `timeoutMs` (where it can stop it). */
  run(request: ChallengerRequest, timeoutMs: number): Promise<ChallengerResult>;
}
