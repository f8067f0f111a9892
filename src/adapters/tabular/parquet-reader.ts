import { stat } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, type Compressors, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { Cell, DataTable } from '../../domain/data-table.js';
import { TableReadError, type TableReader, type TableReadOptions } from '../../ports/table-reader.js';
import { fileErrorReason } from './file-error-reason.js';

/**
 * Codecs beyond hyparquet's built-in SNAPPY / UNCOMPRESSED, from node:zlib (no extra package). ZSTD and LZ4 are not
 * available on Node 20 without a dependency; such files fail with a clear error.
 */
const NODE_COMPRESSORS: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
};

/**
 * Parquet reader on hyparquet (pure JavaScript). Reads one row group at a time (progress in rows); flat columns of
 * numbers, booleans, strings, INT64 (as numbers, exact up to 2^53) and timestamps (ISO-8601 strings); nulls and NaN
 * become null. Nested columns (lists, structs, maps) and binary columns are rejected, naming the column.
 */
export function createParquetReader(): TableReader {
  return {
    extensions: ['.parquet', '.pq'],
    async read(path: string, options: TableReadOptions = {}): Promise<DataTable> {
      try {
        const info = await stat(path);
        if (info.isDirectory()) throw new TableReadError({ file: path, reason: 'is a directory, not a file' });
        if (info.size === 0) throw new TableReadError({ file: path, reason: 'file is empty (expected Parquet data)' });
      } catch (error) {
        if (error instanceof TableReadError) throw error;
        throw new TableReadError({ file: path, reason: fileErrorReason(error), cause: error });
      }
      const file = await asyncBufferFromFile(path);
      let metadata;
      try {
        metadata = await parquetMetadataAsync(file);
      } catch (error) {
        throw new TableReadError({
          file: path,
          reason: `not a readable Parquet file (${messageOf(error)})`,
          cause: error,
        });
      }
      const columnNames = parquetSchema(metadata).children.map((child) => child.element.name);
      const rowCount = Number(metadata.num_rows);
      const columns: Record<string, Cell[]> = {};
      for (const name of columnNames) columns[name] = new Array<Cell>(rowCount).fill(null);

      let groupStart = 0;
      for (const group of metadata.row_groups) {
        const groupEnd = groupStart + Number(group.num_rows);
        let failure: TableReadError | null = null;
        try {
          await parquetRead({
            file,
            metadata,
            rowStart: groupStart,
            rowEnd: groupEnd,
            compressors: NODE_COMPRESSORS,
            onChunk: (chunk) => {
              if (failure !== null) return;
              try {
                copyChunk(
                  columns[chunk.columnName],
                  chunk.columnData,
                  chunk.rowStart,
                  groupStart,
                  groupEnd,
                  chunk.columnName,
                  path,
                );
              } catch (error) {
                failure =
                  error instanceof TableReadError
                    ? error
                    : new TableReadError({ file: path, column: chunk.columnName, reason: messageOf(error) });
              }
            },
          });
        } catch (error) {
          throw new TableReadError({
            file: path,
            reason: `cannot decode Parquet data (${messageOf(error)})`,
            cause: error,
          });
        }
        if (failure !== null) throw failure;
        groupStart = groupEnd;
        options.onProgress?.({ unit: 'rows', done: groupEnd, total: rowCount });
      }
      return { columnNames, rowCount, columns };
    },
  };
}

function copyChunk(
  target: Cell[],
  data: ArrayLike<unknown>,
  chunkStart: number,
  groupStart: number,
  groupEnd: number,
  column: string,
  file: string,
): void {
  const from = Math.max(chunkStart, groupStart);
  const to = Math.min(chunkStart + data.length, groupEnd);
  for (let row = from; row < to; row++) target[row] = toCell(data[row - chunkStart], column, file);
}

function toCell(value: unknown, column: string, file: string): Cell {
  switch (typeof value) {
    case 'number':
      return Number.isNaN(value) ? null : value;
    case 'string':
    case 'boolean':
      return value;
    case 'bigint': {
      const number = Number(value);
      if (!Number.isSafeInteger(number)) {
        throw new TableReadError({
          file,
          column,
          reason: `integer ${value} does not fit a double exactly (|v| > 2^53)`,
        });
      }
      return number;
    }
    case 'undefined':
      return null;
    default:
      if (value === null) return null;
      if (value instanceof Date) return value.toISOString();
      throw new TableReadError({
        file,
        column,
        reason: `unsupported Parquet value type (${value instanceof Uint8Array ? 'binary' : 'nested list/struct/map'}); only flat number, boolean, string and timestamp columns can be read`,
      });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
