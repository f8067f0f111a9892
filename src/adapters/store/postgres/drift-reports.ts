import type { DriftReportRepository } from '../../../ports/store.js';
import { type DriftReportRow, requirePositiveInteger, toStoredDriftReport } from '../row-mapping.js';
import { named, type PostgresConnection } from './connection.js';

const SQL = {
  insert: named(
    'drift-reports.insert',
    `INSERT INTO drift_reports (model, window_start_ms, window_end_ms, created_at_ms, severity, drift_share, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
  ),
  page: named(
    'drift-reports.page',
    `SELECT * FROM drift_reports WHERE model = $1 AND id < $2 AND window_end_ms >= $3 AND window_end_ms < $4
     ORDER BY id DESC LIMIT $5`,
  ),
  latest: named('drift-reports.latest', 'SELECT * FROM drift_reports WHERE model = $1 ORDER BY id DESC LIMIT 1'),
  count: named('drift-reports.count', 'SELECT COUNT(*)::integer AS n FROM drift_reports WHERE model = $1 AND id <= $2'),
};

export function postgresDriftReports({ pool }: PostgresConnection): DriftReportRepository {
  return {
    async saveDriftReport(summary, report) {
      const text = JSON.stringify(report);
      const { model, windowStartMs, windowEndMs, createdAtMs, severity, driftShare } = summary;
      const result = await pool.query<DriftReportRow>(
        SQL.insert([model, windowStartMs, windowEndMs, createdAtMs, severity, driftShare, text]),
      );
      return toStoredDriftReport(result.rows[0]);
    },
    async listDriftReports(model, query) {
      const result = await pool.query<DriftReportRow>(
        SQL.page([
          model,
          query.beforeId ?? Number.MAX_SAFE_INTEGER,
          query.fromMs ?? Number.MIN_SAFE_INTEGER,
          query.toMs ?? Number.MAX_SAFE_INTEGER,
          requirePositiveInteger(query.limit, 'limit'),
        ]),
      );
      return result.rows.map(toStoredDriftReport);
    },
    async latestDriftReport(model) {
      const row = (await pool.query<DriftReportRow>(SQL.latest([model]))).rows[0];
      return row === undefined ? null : toStoredDriftReport(row);
    },
    async countDriftReports(model, upToId) {
      return (await pool.query<{ n: number }>(SQL.count([model, upToId]))).rows[0]?.n ?? 0;
    },
  };
}
