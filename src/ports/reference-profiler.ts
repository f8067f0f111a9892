import type { DataTable } from '../domain/data-table.js';
import type { SchemaInferenceOptions } from '../domain/feature-schema.js';
import type { ReferenceProfile } from '../drift/index.js';

/** An uploaded reference table and how its schema is inferred (the model definition's roles and overrides). */
export interface ReferenceProfileRequest {
  readonly table: DataTable;
  readonly schema: SchemaInferenceOptions;
}

/** The profile, and the table handed back (a worker thread returns the columns it was lent, transferred). */
export interface ProfiledReference {
  readonly profile: ReferenceProfile;
  readonly table: DataTable;
}

/**
 * Infers the schema of an uploaded reference and builds its bounded profile, with the seeded row sample multivariate
 * tests compare with; the service runs it in a worker thread so a large upload never blocks the event loop. The
 * request's table may be transferred: use the returned one.
 * A schema the table cannot satisfy is a SchemaError (field, reason).
 */
export interface ReferenceProfiler {
  profile(request: ReferenceProfileRequest): Promise<ProfiledReference>;
}
