/**
 * Logs one training / retraining run to a tracking backend and optionally registers its model — the use case behind
 * `driftguard train --tracking-uri … --experiment … --register … --alias …` and the retraining job.
 *
 * Consistency (issue 5): the model version is created only after every artifact is uploaded; any failure before
 * that (including an upload) tags the run with `driftguard.error`, ends it FAILED, registers nothing and rethrows
 * the TrackingError (an MLflow outage stays `retryable`).
 */
import type { ModelRegistry, ModelVersion } from '../../ports/model-registry.js';
import { TrackingError } from '../../ports/tracking-error.js';
import type { ArtifactFile, DatasetInput, Metric, TrackingStore } from '../../ports/tracking-store.js';
import { promoteVersion } from '../champion/alias-moves.js';

/** Artifact directory of the model inside the run (`<artifactUri>/model`). */
export const MODEL_ARTIFACT_PATH = 'model';

export interface TrackModelRunOptions {
  readonly tracking: TrackingStore;
  readonly registry: ModelRegistry;
  readonly experimentName: string;
  readonly runName: string;
  /** Epoch ms; default Date.now. */
  readonly nowMs?: () => number;
  /** Hyper-parameters and settings; numbers / booleans are stringified. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** Final metrics (step 0) as a record, or full Metric entries with steps (learning curves). */
  readonly metrics?: Readonly<Record<string, number>> | readonly Metric[];
  readonly tags?: Readonly<Record<string, string>>;
  /** Training / validation / test windows with their digests. */
  readonly datasets?: readonly DatasetInput[];
  /** The model directory (MLmodel, model.onnx, …; see buildMlflowModelDirectory), uploaded under `model/`. */
  readonly modelFiles: readonly ArtifactFile[];
  /** Other run artifacts at the run's artifact root (reports …). */
  readonly extraArtifacts?: readonly ArtifactFile[];
  /** Register the model as a new version of this registered model. */
  readonly register?: {
    readonly modelName: string;
    readonly versionTags?: Readonly<Record<string, string>>;
    readonly description?: string;
    /** Point this alias (e.g. `champion` or `challenger`) at the new version, recording who / why. */
    readonly alias?: string;
    readonly by?: string;
    readonly reason?: string;
  };
}

export interface TrackedModelRun {
  readonly experimentId: string;
  readonly runId: string;
  readonly artifactUri: string;
  /** Where the model directory landed: `<artifactUri>/model`. */
  readonly modelSource: string;
  readonly version: ModelVersion | null;
}

const toTags = (record: Readonly<Record<string, string>> | undefined) =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));

export async function trackModelRun(options: TrackModelRunOptions): Promise<TrackedModelRun> {
  const { tracking, registry } = options;
  const nowMs = options.nowMs ?? Date.now;
  if (options.modelFiles.length === 0) {
    throw new TrackingError('trackModelRun: modelFiles is empty (expected at least MLmodel and model.onnx)', {
      kind: 'invalid',
      operation: 'trackModelRun',
    });
  }
  const experiment = await tracking.ensureExperiment(options.experimentName);
  const run = await tracking.createRun({
    experimentId: experiment.experimentId,
    runName: options.runName,
    startTimeMs: nowMs(),
    tags: toTags(options.tags),
  });
  const modelSource = `${run.artifactUri.replace(/\/+$/, '')}/${MODEL_ARTIFACT_PATH}`;
  let version: ModelVersion | null = null;
  try {
    const timestampMs = nowMs();
    const metrics: Metric[] = Array.isArray(options.metrics)
      ? [...(options.metrics as readonly Metric[])]
      : Object.entries((options.metrics ?? {}) as Record<string, number>).map(([key, value]) => ({
          key,
          value,
          timestampMs,
          step: 0,
        }));
    await tracking.logBatch(run.runId, {
      params: Object.entries(options.params ?? {}).map(([key, value]) => ({ key, value: String(value) })),
      metrics,
    });
    if (options.datasets?.length) await tracking.logInputs(run.runId, options.datasets);
    await tracking.logArtifacts(run.runId, options.modelFiles, MODEL_ARTIFACT_PATH);
    if (options.extraArtifacts?.length) await tracking.logArtifacts(run.runId, options.extraArtifacts);
    const register = options.register;
    if (register) {
      await registry.ensureRegisteredModel(register.modelName);
      version = await registry.createModelVersion({
        name: register.modelName,
        source: modelSource,
        runId: run.runId,
        tags: toTags(register.versionTags),
        ...(register.description ? { description: register.description } : {}),
      });
      await tracking.logBatch(run.runId, {
        tags: [{ key: 'driftguard.registered_version', value: `${register.modelName}/${version.version}` }],
      });
      if (register.alias) {
        await promoteVersion(registry, register.modelName, version.version, {
          alias: register.alias,
          by: register.by ?? 'driftguard',
          reason: register.reason ?? `registered by run ${run.runId}`,
          atMs: nowMs(),
        });
        version = (await registry.getModelVersion(register.modelName, version.version)) ?? version;
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await tracking
      .logBatch(run.runId, { tags: [{ key: 'driftguard.error', value: message.slice(0, 4000) }] })
      .catch(() => undefined);
    await tracking.terminateRun(run.runId, 'FAILED', nowMs()).catch(() => undefined);
    throw error;
  }
  await tracking.terminateRun(run.runId, 'FINISHED', nowMs());
  return {
    experimentId: experiment.experimentId,
    runId: run.runId,
    artifactUri: run.artifactUri,
    modelSource,
    version,
  };
}
