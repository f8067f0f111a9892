import type { Cell, DataTable } from '../../domain/data-table.js';

/** A new DataTable with the given rows of `table`, in the order of `rows` (indices are not checked twice). */
export function selectRows(table: DataTable, rows: ArrayLike<number>): DataTable {
  const columns: Record<string, readonly Cell[]> = {};
  for (const name of table.columnNames) {
    const source = table.columns[name];
    const cells = new Array<Cell>(rows.length);
    for (let i = 0; i < rows.length; i++) cells[i] = source[rows[i]];
    columns[name] = cells;
  }
  return { columnNames: [...table.columnNames], rowCount: rows.length, columns };
}
