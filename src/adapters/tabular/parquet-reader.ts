import { stat } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { type CategoryValue, type Column, type DataTable, numberColumn } from '../../domain/data-table.js';
import { TableReadError, type TableReader, type TableReadOptions } from '../../ports/table-reader.js';
import { settleColumn } from './csv-columns.js';
import { fileErrorReason } from './file-error-reason.js';
import { createRowReservoir } from './row-reservoir.js';

/**
 * Parquet reader on hyparquet (pure JavaScript) with hyparquet-compressors (Snappy, GZIP, ZSTD, LZ4, LZ4_RAW,
 * Brotli), one row group at a time (progress in rows), into typed columns: numbers (ints, INT64 exact up to 2^53,
 * floats, decimals) in a Float64Array (null and NaN missing), strings as dictionary codes (a string column of
 * numbers is settled by the one kind rule, as a CSV column), booleans as a two-entry dictionary, dates and
 * timestamps (INT96 too) as ISO 8601 text. Nested columns (lists, structs, maps) and binary columns are rejected,
 * naming the column.
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
      const elements = parquetSchema(metadata).children.map((child) => child.element);
      const columnNames = elements.map((element) => element.name);
      const sourceRowCount = Number(metadata.num_rows);
      const slots = sampleSlots(sourceRowCount, options.sampleRows, path);
      const rowCount = slots === null ? sourceRowCount : Math.min(sourceRowCount, options.sampleRows as number);
      const builders = new Map<string, TypedColumnBuilder>();
      for (const element of elements) {
        const isDate = element.converted_type === 'DATE' || element.logical_type?.type === 'DATE';
        builders.set(element.name, new TypedColumnBuilder(element.name, path, rowCount, isDate, slots));
      }

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
            compressors,
            onChunk: (chunk) => {
              if (failure !== null) return;
              try {
                (builders.get(chunk.columnName) as TypedColumnBuilder).add(
                  chunk.columnData,
                  chunk.rowStart,
                  groupStart,
                  groupEnd,
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
        options.onProgress?.({ unit: 'rows', done: groupEnd, total: sourceRowCount });
      }
      const columns = new Map<string, Column>();
      for (const name of columnNames) columns.set(name, (builders.get(name) as TypedColumnBuilder).finish());
      return { columnNames, rowCount, columns, ...(sourceRowCount > rowCount ? { sourceRowCount } : {}) };
    },
  };
}

/** The reservoir slot of every row when `sampleRows` keeps fewer rows than the file has; null to keep all. */
function sampleSlots(rowCount: number, sampleRows: number | undefined, file: string): Int32Array | null {
  if (sampleRows === undefined) return null;
  if (!(Number.isInteger(sampleRows) && sampleRows >= 1000))
    throw new TableReadError({ file, reason: `sampleRows must be an integer ≥ 1000, got ${String(sampleRows)}` });
  if (sampleRows >= rowCount) return null;
  const reservoir = createRowReservoir(sampleRows);
  const slots = new Int32Array(rowCount);
  for (let row = 0; row < rowCount; row++) slots[row] = reservoir.slotOf(row);
  return slots;
}

/** Builds one column from hyparquet's decoded chunks; its storage follows the first non-missing value's type. */
class TypedColumnBuilder {
  private storage: 'unknown' | 'number' | 'text' | 'boolean' = 'unknown';
  private values: Float64Array | null = null;
  private codes: Int32Array | null = null;
  private readonly dictionary: CategoryValue[] = [];
  private readonly index = new Map<CategoryValue, number>();

  constructor(
    private readonly name: string,
    private readonly file: string,
    private readonly rowCount: number,
    /** A DATE column: its values are written as YYYY-MM-DD. */
    private readonly isDate: boolean,
    /** When sampling: the slot of each source row (−1 = not kept); rows arrive in order, later ones overwrite. */
    private readonly slots: Int32Array | null,
  ) {}

  add(data: ArrayLike<unknown>, chunkStart: number, groupStart: number, groupEnd: number): void {
    const from = Math.max(chunkStart, groupStart);
    const to = Math.min(chunkStart + data.length, groupEnd);
    const slots = this.slots;
    if (slots === null) for (let row = from; row < to; row++) this.put(row, data[row - chunkStart]);
    else {
      for (let row = from; row < to; row++) {
        const slot = slots[row];
        if (slot >= 0) this.put(slot, data[row - chunkStart]);
      }
    }
  }

  private put(row: number, value: unknown): void {
    if (value === null || value === undefined) {
      // Missing: NaN / −1 (also when a sampled slot is overwritten by a missing value).
      if (this.values !== null) this.values[row] = NaN;
      if (this.codes !== null) this.codes[row] = -1;
      return;
    }
    if (this.storage === 'unknown') this.start(value);
    if (this.storage === 'number') {
      const values = this.values as Float64Array;
      if (typeof value === 'number') values[row] = value;
      else if (typeof value === 'bigint') {
        const number = Number(value);
        if (!Number.isSafeInteger(number)) this.fail(`integer ${value} does not fit a double exactly (|v| > 2^53)`);
        values[row] = number;
      } else this.fail(`mixed value types (${typeof value} in a number column)`);
      return;
    }
    let key: CategoryValue;
    if (typeof value === 'string' || typeof value === 'boolean') key = value;
    else if (value instanceof Date) key = this.isDate ? value.toISOString().slice(0, 10) : value.toISOString();
    else this.unsupported(value);
    let code = this.index.get(key);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(key);
      this.index.set(key, code);
    }
    (this.codes as Int32Array)[row] = code;
  }

  private start(value: unknown): void {
    if (typeof value === 'number' || typeof value === 'bigint') {
      this.storage = 'number';
      this.values = new Float64Array(this.rowCount).fill(NaN);
      return;
    }
    if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) {
      this.storage = typeof value === 'boolean' ? 'boolean' : 'text';
      this.codes = new Int32Array(this.rowCount).fill(-1);
      return;
    }
    this.unsupported(value);
  }

  private unsupported(value: unknown): never {
    this.fail(
      `unsupported Parquet value type (${value instanceof Uint8Array ? 'binary' : 'nested list/struct/map'}); only flat number, boolean, string and timestamp columns can be read`,
    );
  }

  private fail(reason: string): never {
    throw new TableReadError({ file: this.file, column: this.name, reason });
  }

  finish(): Column {
    if (this.storage === 'number') return numberColumn(this.values as Float64Array);
    if (this.storage === 'unknown')
      return { type: 'category', codes: new Int32Array(this.rowCount).fill(-1), dictionary: [] };
    const column: Column = { type: 'category', codes: this.codes as Int32Array, dictionary: this.dictionary };
    // A string column is settled like a CSV column (numbers stored as text become numbers); booleans stay.
    return this.storage === 'text' ? (settleColumn(column, this.name) ?? column) : column;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
