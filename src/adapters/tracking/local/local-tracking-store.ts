/**
 * TrackingStore on SQLite (better-sqlite3) plus files: artifacts live under
 * `<artifactRoot>/<experimentId>/<runId>/artifacts/…`, the same layout as MLflow's artifact store.
 */

import { randomUUID } from 'node:crypto';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { TrackingError } from '../../../ports/tracking-error.js';
import type {
  ArtifactEntry,
  DatasetInput,
  Experiment,
  Metric,
  Run,
  RunInfo,
  RunStatus,
  TrackingStore,
} from '../../../ports/tracking-store.js';
import {
  compareArtifactEntries,
  normalizeArtifactPath,
  validateDatasetInputs,
  validateLogBatch,
} from '../../../ports/tracking-validation.js';
import { parseRunFilter } from './run-filter.js';

interface ExperimentRow {
  experiment_id: number;
  name: string;
  lifecycle_stage: string;
}
interface RunRow {
  run_id: string;
  experiment_id: number;
  run_name: string;
  status: string;
  start_time: number;
  end_time: number | null;
}

export interface LocalTrackingStoreOptions {
  readonly db: Database.Database;
  /** Directory holding run artifacts. */
  readonly artifactRoot: string;
  /** Clock for creation times; default Date.now. */
  readonly nowMs?: () => number;
}

const notFound = (operation: string, what: string) =>
  new TrackingError(`${operation}: ${what} not found`, { kind: 'not_found', operation });

export function createLocalTrackingStore(options: LocalTrackingStoreOptions): TrackingStore {
  const { db, artifactRoot } = options;
  const nowMs = options.nowMs ?? Date.now;

  const experimentDir = (experimentId: string) => join(artifactRoot, experimentId);
  const runArtifactDir = (experimentId: string | number, runId: string) =>
    join(artifactRoot, String(experimentId), runId, 'artifacts');

  const toExperiment = (row: ExperimentRow): Experiment => ({
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactLocation: pathToFileURL(experimentDir(String(row.experiment_id))).href,
    lifecycleStage: row.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  });

  const toRunInfo = (row: RunRow): RunInfo => ({
    runId: row.run_id,
    experimentId: String(row.experiment_id),
    runName: row.run_name,
    status: row.status as RunStatus,
    startTimeMs: row.start_time,
    endTimeMs: row.end_time,
    artifactUri: pathToFileURL(runArtifactDir(row.experiment_id, row.run_id)).href,
  });

  const selectExperimentByName = db.prepare<[string], ExperimentRow>('SELECT * FROM experiments WHERE name = ?');
  const selectRun = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE run_id = ?');

  function requireRun(runId: string, operation: string): RunRow {
    const row = selectRun.get(runId);
    if (!row) throw notFound(operation, `run ${runId}`);
    return row;
  }

  function loadRun(row: RunRow): Run {
    const pairs = (table: 'params' | 'tags') =>
      Object.fromEntries(
        db
          .prepare<[string], { key: string; value: string }>(
            `SELECT key, value FROM ${table} WHERE run_id = ? ORDER BY key`,
          )
          .all(row.run_id)
          .map((r) => [r.key, r.value]),
      );
    const latest = db
      .prepare<[string], { key: string; value: number }>(
        `SELECT key, value FROM metrics m WHERE run_id = ? AND NOT EXISTS (
           SELECT 1 FROM metrics n WHERE n.run_id = m.run_id AND n.key = m.key
             AND (n.step > m.step OR (n.step = m.step AND n.timestamp > m.timestamp) OR (n.step = m.step AND n.timestamp = m.timestamp AND n.value > m.value)))`,
      )
      .all(row.run_id);
    const inputs = db
      .prepare<
        [string],
        {
          name: string;
          digest: string;
          context: string;
          source_type: string;
          source: string;
          schema: string | null;
          profile: string | null;
        }
      >('SELECT * FROM run_inputs WHERE run_id = ? ORDER BY position')
      .all(row.run_id)
      .map(
        (r): DatasetInput => ({
          name: r.name,
          digest: r.digest,
          context: r.context,
          sourceType: r.source_type,
          source: r.source,
          ...(r.schema ? { schema: r.schema } : {}),
          ...(r.profile ? { profile: r.profile } : {}),
        }),
      );
    return {
      info: toRunInfo(row),
      params: pairs('params'),
      tags: pairs('tags'),
      metrics: Object.fromEntries(latest.map((m) => [m.key, m.value])),
      inputs,
    };
  }

  async function artifactLocation(
    runId: string,
    path: string | undefined,
    operation: string,
  ): Promise<{ dir: string; relativePath: string; full: string }> {
    const row = requireRun(runId, operation);
    const relativePath = normalizeArtifactPath(path, operation);
    const dir = runArtifactDir(row.experiment_id, runId);
    return { dir, relativePath, full: relativePath ? join(dir, ...relativePath.split('/')) : dir };
  }

  const store: TrackingStore = {
    async getExperimentByName(name) {
      const row = selectExperimentByName.get(name);
      return row ? toExperiment(row) : null;
    },

    async ensureExperiment(name) {
      if (!name || name.length > 500)
        throw new TrackingError('ensureExperiment: name must be 1–500 chars', {
          kind: 'invalid',
          operation: 'ensureExperiment',
        });
      db.prepare('INSERT OR IGNORE INTO experiments (name, creation_time) VALUES (?, ?)').run(name, nowMs());
      db.prepare("UPDATE experiments SET lifecycle_stage = 'active' WHERE name = ?").run(name);
      return toExperiment(selectExperimentByName.get(name) as ExperimentRow);
    },

    async deleteExperiment(experimentId) {
      const result = db
        .prepare("UPDATE experiments SET lifecycle_stage = 'deleted' WHERE experiment_id = ?")
        .run(Number(experimentId));
      if (result.changes === 0) throw notFound('deleteExperiment', `experiment ${experimentId}`);
    },

    async createRun({ experimentId, runName, startTimeMs, tags = [] }) {
      const experiment = db
        .prepare<[number], ExperimentRow>('SELECT * FROM experiments WHERE experiment_id = ?')
        .get(Number(experimentId));
      if (!experiment) throw notFound('createRun', `experiment ${experimentId}`);
      if (experiment.lifecycle_stage !== 'active') {
        throw new TrackingError(`createRun: experiment ${experimentId} is deleted`, {
          kind: 'invalid',
          operation: 'createRun',
        });
      }
      validateLogBatch({ tags });
      const runId = randomUUID().replace(/-/g, '');
      db.transaction(() => {
        db.prepare(
          "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time) VALUES (?, ?, ?, 'RUNNING', ?)",
        ).run(runId, experiment.experiment_id, runName, startTimeMs);
        const insertTag = db.prepare('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)');
        insertTag.run(runId, 'mlflow.runName', runName);
        for (const tag of tags) insertTag.run(runId, tag.key, tag.value);
      })();
      await mkdir(runArtifactDir(experiment.experiment_id, runId), { recursive: true });
      return toRunInfo(selectRun.get(runId) as RunRow);
    },

    async getRun(runId) {
      return loadRun(requireRun(runId, 'getRun'));
    },

    async logBatch(runId, batch) {
      validateLogBatch(batch);
      requireRun(runId, 'logBatch');
      db.transaction(() => {
        const getParam = db.prepare<[string, string], { value: string }>(
          'SELECT value FROM params WHERE run_id = ? AND key = ?',
        );
        const insertParam = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
        for (const p of batch.params ?? []) {
          const existing = getParam.get(runId, p.key);
          if (existing === undefined) insertParam.run(runId, p.key, p.value);
          else if (existing.value !== p.value) {
            throw new TrackingError(
              `logBatch: param "${p.key}" is already "${existing.value}"; changing param values is not allowed`,
              { kind: 'invalid', operation: 'logBatch' },
            );
          }
        }
        const insertTag = db.prepare('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)');
        for (const t of batch.tags ?? []) insertTag.run(runId, t.key, t.value);
        const insertMetric = db.prepare(
          'INSERT OR IGNORE INTO metrics (run_id, key, value, timestamp, step) VALUES (?, ?, ?, ?, ?)',
        );
        for (const m of batch.metrics ?? []) insertMetric.run(runId, m.key, m.value, m.timestampMs, m.step);
      })();
    },

    async logInputs(runId, datasets) {
      validateDatasetInputs(datasets);
      requireRun(runId, 'logInputs');
      db.transaction(() => {
        const next = db.prepare<[string], { n: number }>(
          'SELECT COALESCE(MAX(position), -1) + 1 AS n FROM run_inputs WHERE run_id = ?',
        );
        const insert = db.prepare(
          'INSERT OR IGNORE INTO run_inputs (run_id, name, digest, context, source_type, source, schema, profile, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const d of datasets) {
          insert.run(
            runId,
            d.name,
            d.digest,
            d.context,
            d.sourceType,
            d.source,
            d.schema ?? null,
            d.profile ?? null,
            (next.get(runId) as { n: number }).n,
          );
        }
      })();
    },

    async getMetricHistory(runId, key) {
      requireRun(runId, 'getMetricHistory');
      return db
        .prepare<[string, string], { key: string; value: number; timestamp: number; step: number }>(
          'SELECT key, value, timestamp, step FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp',
        )
        .all(runId, key)
        .map((m): Metric => ({ key: m.key, value: m.value, timestampMs: m.timestamp, step: m.step }));
    },

    async terminateRun(runId, status, endTimeMs) {
      requireRun(runId, 'terminateRun');
      db.prepare('UPDATE runs SET status = ?, end_time = ? WHERE run_id = ?').run(status, endTimeMs, runId);
    },

    async searchRuns(experimentIds, searchOptions = {}) {
      const keep = searchOptions.filter ? parseRunFilter(searchOptions.filter) : () => true;
      const maxResults = searchOptions.maxResults ?? 100;
      const ids = experimentIds.map(Number);
      if (ids.length === 0) return [];
      const rows = db
        .prepare<number[], RunRow>(
          `SELECT * FROM runs WHERE experiment_id IN (${ids.map(() => '?').join(',')}) ORDER BY start_time DESC, rowid DESC`,
        )
        .all(...ids);
      const runs: Run[] = [];
      for (const row of rows) {
        if (runs.length >= maxResults) break;
        const run = loadRun(row);
        if (keep(run)) runs.push(run);
      }
      return runs;
    },

    async logArtifacts(runId, files, artifactPath) {
      const { full } = await artifactLocation(runId, artifactPath, 'logArtifacts');
      for (const file of files) {
        const path = normalizeArtifactPath(file.path, 'logArtifacts');
        if (path === '')
          throw new TrackingError('logArtifacts: a file path is empty', { kind: 'invalid', operation: 'logArtifacts' });
        const target = join(full, ...path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.content);
      }
    },

    async logArtifactPath(runId, localPath, artifactPath) {
      const { full } = await artifactLocation(runId, artifactPath, 'logArtifactPath');
      const info = await stat(localPath).catch(() => {
        throw new TrackingError(`logArtifactPath: local path ${localPath} does not exist`, {
          kind: 'invalid',
          operation: 'logArtifactPath',
        });
      });
      await mkdir(full, { recursive: true });
      if (info.isFile()) await cp(localPath, join(full, basename(localPath)));
      else await cp(localPath, full, { recursive: true });
    },

    async listArtifacts(runId, path) {
      const { full, relativePath } = await artifactLocation(runId, path, 'listArtifacts');
      const entries = await readdir(full, { withFileTypes: true }).catch(() => []);
      const result: ArtifactEntry[] = [];
      for (const entry of entries) {
        const entryPath = relativePath ? `${relativePath}/${entry.name}` : entry.name;
        const isDir = entry.isDirectory();
        result.push({
          path: entryPath,
          isDir,
          fileSizeBytes: isDir ? null : (await stat(join(full, entry.name))).size,
        });
      }
      return result.sort(compareArtifactEntries);
    },

    async readArtifact(runId, path) {
      const { full } = await artifactLocation(runId, path, 'readArtifact');
      try {
        return new Uint8Array(await readFile(full));
      } catch {
        throw notFound('readArtifact', `artifact ${path} of run ${runId}`);
      }
    },

    async downloadArtifacts(runId, path, localDir) {
      const { full, relativePath } = await artifactLocation(runId, path, 'downloadArtifacts');
      const target = join(localDir, relativePath.split('/').pop() ?? '');
      await stat(full).catch(() => {
        throw notFound('downloadArtifacts', `artifact ${path} of run ${runId}`);
      });
      await mkdir(dirname(target), { recursive: true });
      await cp(full, target, { recursive: true });
      return target;
    },
  };
  return store;
}
