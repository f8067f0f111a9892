import type { Migration } from '../../migration-runner.js';

export const alertsSchema: Migration = {
  version: 2,
  name: 'alerts',
  sql: `
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  first_seen_ms BIGINT NOT NULL,
  body JSONB NOT NULL
);
CREATE UNIQUE INDEX alerts_one_open_per_kind ON alerts (model, kind) WHERE status <> 'resolved';
CREATE INDEX alerts_first_seen ON alerts (first_seen_ms);

CREATE TABLE alert_deliveries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id TEXT NOT NULL REFERENCES alerts (id),
  sink TEXT NOT NULL,
  event TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  error TEXT,
  at_ms BIGINT NOT NULL
);
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id, id);
`,
};
