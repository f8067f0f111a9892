import type Database from 'better-sqlite3';
import type { Alert } from '../../../domain/alert.js';
import type { AlertRepository } from '../../../ports/store.js';
import { alertQueryParameters, type DeliveryRow, toAlertDelivery } from '../row-mapping.js';
import type { SqliteConnection } from './connection.js';

type AlertFilters = Record<'model' | 'status' | 'severity' | 'before' | 'limit', string | number | null>;

const prepare = (db: Database.Database) => ({
  open: db
    .prepare<[string, string], string>("SELECT body FROM alerts WHERE model = ? AND kind = ? AND status <> 'resolved'")
    .pluck(),
  upsert: db.prepare(
    `INSERT INTO alerts (id, model, kind, status, severity, first_seen_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity, body = excluded.body`,
  ),
  byId: db.prepare<[string], string>('SELECT body FROM alerts WHERE id = ?').pluck(),
  // Named parameters: each filter is used twice (NULL = no filter).
  page: db
    .prepare<AlertFilters, string>(
      `SELECT body FROM alerts WHERE (@model IS NULL OR model = @model) AND (@status IS NULL OR status = @status)
     AND (@severity IS NULL OR severity = @severity) AND first_seen_ms < @before
     ORDER BY first_seen_ms DESC, id DESC LIMIT @limit`,
    )
    .pluck(),
  insertDelivery: db.prepare(
    `INSERT INTO alert_deliveries (alert_id, sink, event, attempt, outcome, http_status, error, at_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  deliveries: db.prepare<[string], DeliveryRow>('SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY id'),
});

const toAlert = (body: string | undefined): Alert | null => (body === undefined ? null : (JSON.parse(body) as Alert));

export function sqliteAlerts({ writes, statements }: SqliteConnection): AlertRepository {
  const sql = statements(prepare);
  return {
    async openAlert(model, kind) {
      return toAlert(sql().open.get(model, kind));
    },
    async saveAlert(alert) {
      const body = JSON.stringify(alert);
      const { id, model, kind, status, severity, firstSeenMs } = alert;
      await writes.enqueue(() => sql().upsert.run(id, model, kind, status, severity, firstSeenMs, body));
    },
    async getAlert(id) {
      return toAlert(sql().byId.get(id));
    },
    async listAlerts(query) {
      const [model, status, severity, before, limit] = alertQueryParameters(query);
      return sql()
        .page.all({ model, status, severity, before, limit })
        .map((body) => JSON.parse(body) as Alert);
    },
    async recordDelivery(d) {
      const { alertId, sink, event, attempt, outcome, httpStatus, error, atMs } = d;
      await writes.enqueue(() =>
        sql().insertDelivery.run(alertId, sink, event, attempt, outcome, httpStatus, error, atMs),
      );
    },
    async listDeliveries(alertId) {
      return sql().deliveries.all(alertId).map(toAlertDelivery);
    },
  };
}
