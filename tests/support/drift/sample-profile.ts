import { dataTableFromRows } from '../../../src/domain/data-table.js';
import { inferSchema } from '../../../src/domain/infer-schema.js';
import { buildReferenceProfile } from '../../../src/drift/build-reference-profile.js';
import type { ReferenceProfile } from '../../../src/drift/reference-profile.js';

/** A real reference profile of `rows` generated rows (a numeric and a categorical feature), built by the drift core. */
export function sampleReferenceProfile(rows: number): ReferenceProfile {
  const table = dataTableFromRows(
    Array.from({ length: rows }, (_, i) => ({
      income: 1000 + ((i * 37) % 101),
      region: ['north', 'south', 'east'][i % 3],
    })),
  );
  return buildReferenceProfile(table, inferSchema(table));
}
