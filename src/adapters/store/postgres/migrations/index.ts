import type { Migration } from '../../migration-runner.js';
import { initialSchema } from './0001-initial.js';
import { alertsSchema } from './0002-alerts.js';
import { referenceProfilesSchema } from './0003-reference-profiles.js';
import { retrainingJobsSchema } from './0004-retraining-jobs.js';
import { labelRevisionsSchema } from './0005-label-revisions.js';
import { referenceRowSamplesSchema } from './0006-reference-row-samples.js';

/** PostgreSQL migrations in version order (the runner checks the sequence before it touches a database). */
export const postgresMigrations: readonly Migration[] = [
  initialSchema,
  alertsSchema,
  referenceProfilesSchema,
  retrainingJobsSchema,
  labelRevisionsSchema,
  referenceRowSamplesSchema,
];
