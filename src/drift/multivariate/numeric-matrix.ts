/**
 * Numeric encoding of mixed features for the PCA and MMD detectors (the classifier uses the gbdt's own
 * preprocessing). Reads DataTable cells here and in pooled-table.ts only.
 */
import { booleanOfCell, categoryKeyOfCell, isMissingCell } from '../../domain/cell-values.js';
import type { Cell, DataTable } from '../../domain/data-table.js';
import type { MultivariateFeature } from './multivariate-input.js';
import { cellsOf } from './pooled-table.js';

/** How categorical (and boolean) features become numbers. */
export interface MatrixEncodingOptions {
  /**
   * `frequency`: one column holding the category's share in the fitted table (NannyML's `CountEncoder(normalize=True)`;
   * an unseen category gets 0); `code`: one unstandardized column holding the category's index among the
   * `maxCategories` most frequent, one code for all others and one for missing — for distances that count
   * mismatches (equivalent to one-hot columns).
   */
  readonly categorical: 'frequency' | 'code';
  /** code: the most frequent categories with a code of their own (the rest share one). */
  readonly maxCategories: number;
  /**
   * true: a missing value is imputed and flagged in a 0/1 column (when the fitted table has missing values in that
   * feature); false: imputed only — mean for numeric, most frequent category otherwise (NannyML's imputers).
   */
  readonly missingIndicators: boolean;
}

/** One output column: the feature it comes from, its name (e.g. `age`, `age__missing`) and whether it is a category code. */
export interface EncodedColumn {
  readonly feature: string;
  readonly name: string;
  /** `value`: standardized number; `code`: category index (compare for equality only, never standardized). */
  readonly kind: 'value' | 'code';
}

/** A fitted encoder: cells → row-major matrix, value columns standardized (mean 0, population std 1 on the fitted table). */
export interface MatrixEncoder {
  readonly columns: readonly EncodedColumn[];
  /** Row-major rows.length × columns.length matrix of `table`'s rows `rows` (all rows when omitted). */
  encode(table: DataTable, rows?: ArrayLike<number>): Float64Array;
}

const MISSING_KEY = '\u0000missing';

/** The number a numeric cell denotes, or NaN when missing or not a finite number (counted as missing). */
function numberOf(cell: Cell | undefined): number {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : NaN;
}

/** The category key of a categorical / boolean cell, or MISSING_KEY. */
function keyOf(cell: Cell | undefined, kind: MultivariateFeature['kind']): string {
  if (cell === undefined || isMissingCell(cell)) return MISSING_KEY;
  if (kind === 'boolean') {
    const b = booleanOfCell(cell as Exclude<Cell, null>);
    return b === undefined ? MISSING_KEY : String(b);
  }
  return categoryKeyOfCell(cell as Exclude<Cell, null>);
}

/** Writes the unstandardized values of one cell at out[offset …]. */
type CellWriter = (cell: Cell | undefined, out: Float64Array, offset: number) => void;

interface FeatureEncoding {
  readonly columns: EncodedColumn[];
  readonly write: CellWriter;
}

function numericEncoding(
  feature: MultivariateFeature,
  cells: readonly Cell[] | null,
  n: number,
  options: MatrixEncodingOptions,
): FeatureEncoding {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = numberOf(cells?.[i]);
    if (v === v) {
      sum += v;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  const flag = options.missingIndicators && count < n;
  const columns: EncodedColumn[] = [{ feature: feature.name, name: feature.name, kind: 'value' }];
  if (flag) columns.push({ feature: feature.name, name: `${feature.name}__missing`, kind: 'value' });
  return {
    columns,
    write: (cell, out, offset) => {
      const v = numberOf(cell);
      out[offset] = v === v ? v : mean;
      if (flag) out[offset + 1] = v === v ? 0 : 1;
    },
  };
}

function categoricalEncoding(
  feature: MultivariateFeature,
  cells: readonly Cell[] | null,
  n: number,
  options: MatrixEncodingOptions,
): FeatureEncoding {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = keyOf(cells?.[i], feature.kind);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const missingCount = counts.get(MISSING_KEY) ?? 0;
  counts.delete(MISSING_KEY);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const mode = ranked.length > 0 ? ranked[0][0] : MISSING_KEY;
  const flag = options.missingIndicators && missingCount > 0;
  const name = feature.name;
  if (options.categorical === 'frequency') {
    // imputation by the most frequent category first (NannyML), then the share of each category
    if (mode !== MISSING_KEY) counts.set(mode, (counts.get(mode) ?? 0) + (flag ? 0 : missingCount));
    const total = n - (flag ? missingCount : 0);
    const share = new Map([...counts.entries()].map(([key, c]) => [key, total > 0 ? c / total : 0]));
    const columns: EncodedColumn[] = [{ feature: name, name, kind: 'value' }];
    if (flag) columns.push({ feature: name, name: `${name}__missing`, kind: 'value' });
    return {
      columns,
      write: (cell, out, offset) => {
        const key = keyOf(cell, feature.kind);
        const missing = key === MISSING_KEY;
        out[offset] = share.get(missing ? mode : key) ?? 0;
        if (flag) out[offset + 1] = missing ? 1 : 0;
      },
    };
  }
  const index = new Map(ranked.slice(0, options.maxCategories).map(([key], i) => [key, i]));
  const other = index.size;
  return {
    columns: [{ feature: name, name, kind: 'code' }],
    write: (cell, out, offset) => {
      const key = keyOf(cell, feature.kind);
      out[offset] = key === MISSING_KEY ? other + 1 : (index.get(key) ?? other);
    },
  };
}

/**
 * Fits the encoding of `features` on `table` (imputation values, categories, frequencies, then each value column's
 * mean and population standard deviation; a constant column is centred only) and returns the encoder.
 */
export function fitMatrixEncoder(
  table: DataTable,
  features: readonly MultivariateFeature[],
  options: MatrixEncodingOptions,
): MatrixEncoder {
  const n = table.rowCount;
  const encodings = features.map((feature) =>
    (feature.kind === 'numeric' ? numericEncoding : categoricalEncoding)(
      feature,
      cellsOf(table, feature.name),
      n,
      options,
    ),
  );
  const columns = encodings.flatMap((e) => e.columns);
  const width = columns.length;
  const raw = (source: DataTable, rows: ArrayLike<number> | undefined): Float64Array => {
    const count = rows === undefined ? source.rowCount : rows.length;
    const out = new Float64Array(count * width);
    let offset = 0;
    encodings.forEach((encoding, f) => {
      const cells = cellsOf(source, features[f].name);
      for (let i = 0; i < count; i++)
        encoding.write(cells?.[rows === undefined ? i : rows[i]], out, i * width + offset);
      offset += encoding.columns.length;
    });
    return out;
  };
  const fitted = raw(table, undefined);
  const center = new Float64Array(width);
  const scale = new Float64Array(width);
  for (let j = 0; j < width; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += fitted[i * width + j];
    const mean = n > 0 ? sum / n : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (fitted[i * width + j] - mean) ** 2;
    const std = n > 0 ? Math.sqrt(ss / n) : 0;
    const code = columns[j].kind === 'code';
    center[j] = code ? 0 : mean;
    // sklearn StandardScaler: a zero-variance column keeps scale 1
    scale[j] = !code && std > 1e-12 * Math.max(1, Math.abs(mean)) ? 1 / std : 1;
  }
  return {
    columns,
    encode(source, rows) {
      const x = raw(source, rows);
      for (let k = 0; k < x.length; k++) {
        const j = k % width;
        x[k] = (x[k] - center[j]) * scale[j];
      }
      return x;
    },
  };
}
