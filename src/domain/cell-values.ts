import type { Cell } from './data-table.js';

/** Missing: `null`, `undefined`, `NaN` or a blank string (what CSV readers produce for an empty field). */
export function isMissingCell(cell: Cell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'number') return Number.isNaN(cell);
  if (typeof cell === 'string') return cell.length === 0 || (cell.charCodeAt(0) <= 32 && cell.trim() === '');
  return false;
}

/**
 * The boolean a cell denotes, or `undefined` when it is not boolean-like: `true`/`false`, the strings
 * `true`/`false` in any case (CSV `True`/`False`), and the numbers 1 / 0.
 */
export function booleanOfCell(cell: Cell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'string') {
    if (cell.length < 4 || cell.length > 7) return undefined;
    const lower = cell.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return undefined;
  }
  if (cell === 1) return true;
  if (cell === 0) return false;
  return undefined;
}

/** The category key of a non-missing cell: its string form (`String(1) = '1'`, `String(true) = 'true'`). */
export function categoryKeyOfCell(cell: Exclude<Cell, null>): string {
  return typeof cell === 'string' ? cell : String(cell);
}
