import { type Cell, cellAt, type DataTable, dataTableOf } from '../domain/data-table.js';
import type { FeatureSchema } from '../domain/feature-schema.js';
import {
  DEFAULT_REFERENCE_ROW_SAMPLE_SEED,
  DEFAULT_REFERENCE_ROW_SAMPLE_SIZE,
  type ReferenceRowSample,
  rowSampleProblem,
} from '../domain/reference-row-sample.js';
import { createSeededRandom } from '../models/evaluation/seeded-random.js';
import { DriftConfigError } from './drift-config-error.js';
import { sampleIndices } from './multivariate/sample-indices.js';
import type { ReferenceProfile } from './reference-profile.js';

export interface RowSampleOptions {
  /** Rows kept at most (default 5,000; 0 keeps no sample). */
  readonly size?: number;
  /** Seed of the draw (default 1). */
  readonly seed?: number;
}

/** A cell as JSON can keep it: NaN / ±Infinity (not representable) become null, like a missing value. */
const storable = (cell: Cell): Cell => (typeof cell === 'number' && !Number.isFinite(cell) ? null : cell);

/**
 * A seeded uniform sample (without replacement, in row order) of at most `size` rows of `table`'s schema features.
 * A feature absent from the table is all missing.
 */
export function buildReferenceRowSample(
  table: DataTable,
  schema: FeatureSchema,
  options: RowSampleOptions = {},
): ReferenceRowSample {
  const size = options.size ?? DEFAULT_REFERENCE_ROW_SAMPLE_SIZE;
  const seed = options.seed ?? DEFAULT_REFERENCE_ROW_SAMPLE_SEED;
  if (!Number.isInteger(size) || size < 0)
    throw new DriftConfigError('rowSample.size', `must be an integer ≥ 0, got ${String(size)}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295)
    throw new DriftConfigError('rowSample.seed', `must be an integer in [0, 4294967295], got ${String(seed)}`);
  const rows = sampleIndices(table.rowCount, size, createSeededRandom(seed));
  return {
    sourceRowCount: table.rowCount,
    rowCount: rows.length,
    seed,
    columns: schema.features.map((feature) => {
      const column = table.columns.get(feature.name);
      return {
        name: feature.name,
        cells: Array.from(rows, (row) => (column === undefined ? null : storable(cellAt(column, row)))),
      };
    }),
  };
}

/** `profile` with a row sample of the table it was built from (the reference rows multivariate tests compare with). */
export function withReferenceRowSample(
  profile: ReferenceProfile,
  table: DataTable,
  options: RowSampleOptions = {},
): ReferenceProfile {
  return { ...profile, rowSample: buildReferenceRowSample(table, profile.schema, options) };
}

/** Validates a stored row sample (DriftConfigError naming the field) and returns it typed. */
export function parseReferenceRowSample(json: unknown): ReferenceRowSample {
  const problem = rowSampleProblem(json, 'rowSample');
  if (problem !== null) throw new DriftConfigError(problem.path.replace(/\//g, '.'), problem.reason);
  return json as ReferenceRowSample;
}

/** The sample as a DataTable (cell columns), the reference side of a multivariate test. */
export function rowSampleTable(sample: ReferenceRowSample): DataTable {
  return dataTableOf(
    sample.columns.map((c) => [c.name, c.cells] as const),
    sample.rowCount,
  );
}
