import type { Cell } from './data-table.js';

/** Rows a reference keeps for multivariate drift tests, at most (the profile's per-column samples cannot be joined). */
export const DEFAULT_REFERENCE_ROW_SAMPLE_SIZE = 5000;
/** Seed of the row draw: the same reference rows and seed → the same sample. */
export const DEFAULT_REFERENCE_ROW_SAMPLE_SEED = 1;

/**
 * A bounded, seeded uniform sample of a reference's rows (the model's features only), kept in the source's row order
 * and stored column by column: every column has `rowCount` cells. Multivariate drift tests (domain classifier, PCA,
 * MMD) need joint rows, which the per-column profile does not keep. JSON-serializable; cells are finite numbers,
 * strings, booleans or null (missing).
 */
export interface ReferenceRowSample {
  /** Rows of the reference the sample was drawn from. */
  readonly sourceRowCount: number;
  /** Rows in the sample: min(sourceRowCount, the size asked for). */
  readonly rowCount: number;
  readonly seed: number;
  readonly columns: readonly { readonly name: string; readonly cells: readonly Cell[] }[];
}

const isCell = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * Why `value` is not a well-formed ReferenceRowSample, as a JSON Pointer below `base` and a reason; null when it is.
 * Refused alike by every store (a NaN or ±Infinity cell would silently become null in JSON).
 */
export function rowSampleProblem(value: unknown, base = ''): { path: string; reason: string } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { path: base, reason: 'must be an object' };
  const sample = value as Record<string, unknown>;
  for (const key of ['sourceRowCount', 'rowCount', 'seed'])
    if (!isCount(sample[key])) return { path: `${base}/${key}`, reason: 'must be an integer ≥ 0' };
  const rowCount = sample.rowCount as number;
  if (rowCount > (sample.sourceRowCount as number))
    return { path: `${base}/rowCount`, reason: 'must be at most sourceRowCount' };
  if (!Array.isArray(sample.columns)) return { path: `${base}/columns`, reason: 'must be an array' };
  const names = new Set<string>();
  for (let c = 0; c < sample.columns.length; c++) {
    const column = sample.columns[c] as { name?: unknown; cells?: unknown } | null;
    const path = `${base}/columns/${c}`;
    if (column === null || typeof column !== 'object') return { path, reason: 'must be { name, cells }' };
    if (typeof column.name !== 'string' || column.name === '')
      return { path: `${path}/name`, reason: 'must be a non-empty string' };
    if (names.has(column.name)) return { path: `${path}/name`, reason: `repeats the column "${column.name}"` };
    names.add(column.name);
    if (!Array.isArray(column.cells) || column.cells.length !== rowCount)
      return { path: `${path}/cells`, reason: `must be an array of rowCount (${rowCount}) cells` };
    for (let i = 0; i < column.cells.length; i++)
      if (!isCell(column.cells[i]))
        return {
          path: `${path}/cells/${i}`,
          reason: `must be a finite number, a string, a boolean or null, got ${String(column.cells[i])}`,
        };
  }
  return null;
}
