import type { Alert } from '../../../domain/alert.js';
import type { AlertRepository } from '../../../ports/store.js';
import { alertQueryParameters, type DeliveryRow, toAlertDelivery } from '../row-mapping.js';
import { named, type PostgresConnection } from './connection.js';

const SQL = {
  open: named('alerts.open', "SELECT body FROM alerts WHERE model = $1 AND kind = $2 AND status <> 'resolved'"),
  upsert: named(
    'alerts.upsert',
    `INSERT INTO alerts (id, model, kind, status, severity, first_seen_ms, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity, body = excluded.body`,
  ),
  byId: named('alerts.by-id', 'SELECT body FROM alerts WHERE id = $1'),
  // Each filter is used twice (NULL = no filter).
  page: named(
    'alerts.page',
    `SELECT body FROM alerts WHERE ($1::text IS NULL OR model = $1) AND ($2::text IS NULL OR status = $2)
     AND ($3::text IS NULL OR severity = $3) AND first_seen_ms < $4
     ORDER BY first_seen_ms DESC, id DESC LIMIT $5`,
  ),
  insertDelivery: named(
    'alerts.insert-delivery',
    `INSERT INTO alert_deliveries (alert_id, sink, event, attempt, outcome, http_status, error, at_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  ),
  deliveries: named('alerts.deliveries', 'SELECT * FROM alert_deliveries WHERE alert_id = $1 ORDER BY id'),
};

type BodyRow = { body: Alert };

export function postgresAlerts({ pool }: PostgresConnection): AlertRepository {
  return {
    async openAlert(model, kind) {
      return (await pool.query<BodyRow>(SQL.open([model, kind]))).rows[0]?.body ?? null;
    },
    async saveAlert(alert) {
      const body = JSON.stringify(alert);
      const { id, model, kind, status, severity, firstSeenMs } = alert;
      await pool.query(SQL.upsert([id, model, kind, status, severity, firstSeenMs, body]));
    },
    async getAlert(id) {
      return (await pool.query<BodyRow>(SQL.byId([id]))).rows[0]?.body ?? null;
    },
    async listAlerts(query) {
      return (await pool.query<BodyRow>(SQL.page(alertQueryParameters(query)))).rows.map((row) => row.body);
    },
    async recordDelivery(d) {
      const { alertId, sink, event, attempt, outcome, httpStatus, error, atMs } = d;
      await pool.query(SQL.insertDelivery([alertId, sink, event, attempt, outcome, httpStatus, error, atMs]));
    },
    async listDeliveries(alertId) {
      return (await pool.query<DeliveryRow>(SQL.deliveries([alertId]))).rows.map(toAlertDelivery);
    },
  };
}
