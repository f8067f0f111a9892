import type Database from 'better-sqlite3';
import type { MonitoredModelRepository } from '../../../ports/store.js';
import { type ModelRow, toModelRecord } from '../row-mapping.js';
import type { SqliteConnection } from './connection.js';
import { jsonColumnDecoder } from './json-columns.js';

const toRow = jsonColumnDecoder<ModelRow>('definition');

const prepare = (db: Database.Database) => ({
  upsert: db.prepare<[string, string, number, number]>(
    `INSERT INTO monitored_models (name, definition, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at_ms = excluded.updated_at_ms
     RETURNING *`,
  ),
  byName: db.prepare<[string]>('SELECT * FROM monitored_models WHERE name = ?'),
  all: db.prepare<[]>('SELECT * FROM monitored_models ORDER BY name'),
});

export function sqliteMonitoredModels({ writes, statements }: SqliteConnection): MonitoredModelRepository {
  const sql = statements(prepare);
  return {
    async saveModel(name, definition, nowMs) {
      const text = JSON.stringify(definition);
      return toModelRecord(toRow(await writes.enqueue(() => sql().upsert.get(name, text, nowMs, nowMs))));
    },
    async getModel(name) {
      const row = sql().byName.get(name);
      return row === undefined ? null : toModelRecord(toRow(row));
    },
    async listModels() {
      return sql()
        .all.all()
        .map((row) => toModelRecord(toRow(row)));
    },
  };
}
