import type { Clock } from '../ports/clock.js';
import type { MonitoredModelRecord, MonitoredModelRepository } from '../ports/store.js';
import { definitionProblems } from './config/definition-problems.js';
import { type MonitoredModelDefinition, storedDefinition } from './config/monitored-model-definition.js';
import { ConflictError, NotFoundError, UnprocessableError } from './service-errors.js';

export interface MonitoredModel {
  readonly definition: MonitoredModelDefinition;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** Refuses a definition that could never be evaluated (422 naming each path); nothing is stored. */
function assertEvaluable(definition: MonitoredModelDefinition): void {
  const problems = definitionProblems(definition);
  if (problems.length > 0)
    throw new UnprocessableError(
      `model ${definition.name} cannot be monitored as defined; nothing was stored`,
      problems,
    );
}

const toModel = (record: MonitoredModelRecord): MonitoredModel => ({
  definition: storedDefinition(record.name, record.definition),
  createdAtMs: record.createdAtMs,
  updatedAtMs: record.updatedAtMs,
});

/** How long a definition read from the store is reused before it is read again (another replica may replace it). */
export const DEFAULT_DEFINITION_CACHE_MS = 1000;

export interface MonitoredModelsOptions {
  readonly store: MonitoredModelRepository;
  readonly clock: Clock;
  readonly cacheMs?: number;
}

/**
 * Creating, replacing and reading monitored model definitions (validated at the edge by their schema). Reads are
 * cached for `cacheMs` (every logged batch and prediction reads its model); a create / replace through this instance
 * updates the cache at once, and a replacement made by another replica is seen within `cacheMs`.
 */
export function createMonitoredModels(options: MonitoredModelsOptions) {
  const { store, clock } = options;
  const cacheMs = options.cacheMs ?? DEFAULT_DEFINITION_CACHE_MS;
  const cache = new Map<string, { model: MonitoredModel; readAtMs: number }>();
  const remember = (record: MonitoredModelRecord): MonitoredModel => {
    const model = toModel(record);
    cache.set(record.name, { model, readAtMs: clock.nowMs() });
    return model;
  };
  return {
    async create(definition: MonitoredModelDefinition): Promise<MonitoredModel> {
      assertEvaluable(definition);
      if ((await store.getModel(definition.name)) !== null) {
        throw new ConflictError(
          `model ${definition.name} already exists; PUT /v1/models/${definition.name} replaces it`,
          [{ path: '/name', reason: 'already exists' }],
        );
      }
      return remember(await store.saveModel(definition.name, definition, clock.nowMs()));
    },
    async replace(definition: MonitoredModelDefinition): Promise<MonitoredModel> {
      assertEvaluable(definition);
      return remember(await store.saveModel(definition.name, definition, clock.nowMs()));
    },
    async get(name: string): Promise<MonitoredModel> {
      const cached = cache.get(name);
      if (cached !== undefined && clock.nowMs() - cached.readAtMs < cacheMs) return cached.model;
      const record = await store.getModel(name);
      if (record === null)
        throw new NotFoundError(`no monitored model named ${name}`, [{ path: '/name', reason: 'unknown model' }]);
      return remember(record);
    },
    async list(): Promise<MonitoredModel[]> {
      return (await store.listModels()).map(toModel);
    },
  };
}

export type MonitoredModels = ReturnType<typeof createMonitoredModels>;
