import type { Migration } from '../../migration-runner.js';

export const referenceProfilesSchema: Migration = {
  version: 3,
  name: 'reference-profiles',
  sql: `
CREATE TABLE reference_profiles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  profile TEXT NOT NULL
);
CREATE INDEX reference_profiles_model_id ON reference_profiles (model, id);
`,
};
