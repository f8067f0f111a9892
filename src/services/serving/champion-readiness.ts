import type { MonitoredModels } from '../monitored-models.js';
import type { ServingModels } from './serving-models.js';

export interface ChampionReadinessOptions {
  readonly models: MonitoredModels;
  readonly serving: ServingModels;
}

/**
 * Readiness of serving: every monitored model's champion is loaded, or can be loaded now, or the model has none
 * (logging-only), and the served model can answer (`health()`: an endpoint that is down or whose circuit is open is
 * not ready). A model already served stays ready through a registry outage (it keeps serving what it loaded); one
 * whose champion cannot be loaded or cannot answer makes the replica not ready, the reason naming the model and the
 * cause.
 */
export function createChampionReadiness(options: ChampionReadinessOptions) {
  return async function checkChampions(): Promise<void> {
    for (const { definition } of await options.models.list()) {
      let served = options.serving.get(definition.name);
      if (served === null) {
        try {
          served = (await options.serving.refresh(definition.name))?.serving ?? null;
        } catch (error) {
          throw new Error(`model ${definition.name}: the champion cannot be loaded: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }
      if (served === null) continue;
      const health = await served.model.inference.health();
      if (!health.ready)
        throw new Error(`model ${definition.name} (version ${served.version}) cannot answer: ${health.reason}`);
    }
  };
}
