/**
 * The experiment-tracking port (MLflow's tracking model): experiments hold runs; a run has params, metrics with
 * history, tags, dataset inputs and artifacts. Implemented by the MLflow REST adapter and the local SQLite adapter.
 * Every method is async; failures are TrackingError.
 */

export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED' | 'SCHEDULED';

export interface Experiment {
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string;
  readonly lifecycleStage: 'active' | 'deleted';
}

export interface Param {
  readonly key: string;
  readonly value: string;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** One metric observation; `timestampMs` is epoch milliseconds, `step` defaults to 0. */
export interface Metric {
  readonly key: string;
  readonly value: number;
  readonly timestampMs: number;
  readonly step: number;
}

/** What a batch log call carries; any part may be empty. Adapters split it to the backend's per-request limits. */
export interface RunLogBatch {
  readonly params?: readonly Param[];
  readonly metrics?: readonly Metric[];
  readonly tags?: readonly Tag[];
}

/**
 * A dataset the run consumed (MLflow `DatasetInput`): `context` becomes the `mlflow.data.context` tag
 * (`training` / `validation` / `test`), `digest` identifies the exact rows (e.g. a SHA-256 prefix of the window).
 */
export interface DatasetInput {
  readonly name: string;
  readonly digest: string;
  readonly context: string;
  readonly sourceType: string;
  readonly source: string;
  /** JSON text, MLflow's dataset schema field. */
  readonly schema?: string;
  /** JSON text, MLflow's dataset profile field (e.g. `{"num_rows": 1200}`). */
  readonly profile?: string;
}

export interface RunInfo {
  readonly runId: string;
  readonly experimentId: string;
  readonly runName: string;
  readonly status: RunStatus;
  readonly startTimeMs: number;
  readonly endTimeMs: number | null;
  /** Where the run's artifacts live, e.g. `mlflow-artifacts:/1/<runId>/artifacts` or `file:///…/artifacts`. */
  readonly artifactUri: string;
}

export interface Run {
  readonly info: RunInfo;
  readonly params: Readonly<Record<string, string>>;
  /** Latest value of each metric (the highest step, then the latest timestamp). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly inputs: readonly DatasetInput[];
}

export interface CreateRunOptions {
  readonly experimentId: string;
  readonly runName: string;
  readonly startTimeMs: number;
  readonly tags?: readonly Tag[];
}

export interface SearchRunsOptions {
  /** MLflow search syntax, e.g. `metrics.auc > 0.8 and tags.trigger = 'drift'`; the local adapter supports `attributes.status`, `tags.X`, `params.X`, `metrics.X` with `=`, `!=`, `>`, `<`, `>=`, `<=` joined by `and`. */
  readonly filter?: string;
  /** Default 100. */
  readonly maxResults?: number;
}

export interface ArtifactEntry {
  /** Path relative to the run's artifact root, `/`-separated. */
  readonly path: string;
  readonly isDir: boolean;
  readonly fileSizeBytes: number | null;
}

/** An in-memory file to upload; `path` is relative (no `..`, no leading `/`). */
export interface ArtifactFile {
  readonly path: string;
  readonly content: Uint8Array | string;
}

export interface TrackingStore {
  /** Experiment by name, or null. A deleted experiment is returned with `lifecycleStage: 'deleted'`. */
  getExperimentByName(name: string): Promise<Experiment | null>;
  /** The active experiment of that name, created if missing; a deleted one of the same name is restored (MLflow keeps deleted names reserved). */
  ensureExperiment(name: string): Promise<Experiment>;
  deleteExperiment(experimentId: string): Promise<void>;

  createRun(options: CreateRunOptions): Promise<RunInfo>;
  getRun(runId: string): Promise<Run>;
  logBatch(runId: string, batch: RunLogBatch): Promise<void>;
  logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void>;
  /** Full history of one metric, ordered by step then timestamp. */
  getMetricHistory(runId: string, key: string): Promise<readonly Metric[]>;
  /** Ends the run: status FINISHED or FAILED (KILLED allowed), with its end time. */
  terminateRun(runId: string, status: 'FINISHED' | 'FAILED' | 'KILLED', endTimeMs: number): Promise<void>;
  /** Runs of the experiments, newest start first. */
  searchRuns(experimentIds: readonly string[], options?: SearchRunsOptions): Promise<readonly Run[]>;

  /** Uploads in-memory files under `artifactPath` (default: the run's artifact root). */
  logArtifacts(runId: string, files: readonly ArtifactFile[], artifactPath?: string): Promise<void>;
  /** Uploads a local file or a whole local directory (recursively) under `artifactPath`. */
  logArtifactPath(runId: string, localPath: string, artifactPath?: string): Promise<void>;
  /** Direct children of `path` (default: the root). */
  listArtifacts(runId: string, path?: string): Promise<readonly ArtifactEntry[]>;
  /** The bytes of one artifact file. */
  readArtifact(runId: string, path: string): Promise<Uint8Array>;
  /** Downloads a file or directory (recursively) into `localDir`; returns the local path of the downloaded entry. */
  downloadArtifacts(runId: string, path: string, localDir: string): Promise<string>;
}
