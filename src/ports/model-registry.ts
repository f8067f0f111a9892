/**
 * The model-registry port (MLflow Model Registry model): a registered model has numbered versions, each pointing at
 * a run's model artifact directory; aliases (`champion`, `challenger`) name versions. Promotion and rollback are
 * services built on these primitives (src/services/champion/alias-moves.ts), identical on every adapter.
 * Every method is async; failures are TrackingError.
 */
import type { Tag } from './tracking-store.js';

export const CHAMPION_ALIAS = 'champion';
export const CHALLENGER_ALIAS = 'challenger';

export interface RegisteredModel {
  readonly name: string;
  readonly creationTimeMs: number;
  readonly tags: Readonly<Record<string, string>>;
  /** alias → version */
  readonly aliases: Readonly<Record<string, string>>;
}

export interface ModelVersion {
  readonly name: string;
  /** MLflow's version number as a decimal string ("1", "2", …). */
  readonly version: string;
  readonly source: string;
  readonly runId: string;
  readonly status: string;
  readonly creationTimeMs: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases: readonly string[];
}

export interface CreateModelVersionOptions {
  readonly name: string;
  /** The run's model artifact location, e.g. `mlflow-artifacts:/1/<runId>/artifacts/model`. */
  readonly source: string;
  readonly runId: string;
  readonly tags?: readonly Tag[];
  readonly description?: string;
}

export interface ModelRegistry {
  /** The registered model, created if missing (idempotent). */
  ensureRegisteredModel(name: string): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel | null>;
  listRegisteredModels(): Promise<readonly RegisteredModel[]>;
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>;

  createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion>;
  getModelVersion(name: string, version: string): Promise<ModelVersion | null>;
  /** All versions of a model, highest version first. */
  listModelVersions(name: string): Promise<readonly ModelVersion[]>;
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>;

  setAlias(name: string, alias: string, version: string): Promise<void>;
  /** The version the alias points at, or null when the alias is not set. */
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion | null>;
  /** Removes the alias; a no-op when it is not set. */
  deleteAlias(name: string, alias: string): Promise<void>;

  /**
   * Downloads the files of a version's model directory (`MLmodel`, the model file, …) into `localDir` (created),
   * wherever its `source` points — MLflow: an MLflow 3 logged model (`models:/m-…`, what `mlflow.<flavor>.log_model`
   * registers), `runs:/<run>/<path>` or `mlflow-artifacts:/…`; local: a `file:` URI or an absolute path — and returns
   * `localDir`. A missing version → not_found; a source the backend cannot reach → invalid.
   */
  downloadModelVersion(name: string, version: string, localDir: string): Promise<string>;
}
