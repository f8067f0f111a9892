import type { Migration } from '../../migration-runner.js';

/** Every label an overwrite replaced: the audit trail of ground truth (issue 14, item 11). */
export const labelRevisionsSchema: Migration = {
  version: 5,
  name: 'label-revisions',
  sql: `
CREATE TABLE label_revisions (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model TEXT NOT NULL,
  prediction_id TEXT NOT NULL,
  previous_label JSONB NOT NULL,
  previous_label_timestamp_ms BIGINT,
  label JSONB NOT NULL,
  label_timestamp_ms BIGINT NOT NULL,
  revised_at_ms BIGINT NOT NULL,
  revised_by TEXT NOT NULL
);
CREATE INDEX label_revisions_model_prediction ON label_revisions (model, prediction_id, seq);
CREATE INDEX label_revisions_model_seq ON label_revisions (model, seq);
`,
};
