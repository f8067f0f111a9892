import type { Clock } from '../ports/clock.js';
import type { MonitoredModelRecord, Store } from '../ports/store.js';
import type { MonitoredModelDefinition } from './monitored-model-definition.js';
import { ConflictError, NotFoundError } from './service-errors.js';

export interface MonitoredModel {
  readonly definition: MonitoredModelDefinition;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

const toModel = (record: MonitoredModelRecord): MonitoredModel => ({
  definition: record.definition as MonitoredModelDefinition,
  createdAtMs: record.createdAtMs,
  updatedAtMs: record.updatedAtMs,
});

/** Creating, replacing and reading monitored model definitions (validated at the edge by their schema). */
export function createMonitoredModels(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  return {
    async create(definition: MonitoredModelDefinition): Promise<MonitoredModel> {
      if ((await store.getModel(definition.name)) !== null) {
        throw new ConflictError(`model ${definition.name} already exists; PUT /v1/models/${definition.name} replaces it`, [
          { path: '/name', reason: 'already exists' },
        ]);
      }
      return toModel(await store.saveModel(definition.name, definition, clock.nowMs()));
    },
    async replace(definition: MonitoredModelDefinition): Promise<MonitoredModel> {
      return toModel(await store.saveModel(definition.name, definition, clock.nowMs()));
    },
    async get(name: string): Promise<MonitoredModel> {
      const record = await store.getModel(name);
      if (record === null) throw new NotFoundError(`no monitored model named ${name}`, [{ path: '/name', reason: 'unknown model' }]);
      return toModel(record);
    },
    async list(): Promise<MonitoredModel[]> {
      return (await store.listModels()).map(toModel);
    },
  };
}

export type MonitoredModels = ReturnType<typeof createMonitoredModels>;
