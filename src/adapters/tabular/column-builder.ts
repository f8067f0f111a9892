import type { Cell } from '../../domain/data-table.js';
import { NUMERIC_MAJORITY } from '../../domain/infer-schema.js';

/**
 * Text cells that mean "missing", pandas' default `na_values` (pandas.read_csv, `keep_default_na=True`) so a CSV
 * reads the same here as in pandas / Evidently.
 */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
];

/** The type a text column was detected as, once every cell has been seen. */
export type DetectedColumnType = 'empty' | 'number' | 'boolean' | 'string';

const BOOLEAN_TOKENS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * The number a CSV cell spells in plain decimal or scientific notation (`-1.5`, `.5`, `2e-3`, `007`), else
 * undefined. Hex / binary / octal literals, blanks, `Infinity`, `1_000` are not numbers (JavaScript's `Number()`
 * would accept some of them). Equivalent to /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ but without a regex.
 */
export function parseDecimal(text: string): number | undefined {
  const first = text.charCodeAt(0);
  if (!(isDigit(first) || first === 45 || first === 43 || first === 46)) return undefined;
  const last = text.charCodeAt(text.length - 1);
  if (!(isDigit(last) || last === 46)) return undefined;
  if (text.length > 1) {
    const second = text.charCodeAt(1) | 0x20; // lower-case letter
    if (second === 0x78 || second === 0x62 || second === 0x6f) return undefined; // 0x / 0b / 0o
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The typed cells of one column; `needsOriginalText` when text-like cells were parsed and must be re-read as text. */
export interface BuiltColumn {
  readonly type: DetectedColumnType;
  readonly cells: Cell[];
  readonly needsOriginalText: boolean;
}

/** Accumulates the text cells of one column and decides its type: numbers, booleans or strings (see docs). */
export interface ColumnBuilder {
  push(text: string): void;
  finish(): BuiltColumn;
}

/**
 * Type detection per column, in one pass and without keeping the text of number / boolean cells. Each non-missing
 * cell is parsed as a number (`parseDecimal`) or a boolean (true/false as pandas spells them); at the end:
 * - every non-missing cell boolean → `boolean` column;
 * - at least NUMERIC_MAJORITY (99 %) numbers → `number` column; the few other cells stay text, so the drift engine
 *   reports them as type violations instead of the whole column silently turning into text;
 * - otherwise → `string` column; if some cells were parsed as numbers / booleans, `needsOriginalText` asks the reader
 *   for their exact original spelling (`1.50`, `007`, `True`) — a second pass over the file for such columns only.
 */
export function createColumnBuilder(missingTokens: ReadonlySet<string>): ColumnBuilder {
  const cells: Cell[] = [];
  let numbers = 0;
  let booleans = 0;
  let present = 0;
  return {
    push(text: string): void {
      if (missingTokens.has(text)) {
        cells.push(null);
        return;
      }
      present++;
      const value = parseDecimal(text);
      if (value !== undefined) {
        cells.push(value);
        numbers++;
        return;
      }
      const flag = BOOLEAN_TOKENS.get(text);
      if (flag !== undefined) {
        cells.push(flag);
        booleans++;
        return;
      }
      cells.push(text);
    },
    finish(): BuiltColumn {
      if (present === 0) return { type: 'empty', cells, needsOriginalText: false };
      if (booleans === present) return { type: 'boolean', cells, needsOriginalText: false };
      if (numbers >= NUMERIC_MAJORITY * present) {
        if (booleans > 0) {
          for (let i = 0; i < cells.length; i++) if (typeof cells[i] === 'boolean') cells[i] = String(cells[i]);
        }
        return { type: 'number', cells, needsOriginalText: booleans > 0 };
      }
      return { type: 'string', cells, needsOriginalText: numbers + booleans > 0 };
    },
  };
}
