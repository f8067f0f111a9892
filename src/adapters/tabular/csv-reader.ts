import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import type { DataTable } from '../../domain/data-table.js';
import { TableReadError, type TableReader, type TableReadOptions } from '../../ports/table-reader.js';
import { createColumnBuilder, DEFAULT_MISSING_TOKENS, type ColumnBuilder } from './column-builder.js';
import { headerNames } from './header-names.js';
import { fileErrorReason } from './file-error-reason.js';

/** Options of {@link createCsvReader}. */
export interface CsvReaderOptions {
  /** Cells equal to one of these (exactly) are missing (default: pandas' `na_values`, see column-builder.ts). */
  readonly missingTokens?: readonly string[];
  /** Bytes between two progress callbacks (default 4 MiB). */
  readonly progressEveryBytes?: number;
}

const DELIMITER_BY_EXTENSION: Readonly<Record<string, string>> = { '.csv': ',', '.tsv': '\t' };

/**
 * Streaming CSV / TSV reader (csv-parse, RFC 4180 quoting, UTF-8 with optional BOM). The first line is the
 * header; every row must have as many fields as the header. Column types are detected per column (numbers,
 * booleans, strings; missing tokens → null) without buffering the file.
 */
export function createCsvReader(options: CsvReaderOptions = {}): TableReader {
  const missingTokens = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const progressEveryBytes = options.progressEveryBytes ?? 4 * 1024 * 1024;
  return {
    extensions: Object.keys(DELIMITER_BY_EXTENSION),
    async read(path: string, readOptions: TableReadOptions = {}): Promise<DataTable> {
      const delimiter = DELIMITER_BY_EXTENSION[extname(path).toLowerCase()] ?? ',';
      let totalBytes: number;
      try {
        const info = await stat(path);
        if (info.isDirectory()) throw new TableReadError({ file: path, reason: 'is a directory, not a file' });
        totalBytes = info.size;
      } catch (error) {
        if (error instanceof TableReadError) throw error;
        throw new TableReadError({ file: path, reason: fileErrorReason(error), cause: error });
      }
      if (totalBytes === 0) throw new TableReadError({ file: path, reason: 'file is empty (expected a header line)' });

      const input = createReadStream(path);
      let bytesRead = 0;
      let nextProgress = progressEveryBytes;
      const onProgress = readOptions.onProgress;
      if (onProgress !== undefined) {
        input.on('data', (chunk) => {
          bytesRead += chunk.length;
          if (bytesRead >= nextProgress || bytesRead === totalBytes) {
            nextProgress = bytesRead + progressEveryBytes;
            onProgress({ unit: 'bytes', done: bytesRead, total: totalBytes });
          }
        });
      }
      const parser = input.pipe(parse({ delimiter, bom: true, skip_empty_lines: true, relax_quotes: false }));
      input.on('error', (error) => parser.destroy(error));

      let names: string[] | null = null;
      let builders: ColumnBuilder[] = [];
      let rowCount = 0;
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          if (names === null) {
            names = headerNames(record, path);
            builders = names.map(() => createColumnBuilder(missingTokens));
            continue;
          }
          for (let i = 0; i < builders.length; i++) builders[i].push(record[i]);
          rowCount++;
        }
      } catch (error) {
        throw csvFailure(error, path, names);
      }
      if (names === null) throw new TableReadError({ file: path, reason: 'file has no header line (only blank lines)' });
      const columns: Record<string, DataTable['columns'][string]> = {};
      names.forEach((name, i) => {
        columns[name] = builders[i].finish().cells;
      });
      return { columnNames: names, rowCount, columns };
    },
  };
}

function csvFailure(error: unknown, file: string, names: readonly string[] | null): TableReadError {
  if (error instanceof TableReadError) return error;
  if (error instanceof CsvError) {
    const context = error as CsvError & { lines?: number; index?: number; record?: unknown[] };
    const line = typeof context.lines === 'number' ? context.lines : undefined;
    if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
      const found = Array.isArray(context.record) ? context.record.length : undefined;
      const expected = names?.length;
      return new TableReadError({
        file,
        line,
        reason: `malformed row: expected ${expected} fields (as in the header), found ${found ?? 'a different number'}`,
        cause: error,
      });
    }
    const column = names !== null && typeof context.index === 'number' ? names[context.index] : undefined;
    return new TableReadError({ file, line, column, reason: `malformed CSV: ${stripLineSuffix(error.message)}`, cause: error });
  }
  return new TableReadError({ file, reason: fileErrorReason(error), cause: error });
}

function stripLineSuffix(message: string): string {
  return message.replace(/\s*(at|on) line \d+/, '');
}
