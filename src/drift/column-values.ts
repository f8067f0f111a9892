import { booleanOfCell, categoryKeyOfCell, isMissingCell } from '../domain/cell-values.js';
import type { Cell } from '../domain/data-table.js';
import type { FeatureKind } from '../domain/feature-schema.js';

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

/** Splits a numeric column into its finite values (typed array) and counts of missing / ill-typed cells. */
export function numericValuesOf(cells: readonly Cell[]): NumericValues {
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

/**
 * Counts a categorical column by category key (`String(cell)`), or a boolean column by `'true'`/`'false'`
 * (booleans, true/false strings, 1/0); anything else non-missing in a boolean column is a type violation.
 */
export function categoricalValuesOf(cells: readonly Cell[], kind: 'categorical' | 'boolean'): CategoricalValues {
  const counts = new Map<string, number>();
  let missingCount = 0;
  let typeViolationCount = 0;
  const typeViolationExamples: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (isMissingCell(cell)) {
      missingCount++;
      continue;
    }
    let key: string | undefined;
    if (kind === 'boolean') {
      const b = booleanOfCell(cell as Exclude<Cell, null>);
      key = b === undefined ? undefined : String(b);
    } else if (typeof cell === 'number' && !Number.isFinite(cell)) key = undefined;
    else key = categoryKeyOfCell(cell as Exclude<Cell, null>);
    if (key === undefined) {
      typeViolationCount++;
      if (typeViolationExamples.length < MAX_EXAMPLES) typeViolationExamples.push(exampleOf(cell));
    } else counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const validCount = cells.length - missingCount - typeViolationCount;
  return { kind, counts, validCount, rowCount: cells.length, missingCount, typeViolationCount, typeViolationExamples };
}

/** Valid values of a column of the given kind. */
export function columnValuesOf(cells: readonly Cell[], kind: FeatureKind): ColumnValues {
  return kind === 'numeric' ? numericValuesOf(cells) : categoricalValuesOf(cells, kind);
}
