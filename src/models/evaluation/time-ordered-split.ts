import { type Cell, cellColumn, cellsOf, type DataTable } from '../../domain/data-table.js';
import { MetricInputError } from '../metrics/metric-input-error.js';
import { selectRows } from './select-rows.js';

/** Options of {@link timeOrderedSplit}; fractions must sum to 1. */
export interface TimeOrderedSplitOptions {
  /** Share of the oldest rows used for training (default 0.7). */
  readonly trainFraction?: number;
  /** Share of the next rows used for validation / early stopping (default 0.15; 0 allowed). */
  readonly validationFraction?: number;
  /** Share of the newest rows held out for the final test (default 0.15). */
  readonly testFraction?: number;
  /**
   * Column giving the time order: finite numbers, or strings that `Date.parse` accepts (ISO-8601, also
   * `YYYY-MM-DD HH:MM:SS.fff`; without a zone read as UTC). Ties keep file order. Absent: the file's row order is the time order.
   */
  readonly timeColumn?: string;
}

/** Train / validation / test tables, oldest to newest, and the original row indices of each. */
export interface DataSplit {
  readonly train: DataTable;
  readonly validation: DataTable;
  readonly test: DataTable;
  readonly rows: {
    readonly train: readonly number[];
    readonly validation: readonly number[];
    readonly test: readonly number[];
  };
  /** `row order`, or the time column's name. */
  readonly orderedBy: string;
}

function fraction(value: number | undefined, fallback: number, argument: string): number {
  const f = value ?? fallback;
  if (!Number.isFinite(f) || f < 0 || f > 1)
    throw new MetricInputError(argument, `must be a number in [0, 1], got ${f}`);
  return f;
}

/** A date-time without zone designator: read as UTC so the order never depends on the machine's zone / DST. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function timeKey(cell: Cell, column: string, row: number): number {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  if (typeof cell === 'string' && cell.trim() !== '') {
    const parsed = Date.parse(LOCAL_DATE_TIME.test(cell) ? `${cell.replace(' ', 'T')}Z` : cell);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new MetricInputError(
    `${column}[${row}]`,
    `time column values must be finite numbers or date-time strings, got ${cell === null ? 'a missing value' : JSON.stringify(cell)}`,
  );
}

/**
 * Splits rows in time order: the oldest ⌊n·train⌋ rows train, the next ⌊n·validation⌋ validate, the newest rest
 * test (defaults 70 / 15 / 15). Order = `timeColumn` ascending (stable), else row order. Never shuffles, so
 * the test set is always "the future" of the training set. Train and test must each get ≥ 1 row.
 */
export function timeOrderedSplit(table: DataTable, options: TimeOrderedSplitOptions = {}): DataSplit {
  const train = fraction(options.trainFraction, 0.7, 'trainFraction');
  const validation = fraction(options.validationFraction, 0.15, 'validationFraction');
  const test = fraction(options.testFraction, 0.15, 'testFraction');
  if (Math.abs(train + validation + test - 1) > 1e-9) {
    throw new MetricInputError(
      'testFraction',
      `train, validation and test fractions must sum to 1, got ${train} + ${validation} + ${test}`,
    );
  }
  const n = table.rowCount;
  const order = Array.from({ length: n }, (_, i) => i);
  if (options.timeColumn !== undefined) {
    const typed = table.columns.get(options.timeColumn);
    const column = typed === undefined ? undefined : cellsOf(typed);
    if (column === undefined) {
      throw new MetricInputError(
        'timeColumn',
        `no column "${options.timeColumn}"; columns: ${table.columnNames.join(', ')}`,
      );
    }
    const keys = column.map((cell, row) => timeKey(cell, options.timeColumn as string, row));
    order.sort((a, b) => keys[a] - keys[b] || a - b);
  }
  const trainRows = Math.floor(n * train + 1e-9);
  const validationRows = Math.floor(n * validation + 1e-9);
  const testRows = n - trainRows - validationRows;
  if (trainRows < 1 || testRows < 1) {
    throw new MetricInputError(
      'table',
      `${n} rows are too few for a ${train}/${validation}/${test} split (train ${trainRows}, test ${testRows} rows)`,
    );
  }
  const rows = {
    train: order.slice(0, trainRows),
    validation: order.slice(trainRows, trainRows + validationRows),
    test: order.slice(trainRows + validationRows),
  };
  return {
    train: selectRows(table, rows.train),
    validation: selectRows(table, rows.validation),
    test: selectRows(table, rows.test),
    rows,
    orderedBy: options.timeColumn ?? 'row order',
  };
}

/** Uses caller-given train / validation / test tables (e.g. separate files); checks that their columns agree. */
export function explicitSplit(sets: {
  train: DataTable;
  validation?: DataTable | null;
  test: DataTable;
}): Omit<DataSplit, 'rows'> {
  const empty: DataTable = {
    columnNames: sets.train.columnNames,
    rowCount: 0,
    columns: new Map(sets.train.columnNames.map((c) => [c, cellColumn([])])),
  };
  const validation = sets.validation ?? empty;
  for (const [argument, t] of [
    ['validation', validation],
    ['test', sets.test],
  ] as const) {
    const missing = sets.train.columnNames.filter((c) => !t.columnNames.includes(c));
    if (missing.length > 0) throw new MetricInputError(argument, `lacks training columns: ${missing.join(', ')}`);
  }
  if (sets.train.rowCount < 1 || sets.test.rowCount < 1) {
    throw new MetricInputError(sets.train.rowCount < 1 ? 'train' : 'test', 'must have at least one row');
  }
  return { train: sets.train, validation, test: sets.test, orderedBy: 'explicit sets' };
}
