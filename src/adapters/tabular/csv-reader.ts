import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Cell, DataTable } from '../../domain/data-table.js';
import {
  TableReadError,
  type TableReader,
  type TableReadOptions,
  type TableTextParser,
} from '../../ports/table-reader.js';
import { type BuiltColumn, createColumnBuilder, DEFAULT_MISSING_TOKENS } from './column-builder.js';
import { fileErrorReason } from './file-error-reason.js';
import { headerNames } from './header-names.js';

/** Options of {@link createCsvReader}. */
export interface CsvReaderOptions {
  /** Cells equal to one of these (exactly) are missing (default: pandas' `na_values`, see column-builder.ts). */
  readonly missingTokens?: readonly string[];
  /** Bytes between two progress callbacks (default 4 MiB). */
  readonly progressEveryBytes?: number;
}

const DELIMITER_BY_EXTENSION: Readonly<Record<string, string>> = { '.csv': ',', '.tsv': '\t' };

interface PassOptions {
  /** The file path or the name of the text (in error messages). */
  readonly path: string;
  /** Opens the bytes for one pass (each pass reads from the start). */
  readonly open: () => Readable;
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
  const input = options.open();
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
  // The header as parsed, for error messages: the parser may fail on a later row before the loop below saw the header.
  let parsedHeader: string[] | null = null;
  const onRecord = (record: string[]) => {
    parsedHeader ??= record;
    return record;
  };
  const parser = input.pipe(
    parse({ delimiter: options.delimiter, bom: true, skip_empty_lines: true, on_record: onRecord }),
  );
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
    throw csvFailure(error, path, names ?? parsedHeader);
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

      return readTable(
        {
          path,
          open: () => createReadStream(path),
          delimiter,
          totalBytes,
          progressEveryBytes,
          onProgress: readOptions.onProgress,
        },
        missingTokens,
      );
    },
  };
}

/** Header, then every record into per-column builders (first pass), exact text restored where needed (second pass). */
async function readTable(
  pass: Omit<PassOptions, 'onHeader' | 'onRecord'>,
  missingTokens: ReadonlySet<string>,
): Promise<DataTable> {
  let names: string[] = [];
  let builders: ReturnType<typeof createColumnBuilder>[] = [];
  let rowCount = 0;
  const sawHeader = await parsePass({
    ...pass,
    onHeader: (header) => {
      names = header;
      builders = names.map(() => createColumnBuilder(missingTokens));
    },
    onRecord: (record) => {
      for (let i = 0; i < builders.length; i++) builders[i].push(record[i]);
      rowCount++;
    },
  });
  if (!sawHeader) throw new TableReadError({ file: pass.path, reason: 'file has no header line (only blank lines)' });
  const built = builders.map((builder) => builder.finish());
  await restoreOriginalText(built, { ...pass, onProgress: undefined });
  const columns: Record<string, Cell[]> = {};
  names.forEach((name, i) => {
    columns[name] = built[i].cells;
  });
  return { columnNames: names, rowCount, columns };
}

/**
 * CSV text already in memory (an uploaded body) read exactly like a `.csv` file: same quoting, type detection,
 * missing tokens and errors; `source` names the text in error messages.
 */
export function createCsvTextParser(options: CsvReaderOptions = {}): TableTextParser {
  const missingTokens = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  return {
    async parse(text: string, source: string): Promise<DataTable> {
      if (text.trim() === '') throw new TableReadError({ file: source, reason: 'is empty (expected a header line)' });
      const open = () => Readable.from([text]);
      return readTable(
        {
          path: source,
          open,
          delimiter: ',',
          totalBytes: Buffer.byteLength(text),
          progressEveryBytes: Number.POSITIVE_INFINITY,
          onProgress: undefined,
        },
        missingTokens,
      );
    },
  };
}

/**
 * Second pass, only when a text column had cells parsed as numbers / booleans: puts back their exact spelling
 * (in number columns only the few non-number cells are concerned).
 */
async function restoreOriginalText(
  built: readonly BuiltColumn[],
  pass: Omit<PassOptions, 'onHeader' | 'onRecord'>,
): Promise<void> {
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
    return new TableReadError({
      file,
      line,
      column,
      reason: `malformed CSV: ${error.message.replace(/\s*(at|on) line \d+/, '')}`,
      cause: error,
    });
  }
  return new TableReadError({ file, reason: fileErrorReason(error), cause: error });
}
