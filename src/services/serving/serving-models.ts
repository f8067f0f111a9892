import { parseReferenceProfile, type ReferenceProfile } from '../../drift/index.js';
import { loadModel } from '../../models/index.js';
import type { Clock } from '../../ports/clock.js';
import type { InferenceModelSource } from '../../ports/inference-model-source.js';
import { CHAMPION_ALIAS, type ModelRegistry, type ModelVersion } from '../../ports/model-registry.js';
import { TrackingError } from '../../ports/tracking-error.js';
import type { TrackingStore } from '../../ports/tracking-store.js';
import type { MonitoredModelDefinition } from '../config/monitored-model-definition.js';
import type { MonitoredModels } from '../monitored-models.js';
import { MODEL_ARTIFACT_PATH } from '../tracking/track-model-run.js';
import { endpointServedModel, onnxServedModel } from './load-served-model.js';
import { type ServedModel, servedFittedModel } from './served-model.js';

/**
 * Tag of a registry version whose drift reference driftguard built (the training rows of the retraining job that
 * produced it): the run holding `reference/reference-profile.json`.
 */
export const REFERENCE_RUN_TAG = 'driftguard.reference_run';
export const REFERENCE_PROFILE_ARTIFACT = 'reference/reference-profile.json';
/** The version label of predictions served by an endpoint while the registry names no champion. */
export const ENDPOINT_VERSION = 'endpoint';

/** The model version a monitored model serves right now. */
export interface ServingModel {
  readonly name: string;
  readonly version: string;
  /** The version's run ('' when the registry has none, e.g. an endpoint without a champion). */
  readonly runId: string;
  readonly model: ServedModel;
  readonly loadedAtMs: number;
}

export interface LoadedChampion {
  readonly serving: ServingModel;
  /** The version's reference profile (its training data), when it has one. */
  readonly referenceProfile: ReferenceProfile | null;
  /** True when this load replaced what was served before (or served nothing). */
  readonly changed: boolean;
  /** The version this process served before this load; null on its first load (start-up), when nothing moved. */
  readonly previousVersion: string | null;
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export interface ServingModelsOptions {
  readonly registry: ModelRegistry;
  readonly tracking: TrackingStore;
  readonly clock: Clock;
  /** The monitored models' `serving` declarations and feature order (absent: every model is served from the registry). */
  readonly models?: MonitoredModels;
  /** Loads versions driftguard did not train and endpoint models (absent: only driftguard models can be served). */
  readonly inference?: InferenceModelSource;
  /** One line per load of a model driftguard did not train: positive class, class labels, graph changes. */
  readonly log?: (line: string) => void;
  /** How long a replaced model stays open for requests that already hold it (default 30 s). */
  readonly closeDelayMs?: number;
}

/** What decides how a model is served, beside its version: a change reloads it. */
const declarationKey = (definition: MonitoredModelDefinition | null): string =>
  JSON.stringify([definition?.serving ?? null, definition?.featureOrder ?? null, definition?.task ?? null]);

/**
 * Which version each monitored model serves, and how: the registry's `champion` version — driftguard's own model
 * (`model/driftguard-model.json` in its run), or any version with an `onnx` flavor (downloaded, mapping inferred) —
 * or the user's endpoint when the definition says `serving.type: endpoint`. Swaps are atomic: a request sees the old
 * or the new model, never neither; the old one is closed a while later.
 */
export function createServingModels(options: ServingModelsOptions) {
  const serving = new Map<string, ServingModel>();
  const keys = new Map<string, string>();
  /** The reference profile artifact of each served version (null: it has none). */
  const references = new Map<string, ReferenceProfile | null>();
  const closeDelayMs = options.closeDelayMs ?? 30_000;

  async function definitionOf(name: string): Promise<MonitoredModelDefinition | null> {
    return options.models === undefined ? null : (await options.models.get(name)).definition;
  }

  async function readJsonArtifact(runId: string, path: string): Promise<unknown> {
    return JSON.parse(decode(await options.tracking.readArtifact(runId, path)));
  }

  /** The run's `model/` files when driftguard wrote them; null for a version driftguard did not train. */
  async function driftguardFiles(version: ModelVersion): Promise<string[] | null> {
    if (version.runId === '') return null;
    try {
      const files = (await options.tracking.listArtifacts(version.runId, MODEL_ARTIFACT_PATH)).map((f) => f.path);
      return files.some((p) => p.endsWith('driftguard-model.json')) ? files : null;
    } catch (error) {
      if (error instanceof TrackingError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  /** The version's reference: its own training profile (driftguard models), or the one a retraining job built. */
  async function referenceOf(version: ModelVersion | null, files: string[] | null): Promise<ReferenceProfile | null> {
    if (version === null) return null;
    if (files?.some((p) => p.endsWith('reference-profile.json')))
      return parseReferenceProfile(
        await readJsonArtifact(version.runId, `${MODEL_ARTIFACT_PATH}/reference-profile.json`),
      );
    const run = version.tags[REFERENCE_RUN_TAG];
    return run === undefined ? null : parseReferenceProfile(await readJsonArtifact(run, REFERENCE_PROFILE_ARTIFACT));
  }

  async function load(
    name: string,
    version: ModelVersion | null,
    definition: MonitoredModelDefinition | null,
    role: 'champion' | 'challenger' = 'champion',
  ) {
    let model: ServedModel;
    let files: string[] | null = null;
    if (definition?.serving?.type === 'endpoint') {
      model = endpointServedModel(requireSource(name), definition, definition.serving);
    } else if (version === null) {
      return null;
    } else if ((files = await driftguardFiles(version)) !== null) {
      model = servedFittedModel(
        loadModel(
          decode(await options.tracking.readArtifact(version.runId, `${MODEL_ARTIFACT_PATH}/driftguard-model.json`)),
        ),
      );
    } else {
      model = await onnxServedModel(requireSource(name), name, version.version, definition);
    }
    if (model.flavor !== 'driftguard')
      options.log?.(
        `model ${name} version ${version?.version ?? ENDPOINT_VERSION}${role === 'challenger' ? ' (challenger, loaded to be judged)' : ''}: ${describe(model)}${model.notes.length > 0 ? `; ${model.notes.join('; ')}` : ''}`,
      );
    return {
      serving: {
        name,
        version: version?.version ?? ENDPOINT_VERSION,
        runId: version?.runId ?? '',
        model,
        loadedAtMs: options.clock.nowMs(),
      },
      referenceProfile: await referenceOf(version, files),
    };
  }

  function requireSource(name: string): InferenceModelSource {
    if (options.inference === undefined)
      throw new Error(
        `model ${name}: its champion was not trained by driftguard and no inference source is configured`,
      );
    return options.inference;
  }

  function retire(old: ServingModel | undefined): void {
    if (old === undefined || old.model.flavor === 'driftguard') return;
    setTimeout(() => void old.model.inference.close().catch(() => undefined), closeDelayMs).unref();
  }

  return {
    get(name: string): ServingModel | null {
      return serving.get(name) ?? null;
    },
    /**
     * Loads the registry's champion (or the declared endpoint) when it differs from what is served; null when the
     * model has nothing to serve (no champion, no endpoint).
     */
    async refresh(name: string): Promise<LoadedChampion | null> {
      const definition = await definitionOf(name);
      const endpoint = definition?.serving?.type === 'endpoint';
      // An endpoint serves without the registry: its champion only names the version predictions are logged with.
      const champion = await options.registry
        .getVersionByAlias(name, CHAMPION_ALIAS)
        .catch((error: unknown) => (endpoint ? null : Promise.reject(error)));
      if (champion === null && !endpoint) return null;
      const current = serving.get(name);
      const key = declarationKey(definition);
      const version = champion?.version ?? ENDPOINT_VERSION;
      if (current !== undefined && current.version === version && keys.get(name) === key) {
        return {
          serving: current,
          referenceProfile: references.get(name) ?? null,
          changed: false,
          previousVersion: current.version,
        };
      }
      const loaded = await load(name, champion, definition);
      if (loaded === null) return null;
      serving.set(name, loaded.serving);
      keys.set(name, key);
      references.set(name, loaded.referenceProfile);
      retire(current);
      return { ...loaded, changed: true, previousVersion: current?.version ?? null };
    },
    /** Loads a registry version as it would be served (the challenger of a retraining job), outside the swap. */
    async loadVersion(name: string, version: ModelVersion): Promise<ServedModel> {
      const definition = await definitionOf(name);
      // An endpoint serves the champion only: a registry version is run from its own files.
      const plain = definition?.serving?.type === 'endpoint' ? { ...definition, serving: undefined } : definition;
      const loaded = await load(name, version, plain, 'challenger');
      return (loaded as NonNullable<typeof loaded>).serving.model;
    },
  };
}

function describe(model: ServedModel): string {
  const how =
    model.flavor === 'endpoint' ? 'served through its HTTP scoring endpoint' : 'served in-process from its onnx flavor';
  if (model.task === 'regression') return `${how}; regression`;
  if (model.classLabels === null)
    return `${how}; score = the answer's probability of the positive class (serving.classLabels names the columns)`;
  return `${how}; positive class ${JSON.stringify(model.positiveClass)} of ${JSON.stringify(model.classLabels)}`;
}

export type ServingModels = ReturnType<typeof createServingModels>;
