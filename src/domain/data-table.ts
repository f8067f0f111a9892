/** One cell of tabular data as read from CSV / Parquet / JSON rows; `null` means missing. */
export type Cell = number | string | boolean | null;

/** A value a category column can hold (booleans are a two-value dictionary). */
export type CategoryValue = string | boolean;

/**
 * A numeric column: `values[i]` is the number in row i, NaN when the row has no valid number. Rows whose text was
 * present but not a number (`"high"`, `"0,5"`, `Infinity`) are listed in `invalid` (row → text), so missing stays
 * distinguishable from invalid; `invalid` is null when there are none.
 */
export interface NumberColumn {
  readonly type: 'number';
  readonly values: Float64Array;
  readonly invalid: ReadonlyMap<number, string> | null;
}

/** A dictionary-encoded column: `codes[i]` indexes `dictionary`, −1 is missing. */
export interface CategoryColumn {
  readonly type: 'category';
  readonly codes: Int32Array;
  readonly dictionary: readonly CategoryValue[];
}

/** Boxed cells of any type (rows from the prediction log, JSON bodies, small tables built in code). */
export interface CellColumn {
  readonly type: 'cells';
  readonly cells: readonly Cell[];
}

/** One column of a DataTable: typed (numbers, categories) when a reader produced it, boxed cells otherwise. */
export type Column = NumberColumn | CategoryColumn | CellColumn;

/**
 * Column-oriented tabular data, the common currency between readers (CSV, Parquet, JSON rows, the prediction
 * log) and the drift engine / trainers. Every column has exactly `rowCount` rows. Columns are kept in a Map, so any
 * name (`__proto__`, `constructor`) is an ordinary key.
 */
export interface DataTable {
  readonly columnNames: readonly string[];
  readonly rowCount: number;
  readonly columns: ReadonlyMap<string, Column>;
  /** Rows in the source when the table holds a uniform sample of them (see TableReadOptions.sampleRows). */
  readonly sourceRowCount?: number;
}

/**
 * The buffers behind a table's typed columns, each once: the transfer list that moves a table to or from a worker
 * thread without copying its numbers and codes (the sender's arrays are detached afterwards).
 */
export function tableBuffers(table: DataTable): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of table.columns.values()) {
    if (column.type === 'number') buffers.add(column.values.buffer as ArrayBuffer);
    else if (column.type === 'category') buffers.add(column.codes.buffer as ArrayBuffer);
  }
  return [...buffers];
}

/** Number of rows of a column. */
export function columnLength(column: Column): number {
  switch (column.type) {
    case 'number':
      return column.values.length;
    case 'category':
      return column.codes.length;
    default:
      return column.cells.length;
  }
}

/** The cell in row `row` (an invalid number's original text; NaN → null). */
export function cellAt(column: Column, row: number): Cell {
  switch (column.type) {
    case 'number': {
      const value = column.values[row];
      if (value === value) return value;
      return column.invalid?.get(row) ?? null;
    }
    case 'category': {
      const code = column.codes[row];
      return code < 0 ? null : column.dictionary[code];
    }
    default:
      return column.cells[row] ?? null;
  }
}

/** Every cell of a column, boxed (for code that is not on a hot path; typed columns are cheaper to read directly). */
export function cellsOf(column: Column): Cell[] {
  if (column.type === 'cells') return column.cells as Cell[];
  const n = columnLength(column);
  const out = new Array<Cell>(n);
  for (let i = 0; i < n; i++) out[i] = cellAt(column, i);
  return out;
}

/** The cell a row object holds under `key` (own keys only: `__proto__` is a name like any other), null when absent. */
export function ownCell(row: Readonly<Record<string, Cell>>, key: string): Cell {
  return Object.prototype.hasOwnProperty.call(row, key) ? (row[key] ?? null) : null;
}

/** Wraps boxed cells as a column. */
export function cellColumn(cells: readonly Cell[]): CellColumn {
  return { type: 'cells', cells };
}

/** A numeric column from values (NaN = missing) and optional invalid texts by row. */
export function numberColumn(values: Float64Array, invalid: ReadonlyMap<number, string> | null = null): NumberColumn {
  return { type: 'number', values, invalid: invalid !== null && invalid.size > 0 ? invalid : null };
}

/** The column named `name`, or undefined. */
export function columnOf(table: DataTable, name: string): Column | undefined {
  return table.columns.get(name);
}

/** The cells of column `name` (boxed), or undefined when the table has no such column. */
export function cellsOfColumn(table: DataTable, name: string): Cell[] | undefined {
  const column = table.columns.get(name);
  return column === undefined ? undefined : cellsOf(column);
}

/** The cells of column `name`, boxed; throws when the table has no such column. */
export function requireCells(table: DataTable, name: string): Cell[] {
  const column = table.columns.get(name);
  if (column === undefined) throw new Error(`no column '${name}' (columns: ${table.columnNames.join(', ')})`);
  return cellsOf(column);
}

/** Named columns as a Map, `Cell[]` arrays wrapped as cell columns (for tables written out in code). */
export function columnMap(record: Readonly<Record<string, readonly Cell[] | Column>>): Map<string, Column> {
  return new Map(
    Object.entries(record).map(([name, column]) => [
      name,
      Array.isArray(column) ? cellColumn(column as readonly Cell[]) : (column as Column),
    ]),
  );
}

/** A table from named columns in order; `Cell[]` arrays are wrapped as cell columns. Row count from the first column. */
export function dataTableOf(
  entries: Iterable<readonly [string, Column | readonly Cell[]]>,
  rowCount?: number,
): DataTable {
  const columns = new Map<string, Column>();
  for (const [name, column] of entries)
    columns.set(name, Array.isArray(column) ? cellColumn(column as readonly Cell[]) : (column as Column));
  const first = columns.values().next();
  return {
    columnNames: [...columns.keys()],
    rowCount: rowCount ?? (first.done === true ? 0 : columnLength(first.value)),
    columns,
  };
}

/** A table from a plain record of cell arrays (tests, small tables built in code). */
export function dataTableFromColumns(
  record: Readonly<Record<string, readonly Cell[] | Column>>,
  rowCount?: number,
): DataTable {
  return dataTableOf(Object.entries(record), rowCount);
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
  const columns = new Map<string, Column>();
  for (const name of columnNames) {
    const cells = new Array<Cell>(rows.length);
    for (let i = 0; i < rows.length; i++)
      cells[i] = Object.prototype.hasOwnProperty.call(rows[i], name) ? (rows[i][name] ?? null) : null;
    columns.set(name, cellColumn(cells));
  }
  return { columnNames, rowCount: rows.length, columns };
}

/** The rows at `indices` (in that order), every column keeping its type. */
export function selectColumnRows(column: Column, indices: ArrayLike<number>): Column {
  const n = indices.length;
  switch (column.type) {
    case 'number': {
      const values = new Float64Array(n);
      let invalid: Map<number, string> | null = null;
      for (let i = 0; i < n; i++) {
        values[i] = column.values[indices[i]];
        const text = column.invalid?.get(indices[i]);
        if (text !== undefined) (invalid ??= new Map()).set(i, text);
      }
      return numberColumn(values, invalid);
    }
    case 'category': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = column.codes[indices[i]];
      return { type: 'category', codes, dictionary: column.dictionary };
    }
    default: {
      const cells = new Array<Cell>(n);
      for (let i = 0; i < n; i++) cells[i] = column.cells[indices[i]] ?? null;
      return cellColumn(cells);
    }
  }
}

/** The rows at `indices` of every column. */
export function selectTableRows(table: DataTable, indices: ArrayLike<number>): DataTable {
  const columns = new Map<string, Column>();
  for (const name of table.columnNames) columns.set(name, selectColumnRows(table.columns.get(name) as Column, indices));
  return { columnNames: table.columnNames, rowCount: indices.length, columns };
}

/** Rows `[start, end)` of every column. */
export function sliceTableRows(table: DataTable, start: number, end: number): DataTable {
  const indices = new Int32Array(Math.max(0, end - start));
  for (let i = 0; i < indices.length; i++) indices[i] = start + i;
  return selectTableRows(table, indices);
}

/** Only the named columns (in that order); a name the table lacks is an error for the caller to have checked. */
export function projectTable(table: DataTable, names: readonly string[]): DataTable {
  const columns = new Map<string, Column>();
  for (const name of names) {
    const column = table.columns.get(name);
    if (column !== undefined) columns.set(name, column);
  }
  return { columnNames: [...columns.keys()], rowCount: table.rowCount, columns };
}

/** Tables stacked row-wise over the columns of the first; a column absent from a later table is missing there. */
export function concatTables(tables: readonly DataTable[]): DataTable {
  if (tables.length === 0) return { columnNames: [], rowCount: 0, columns: new Map() };
  const names = tables[0].columnNames;
  const rowCount = tables.reduce((sum, t) => sum + t.rowCount, 0);
  const columns = new Map<string, Column>();
  for (const name of names) {
    const parts = tables.map((t) => t.columns.get(name));
    if (parts.every((p) => p?.type === 'number')) {
      const values = new Float64Array(rowCount);
      let invalid: Map<number, string> | null = null;
      let offset = 0;
      for (const part of parts as NumberColumn[]) {
        values.set(part.values, offset);
        for (const [row, text] of part.invalid ?? []) (invalid ??= new Map()).set(offset + row, text);
        offset += part.values.length;
      }
      columns.set(name, numberColumn(values, invalid));
      continue;
    }
    const cells: Cell[] = [];
    tables.forEach((t, k) => {
      const part = parts[k];
      if (part === undefined) for (let i = 0; i < t.rowCount; i++) cells.push(null);
      else for (const cell of cellsOf(part)) cells.push(cell);
    });
    columns.set(name, cellColumn(cells));
  }
  return { columnNames: names, rowCount, columns };
}

/** A copy of `table` with column `name` set (appended when new). */
export function withColumn(table: DataTable, name: string, column: Column | readonly Cell[]): DataTable {
  const columns = new Map(table.columns);
  columns.set(name, Array.isArray(column) ? cellColumn(column as readonly Cell[]) : (column as Column));
  return {
    columnNames: table.columns.has(name) ? table.columnNames : [...table.columnNames, name],
    rowCount: table.rowCount,
    columns,
  };
}
