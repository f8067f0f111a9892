import type { Cell } from '../../domain/data-table.js';

/**
 * Text cells that mean "missing", pandas' default `na_values` (pandas.read_csv, `keep_default_na=True`) so a CSV
 * reads the same here as in pandas / Evidently.
 */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA',
  'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

/** The type a text column was detected as, once every cell has been seen. */
export type DetectedColumnType = 'empty' | 'number' | 'boolean' | 'string';

/** Decimal or scientific notation, as written by CSV writers; hex, blanks inside and `Infinity` are not numbers. */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const BOOLEAN_TOKENS: ReadonlyMap<string, boolean> = new Map([
  ['true', true], ['True', true], ['TRUE', true],
  ['false', false], ['False', false], ['FALSE', false],
]);

/** Accumulates the text cells of one column and decides its type: numbers, booleans or strings (see docs). */
export interface ColumnBuilder {
  push(text: string): void;
  readonly type: DetectedColumnType;
  /** The cells, typed; call once at the end. */
  finish(): Cell[];
}

/**
 * Type detection per column, in one pass and without keeping a second copy of the text: a column is `number`
 * while every non-missing cell matches a decimal number, `boolean` while every one is true/false (any of the
 * spellings pandas accepts), else `string`. When a cell breaks the current type, the earlier cells are turned
 * back into their exact original text (non-canonical spellings such as `1.50` or `True` are remembered).
 */
export function createColumnBuilder(missingTokens: ReadonlySet<string>): ColumnBuilder {
  const cells: Cell[] = [];
  let type: DetectedColumnType = 'empty';
  // Original text of cells whose String(value) differs from it (index → text); only while typed.
  let originals = new Map<number, string>();

  const demoteToString = (): void => {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell !== null) cells[i] = originals.get(i) ?? String(cell);
    }
    originals = new Map();
    type = 'string';
  };

  const asNumber = (text: string): number | undefined => {
    if (!NUMBER_PATTERN.test(text)) return undefined;
    return Number(text);
  };

  return {
    get type() {
      return type;
    },
    push(text: string): void {
      if (missingTokens.has(text)) {
        cells.push(null);
        return;
      }
      if (type === 'string') {
        cells.push(text);
        return;
      }
      if (type === 'empty' || type === 'number') {
        const value = asNumber(text);
        if (value !== undefined) {
          if (String(value) !== text) originals.set(cells.length, text);
          cells.push(value);
          type = 'number';
          return;
        }
      }
      if (type === 'empty' || type === 'boolean') {
        const value = BOOLEAN_TOKENS.get(text);
        if (value !== undefined) {
          if (String(value) !== text) originals.set(cells.length, text);
          cells.push(value);
          type = 'boolean';
          return;
        }
      }
      demoteToString();
      cells.push(text);
    },
    finish(): Cell[] {
      originals = new Map();
      return cells;
    },
  };
}
