/** One cell of tabular data as read from CSV / Parquet / JSON rows; `null` means missing. */
export type Cell = number | string | boolean | null;

/**
 * Column-oriented tabular data, the common currency between readers (CSV, Parquet, JSON rows, the prediction
 * log) and the drift engine / trainers. Every column has exactly `rowCount` cells.
 */
export interface DataTable {
  readonly columnNames: readonly string[];
  readonly rowCount: number;
  readonly columns: Readonly<Record<string, readonly Cell[]>>;
}

/** Builds a DataTable from row objects; columns are the union of keys in first-seen order, absent keys are null. */
export function dataTableFromRows(rows: readonly Readonly<Record<string, Cell>>[]): DataTable {
  const columnNames: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columnNames.push(key);
      }
    }
  }
  const columns: Record<string, Cell[]> = {};
  for (const name of columnNames) {
    const cells = new Array<Cell>(rows.length);
    for (let i = 0; i < rows.length; i++) cells[i] = rows[i][name] ?? null;
    columns[name] = cells;
  }
  return { columnNames, rowCount: rows.length, columns };
}
