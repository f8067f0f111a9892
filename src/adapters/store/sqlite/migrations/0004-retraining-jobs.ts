import type { Migration } from '../../migration-runner.js';

export const retrainingJobsSchema: Migration = {
  version: 4,
  name: 'retraining-jobs',
  sql: `
CREATE TABLE retraining_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  status TEXT NOT NULL,
  finished INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX retraining_jobs_one_open_per_model ON retraining_jobs (model) WHERE finished = 0;
CREATE INDEX retraining_jobs_model_seq ON retraining_jobs (model, seq);
`,
};
