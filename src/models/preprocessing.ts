import { type Cell, type Column, cellAt, cellsOf, columnLength, type DataTable } from '../domain/data-table.js';
import { ModelError } from './model-error.js';
import type {
  BooleanTransform,
  CategoricalTransform,
  FeatureRow,
  FeatureTransform,
  ModelFeature,
  NumericTransform,
  PreprocessingOptions,
  PreprocessingSpec,
} from './model-types.js';

/** Defaults of the pipeline (trainers override scaling / imputation / encoding; see docs/models.md). */
export const DEFAULT_PREPROCESSING_OPTIONS: PreprocessingOptions = {
  numericScaling: 'standard',
  imputation: 'median',
  categoricalEncoding: 'one-hot',
  minCategoryCount: 5,
  maxCategories: 64,
  missingIndicators: 'auto',
  invalidValue: 'error',
};

export const OTHER_BUCKET = '__other__';
export const MISSING_BUCKET = '__missing__';

const MISSING = Symbol('missing');
const INVALID = Symbol('invalid');

/** numeric cell → number, MISSING (null / NaN) or INVALID (string, boolean, ±Infinity). */
function readNumeric(cell: Cell | undefined): number | typeof MISSING | typeof INVALID {
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return MISSING;
    return Number.isFinite(cell) ? cell : INVALID;
  }
  return INVALID;
}

/** boolean cell → 0 / 1, MISSING or INVALID. Accepts booleans, 0 / 1 and "true" / "false" / "1" / "0". */
function readBoolean(cell: Cell | undefined): 0 | 1 | typeof MISSING | typeof INVALID {
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return MISSING;
    return cell === 1 ? 1 : cell === 0 ? 0 : INVALID;
  }
  const token = cell.trim().toLowerCase();
  if (token === '') return MISSING;
  if (token === 'true' || token === '1') return 1;
  if (token === 'false' || token === '0') return 0;
  return INVALID;
}

/** categorical cell → its string form, or MISSING for null / NaN / "". */
function readCategory(cell: Cell | undefined): string | typeof MISSING {
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === 'number' && Number.isNaN(cell)) return MISSING;
  const text = String(cell);
  return text === '' ? MISSING : text;
}

function invalid(name: string, cell: Cell | undefined, expected: string): ModelError {
  return new ModelError(name, `expected ${expected}, got ${typeof cell} ${JSON.stringify(cell)}`);
}

function checkOptions(options: PreprocessingOptions): void {
  if (!Number.isInteger(options.minCategoryCount) || options.minCategoryCount < 1) {
    throw new ModelError('preprocessing.minCategoryCount', `must be an integer ≥ 1, got ${options.minCategoryCount}`);
  }
  if (!Number.isInteger(options.maxCategories) || options.maxCategories < 1) {
    throw new ModelError('preprocessing.maxCategories', `must be an integer ≥ 1, got ${options.maxCategories}`);
  }
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function wantIndicator(options: PreprocessingOptions, missingCount: number): boolean {
  if (options.imputation === 'none' || options.missingIndicators === 'never') return false;
  return options.missingIndicators === 'always' || missingCount > 0;
}

/** The numeric reading of row `i`, straight from the Float64Array of a number column (no boxing). */
function readNumericAt(column: Column, i: number): number | typeof MISSING | typeof INVALID {
  if (column.type === 'number') {
    const v = column.values[i];
    if (v === v) return v - v === 0 ? v : INVALID;
    return column.invalid?.has(i) === true ? INVALID : MISSING;
  }
  return readNumeric(cellAt(column, i));
}

function fitNumeric(name: string, column: Column, options: PreprocessingOptions): NumericTransform {
  const n = columnLength(column);
  const values: number[] = [];
  let missingCount = 0;
  for (let i = 0; i < n; i++) {
    const v = readNumericAt(column, i);
    if (v === MISSING) missingCount++;
    else if (v === INVALID) {
      if (options.invalidValue === 'error') throw invalid(name, cellAt(column, i), 'a finite number or null');
      missingCount++;
    } else values.push(v);
  }
  const sorted = Float64Array.from(values).sort();
  const impute = options.imputation === 'median' ? median(sorted) : null;
  let center = 0;
  let scale = 1;
  if (options.numericScaling === 'standard') {
    // mean / population std of the imputed column, as sklearn SimpleImputer(strategy='median') → StandardScaler()
    const fill = impute ?? 0;
    let sum = 0;
    for (const v of values) sum += v;
    sum += missingCount * fill;
    const mean = n > 0 ? sum / n : 0;
    let ss = 0;
    for (const v of values) ss += (v - mean) * (v - mean);
    ss += missingCount * (fill - mean) * (fill - mean);
    const std = n > 0 ? Math.sqrt(ss / n) : 0;
    center = mean;
    scale = std > 1e-12 * Math.max(1, Math.abs(mean)) ? 1 / std : 1;
  }
  return { kind: 'numeric', name, impute, center, scale, missingIndicator: wantIndicator(options, missingCount) };
}

function fitBoolean(name: string, cells: readonly Cell[], options: PreprocessingOptions): BooleanTransform {
  let ones = 0;
  let zeros = 0;
  let missingCount = 0;
  for (const cell of cells) {
    const v = readBoolean(cell);
    if (v === 1) ones++;
    else if (v === 0) zeros++;
    else if (v === MISSING) missingCount++;
    else {
      if (options.invalidValue === 'error') throw invalid(name, cell, 'a boolean (true/false, 0/1) or null');
      missingCount++;
    }
  }
  const impute = options.imputation === 'median' ? (ones > zeros ? 1 : 0) : null;
  return { kind: 'boolean', name, impute, missingIndicator: wantIndicator(options, missingCount) };
}

function fitCategorical(
  name: string,
  cells: readonly Cell[],
  options: PreprocessingOptions,
  target: Float64Array | null,
): CategoricalTransform {
  const counts = new Map<string, number>();
  for (const cell of cells) {
    const v = readCategory(cell);
    if (v !== MISSING) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const kept = [...counts.entries()]
    .filter(([, c]) => c >= options.minCategoryCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxCategories)
    .map(([c]) => c)
    .sort();
  if (options.categoricalEncoding === 'one-hot') {
    return { kind: 'categorical', name, encoding: 'one-hot', categories: kept };
  }
  // ordinal: buckets = kept categories, other, missing; codes ordered by mean training target (ties: bucket order)
  const k = kept.length;
  const index = new Map(kept.map((c, i) => [c, i]));
  const sums = new Float64Array(k + 2);
  const ns = new Float64Array(k + 2);
  let total = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = readCategory(cells[i]);
    const b = v === MISSING ? k + 1 : (index.get(v) ?? k);
    const y = target === null ? 0 : target[i];
    sums[b] += y;
    ns[b] += 1;
    total += y;
  }
  const globalMean = cells.length > 0 ? total / cells.length : 0;
  const means = Array.from(ns, (n, b) => (n > 0 ? sums[b] / n : globalMean));
  const order = means.map((_, b) => b).sort((a, b) => means[a] - means[b] || a - b);
  const codes = new Array<number>(k + 2);
  order.forEach((b, code) => (codes[b] = code));
  return {
    kind: 'categorical',
    name,
    encoding: 'ordinal',
    categories: kept,
    codes: codes.slice(0, k),
    otherCode: codes[k],
    missingCode: codes[k + 1],
  };
}

/** Output column names of a transform, in order. */
export function transformColumns(t: FeatureTransform): string[] {
  if (t.kind === 'categorical') {
    if (t.encoding === 'ordinal') return [t.name];
    return [...t.categories.map((c) => `${t.name}=${c}`), `${t.name}=${OTHER_BUCKET}`, `${t.name}=${MISSING_BUCKET}`];
  }
  return t.missingIndicator ? [t.name, `${t.name}__missing`] : [t.name];
}

/**
 * Fits the pipeline on the training table: median imputation + standard scaling of numeric features
 * (sklearn `SimpleImputer(strategy='median')` then `StandardScaler()`), booleans as 0/1 (mode imputation),
 * categoricals one-hot (`OneHotEncoder(handle_unknown='infrequent_if_exist', min_frequency=…)` plus a missing
 * column) or ordinal (codes ordered by mean `target`), and 0/1 missing indicators.
 */
export function fitPreprocessing(
  table: DataTable,
  features: readonly ModelFeature[],
  options: Partial<PreprocessingOptions> = {},
  target: Float64Array | null = null,
): PreprocessingSpec {
  const resolved: PreprocessingOptions = { ...DEFAULT_PREPROCESSING_OPTIONS, ...options };
  checkOptions(resolved);
  if (features.length === 0) throw new ModelError('features', 'at least one feature is required');
  const transforms = features.map((f): FeatureTransform => {
    const column = table.columns.get(f.name);
    if (column === undefined) {
      throw new ModelError(
        f.name,
        `feature column is missing from the table (columns: ${table.columnNames.join(', ')})`,
      );
    }
    if (f.kind === 'numeric') return fitNumeric(f.name, column, resolved);
    if (f.kind === 'boolean') return fitBoolean(f.name, cellsOf(column), resolved);
    return fitCategorical(f.name, cellsOf(column), resolved, target);
  });
  return { transforms, outputColumns: transforms.flatMap(transformColumns), invalidValue: resolved.invalidValue };
}

/** Writes one cell's encoding at `out[offset…]`. */
type CellEncoder = (cell: Cell | undefined, out: Float64Array, offset: number) => void;

function numericEncoder(t: NumericTransform, invalidIsMissing: boolean): CellEncoder {
  const fill = t.impute === null ? NaN : t.impute;
  const { center, scale, missingIndicator, name } = t;
  return (cell, out, offset) => {
    let v = readNumeric(cell);
    if (v === INVALID) {
      if (!invalidIsMissing) throw invalid(name, cell, 'a finite number or null');
      v = MISSING;
    }
    const missing = v === MISSING;
    out[offset] = ((missing ? fill : (v as number)) - center) * scale;
    if (missingIndicator) out[offset + 1] = missing ? 1 : 0;
  };
}

function booleanEncoder(t: BooleanTransform, invalidIsMissing: boolean): CellEncoder {
  const fill = t.impute === null ? NaN : t.impute;
  const { missingIndicator, name } = t;
  return (cell, out, offset) => {
    let v = readBoolean(cell);
    if (v === INVALID) {
      if (!invalidIsMissing) throw invalid(name, cell, 'a boolean (true/false, 0/1) or null');
      v = MISSING;
    }
    const missing = v === MISSING;
    out[offset] = missing ? fill : (v as number);
    if (missingIndicator) out[offset + 1] = missing ? 1 : 0;
  };
}

function categoricalEncoder(t: CategoricalTransform): CellEncoder {
  const k = t.categories.length;
  if (t.encoding === 'ordinal') {
    const codes = new Map(t.categories.map((c, i) => [c, t.codes?.[i] ?? i]));
    const otherCode = t.otherCode ?? k;
    const missingCode = t.missingCode ?? k + 1;
    return (cell, out, offset) => {
      const v = readCategory(cell);
      out[offset] = v === MISSING ? missingCode : (codes.get(v) ?? otherCode);
    };
  }
  const index = new Map(t.categories.map((c, i) => [c, i]));
  return (cell, out, offset) => {
    out.fill(0, offset, offset + k + 2);
    const v = readCategory(cell);
    out[offset + (v === MISSING ? k + 1 : (index.get(v) ?? k))] = 1;
  };
}

/** A compiled pipeline: encodes rows / tables into the model matrix (row-major, `width` columns). */
export interface RowEncoder {
  readonly width: number;
  encodeRow(row: FeatureRow, out?: Float64Array): Float64Array;
  /** Row-major n × width matrix. */
  encodeTable(table: DataTable): Float64Array;
}

/** Compiles a fitted PreprocessingSpec (validated: see `checkPreprocessingSpec` in load-model.ts). */
export function createRowEncoder(spec: PreprocessingSpec): RowEncoder {
  const invalidIsMissing = spec.invalidValue === 'missing';
  const encoders: CellEncoder[] = [];
  const offsets: number[] = [];
  const names: string[] = [];
  let width = 0;
  for (const t of spec.transforms) {
    encoders.push(
      t.kind === 'numeric'
        ? numericEncoder(t, invalidIsMissing)
        : t.kind === 'boolean'
          ? booleanEncoder(t, invalidIsMissing)
          : categoricalEncoder(t),
    );
    offsets.push(width);
    names.push(t.name);
    width += transformColumns(t).length;
  }
  const count = encoders.length;
  return {
    width,
    encodeRow(row, out = new Float64Array(width)) {
      for (let j = 0; j < count; j++) encoders[j](row[names[j]], out, offsets[j]);
      return out;
    },
    encodeTable(table) {
      const n = table.rowCount;
      const matrix = new Float64Array(n * width);
      for (let j = 0; j < count; j++) {
        const column = table.columns.get(names[j]);
        if (column === undefined) throw new ModelError(names[j], 'feature column is missing from the table');
        const encode = encoders[j];
        const off = offsets[j];
        if (column.type === 'cells') {
          const cells = column.cells;
          for (let i = 0; i < n; i++) encode(cells[i], matrix, i * width + off);
        } else for (let i = 0; i < n; i++) encode(cellAt(column, i), matrix, i * width + off);
      }
      return matrix;
    },
  };
}
