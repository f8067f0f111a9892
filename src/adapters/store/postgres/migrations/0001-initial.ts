import type { Migration } from '../../migration-runner.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE predictions (
  sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  model_version TEXT,
  timestamp_ms BIGINT NOT NULL,
  features JSONB NOT NULL,
  predicted_class JSONB,
  score DOUBLE PRECISION,
  label JSONB,
  label_timestamp_ms BIGINT,
  UNIQUE (model, id)
);
CREATE INDEX predictions_model_sequence ON predictions (model, sequence);
CREATE INDEX predictions_model_time ON predictions (model, timestamp_ms);
CREATE INDEX predictions_model_labeled ON predictions (model, sequence) WHERE label IS NOT NULL;

CREATE TABLE monitored_models (
  name TEXT PRIMARY KEY,
  definition JSONB NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE drift_reports (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model TEXT NOT NULL,
  window_start_ms BIGINT NOT NULL,
  window_end_ms BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  severity TEXT NOT NULL,
  drift_share DOUBLE PRECISION NOT NULL,
  report JSONB NOT NULL
);
CREATE INDEX drift_reports_model_id ON drift_reports (model, id);

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at_ms BIGINT NOT NULL
);
`,
};
