import { inferSchema } from '../../domain/infer-schema.js';
// Direct modules, not the drift barrel: the profiling thread loads only what it runs.
import { buildReferenceProfile } from '../../drift/build-reference-profile.js';
import type { ReferenceProfile } from '../../drift/reference-profile.js';
import { withReferenceRowSample } from '../../drift/reference-row-sample.js';
import type { ReferenceProfileRequest, ReferenceProfiler } from '../../ports/reference-profiler.js';

/**
 * The schema of an uploaded reference, inferred with the model definition's roles and overrides, and its profile with
 * the seeded row sample multivariate tests compare with (drawing it walks every row, so it runs here, in the profiling
 * thread, not on the event loop after).
 */
export function profileReferenceTable(request: ReferenceProfileRequest): ReferenceProfile {
  const profile = buildReferenceProfile(request.table, inferSchema(request.table, request.schema));
  return withReferenceRowSample(profile, request.table);
}

/** Profiles on the calling thread (blocks its event loop meanwhile): unit tests, and when no worker entry is found. */
export function createInThreadReferenceProfiler(): ReferenceProfiler {
  return {
    async profile(request) {
      return { profile: profileReferenceTable(request), table: request.table };
    },
  };
}
