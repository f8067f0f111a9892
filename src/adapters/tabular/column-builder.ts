import type { Cell } from '../../domain/data-table.js';
import { NUMERIC_MAJORITY } from '../../domain/infer-schema.js';

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
  /** The typed cells and the detected type; call once at the end. */
  finish(): { readonly type: DetectedColumnType; readonly cells: Cell[] };
}

/**
 * Type detection per column, in one pass and without a second copy of the text. Each non-missing cell is parsed as
 * a number (decimal / scientific) or a boolean (true/false as pandas spells them) when it looks like one; at the end:
 * - every non-missing cell boolean → `boolean` column;
 * - at least NUMERIC_MAJORITY (99 %) numbers → `number` column; the few other cells stay text, so the drift engine
 *   reports them as type violations instead of the whole column silently turning into text;
 * - otherwise → `string` column, every cell in its exact original spelling (`1.50`, `True` are remembered).
 */
export function createColumnBuilder(missingTokens: ReadonlySet<string>): ColumnBuilder {
  const cells: Cell[] = [];
  // Original text of cells whose String(value) differs from it (index → text).
  const originals = new Map<number, string>();
  let numbers = 0;
  let booleans = 0;
  let present = 0;

  const restore = (keep: (cell: Cell) => boolean): void => {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell !== null && typeof cell !== 'string' && !keep(cell)) cells[i] = originals.get(i) ?? String(cell);
    }
  };

  return {
    push(text: string): void {
      if (missingTokens.has(text)) {
        cells.push(null);
        return;
      }
      present++;
      if (NUMBER_PATTERN.test(text)) {
        const value = Number(text);
        if (String(value) !== text) originals.set(cells.length, text);
        cells.push(value);
        numbers++;
        return;
      }
      const flag = BOOLEAN_TOKENS.get(text);
      if (flag !== undefined) {
        if (String(flag) !== text) originals.set(cells.length, text);
        cells.push(flag);
        booleans++;
        return;
      }
      cells.push(text);
    },
    finish() {
      let type: DetectedColumnType;
      if (present === 0) type = 'empty';
      else if (booleans === present) type = 'boolean';
      else if (numbers >= NUMERIC_MAJORITY * present) {
        type = 'number';
        restore((cell) => typeof cell === 'number');
      } else {
        type = 'string';
        restore(() => false);
      }
      originals.clear();
      return { type, cells };
    },
  };
}
