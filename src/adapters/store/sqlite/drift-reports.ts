import type Database from 'better-sqlite3';
import type { DriftReportRepository } from '../../../ports/store.js';
import { type DriftReportRow, requirePositiveInteger, toStoredDriftReport } from '../row-mapping.js';
import type { SqliteConnection } from './connection.js';
import { jsonColumnDecoder } from './json-columns.js';

const toRow = jsonColumnDecoder<DriftReportRow>('report');

const prepare = (db: Database.Database) => ({
  insert: db.prepare(
    `INSERT INTO drift_reports (model, window_start_ms, window_end_ms, created_at_ms, severity, drift_share, report)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  ),
  page: db.prepare(
    `SELECT * FROM drift_reports WHERE model = ? AND id < ? AND window_end_ms >= ? AND window_end_ms < ?
     ORDER BY id DESC LIMIT ?`,
  ),
  latest: db.prepare('SELECT * FROM drift_reports WHERE model = ? ORDER BY id DESC LIMIT 1'),
  count: db.prepare('SELECT COUNT(*) AS n FROM drift_reports WHERE model = ? AND id <= ?'),
});

export function sqliteDriftReports({ writes, statements }: SqliteConnection): DriftReportRepository {
  const sql = statements(prepare);
  return {
    async saveDriftReport(summary, report) {
      const text = JSON.stringify(report);
      const { model, windowStartMs, windowEndMs, createdAtMs, severity, driftShare } = summary;
      const row = await writes.enqueue(() =>
        sql().insert.get(model, windowStartMs, windowEndMs, createdAtMs, severity, driftShare, text),
      );
      return toStoredDriftReport(toRow(row));
    },
    async listDriftReports(model, query) {
      const rows = sql().page.all(
        model,
        query.beforeId ?? Number.MAX_SAFE_INTEGER,
        query.fromMs ?? Number.MIN_SAFE_INTEGER,
        query.toMs ?? Number.MAX_SAFE_INTEGER,
        requirePositiveInteger(query.limit, 'limit'),
      );
      return rows.map((row) => toStoredDriftReport(toRow(row)));
    },
    async latestDriftReport(model) {
      const row = sql().latest.get(model);
      return row === undefined ? null : toStoredDriftReport(toRow(row));
    },
    async countDriftReports(model, upToId) {
      const row = sql().count.get(model, upToId) as { n: number };
      return row.n;
    },
  };
}
