import { inferSchema } from '../../domain/infer-schema.js';
// Direct modules, not the drift barrel: the profiling thread loads only what it runs.
import { buildReferenceProfile } from '../../drift/build-reference-profile.js';
import type { ReferenceProfile } from '../../drift/reference-profile.js';
import type { ReferenceProfileRequest, ReferenceProfiler } from '../../ports/reference-profiler.js';

/** The schema of an uploaded reference, inferred with the model definition's roles and overrides, and its profile. */
export function profileReferenceTable(request: ReferenceProfileRequest): ReferenceProfile {
  return buildReferenceProfile(request.table, inferSchema(request.table, request.schema));
}

/** Profiles on the calling thread (blocks its event loop meanwhile): unit tests, and when no worker entry is found. */
export function createInThreadReferenceProfiler(): ReferenceProfiler {
  return {
    async profile(request) {
      return { profile: profileReferenceTable(request), table: request.table };
    },
  };
}
