import { booleanOfCell, categoryKeyOfCell, isMissingCell } from '../domain/cell-values.js';
import type { CategoryColumn, Cell, Column, NumberColumn } from '../domain/data-table.js';
import type { FeatureKind } from '../domain/feature-schema.js';
import { parseDecimal } from '../domain/text-values.js';

/** At most this many offending values are kept as examples. */
export const MAX_EXAMPLES = 5;

interface CellTally {
  readonly rowCount: number;
  readonly missingCount: number;
  /** Non-missing cells of the wrong type (a string in a numeric column, ±Infinity, 'maybe' in a boolean column). */
  readonly typeViolationCount: number;
  readonly typeViolationExamples: readonly string[];
}

/** The valid values of a numeric column (finite numbers only; NaN is missing, ±Infinity a type violation). */
export interface NumericValues extends CellTally {
  readonly kind: 'numeric';
  readonly values: Float64Array;
}

/** The valid values of a categorical / boolean column as counts per category key. */
export interface CategoricalValues extends CellTally {
  readonly kind: 'categorical' | 'boolean';
  readonly counts: Map<string, number>;
  readonly validCount: number;
}

export type ColumnValues = NumericValues | CategoricalValues;

function exampleOf(cell: Cell): string {
  return typeof cell === 'string' ? JSON.stringify(cell) : String(cell);
}

/**
 * Splits a numeric column into its finite values (typed array) and counts of missing / ill-typed cells. Typed
 * columns are read without boxing: a Float64Array directly, a dictionary once per entry (text from a file that
 * spells a number is that number).
 */
export function numericValuesOf(column: Column | readonly Cell[]): NumericValues {
  if (Array.isArray(column)) return numericValuesOfCells(column as readonly Cell[]);
  const typed = column as Column;
  if (typed.type === 'number') return numericValuesOfNumbers(typed);
  if (typed.type === 'category') return numericValuesOfCategories(typed);
  return numericValuesOfCells(typed.cells);
}

function numericValuesOfNumbers(column: NumberColumn): NumericValues {
  const { values: source, invalid } = column;
  const values = new Float64Array(source.length);
  let n = 0;
  let nonFinite = 0;
  const typeViolationExamples: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const v = source[i];
    if (v - v === 0) values[n++] = v;
    else if (v === v) {
      nonFinite++;
      if (typeViolationExamples.length < MAX_EXAMPLES) typeViolationExamples.push(String(v));
    }
  }
  const invalidCount = invalid?.size ?? 0;
  if (invalid !== null) {
    for (const text of invalid.values()) {
      if (typeViolationExamples.length >= MAX_EXAMPLES) break;
      const example = JSON.stringify(text);
      if (!typeViolationExamples.includes(example)) typeViolationExamples.push(example);
    }
  }
  const typeViolationCount = nonFinite + invalidCount;
  return {
    kind: 'numeric',
    values: values.slice(0, n),
    rowCount: source.length,
    missingCount: source.length - n - typeViolationCount,
    typeViolationCount,
    typeViolationExamples,
  };
}

function numericValuesOfCategories(column: CategoryColumn): NumericValues {
  const { codes, dictionary } = column;
  const parsed = dictionary.map((entry) =>
    typeof entry === 'string' ? (isMissingCell(entry) ? null : (parseDecimal(entry) ?? undefined)) : undefined,
  );
  const values = new Float64Array(codes.length);
  let n = 0;
  let missingCount = 0;
  let typeViolationCount = 0;
  const typeViolationExamples: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const value = code < 0 ? null : parsed[code];
    if (value === null) missingCount++;
    else if (value === undefined) {
      typeViolationCount++;
      if (typeViolationExamples.length < MAX_EXAMPLES) typeViolationExamples.push(exampleOf(dictionary[code]));
    } else values[n++] = value;
  }
  return {
    kind: 'numeric',
    values: values.slice(0, n),
    rowCount: codes.length,
    missingCount,
    typeViolationCount,
    typeViolationExamples,
  };
}

function numericValuesOfCells(cells: readonly Cell[]): NumericValues {
  const values = new Float64Array(cells.length);
  let n = 0;
  let missingCount = 0;
  let typeViolationCount = 0;
  const typeViolationExamples: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell === 'number' && Number.isFinite(cell)) values[n++] = cell;
    else if (isMissingCell(cell)) missingCount++;
    else {
      typeViolationCount++;
      if (typeViolationExamples.length < MAX_EXAMPLES) typeViolationExamples.push(exampleOf(cell));
    }
  }
  return {
    kind: 'numeric',
    values: values.slice(0, n),
    rowCount: cells.length,
    missingCount,
    typeViolationCount,
    typeViolationExamples,
  };
}

/** The category key of one non-missing value under `kind`, or undefined when it is ill-typed there. */
function keyOf(cell: Exclude<Cell, null>, kind: 'categorical' | 'boolean'): string | undefined {
  if (kind === 'boolean') {
    const b = booleanOfCell(cell);
    return b === undefined ? undefined : String(b);
  }
  if (typeof cell === 'number' && !Number.isFinite(cell)) return undefined;
  return categoryKeyOfCell(cell);
}

/** Counts per key, then missing / violations, from (value, count) pairs. */
class CategoryTally {
  readonly counts = new Map<string, number>();
  missingCount = 0;
  typeViolationCount = 0;
  readonly typeViolationExamples: string[] = [];

  constructor(private readonly kind: 'categorical' | 'boolean') {}

  add(cell: Cell, count: number): void {
    if (count === 0) return;
    if (isMissingCell(cell)) {
      this.missingCount += count;
      return;
    }
    const key = keyOf(cell as Exclude<Cell, null>, this.kind);
    if (key === undefined) {
      this.typeViolationCount += count;
      if (this.typeViolationExamples.length < MAX_EXAMPLES) this.typeViolationExamples.push(exampleOf(cell));
    } else this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  finish(rowCount: number): CategoricalValues {
    const validCount = rowCount - this.missingCount - this.typeViolationCount;
    return {
      kind: this.kind,
      counts: this.counts,
      validCount,
      rowCount,
      missingCount: this.missingCount,
      typeViolationCount: this.typeViolationCount,
      typeViolationExamples: this.typeViolationExamples,
    };
  }
}

/**
 * Counts a categorical column by category key (`String(cell)`), or a boolean column by `'true'`/`'false'`
 * (booleans, true/false strings, 1/0); anything else non-missing in a boolean column is a type violation. Typed
 * columns are counted per code / per distinct number first, then once per distinct value.
 */
export function categoricalValuesOf(
  column: Column | readonly Cell[],
  kind: 'categorical' | 'boolean',
): CategoricalValues {
  const tally = new CategoryTally(kind);
  if (Array.isArray(column)) {
    const cells = column as readonly Cell[];
    for (let i = 0; i < cells.length; i++) tally.add(cells[i], 1);
    return tally.finish(cells.length);
  }
  const typed = column as Column;
  if (typed.type === 'category') {
    const perCode = new Float64Array(typed.dictionary.length);
    let missing = 0;
    for (let i = 0; i < typed.codes.length; i++) {
      const code = typed.codes[i];
      if (code < 0) missing++;
      else perCode[code]++;
    }
    tally.add(null, missing);
    typed.dictionary.forEach((value, code) => tally.add(value, perCode[code]));
    return tally.finish(typed.codes.length);
  }
  if (typed.type === 'number') {
    const perValue = new Map<number, number>();
    let missing = 0;
    for (let i = 0; i < typed.values.length; i++) {
      const v = typed.values[i];
      if (v !== v) missing++;
      else perValue.set(v, (perValue.get(v) ?? 0) + 1);
    }
    const invalid = typed.invalid?.size ?? 0;
    tally.add(null, missing - invalid);
    for (const [value, count] of perValue) tally.add(value, count);
    for (const text of typed.invalid?.values() ?? []) tally.add(text, 1);
    return tally.finish(typed.values.length);
  }
  for (let i = 0; i < typed.cells.length; i++) tally.add(typed.cells[i], 1);
  return tally.finish(typed.cells.length);
}

/** Valid values of a column of the given kind. */
export function columnValuesOf(column: Column | readonly Cell[], kind: FeatureKind): ColumnValues {
  return kind === 'numeric' ? numericValuesOf(column) : categoricalValuesOf(column, kind);
}
