/**
 * Writing rows as a tabular file for programs outside driftguard (a retraining job's training and validation rows
 * for the user's trainer). Column types are declared, so the file carries them (pandas, Polars and Spark read an
 * integer column as integers and a timestamp as a timestamp), whatever the cells look like.
 */
import type { Cell } from '../domain/data-table.js';
import { SchemaError } from '../domain/schema-error.js';

/** `timestamp`: cells are epoch milliseconds, written as a UTC timestamp (microsecond precision). */
export type TableColumnType = 'double' | 'bigint' | 'varchar' | 'boolean' | 'timestamp';

export interface TableColumn {
  readonly name: string;
  readonly type: TableColumnType;
}

export interface TableWriter {
  /** The file format and its extension (with the dot). */
  readonly format: 'parquet';
  readonly extension: '.parquet';
  /**
   * The file's bytes: `columns` in order, one row per object (absent or null cells are missing). A cell its column's
   * type cannot hold → TableWriteError naming the column and the row.
   */
  write(columns: readonly TableColumn[], rows: readonly Readonly<Record<string, Cell>>[]): Promise<Uint8Array>;
}

/** A cell that does not fit its column (`field` = `<column>[<row>]`), or columns the format refuses. */
export class TableWriteError extends SchemaError {
  override readonly name: string = 'TableWriteError';
}
