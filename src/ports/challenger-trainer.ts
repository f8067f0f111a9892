/**
 * The trainer port (issue 15): a retraining job's challenger trained by the user's own pipeline — a program driftguard
 * runs (command adapter) or a pipeline it notifies (webhook adapter). Either way the user's code trains on the job's
 * rows and registers a new version of the model tagged `driftguard.job_id=<job id>`; the trainer resolves with that
 * version, or rejects with TrainerError (the cause and the tail of the output). Judging the challenger stays
 * driftguard's: the held-out test rows never leave it (src/services/retraining/external-challenger.ts). The built-in
 * trainers sit behind ChallengerExecutor (challenger-executor.ts).
 */
import type { RetrainingTrigger } from '../domain/retraining-policy.js';
import type { ModelVersion } from './model-registry.js';

/** The version tag by which driftguard finds the version the user's pipeline registered for a job. */
export const JOB_ID_TAG = 'driftguard.job_id';

/** One of the job's data files (Parquet: the features, the label column and `timestamp`). */
export interface TrainerDataFile {
  /** `train.parquet` or `validation.parquet`. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly rows: number;
}

export interface TrainerJob {
  readonly jobId: string;
  readonly model: string;
  readonly trigger: RetrainingTrigger;
  /** The label column's name in the files. */
  readonly target: string;
  /** The feature columns, in the model's order. */
  readonly features: readonly string[];
  /** The time column of the files (UTC timestamps). */
  readonly timestampColumn: string;
  readonly train: TrainerDataFile;
  readonly validation: TrainerDataFile;
  /** The job's run in driftguard's tracking backend, which holds the same files under `data/` (null: a backtest). */
  readonly run: {
    readonly runId: string;
    readonly experimentId: string;
    readonly artifactUri: string;
    /** Artifact paths of the files inside the run (`data/train.parquet` …). */
    readonly artifacts: { readonly train: string; readonly validation: string };
  } | null;
  /**
   * The MLflow tracking server the version is registered in (MLFLOW_TRACKING_URI of a command); null when driftguard
   * tracks to its local store, which a program outside driftguard cannot register in.
   */
  readonly trackingUri: string | null;
  /** How long the trainer may take (the time left of the job's maxTrainingMs, or less when the trainer says so). */
  readonly timeoutMs: number;
}

export interface TrainerOutcome {
  /** The version the user's pipeline registered, tagged with the job id. */
  readonly version: ModelVersion;
  /** What the trainer printed (a command's stdout and stderr interleaved, bounded); '' when there is none. */
  readonly output: string;
  /** One line: what ran and how it ended, e.g. `python3 train.py exited 0 after 12.4 s`. */
  readonly summary: string;
}

/** The user's pipeline failed, timed out or registered nothing; `outputTail` is the end of what it printed. */
export class TrainerError extends Error {
  override readonly name = 'TrainerError';

  constructor(
    readonly reason: string,
    readonly outputTail = '',
  ) {
    super(outputTail === '' ? reason : `${reason}; last output:\n${outputTail}`);
  }
}

/** Why a pipeline outside driftguard cannot register its version with the local tracking store. */
export const NEEDS_MLFLOW =
  'registers its version in MLflow, and driftguard tracks to its local store: run driftguard with an MLflow tracking server (MLFLOW_TRACKING_URI or tracking.uri)';

export interface ChallengerTrainer {
  /** What it is, for the job's story: `command python3 train.py`, `webhook https://ci.example/retrain`. */
  readonly description: string;
  train(job: TrainerJob): Promise<TrainerOutcome>;
}

/**
 * Links a webhook receiver can download a job's files from, served by driftguard with a one-job token until the job
 * ends (`revoke`). `urls` is null when driftguard does not know the URL it is reached at (server.publicUrl).
 */
export interface JobDataLinks {
  publish(
    jobId: string,
    files: readonly TrainerDataFile[],
  ): { readonly urls: Readonly<Record<string, string>> | null; revoke(): void };
}
