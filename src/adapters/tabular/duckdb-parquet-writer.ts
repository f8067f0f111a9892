/**
 * TableWriter on DuckDB (@duckdb/node-api, the project's tabular engine): the rows go into an in-memory table through
 * DuckDB's appender, typed per column, and `COPY … TO … (FORMAT parquet, COMPRESSION snappy)` writes the file, which is
 * read back and removed. One in-memory database per call: writes are rare (one per retraining job) and small.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBAppender, DuckDBInstance, DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { Cell } from '../../domain/data-table.js';
import { type TableColumn, type TableColumnType, TableWriteError, type TableWriter } from '../../ports/table-writer.js';

const SQL_TYPES: Readonly<Record<TableColumnType, string>> = {
  double: 'DOUBLE',
  bigint: 'BIGINT',
  varchar: 'VARCHAR',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
};

/** SQL identifier. */
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** SQL string literal. */
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

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

function append(appender: DuckDBAppender, type: TableColumnType, value: TypedCell): void {
  if (value === null) return appender.appendNull();
  if (type === 'varchar') return appender.appendVarchar(value as string);
  if (type === 'boolean') return appender.appendBoolean(value as boolean);
  if (type === 'double') return appender.appendDouble(value as number);
  if (type === 'bigint') return appender.appendBigInt(value as bigint);
  return appender.appendTimestampTZ(new DuckDBTimestampTZValue(value as bigint));
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

export function createDuckDbParquetWriter(options: { readonly scratchDir?: string } = {}): TableWriter {
  return {
    format: 'parquet',
    extension: '.parquet',
    async write(columns, rows) {
      requireColumns(columns);
      // Every cell is checked before DuckDB sees one: a refused cell leaves no half-appended row behind.
      const typed = rows.map((row, i) => columns.map((c) => typedCell(c, row[c.name], i)));
      const dir = await mkdtemp(join(options.scratchDir ?? tmpdir(), 'driftguard-parquet-'));
      const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
      try {
        const connection = await instance.connect();
        try {
          await connection.run(
            `CREATE TABLE t (${columns.map((c) => `${ident(c.name)} ${SQL_TYPES[c.type]}`).join(', ')})`,
          );
          const appender = await connection.createAppender('t');
          try {
            for (const values of typed) {
              values.forEach((value, j) => append(appender, columns[j].type, value));
              appender.endRow();
            }
            appender.flushSync();
          } finally {
            appender.closeSync();
          }
          const file = join(dir, `table.parquet`);
          await connection.run(`COPY t TO ${literal(file)} (FORMAT parquet, COMPRESSION snappy)`);
          return new Uint8Array(await readFile(file));
        } finally {
          connection.closeSync();
        }
      } finally {
        instance.closeSync();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
