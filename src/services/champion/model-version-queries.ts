import type { ModelRegistry, ModelVersion } from '../../ports/model-registry.js';
import type { TrackingStore } from '../../ports/tracking-store.js';
import type { MonitoredModels } from '../monitored-models.js';

export interface ModelVersionView {
  readonly version: string;
  readonly aliases: readonly string[];
  readonly runId: string;
  readonly source: string;
  readonly status: string;
  readonly createdAtMs: number;
  readonly tags: Readonly<Record<string, string>>;
  /** The run's final metrics (validation.* / test.* …); empty when the run cannot be read. */
  readonly metrics: Readonly<Record<string, number>>;
}

export interface ModelVersionQueriesOptions {
  readonly models: MonitoredModels;
  readonly registry: ModelRegistry;
  readonly tracking: TrackingStore;
}

/** A monitored model's registry versions, newest first, with aliases, tags and their run's metrics. */
export function createModelVersionQueries(options: ModelVersionQueriesOptions) {
  async function view(v: ModelVersion): Promise<ModelVersionView> {
    const metrics = await options.tracking.getRun(v.runId).then(
      (run) => run.metrics,
      () => ({}),
    );
    return {
      version: v.version,
      aliases: v.aliases,
      runId: v.runId,
      source: v.source,
      status: v.status,
      createdAtMs: v.creationTimeMs,
      tags: v.tags,
      metrics,
    };
  }
  return {
    async list(name: string): Promise<ModelVersionView[]> {
      await options.models.get(name);
      if ((await options.registry.getRegisteredModel(name)) === null) return [];
      const versions = [...(await options.registry.listModelVersions(name))].sort(
        (a, b) => Number(b.version) - Number(a.version),
      );
      return Promise.all(versions.map(view));
    },
  };
}

export type ModelVersionQueries = ReturnType<typeof createModelVersionQueries>;
