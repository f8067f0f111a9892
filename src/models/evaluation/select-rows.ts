import { type DataTable, selectTableRows } from '../../domain/data-table.js';

/** A new DataTable with the given rows of `table`, in the order of `rows` (indices are not checked twice). */
export function selectRows(table: DataTable, rows: ArrayLike<number>): DataTable {
  return selectTableRows(table, rows);
}
