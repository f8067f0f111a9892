import { type Cell, cellsOf as cellsOfColumn, type DataTable } from '../../domain/data-table.js';
import { EstimationRequestError } from './estimation-request-error.js';

// Reads the columns estimation needs out of a DataTable, refusing any unusable cell with the file, column and
// row (data rows counted from 1): a missing score or label is never silently dropped.

function cellsOf(table: DataTable, file: string, column: string, role: string): ArrayLike<Cell> {
  const found = table.columns.get(column);
  if (found === undefined) {
    const known = table.columnNames.slice(0, 12).join(', ');
    throw new EstimationRequestError(
      `${file}: no ${role} column "${column}" (columns: ${known}${table.columnNames.length > 12 ? ', …' : ''})`,
    );
  }
  return cellsOfColumn(found);
}

const shown = (cell: Cell): string => (cell === null ? 'an empty cell' : JSON.stringify(cell));

/** A number, or a string that is one (a reader types a column as text when one cell is not a number). */
function finiteNumber(cell: Cell): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string' && cell.trim() !== '') return Number(cell);
  return Number.NaN;
}

/** A column of finite numbers (scores); the first cell that is not one is the error. */
export function numberColumn(table: DataTable, file: string, column: string, role: string): Float64Array {
  const cells = cellsOf(table, file, column, role);
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const v = finiteNumber(cells[i]);
    if (!Number.isFinite(v)) {
      throw new EstimationRequestError(
        `${file}: column "${column}", row ${i + 1}: ${role} must be a finite number, got ${shown(cells[i])}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** The class label of a cell in string form (as the trainers compare labels), or null when missing. */
export function labelOf(cell: Cell): string | null {
  if (cell === null || (typeof cell === 'number' && Number.isNaN(cell)) || cell === '') return null;
  return String(cell);
}

/** The string labels of a column; a missing label is an error. */
export function labelColumn(table: DataTable, file: string, column: string, role: string): string[] {
  const cells = cellsOf(table, file, column, role);
  const out = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const label = labelOf(cells[i]);
    if (label === null)
      throw new EstimationRequestError(`${file}: column "${column}", row ${i + 1}: ${role} is missing`);
    out[i] = label;
  }
  return out;
}

/** 0/1 codes of string labels given [class 0, class 1]; any other label is an error naming it. */
export function encodeBinary(
  labels: readonly string[],
  classes: readonly [string, string],
  file: string,
  column: string,
  role: string,
): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === classes[1]) out[i] = 1;
    else if (labels[i] === classes[0]) out[i] = 0;
    else {
      throw new EstimationRequestError(
        `${file}: column "${column}", row ${i + 1}: ${role} "${labels[i]}" is not a class of the reference target (${classes[0]}, ${classes[1]})`,
      );
    }
  }
  return out;
}

/** Date strings (ISO 8601; "YYYY-MM-DD HH:MM:SS" read as UTC) to epoch milliseconds. */
export function timeColumn(table: DataTable, file: string, column: string): Float64Array {
  const cells = cellsOf(table, file, column, 'time');
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    let ms = Number.NaN;
    if (typeof v === 'string') {
      const iso = v.includes('T') ? v : v.replace(' ', 'T');
      ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
    }
    if (!Number.isFinite(ms))
      throw new EstimationRequestError(
        `${file}: column "${column}", row ${i + 1}: time must be a date string, got ${shown(v)}`,
      );
    out[i] = ms;
  }
  return out;
}
