import { parseReferenceProfile, type ReferenceProfile } from '../../drift/index.js';
import { type FittedModel, loadModel } from '../../models/index.js';
import type { Clock } from '../../ports/clock.js';
import { CHAMPION_ALIAS, type ModelRegistry, type ModelVersion } from '../../ports/model-registry.js';
import type { TrackingStore } from '../../ports/tracking-store.js';
import { MODEL_ARTIFACT_PATH } from '../tracking/track-model-run.js';

/** The model version a monitored model serves right now. */
export interface ServingModel {
  readonly name: string;
  readonly version: string;
  readonly runId: string;
  readonly model: FittedModel;
  readonly loadedAtMs: number;
}

export interface LoadedChampion {
  readonly serving: ServingModel;
  /** The version's reference profile artifact (its training data), when it has one. */
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
}

/**
 * Which version each monitored model serves, loaded from the model registry (alias `champion`) and the run's
 * `model/driftguard-model.json` artifact. Swaps are atomic: a request sees the old or the new model, never neither.
 */
export function createServingModels(options: ServingModelsOptions) {
  const serving = new Map<string, ServingModel>();
  /** The reference profile artifact of each served version (null: it has none). */
  const references = new Map<string, ReferenceProfile | null>();

  async function load(version: ModelVersion): Promise<Omit<LoadedChampion, 'changed' | 'previousVersion'>> {
    const modelJson = decode(
      await options.tracking.readArtifact(version.runId, `${MODEL_ARTIFACT_PATH}/driftguard-model.json`),
    );
    const model = loadModel(modelJson);
    let referenceProfile: ReferenceProfile | null = null;
    const files = await options.tracking.listArtifacts(version.runId, MODEL_ARTIFACT_PATH);
    if (files.some((f) => f.path.endsWith('reference-profile.json'))) {
      referenceProfile = parseReferenceProfile(
        JSON.parse(
          decode(await options.tracking.readArtifact(version.runId, `${MODEL_ARTIFACT_PATH}/reference-profile.json`)),
        ),
      );
    }
    return {
      serving: {
        name: version.name,
        version: version.version,
        runId: version.runId,
        model,
        loadedAtMs: options.clock.nowMs(),
      },
      referenceProfile,
    };
  }

  return {
    get(name: string): ServingModel | null {
      return serving.get(name) ?? null;
    },
    /** Loads the registry's champion when it differs from what is served; null when the model has no champion. */
    async refresh(name: string): Promise<LoadedChampion | null> {
      const champion = await options.registry.getVersionByAlias(name, CHAMPION_ALIAS);
      if (champion === null) return null;
      const current = serving.get(name);
      if (current !== undefined && current.version === champion.version) {
        return {
          serving: current,
          referenceProfile: references.get(name) ?? null,
          changed: false,
          previousVersion: current.version,
        };
      }
      const loaded = await load(champion);
      serving.set(name, loaded.serving);
      references.set(name, loaded.referenceProfile);
      return { ...loaded, changed: true, previousVersion: current?.version ?? null };
    },
  };
}

export type ServingModels = ReturnType<typeof createServingModels>;
