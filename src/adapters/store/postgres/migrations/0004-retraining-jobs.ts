import type { Migration } from '../../migration-runner.js';

export const retrainingJobsSchema: Migration = {
  version: 4,
  name: 'retraining-jobs',
  sql: `
CREATE TABLE retraining_jobs (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  status TEXT NOT NULL,
  finished BOOLEAN NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  body JSONB NOT NULL
);
CREATE UNIQUE INDEX retraining_jobs_one_open_per_model ON retraining_jobs (model) WHERE NOT finished;
CREATE INDEX retraining_jobs_model_seq ON retraining_jobs (model, seq);
`,
};
