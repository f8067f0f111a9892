import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Cell, Column, DataTable } from '../../domain/data-table.js';
import {
  TableReadError,
  type TableReader,
  type TableReadOptions,
  type TableTextParser,
} from '../../ports/table-reader.js';
import {
  type ColumnAccumulator,
  fieldText,
  numberAccumulator,
  type Storage,
  sampleStorage,
  settleColumn,
  textAccumulator,
} from './csv-columns.js';
import { CsvSyntaxError, CsvTokenizer } from './csv-tokenizer.js';
import { fileErrorReason } from './file-error-reason.js';
import { headerNames } from './header-names.js';
import { createRowReservoir } from './row-reservoir.js';

/**
 * Text cells that mean "missing", pandas' default `na_values` (pandas.read_csv, `keep_default_na=True`) so a CSV
 * reads the same here as in pandas / Evidently.
 */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
];

/** Rows whose text decides each column's storage before the rest of the file streams in (the full pass validates). */
export const STORAGE_SAMPLE_ROWS = 1000;

/** Options of {@link createCsvReader}. */
export interface CsvReaderOptions {
  /** Cells equal to one of these (exactly) are missing (default: pandas' `na_values`). */
  readonly missingTokens?: readonly string[];
  /** Bytes between two progress callbacks (default 4 MiB). */
  readonly progressEveryBytes?: number;
}

const DELIMITER_BY_EXTENSION: Readonly<Record<string, number>> = { '.csv': 44, '.tsv': 9 };

/** Where the bytes come from; `open` starts a new pass from the first byte. */
interface ByteSource {
  readonly name: string;
  readonly totalBytes: number;
  open(): AsyncIterable<Buffer>;
}

/**
 * CSV / TSV (and `.csv.gz`, `.tsv.gz`) into typed columns: a byte tokenizer (csv-tokenizer.ts, RFC 4180 quoting,
 * UTF-8 with optional BOM) feeds per-column accumulators — numbers straight from bytes into a Float64Array, text as
 * dictionary codes — so no object or string is made per numeric cell. Each column's storage is decided on the
 * first 1,000 rows and validated over the whole file by the one kind rule (domain/decide-column-kind.ts); a numeric
 * guess that the full pass overturns is re-read as text (second pass, that column only). See
 * docs/adr/0001-tabular-reader.md for the measurement behind this reader.
 */
export function createCsvReader(options: CsvReaderOptions = {}): TableReader {
  const missing = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const progressEveryBytes = options.progressEveryBytes ?? 4 * 1024 * 1024;
  return {
    extensions: ['.csv', '.tsv', '.gz'],
    async read(path: string, readOptions: TableReadOptions = {}): Promise<DataTable> {
      const lower = path.toLowerCase();
      const gzip = lower.endsWith('.gz');
      const delimiter = DELIMITER_BY_EXTENSION[extname(gzip ? lower.slice(0, -3) : lower)] ?? 44;
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
      const source: ByteSource = {
        name: path,
        totalBytes,
        open: () => {
          const raw = createReadStream(path, {
            highWaterMark: Math.min(1024 * 1024, Math.max(4096, progressEveryBytes)),
          });
          if (!gzip) return raw;
          const gunzip = createGunzip();
          raw.on('error', (error) => gunzip.destroy(error));
          return raw.pipe(gunzip);
        },
      };
      return readTable(source, delimiter, missing, gzip ? undefined : progressEveryBytes, readOptions);
    },
  };
}

/**
 * CSV text already in memory (an uploaded body) read exactly like a `.csv` file: same quoting, kinds, missing
 * tokens and errors; `source` names the text in error messages.
 */
export function createCsvTextParser(options: CsvReaderOptions = {}): TableTextParser {
  const missing = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  return {
    async parse(text: string | Uint8Array, name: string): Promise<DataTable> {
      const bytes =
        typeof text === 'string'
          ? Buffer.from(text, 'utf8')
          : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
      if (isBlank(bytes)) throw new TableReadError({ file: name, reason: 'is empty (expected a header line)' });
      const source: ByteSource = {
        name,
        totalBytes: bytes.length,
        open: async function* () {
          // Slices keep the event loop free between them (the tokenizer is synchronous).
          for (let offset = 0; offset < bytes.length; offset += 1024 * 1024) {
            yield bytes.subarray(offset, offset + 1024 * 1024);
            await new Promise((resolve) => setImmediate(resolve));
          }
        },
      };
      return readTable(source, 44, missing, undefined, {});
    },
  };
}

/** Whether the bytes hold nothing but ASCII white space (what `String.prototype.trim` removes of them). */
function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 32 && b !== 9 && b !== 10 && b !== 13 && b !== 11 && b !== 12) return false;
  return true;
}

/** One pass over the bytes: header, then records into `onRecord`; CSV errors become TableReadErrors. */
async function pass(
  source: ByteSource,
  delimiter: number,
  onRecord: (
    bytes: Buffer,
    starts: Int32Array,
    ends: Int32Array,
    escaped: Uint8Array,
    count: number,
    line: number,
  ) => void,
  onBytes?: (done: number) => void,
): Promise<void> {
  const tokenizer = new CsvTokenizer(delimiter, {
    record: (bytes, starts, ends, escaped, count, line) =>
      onRecord(bytes as Buffer, starts, ends, escaped, count, line),
  });
  let done = 0;
  try {
    for await (const chunk of source.open()) {
      tokenizer.push(chunk);
      done += chunk.length;
      onBytes?.(done);
    }
    tokenizer.end();
  } catch (error) {
    if (error instanceof TableReadError) throw error;
    if (error instanceof CsvSyntaxError)
      throw new TableReadError({
        file: source.name,
        line: error.line,
        reason: `malformed CSV: ${error.reason}`,
        cause: error,
      });
    throw new TableReadError({ file: source.name, reason: fileErrorReason(error), cause: error });
  }
}

async function readTable(
  source: ByteSource,
  delimiter: number,
  missing: ReadonlySet<string>,
  progressEveryBytes: number | undefined,
  readOptions: TableReadOptions,
): Promise<DataTable> {
  let names: string[] | null = null;
  let accumulators: ColumnAccumulator[] = [];
  const sample: (string | null)[][] = [];
  let rowCount = 0;
  let sampling = true;
  const capacity = readOptions.sampleRows;
  if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= STORAGE_SAMPLE_ROWS)) {
    throw new TableReadError({
      file: source.name,
      reason: `sampleRows must be an integer ≥ ${STORAGE_SAMPLE_ROWS}, got ${String(capacity)}`,
    });
  }
  const reservoir = capacity === undefined ? null : createRowReservoir(capacity);

  const decideStorage = (): void => {
    const columns = names as string[];
    accumulators = columns.map((name, j) => {
      const cells: Cell[] = sample.map((row) => (row[j] === null || missing.has(row[j] as string) ? null : row[j]));
      return sampleStorage(cells, name) === 'number' ? numberAccumulator(missing) : textAccumulator(missing);
    });
    sample.forEach((row, i) => row.forEach((text, j) => accumulators[j].addText(text, i)));
    sample.length = 0;
    sampling = false;
  };

  let nextProgress = progressEveryBytes ?? Number.POSITIVE_INFINITY;
  await pass(
    source,
    delimiter,
    (bytes, starts, ends, escaped, count, line) => {
      if (names === null) {
        const header: string[] = [];
        for (let j = 0; j < count; j++) header.push(fieldText(bytes, starts[j], ends[j], escaped[j] === 1));
        names = headerNames(header, source.name);
        return;
      }
      if (count !== names.length) {
        throw new TableReadError({
          file: source.name,
          line,
          reason: `malformed row: expected ${names.length} fields (as in the header), found ${count}`,
        });
      }
      if (sampling) {
        const row: (string | null)[] = [];
        for (let j = 0; j < count; j++)
          row.push(starts[j] === ends[j] ? null : fieldText(bytes, starts[j], ends[j], escaped[j] === 1));
        sample.push(row);
        rowCount++;
        if (sample.length === STORAGE_SAMPLE_ROWS) decideStorage();
        return;
      }
      const slot = reservoir === null ? rowCount : reservoir.slotOf(rowCount);
      rowCount++;
      if (slot < 0) return;
      for (let j = 0; j < count; j++) accumulators[j].addBytes(bytes, starts[j], ends[j], escaped[j] === 1, slot);
    },
    readOptions.onProgress === undefined
      ? undefined
      : (done) => {
          if (done >= nextProgress || done === source.totalBytes) {
            nextProgress = done + (progressEveryBytes as number);
            readOptions.onProgress?.({ unit: 'bytes', done, total: source.totalBytes });
          }
        },
  );
  if (names === null)
    throw new TableReadError({ file: source.name, reason: 'file has no header line (only blank lines)' });
  const columnNames: string[] = names;
  if (sampling) decideStorage();
  const sourceRowCount = rowCount;
  rowCount = reservoir === null ? rowCount : Math.min(rowCount, reservoir.capacity);

  // Validation: the whole column decides; a numeric guess overturned by later rows is re-read as text.
  const columns = new Map<string, Column>();
  const reread: number[] = [];
  columnNames.forEach((name, j) => {
    const settled = settleColumn(accumulators[j].finish(rowCount), name);
    if (settled === null) reread.push(j);
    else columns.set(name, settled);
  });
  if (reread.length > 0) {
    const texts = reread.map(() => textAccumulator(missing));
    const again = capacity === undefined ? null : createRowReservoir(capacity);
    let row = -1;
    await pass(source, delimiter, (bytes, starts, ends, escaped) => {
      if (row >= 0) {
        const slot = again === null ? row : again.slotOf(row);
        if (slot >= 0) reread.forEach((j, k) => texts[k].addBytes(bytes, starts[j], ends[j], escaped[j] === 1, slot));
      }
      row++;
    });
    reread.forEach((j, k) =>
      columns.set(columnNames[j], settleColumn(texts[k].finish(rowCount), columnNames[j]) as Column),
    );
  }
  const ordered = new Map<string, Column>();
  for (const name of columnNames) ordered.set(name, columns.get(name) as Column);
  return { columnNames, rowCount, columns: ordered, ...(sourceRowCount > rowCount ? { sourceRowCount } : {}) };
}

export type { Storage };
