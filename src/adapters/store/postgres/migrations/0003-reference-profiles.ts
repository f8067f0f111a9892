import type { Migration } from '../../migration-runner.js';

export const referenceProfilesSchema: Migration = {
  version: 3,
  name: 'reference-profiles',
  sql: `
CREATE TABLE reference_profiles (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  profile JSONB NOT NULL
);
CREATE INDEX reference_profiles_model_id ON reference_profiles (model, id);
`,
};
