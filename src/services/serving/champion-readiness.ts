import type { MonitoredModels } from '../monitored-models.js';
import type { ServingModels } from './serving-models.js';

export interface ChampionReadinessOptions {
  readonly models: MonitoredModels;
  readonly serving: ServingModels;
}

/**
 * Readiness of serving: every monitored model's champion is loaded, or can be loaded now, or the model has none
 * (logging-only). A model already served stays ready through a registry outage (it keeps serving what it loaded);
 * one whose champion cannot be loaded makes the replica not ready, the reason naming the model and the cause.
 */
export function createChampionReadiness(options: ChampionReadinessOptions) {
  return async function checkChampions(): Promise<void> {
    for (const { definition } of await options.models.list()) {
      if (options.serving.get(definition.name) !== null) continue;
      try {
        await options.serving.refresh(definition.name);
      } catch (error) {
        throw new Error(`model ${definition.name}: the champion cannot be loaded: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  };
}
