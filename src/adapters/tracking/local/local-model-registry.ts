/** ModelRegistry on the local SQLite tracking database (same semantics as MLflow's Model Registry). */
import type Database from 'better-sqlite3';
import type { ModelRegistry, ModelVersion, RegisteredModel } from '../../../ports/model-registry.js';
import { TrackingError } from '../../../ports/tracking-error.js';
import { TRACKING_LIMITS, validateAlias } from '../../../ports/tracking-validation.js';
import { copyLocalModelSource } from './local-model-source.js';

interface VersionRow {
  name: string;
  version: number;
  source: string;
  run_id: string;
  status: string;
  creation_time: number;
}

export interface LocalModelRegistryOptions {
  readonly db: Database.Database;
  /** Clock for creation times; default Date.now. */
  readonly nowMs?: () => number;
}

const notFound = (operation: string, what: string) =>
  new TrackingError(`${operation}: ${what} not found`, { kind: 'not_found', operation });

function checkTagKey(operation: string, key: string): void {
  if (!key || key.length > TRACKING_LIMITS.maxKeyLength) {
    throw new TrackingError(
      `${operation}: tag key ${JSON.stringify(key)} must be 1–${TRACKING_LIMITS.maxKeyLength} chars`,
      { kind: 'invalid', operation },
    );
  }
}

export function createLocalModelRegistry(options: LocalModelRegistryOptions): ModelRegistry {
  const { db } = options;
  const nowMs = options.nowMs ?? Date.now;

  const pairs = (sql: string, ...args: (string | number)[]) =>
    Object.fromEntries(
      db
        .prepare<(string | number)[], { key: string; value: string }>(sql)
        .all(...args)
        .map((r) => [r.key, r.value]),
    );

  function loadModel(name: string): RegisteredModel | null {
    const row = db
      .prepare<[string], { name: string; creation_time: number }>('SELECT * FROM registered_models WHERE name = ?')
      .get(name);
    if (!row) return null;
    return {
      name: row.name,
      creationTimeMs: row.creation_time,
      tags: pairs('SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key', name),
      aliases: Object.fromEntries(
        db
          .prepare<[string], { alias: string; version: number }>(
            'SELECT alias, version FROM aliases WHERE name = ? ORDER BY alias',
          )
          .all(name)
          .map((a) => [a.alias, String(a.version)]),
      ),
    };
  }

  function requireModel(name: string, operation: string): void {
    if (!db.prepare('SELECT 1 FROM registered_models WHERE name = ?').get(name))
      throw notFound(operation, `registered model "${name}"`);
  }

  function toVersion(row: VersionRow): ModelVersion {
    return {
      name: row.name,
      version: String(row.version),
      source: row.source,
      runId: row.run_id,
      status: row.status,
      creationTimeMs: row.creation_time,
      tags: pairs(
        'SELECT key, value FROM model_version_tags WHERE name = ? AND version = ? ORDER BY key',
        row.name,
        row.version,
      ),
      aliases: db
        .prepare<[string, number], { alias: string }>(
          'SELECT alias FROM aliases WHERE name = ? AND version = ? ORDER BY alias',
        )
        .all(row.name, row.version)
        .map((a) => a.alias),
    };
  }

  function loadVersion(name: string, version: string): ModelVersion | null {
    const row = db
      .prepare<[string, number], VersionRow>('SELECT * FROM model_versions WHERE name = ? AND version = ?')
      .get(name, Number(version));
    return row ? toVersion(row) : null;
  }

  function requireVersion(name: string, version: string, operation: string): void {
    requireModel(name, operation);
    if (!/^\d+$/.test(version) || !loadVersion(name, version))
      throw notFound(operation, `version ${version} of model "${name}"`);
  }

  return {
    async ensureRegisteredModel(name) {
      if (!name || name.length > 256)
        throw new TrackingError('ensureRegisteredModel: name must be 1–256 chars', {
          kind: 'invalid',
          operation: 'ensureRegisteredModel',
        });
      db.prepare('INSERT OR IGNORE INTO registered_models (name, creation_time) VALUES (?, ?)').run(name, nowMs());
      return loadModel(name) as RegisteredModel;
    },

    async getRegisteredModel(name) {
      return loadModel(name);
    },

    async listRegisteredModels() {
      return db
        .prepare<[], { name: string }>('SELECT name FROM registered_models ORDER BY name')
        .all()
        .map((r) => loadModel(r.name) as RegisteredModel);
    },

    async setRegisteredModelTag(name, key, value) {
      checkTagKey('setRegisteredModelTag', key);
      requireModel(name, 'setRegisteredModelTag');
      db.prepare('INSERT OR REPLACE INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)').run(
        name,
        key,
        value,
      );
    },

    async createModelVersion({ name, source, runId, tags = [], description = '' }) {
      requireModel(name, 'createModelVersion');
      for (const tag of tags) checkTagKey('createModelVersion', tag.key);
      const version = db.transaction(() => {
        const next = (
          db
            .prepare<[string], { n: number }>(
              'SELECT COALESCE(MAX(version), 0) + 1 AS n FROM model_versions WHERE name = ?',
            )
            .get(name) as { n: number }
        ).n;
        db.prepare(
          "INSERT INTO model_versions (name, version, source, run_id, status, description, creation_time) VALUES (?, ?, ?, ?, 'READY', ?, ?)",
        ).run(name, next, source, runId, description, nowMs());
        const insertTag = db.prepare(
          'INSERT OR REPLACE INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)',
        );
        for (const tag of tags) insertTag.run(name, next, tag.key, tag.value);
        return next;
      })();
      return loadVersion(name, String(version)) as ModelVersion;
    },

    async getModelVersion(name, version) {
      return /^\d+$/.test(version) ? loadVersion(name, version) : null;
    },

    async listModelVersions(name) {
      return db
        .prepare<[string], VersionRow>('SELECT * FROM model_versions WHERE name = ? ORDER BY version DESC')
        .all(name)
        .map(toVersion);
    },

    async setModelVersionTag(name, version, key, value) {
      checkTagKey('setModelVersionTag', key);
      requireVersion(name, version, 'setModelVersionTag');
      db.prepare('INSERT OR REPLACE INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)').run(
        name,
        Number(version),
        key,
        value,
      );
    },

    async setAlias(name, alias, version) {
      validateAlias(alias);
      requireVersion(name, version, 'setAlias');
      db.prepare('INSERT OR REPLACE INTO aliases (name, alias, version) VALUES (?, ?, ?)').run(
        name,
        alias,
        Number(version),
      );
    },

    async getVersionByAlias(name, alias) {
      const row = db
        .prepare<[string, string], { version: number }>('SELECT version FROM aliases WHERE name = ? AND alias = ?')
        .get(name, alias);
      return row ? loadVersion(name, String(row.version)) : null;
    },

    async deleteAlias(name, alias) {
      db.prepare('DELETE FROM aliases WHERE name = ? AND alias = ?').run(name, alias);
    },

    async downloadModelVersion(name, version, localDir) {
      requireVersion(name, version, 'downloadModelVersion');
      return copyLocalModelSource(loadVersion(name, version) as ModelVersion, localDir);
    },
  };
}
