import type { Migration } from '../../migration-runner.js';

/** The reference's bounded row sample for multivariate drift tests (issue 18); null for references stored before. */
export const referenceRowSamplesSchema: Migration = {
  version: 6,
  name: 'reference-row-samples',
  sql: `
ALTER TABLE reference_profiles ADD COLUMN row_sample JSONB, ADD COLUMN row_sample_rows INTEGER;
`,
};
