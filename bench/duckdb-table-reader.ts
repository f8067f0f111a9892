import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { DuckDBConnection, type DuckDBDataChunk, DuckDBInstance, type DuckDBVector } from '@duckdb/node-api';
import { DEFAULT_MISSING_TOKENS } from '../src/adapters/tabular/csv-reader.js';
import { fileErrorReason } from '../src/adapters/tabular/file-error-reason.js';
import type { ColumnCensus } from '../src/domain/column-census.js';
import { type CategoryValue, type Column, type DataTable, numberColumn } from '../src/domain/data-table.js';
import {
  DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
  decideColumnKind,
  type InferredKind,
} from '../src/domain/decide-column-kind.js';
import { BOOLEAN_TEXTS } from '../src/domain/text-values.js';
import {
  TableReadError,
  type TableReader,
  type TableReadOptions,
  type TableTextParser,
} from '../src/ports/table-reader.js';
import { readCsvHeader } from './csv-header.js';

/** Options of {@link createDuckDbTableReader}. */
export interface DuckDbTableReaderOptions {
  /** Cells equal to one of these (exactly) are missing (default: pandas' `na_values`). */
  readonly missingTokens?: readonly string[];
  /** DuckDB worker threads per read (default: DuckDB's, one per core). */
  readonly threads?: number;
  /** Distinct integer values counted for the small-integer-codes rule (default 10, as decideColumnKind). */
  readonly maxCategoricalIntegerCardinality?: number;
}

const DELIMITER_BY_EXTENSION: Readonly<Record<string, string>> = { '.csv': ',', '.tsv': '\t', '.gz': ',' };
const PARQUET_EXTENSIONS = ['.parquet', '.pq'];

/** SQL string literal. */
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;
/** SQL identifier. */
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const DIGITS = '0123456789'.split('');
const FIRST_CHARS = `(${[...DIGITS, '+', '-', '.'].map(literal).join(', ')})`;
const LAST_CHARS = `(${[...DIGITS, '.'].map(literal).join(', ')})`;
const BOOLEAN_LIST = `(${[...BOOLEAN_TEXTS.keys()].map(literal).join(', ')})`;
/**
 * parseDecimal's rule in SQL without a regular expression per cell (10× slower): DuckDB's cast accepts a superset
 * (blanks around, `1_000`, `inf`), which the first / last character and the underscore checks take away.
 */
const isNumberSql = (c: string): string =>
  `(CASE WHEN left(${c}, 1) IN ${FIRST_CHARS} AND right(${c}, 1) IN ${LAST_CHARS} AND strpos(${c}, '_') = 0 ` +
  `THEN coalesce(isfinite(TRY_CAST(${c} AS DOUBLE)), false) ELSE false END)`;
/** How one column leaves DuckDB: DOUBLE into a Float64Array, or text / booleans into a dictionary. */
type Extraction =
  | { readonly as: 'number'; readonly withInvalid: boolean }
  | { readonly as: 'boolean' }
  | { readonly as: 'text'; readonly booleans: boolean };

interface SourceColumn {
  readonly name: string;
  /** DuckDB type of the column in the source (`VARCHAR` for every CSV column). */
  readonly type: string;
}

/** Numeric DuckDB types read as doubles. */
const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const WIDE_INTEGER_TYPE = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL\((19|[2-3][0-9]),.*)$/;
const TIME_TYPE = /^(DATE|TIMESTAMP.*|TIME.*)$/;

/**
 * Tabular files through DuckDB (see docs/adr/0001-tabular-reader.md for the measurement behind the choice): CSV /
 * TSV (RFC 4180 quoting, UTF-8 with optional BOM, gzip'd `.csv.gz`) and Parquet (every codec: Snappy, GZIP, ZSTD,
 * LZ4, Brotli; dictionary pages; nullable ints; decimals; timestamps). DuckDB parses and converts in its own
 * threads; JavaScript only receives typed vectors:
 * 1. a census pass (one SQL aggregate over every column) counts, per text column, numbers, integers, booleans and
 *    ISO dates by the rules of domain/text-values.ts;
 * 2. domain/decide-column-kind.ts — the one rule of every path — decides each column's kind from that census;
 * 3. an extraction pass streams the columns as DOUBLE (numeric columns, invalid texts kept by row) or text
 *    (dictionary-encoded on arrival).
 */
export function createDuckDbTableReader(options: DuckDbTableReaderOptions = {}): TableReader & TableTextParser {
  const missingTokens = options.missingTokens ?? DEFAULT_MISSING_TOKENS;
  const maxCard = options.maxCategoricalIntegerCardinality ?? DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY;
  let instance: Promise<DuckDBInstance> | null = null;
  const connect = async (): Promise<DuckDBConnection> => {
    instance ??= DuckDBInstance.create(':memory:', {
      ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
      // Nothing is fetched at run time: no extension auto-install.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    return (await instance).connect();
  };

  async function readFile(path: string, display: string, readOptions: TableReadOptions): Promise<DataTable> {
    await requireReadableFile(path, display);
    const lower = path.toLowerCase();
    const extension = lower.endsWith('.csv.gz') ? '.gz' : extname(lower);
    const connection = await connect();
    try {
      if (PARQUET_EXTENSIONS.includes(extension)) {
        const source = `read_parquet(${literal(path)})`;
        const columns = await describe(connection, source, display);
        return await readSource(connection, source, columns, display, readOptions);
      }
      const delimiter = DELIMITER_BY_EXTENSION[extension] ?? ',';
      const names = await readCsvHeader(path, delimiter, display);
      const nullList = `[${missingTokens.map(literal).join(', ')}]`;
      const source =
        `read_csv(${literal(path)}, delim=${literal(delimiter)}, quote='"', escape='"', header=true, all_varchar=true, ` +
        `auto_detect=false, columns={${names.map((n, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ')}}, ` +
        `nullstr=${nullList}, strict_mode=true, null_padding=false, skip=${names.length === 0 ? 0 : 0}` +
        `${extension === '.gz' ? ", compression='gzip'" : ''})`;
      // DuckDB's own names are c0, c1 …: the header was read (and checked) by readCsvHeader.
      const renamed = `(SELECT ${names.map((n, i) => `c${i} AS ${ident(n)}`).join(', ')} FROM ${source})`;
      return await readSource(
        connection,
        renamed,
        names.map((name) => ({ name, type: 'VARCHAR' })),
        display,
        readOptions,
      );
    } catch (error) {
      throw asReadError(error, display);
    } finally {
      connection.closeSync();
    }
  }

  return {
    extensions: ['.csv', '.tsv', '.gz', ...PARQUET_EXTENSIONS],
    read: (path, readOptions = {}) => readFile(path, path, readOptions),
    async parse(text: string, source: string): Promise<DataTable> {
      if (text.trim() === '') throw new TableReadError({ file: source, reason: 'is empty (expected a header line)' });
      const dir = await mkdtemp(join(tmpdir(), 'driftguard-upload-'));
      try {
        const path = join(dir, 'body.csv');
        await writeFile(path, text);
        return await readFile(path, source, {});
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };

  async function readSource(
    connection: DuckDBConnection,
    source: string,
    columns: readonly SourceColumn[],
    display: string,
    readOptions: TableReadOptions,
  ): Promise<DataTable> {
    const census = await takeCensus(connection, source, columns);
    const extractions = columns.map((column, i): Extraction => {
      if (NUMERIC_TYPE.test(column.type)) return { as: 'number', withInvalid: false };
      if (column.type === 'BOOLEAN') return { as: 'boolean' };
      if (column.type !== 'VARCHAR') return { as: 'text', booleans: false };
      // Small integer codes (categorical by the same rule) are stored as numbers too: the storage is the same.
      const kind: InferredKind = decideColumnKind(
        storageCensus(census.columns[i], census.rowCount, maxCard),
        column.name,
        maxCard,
      ).kind;
      if (kind === 'numeric')
        return { as: 'number', withInvalid: census.columns[i].numbers < census.columns[i].present };
      return { as: 'text', booleans: kind === 'boolean' };
    });
    await checkWideIntegers(connection, source, columns, display);
    const select: string[] = [];
    columns.forEach((column, i) => {
      const c = ident(column.name);
      const extraction = extractions[i];
      if (extraction.as === 'number') {
        if (column.type !== 'VARCHAR') select.push(`coalesce(CAST(${c} AS DOUBLE), 'NaN'::DOUBLE)`);
        else {
          select.push(`coalesce(CASE WHEN ${isNumberSql(c)} THEN TRY_CAST(${c} AS DOUBLE) END, 'NaN'::DOUBLE)`);
          if (extraction.withInvalid) select.push(`CASE WHEN NOT ${isNumberSql(c)} THEN ${c} END`);
        }
      } else if (extraction.as === 'boolean')
        select.push(`CASE WHEN ${c} THEN 1 WHEN NOT ${c} THEN 0 ELSE -1 END::INTEGER`);
      else if (TIME_TYPE.test(column.type)) select.push(isoTextSql(c, column.type));
      else select.push(`CAST(${c} AS VARCHAR)`);
    });
    const rowCount = census.rowCount;
    const builders = extractions.map((extraction) => createBuilder(extraction, rowCount));
    const result = await connection.stream(`SELECT ${select.join(', ')} FROM ${source}`);
    let row = 0;
    let nextProgress = 0;
    for (;;) {
      const chunk: DuckDBDataChunk | null = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      let vectorIndex = 0;
      for (const builder of builders) {
        builder.take(
          chunk.getColumnVector(vectorIndex),
          chunk.rowCount,
          row,
          builder.withInvalid ? chunk.getColumnVector(vectorIndex + 1) : null,
        );
        vectorIndex += builder.withInvalid ? 2 : 1;
      }
      row += chunk.rowCount;
      if (readOptions.onProgress !== undefined && row >= nextProgress) {
        nextProgress = row + 100_000;
        readOptions.onProgress({ unit: 'rows', done: row, total: rowCount });
      }
    }
    if (row !== rowCount)
      throw new TableReadError({
        file: display,
        reason: `read ${row} rows, the census counted ${rowCount} (file changed while reading?)`,
      });
    if (readOptions.onProgress !== undefined && rowCount > 0)
      readOptions.onProgress({ unit: 'rows', done: rowCount, total: rowCount });
    const map = new Map<string, Column>();
    columns.forEach((column, i) => map.set(column.name, builders[i].finish()));
    return { columnNames: columns.map((c) => c.name), rowCount, columns: map };
  }
}

/** ISO 8601 text of a date / time column (UTC `Z` for time-zone-aware timestamps). */
function isoTextSql(c: string, type: string): string {
  if (type === 'DATE') return `strftime(${c}, '%Y-%m-%d')`;
  if (type.startsWith('TIMESTAMP WITH TIME ZONE')) return `strftime(timezone('UTC', ${c}), '%Y-%m-%dT%H:%M:%S.%gZ')`;
  if (type.startsWith('TIMESTAMP')) return `strftime(CAST(${c} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%g')`;
  return `CAST(${c} AS VARCHAR)`;
}

async function requireReadableFile(path: string, display: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new TableReadError({ file: display, reason: 'is a directory, not a file' });
    if (info.size === 0)
      throw new TableReadError({ file: display, reason: 'file is empty (expected a header line or Parquet data)' });
    const handle = await open(path, 'r');
    await handle.close();
  } catch (error) {
    if (error instanceof TableReadError) throw error;
    throw new TableReadError({ file: display, reason: fileErrorReason(error), cause: error });
  }
}

async function describe(connection: DuckDBConnection, source: string, display: string): Promise<SourceColumn[]> {
  let rows: Record<string, unknown>[];
  try {
    rows = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjects() as Record<
      string,
      unknown
    >[];
  } catch (error) {
    throw new TableReadError({
      file: display,
      reason: `not a readable Parquet file (${messageOf(error)})`,
      cause: error,
    });
  }
  const columns = rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  for (const column of columns) {
    if (
      !(
        NUMERIC_TYPE.test(column.type) ||
        TIME_TYPE.test(column.type) ||
        column.type === 'BOOLEAN' ||
        column.type === 'VARCHAR'
      )
    ) {
      throw new TableReadError({
        file: display,
        column: column.name,
        reason: `unsupported Parquet column type ${column.type}; only flat number, boolean, string, date and timestamp columns can be read`,
      });
    }
  }
  return columns;
}

/** Integers beyond 2^53 do not fit a double exactly: refused, naming the column. */
async function checkWideIntegers(
  connection: DuckDBConnection,
  source: string,
  columns: readonly SourceColumn[],
  display: string,
): Promise<void> {
  const wide = columns.filter((c) => WIDE_INTEGER_TYPE.test(c.type));
  if (wide.length === 0) return;
  const limit = '9007199254740992';
  const sql = `SELECT ${wide.map((c) => `max(abs(CAST(${ident(c.name)} AS HUGEINT))) > ${limit}`).join(', ')} FROM ${source}`;
  const values = (await connection.runAndReadAll(sql)).getRows()[0] ?? [];
  wide.forEach((column, i) => {
    if (values[i] === true)
      throw new TableReadError({
        file: display,
        column: column.name,
        reason: 'holds integers beyond 2^53, which do not fit a double exactly',
      });
  });
}

/** Per column: rows, non-missing values, numbers, true/false texts (what the storage choice needs). */
interface Census {
  readonly rowCount: number;
  readonly columns: readonly { readonly present: number; readonly numbers: number; readonly booleans: number }[];
}

/**
 * One aggregate over every text column, counting by the rules of domain/text-values.ts: enough to choose how each
 * column is stored (numbers, booleans or text). The full census (integers, dates, examples) is taken from the typed
 * columns afterwards by domain/column-census.ts, so every reader and path decides kinds by the same function.
 */
async function takeCensus(
  connection: DuckDBConnection,
  source: string,
  columns: readonly SourceColumn[],
): Promise<Census> {
  const parts: string[] = ['count(*)'];
  const texts = columns.filter((c) => c.type === 'VARCHAR');
  for (const column of texts) {
    const c = ident(column.name);
    parts.push(
      `count(*) FILTER (WHERE ${c} IS NOT NULL AND trim(${c}) <> '')`,
      `count(*) FILTER (WHERE ${isNumberSql(c)})`,
      `count(*) FILTER (WHERE ${c} IN ${BOOLEAN_LIST})`,
    );
  }
  const row = (await connection.runAndReadAll(`SELECT ${parts.join(', ')} FROM ${source}`)).getRows()[0];
  const rowCount = Number(row[0]);
  let k = 1;
  return {
    rowCount,
    columns: columns.map((column) => {
      if (column.type !== 'VARCHAR') return { present: rowCount, numbers: 0, booleans: 0 };
      const counts = { present: Number(row[k]), numbers: Number(row[k + 1]), booleans: Number(row[k + 2]) };
      k += 3;
      return counts;
    }),
  };
}

/** The census of a text column as decideColumnKind reads it (integers, dates and examples are not needed to store it). */
function storageCensus(counts: Census['columns'][number], rowCount: number, maxCard: number): ColumnCensus {
  return {
    rowCount,
    missingCount: rowCount - counts.present,
    numberCount: counts.numbers,
    integerCount: 0,
    distinctIntegers: maxCard + 1,
    booleanCount: counts.booleans,
    dateCount: 0,
    distinctValues: 2,
    notNumberExamples: [],
    notBooleanExamples: [],
    notDateExamples: [],
  };
}

interface ColumnBuilder {
  readonly withInvalid: boolean;
  take(vector: DuckDBVector, count: number, offset: number, invalidVector: DuckDBVector | null): void;
  finish(): Column;
}

/** The Float64Array behind a DOUBLE vector (no per-value call), when this version of the API exposes it. */
function doubleItems(vector: DuckDBVector): Float64Array | null {
  const items = (vector as unknown as { items?: unknown }).items;
  return items instanceof Float64Array ? items : null;
}

function createBuilder(extraction: Extraction, rowCount: number): ColumnBuilder {
  if (extraction.as === 'number') {
    const values = new Float64Array(rowCount);
    let invalid: Map<number, string> | null = null;
    return {
      withInvalid: extraction.withInvalid,
      take(vector, count, offset, invalidVector) {
        const items = doubleItems(vector);
        if (items !== null && items.length >= count) values.set(items.subarray(0, count), offset);
        else for (let i = 0; i < count; i++) values[offset + i] = (vector.getItem(i) as number | null) ?? NaN;
        if (invalidVector !== null) {
          for (let i = 0; i < count; i++) {
            const text = invalidVector.getItem(i);
            if (text !== null) (invalid ??= new Map()).set(offset + i, String(text));
          }
        }
      },
      finish: () => numberColumn(values, invalid),
    };
  }
  const codes = new Int32Array(rowCount);
  if (extraction.as === 'boolean') {
    return {
      withInvalid: false,
      take(vector, count, offset) {
        for (let i = 0; i < count; i++) codes[offset + i] = vector.getItem(i) as number;
      },
      finish: () => ({ type: 'category', codes, dictionary: [false, true] }),
    };
  }
  const dictionary: CategoryValue[] = [];
  const index = new Map<string, number>();
  return {
    withInvalid: false,
    take(vector, count, offset) {
      for (let i = 0; i < count; i++) {
        const text = vector.getItem(i) as string | null;
        if (text === null) {
          codes[offset + i] = -1;
          continue;
        }
        let code = index.get(text);
        if (code === undefined) {
          // In a boolean column every spelling of true (True, TRUE …) is one dictionary entry.
          const flag = extraction.booleans ? BOOLEAN_TEXTS.get(text) : undefined;
          code = flag === undefined ? undefined : dictionary.indexOf(flag);
          if (code === undefined || code < 0) {
            code = dictionary.length;
            dictionary.push(flag ?? text);
          }
          index.set(text, code);
        }
        codes[offset + i] = code;
      }
    },
    finish: () => ({ type: 'category', codes, dictionary }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** DuckDB's errors as TableReadErrors: the line of a malformed CSV row when DuckDB names it. */
function asReadError(error: unknown, file: string): TableReadError {
  if (error instanceof TableReadError) return error;
  const message = messageOf(error);
  const line = /line[: ]+(\d+)/i.exec(message);
  const firstLine = message.split('\n')[0].replace(/^(Invalid Input|Conversion|IO) Error: /, '');
  let reason = `malformed CSV: ${firstLine}`;
  if (/Expected Number of Columns: (\d+) Found: (\d+)/.test(message)) {
    const [, expected, found] = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message) as RegExpExecArray;
    reason = `malformed row: expected ${expected} fields (as in the header), found ${found}`;
  } else if (/unterminated quote|quote/i.test(message))
    reason = `malformed CSV: unterminated quoted field (Quote Not Closed)`;
  return new TableReadError({ file, line: line === null ? undefined : Number(line[1]), reason, cause: error });
}
