import type { MonitoredModelRepository } from '../../../ports/store.js';
import { type ModelRow, toModelRecord } from '../row-mapping.js';
import { named, type PostgresConnection } from './connection.js';

const SQL = {
  upsert: named(
    'monitored-models.upsert',
    `INSERT INTO monitored_models (name, definition, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at_ms = excluded.updated_at_ms
     RETURNING *`,
  ),
  byName: named('monitored-models.by-name', 'SELECT * FROM monitored_models WHERE name = $1'),
  all: named('monitored-models.all', 'SELECT * FROM monitored_models ORDER BY name'),
};

export function postgresMonitoredModels({ pool }: PostgresConnection): MonitoredModelRepository {
  return {
    async saveModel(name, definition, nowMs) {
      const text = JSON.stringify(definition);
      return toModelRecord((await pool.query<ModelRow>(SQL.upsert([name, text, nowMs, nowMs]))).rows[0]);
    },
    async getModel(name) {
      const row = (await pool.query<ModelRow>(SQL.byName([name]))).rows[0];
      return row === undefined ? null : toModelRecord(row);
    },
    async listModels() {
      return (await pool.query<ModelRow>(SQL.all())).rows.map(toModelRecord);
    },
  };
}
