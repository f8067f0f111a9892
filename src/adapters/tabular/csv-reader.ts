import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import type { Cell, DataTable } from '../../domain/data-table.js';
import { TableReadError, type TableReader, type TableReadOptions } from '../../ports/table-reader.js';
import { createColumnBuilder, DEFAULT_MISSING_TOKENS, type BuiltColumn } from './column-builder.js';
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

interface PassOptions {
  readonly path: string;
  readonly delimiter: string;
  readonly totalBytes: number;
  readonly progressEveryBytes: number;
  readonly onProgress: TableReadOptions['onProgress'];
  readonly onHeader: (names: string[]) => void;
  readonly onRecord: (record: string[]) => void;
}

/** One streaming pass over the file: header first, then every record; CSV errors become TableReadErrors. */
async function parsePass(options: PassOptions): Promise<boolean> {
  const { path, totalBytes, progressEveryBytes, onProgress } = options;
  const input = createReadStream(path);
  let bytesRead = 0;
  let nextProgress = progressEveryBytes;
  if (onProgress !== undefined) {
    input.on('data', (chunk) => {
      bytesRead += chunk.length;
      if (bytesRead >= nextProgress || bytesRead === totalBytes) {
        nextProgress = bytesRead + progressEveryBytes;
        onProgress({ unit: 'bytes', done: bytesRead, total: totalBytes });
      }
    });
  }
  const parser = input.pipe(parse({ delimiter: options.delimiter, bom: true, skip_empty_lines: true }));
  input.on('error', (error) => parser.destroy(error));
  let names: string[] | null = null;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (names === null) {
        names = headerNames(record, path);
        options.onHeader(names);
      } else {
        options.onRecord(record);
      }
    }
  } catch (error) {
    throw csvFailure(error, path, names);
  }
  return names !== null;
}

/**
 * Streaming CSV / TSV reader (csv-parse, RFC 4180 quoting, UTF-8 with optional BOM). The first line is the
 * header; every row must have as many fields as the header. Column types are detected per column (numbers,
 * booleans, strings; missing tokens → null) without buffering the file (see createColumnBuilder).
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

      let names: string[] = [];
      let builders: ReturnType<typeof createColumnBuilder>[] = [];
      let rowCount = 0;
      const sawHeader = await parsePass({
        path,
        delimiter,
        totalBytes,
        progressEveryBytes,
        onProgress: readOptions.onProgress,
        onHeader: (header) => {
          names = header;
          builders = names.map(() => createColumnBuilder(missingTokens));
        },
        onRecord: (record) => {
          for (let i = 0; i < builders.length; i++) builders[i].push(record[i]);
          rowCount++;
        },
      });
      if (!sawHeader) throw new TableReadError({ file: path, reason: 'file has no header line (only blank lines)' });
      const built = builders.map((builder) => builder.finish());
      await restoreOriginalText(built, { path, delimiter, totalBytes, progressEveryBytes, onProgress: undefined });
      const columns: Record<string, Cell[]> = {};
      names.forEach((name, i) => {
        columns[name] = built[i].cells;
      });
      return { columnNames: names, rowCount, columns };
    },
  };
}

/**
 * Second pass, only when a text column had cells parsed as numbers / booleans: puts back their exact spelling
 * (in number columns only the few non-number cells are concerned).
 */
async function restoreOriginalText(built: readonly BuiltColumn[], pass: Omit<PassOptions, 'onHeader' | 'onRecord'>): Promise<void> {
  const targets = built.map((column, index) => ({ column, index })).filter(({ column }) => column.needsOriginalText);
  if (targets.length === 0) return;
  let row = 0;
  await parsePass({
    ...pass,
    onHeader: () => undefined,
    onRecord: (record) => {
      for (const { column, index } of targets) {
        const cell = column.cells[row];
        if (cell !== null && (column.type === 'string' || typeof cell !== 'number')) column.cells[row] = record[index];
      }
      row++;
    },
  });
}

function csvFailure(error: unknown, file: string, names: readonly string[] | null): TableReadError {
  if (error instanceof TableReadError) return error;
  if (error instanceof CsvError) {
    const context = error as CsvError & { lines?: number; index?: number; record?: unknown[] };
    const line = typeof context.lines === 'number' ? context.lines : undefined;
    if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
      const found = Array.isArray(context.record) ? context.record.length : undefined;
      return new TableReadError({
        file,
        line,
        reason: `malformed row: expected ${names?.length} fields (as in the header), found ${found ?? 'a different number'}`,
        cause: error,
      });
    }
    const column = names !== null && typeof context.index === 'number' ? names[context.index] : undefined;
    return new TableReadError({ file, line, column, reason: `malformed CSV: ${error.message.replace(/\s*(at|on) line \d+/, '')}`, cause: error });
  }
  return new TableReadError({ file, reason: fileErrorReason(error), cause: error });
}
