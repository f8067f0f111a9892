import type { DataTable } from '../domain/data-table.js';

/** Progress of a read: bytes (CSV) or rows (Parquet) done out of a known total (`columns`: profiling, evaluating). */
export interface TableReadProgress {
  readonly unit: 'bytes' | 'rows' | 'columns';
  readonly done: number;
  readonly total: number;
}

/** Options shared by every table reader. */
export interface TableReadOptions {
  /** Called now and then while reading (at most a few times per second of work); never for tiny files. */
  readonly onProgress?: (progress: TableReadProgress) => void;
  /**
   * Keep at most this many rows, a uniform sample (seeded reservoir: the same file gives the same rows), so a file of
   * any length fits in memory; the table's `sourceRowCount` then says how many rows the file had.
   */
  readonly sampleRows?: number;
}

/**
 * Reads a whole tabular file into a column-oriented {@link DataTable}: numbers, booleans and strings, missing
 * cells as `null`. Failures are {@link TableReadError}s naming the file and, when known, line and column.
 */
export interface TableReader {
  /** Lower-case extensions this reader handles, with the dot (e.g. `.csv`). */
  readonly extensions: readonly string[];
  read(path: string, options?: TableReadOptions): Promise<DataTable>;
}

/**
 * Parses tabular text already in memory (e.g. an uploaded CSV body) into a {@link DataTable}; errors as TableReadError.
 * UTF-8 bytes may be handed over (transferred) to the parsing thread: the caller must not use them afterwards.
 */
export interface TableTextParser {
  /** `source` names the text in error messages (e.g. `request body`). */
  parse(text: string | Uint8Array, source: string): Promise<DataTable>;
}

/** Where a read went wrong; `line` is 1-based (CSV), `column` is a column name when known. */
export interface TableReadErrorOptions {
  readonly file: string;
  readonly reason: string;
  readonly line?: number;
  readonly column?: string;
  readonly cause?: unknown;
}

/** The one error type of table readers: `<file>[: line N][, column "c"]: <reason>`. */
export class TableReadError extends Error {
  readonly file: string;
  readonly reason: string;
  readonly line: number | undefined;
  readonly column: string | undefined;

  constructor(options: TableReadErrorOptions) {
    const where = [
      options.line === undefined ? '' : `line ${options.line}`,
      options.column === undefined ? '' : `column "${options.column}"`,
    ]
      .filter((part) => part !== '')
      .join(', ');
    super(
      `${options.file}: ${where === '' ? '' : `${where}: `}${options.reason}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'TableReadError';
    this.file = options.file;
    this.reason = options.reason;
    this.line = options.line;
    this.column = options.column;
  }
}
