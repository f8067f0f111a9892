import { dataTableFromRows, type Cell } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { SchemaError } from '../domain/schema-error.js';
import { buildReferenceProfile } from '../drift/index.js';
import type { Clock } from '../ports/clock.js';
import type { EventBus } from '../ports/event-bus.js';
import type { JsonDocument, Store } from '../ports/store.js';
import type { MonitoredModels } from './monitored-models.js';
import { UnprocessableError } from './service-errors.js';

export interface ReferenceSummary {
  readonly model: string;
  readonly source: string;
  readonly rows: number;
  readonly features: readonly { readonly name: string; readonly kind: string }[];
  readonly createdAtMs: number;
}

/**
 * Setting a model's reference from uploaded rows: the schema is inferred with the model's declared features,
 * target, prediction and overrides, the bounded profile is built, and it becomes the reference in force (the
 * previous one stays in the store as history).
 */
export function createReferenceUpload(deps: { store: Store; models: MonitoredModels; clock: Clock; events: EventBus }) {
  return {
    async setFromRows(name: string, rows: readonly Readonly<Record<string, Cell>>[], by: string): Promise<ReferenceSummary> {
      const definition = (await deps.models.get(name)).definition;
      const table = dataTableFromRows(rows);
      const declared = definition.features === undefined ? null : Object.keys(definition.features);
      const roles = [definition.target, definition.prediction].filter((c): c is string => c !== undefined);
      const missing = [...(declared ?? []), ...roles].filter((c) => !table.columnNames.includes(c));
      if (missing.length > 0) {
        throw new UnprocessableError(
          `the reference lacks ${missing.length} declared column(s)`,
          missing.map((c) => ({ path: `/rows/0/${c}`, reason: 'declared by the model but absent from every row' })),
        );
      }
      let profile;
      try {
        const schema = inferSchema(table, {
          target: definition.target,
          prediction: definition.prediction,
          task: definition.task,
          overrides: definition.features,
          ignore: declared === null ? [] : table.columnNames.filter((c) => !declared.includes(c) && !roles.includes(c)),
        });
        profile = buildReferenceProfile(table, schema);
      } catch (error) {
        if (!(error instanceof SchemaError)) throw error;
        throw new UnprocessableError(`the reference cannot be profiled: ${error.message}`, [{ path: `/rows/${error.field}`, reason: error.reason }]);
      }
      const source = `upload by ${by}`;
      const stored = await deps.store.saveReferenceProfile(name, source, profile as unknown as JsonDocument, deps.clock.nowMs());
      deps.events.publish({ type: 'model', model: name, atMs: stored.createdAtMs, data: { event: 'reference_set', source, rows: rows.length } });
      return {
        model: name,
        source,
        rows: rows.length,
        features: profile.schema.features.map((f) => ({ name: f.name, kind: f.kind })),
        createdAtMs: stored.createdAtMs,
      };
    },
  };
}

export type ReferenceUpload = ReturnType<typeof createReferenceUpload>;
