/**
 * TableWriter on hyparquet-writer (the writing half of hyparquet, which reads our Parquet): typed columns with an
 * explicit schema — DOUBLE, INT64, UTF-8 strings, BOOLEAN, and timestamps as INT64 microseconds adjusted to UTC (what
 * pandas / pyarrow read as `datetime64[us, UTC]`), every column nullable, Snappy-compressed. Writes are rare (one per
 * retraining job) and small, so the whole file is built in memory.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Cell } from '../../domain/data-table.js';
import { type TableColumn, type TableColumnType, TableWriteError, type TableWriter } from '../../ports/table-writer.js';

type TypedCell = null | boolean | number | bigint | string;

/** The cell as its column's type holds it; a cell that does not fit → TableWriteError naming column and row. */
function typedCell(column: TableColumn, cell: Cell | undefined, row: number): TypedCell {
  if (cell === null || cell === undefined) return null;
  const refuse = (expected: string) =>
    new TableWriteError(
      `${column.name}[${row}]`,
      `expected ${expected} for a ${column.type} column, got ${JSON.stringify(cell)}`,
    );
  switch (column.type) {
    case 'varchar':
      return String(cell);
    case 'boolean':
      if (typeof cell !== 'boolean') throw refuse('true or false');
      return cell;
    case 'double':
      if (typeof cell === 'boolean') return cell ? 1 : 0;
      if (typeof cell !== 'number') throw refuse('a number');
      return cell;
    case 'bigint':
      if (typeof cell === 'boolean') return cell ? 1n : 0n;
      if (typeof cell !== 'number' || !Number.isSafeInteger(cell)) throw refuse('an integer');
      return BigInt(cell);
    case 'timestamp':
      if (typeof cell !== 'number' || !Number.isFinite(cell)) throw refuse('epoch milliseconds');
      return BigInt(Math.round(cell * 1000));
  }
}

/** The Parquet schema element of a column (every column optional: a missing cell is a null). */
function schemaElement(column: TableColumn) {
  const base = { name: column.name, repetition_type: 'OPTIONAL' as const };
  const physical: Readonly<Record<TableColumnType, object>> = {
    double: { type: 'DOUBLE' },
    bigint: { type: 'INT64' },
    varchar: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    boolean: { type: 'BOOLEAN' },
    timestamp: { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } },
  };
  return { ...base, ...physical[column.type] };
}

function requireColumns(columns: readonly TableColumn[]): void {
  if (columns.length === 0) throw new TableWriteError('columns', 'at least one column');
  const seen = new Set<string>();
  for (const c of columns) {
    if (c.name === '') throw new TableWriteError('columns', 'a column name is empty');
    if (seen.has(c.name.toLowerCase()))
      throw new TableWriteError(
        'columns',
        `two columns are named ${JSON.stringify(c.name)} (names are case-insensitive in Parquet readers)`,
      );
    seen.add(c.name.toLowerCase());
  }
}

export function createParquetWriter(): TableWriter {
  return {
    format: 'parquet',
    extension: '.parquet',
    async write(columns, rows) {
      requireColumns(columns);
      // Every cell is checked before anything is encoded: a refused cell names its column and row.
      const columnData = columns.map((column) => ({
        name: column.name,
        data: rows.map((row, i) => typedCell(column, row[column.name], i)),
      }));
      const buffer = parquetWriteBuffer({
        columnData,
        schema: [{ name: 'root', num_children: columns.length }, ...columns.map(schemaElement)],
        codec: 'SNAPPY',
      });
      return new Uint8Array(buffer);
    },
  };
}
