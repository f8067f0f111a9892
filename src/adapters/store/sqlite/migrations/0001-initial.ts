import type { Migration } from '../../migration-runner.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE predictions (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  model_version TEXT,
  timestamp_ms INTEGER NOT NULL,
  features TEXT NOT NULL,
  predicted_class TEXT,
  score REAL,
  label TEXT,
  label_timestamp_ms INTEGER,
  UNIQUE (model, id)
);
CREATE INDEX predictions_model_sequence ON predictions (model, sequence);
CREATE INDEX predictions_model_time ON predictions (model, timestamp_ms);
CREATE INDEX predictions_model_labeled ON predictions (model, sequence) WHERE label IS NOT NULL;

CREATE TABLE monitored_models (
  name TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);

CREATE TABLE drift_reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model TEXT NOT NULL,
  window_start_ms INTEGER NOT NULL,
  window_end_ms INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  severity TEXT NOT NULL,
  drift_share REAL NOT NULL,
  report TEXT NOT NULL
);
CREATE INDEX drift_reports_model_id ON drift_reports (model, id);

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
`,
};
