import { censusOfColumn } from '../../domain/column-census.js';
import { type CategoryValue, type Cell, type Column, cellColumn, numberColumn } from '../../domain/data-table.js';
import {
  DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
  decideColumnKind,
  type InferredKind,
} from '../../domain/decide-column-kind.js';
import { BOOLEAN_TEXTS, parseDecimal } from '../../domain/text-values.js';
import { parseNumberBytes } from './parse-number-bytes.js';

/** How a CSV column is kept while reading: numbers in a Float64Array, or text as dictionary codes. */
export type Storage = 'number' | 'text';

/** Blank texts are missing, as in the census (domain/column-census.ts). */
const isBlank = (text: string): boolean => text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '');

/** Text of a field, quotes unescaped. */
export function fieldText(bytes: Buffer, start: number, end: number, escaped: boolean): string {
  const text = bytes.toString('utf8', start, end);
  return escaped ? text.replace(/""/g, '"') : text;
}

/** Accumulates one column's fields, row by row, in its storage. */
export interface ColumnAccumulator {
  readonly storage: Storage;
  addBytes(bytes: Buffer, start: number, end: number, escaped: boolean, row: number): void;
  addText(text: string | null, row: number): void;
  finish(rowCount: number): Column;
}

function grown<T extends Float64Array | Int32Array>(array: T, needed: number, make: (size: number) => T): T {
  if (needed <= array.length) return array;
  const next = make(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/** Numbers as doubles (NaN missing); present text that is not a number kept by row as invalid. */
export function numberAccumulator(missing: ReadonlySet<string>): ColumnAccumulator {
  let values = new Float64Array(1024);
  let invalid: Map<number, string> | null = null;
  const addText = (text: string | null, row: number): void => {
    values = grown(values, row + 1, (size) => new Float64Array(size));
    const value = text === null ? undefined : parseDecimal(text);
    invalid?.delete(row); // a sampled slot may be overwritten
    if (value !== undefined) {
      values[row] = value;
      return;
    }
    values[row] = NaN;
    if (text !== null && !missing.has(text) && !isBlank(text)) (invalid ??= new Map()).set(row, text);
  };
  return {
    storage: 'number',
    addBytes(bytes, start, end, escaped, row) {
      if (row >= values.length) values = grown(values, row + 1, (size) => new Float64Array(size));
      const value = escaped ? NaN : parseNumberBytes(bytes, start, end);
      if (value === value) {
        values[row] = value;
        if (invalid !== null) invalid.delete(row);
      } else addText(start === end ? null : fieldText(bytes, start, end, escaped), row);
    },
    addText,
    finish: (rowCount) => numberColumn(values.length === rowCount ? values : values.slice(0, rowCount), invalid),
  };
}

/** Text as dictionary codes (−1 missing), one string per distinct value. */
export function textAccumulator(missing: ReadonlySet<string>): ColumnAccumulator {
  let codes = new Int32Array(1024);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const addText = (text: string | null, row: number): void => {
    if (row >= codes.length) codes = grown(codes, row + 1, (size) => new Int32Array(size));
    if (text === null || missing.has(text) || isBlank(text)) {
      codes[row] = -1;
      return;
    }
    let code = index.get(text);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(text);
      index.set(text, code);
    }
    codes[row] = code;
  };
  return {
    storage: 'text',
    addBytes(bytes, start, end, escaped, row) {
      addText(start === end ? null : fieldText(bytes, start, end, escaped), row);
    },
    addText,
    finish: (rowCount) => ({
      type: 'category',
      codes: codes.length === rowCount ? codes : codes.slice(0, rowCount),
      dictionary,
    }),
  };
}

/** The storage the kind of a column needs: numbers for numeric kinds (and small integer codes), text otherwise. */
export function storageOf(
  column: Column,
  name: string,
  maxIntegerCardinality = DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
): { storage: Storage; kind: InferredKind } {
  const census = censusOfColumn(column, maxIntegerCardinality);
  const decision = decideColumnKind(census, name, maxIntegerCardinality);
  const numbersOnly = census.numberCount > 0 && census.numberCount === census.rowCount - census.missingCount;
  return { storage: decision.kind === 'numeric' || numbersOnly ? 'number' : 'text', kind: decision.kind };
}

/** The storage decided from the first rows (the sample), by the one rule (decideColumnKind). */
export function sampleStorage(sample: readonly Cell[], name: string): Storage {
  return storageOf(cellColumn(sample), name).storage;
}

/**
 * The column as its final kind needs it, without reading the file again when possible: a text column that turned
 * out numeric is converted through its dictionary; a boolean column's spellings become booleans. Returns null when
 * numbers were stored but the column is text after all (its exact spellings need a second read).
 */
export function settleColumn(column: Column, name: string): Column | null {
  const { storage, kind } = storageOf(column, name);
  if (column.type === 'number') return storage === 'number' ? column : null;
  if (column.type !== 'category') return column;
  if (storage === 'number') {
    const parsed = column.dictionary.map((entry) => (typeof entry === 'string' ? parseDecimal(entry) : undefined));
    const values = new Float64Array(column.codes.length);
    let invalid: Map<number, string> | null = null;
    for (let i = 0; i < values.length; i++) {
      const code = column.codes[i];
      const value = code < 0 ? NaN : (parsed[code] ?? NaN);
      values[i] = value;
      if (code >= 0 && parsed[code] === undefined) (invalid ??= new Map()).set(i, String(column.dictionary[code]));
    }
    return numberColumn(values, invalid);
  }
  if (kind === 'boolean') return asBooleanDictionary(column.codes, column.dictionary);
  return column;
}

/** Every true / false spelling (True, TRUE …) as one boolean entry; other entries stay as they are. */
function asBooleanDictionary(codes: Int32Array, dictionary: readonly CategoryValue[]): Column {
  const next: CategoryValue[] = [];
  const seen = new Map<CategoryValue, number>();
  const remap = dictionary.map((entry) => {
    const value = typeof entry === 'string' ? (BOOLEAN_TEXTS.get(entry) ?? entry) : entry;
    let code = seen.get(value);
    if (code === undefined) {
      code = next.length;
      next.push(value);
      seen.set(value, code);
    }
    return code;
  });
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? -1 : remap[codes[i]];
  return { type: 'category', codes: out, dictionary: next };
}
