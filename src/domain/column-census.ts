import { type Column } from './data-table.js';
import { BOOLEAN_TEXTS, classifyText } from './text-values.js';

/** At most this many example values are kept per census list. */
export const CENSUS_EXAMPLES = 5;

/**
 * What the non-missing values of one column are, counted over every row: the facts a column's kind is decided from
 * (see decideColumnKind). Readers that classify text elsewhere (e.g. in SQL) must count by the same rules
 * (text-values.ts).
 */
export interface ColumnCensus {
  readonly rowCount: number;
  readonly missingCount: number;
  /** Finite numbers (number cells or decimal texts). */
  readonly numberCount: number;
  /** Of the numbers, those that are integers. */
  readonly integerCount: number;
  /** Distinct integer values, counted up to `distinctLimit + 1`. */
  readonly distinctIntegers: number;
  /** Booleans or true/false texts. */
  readonly booleanCount: number;
  /** ISO 8601 dates / date-times. */
  readonly dateCount: number;
  /** Distinct non-missing values (by text), counted up to 2 (constant columns have 1). */
  readonly distinctValues: number;
  /** Up to 5 values that are not numbers, booleans and dates respectively (JSON-quoted text). */
  readonly notNumberExamples: readonly string[];
  readonly notBooleanExamples: readonly string[];
  readonly notDateExamples: readonly string[];
}

class CensusCounter {
  missingCount = 0;
  numberCount = 0;
  integerCount = 0;
  booleanCount = 0;
  dateCount = 0;
  readonly integers = new Set<number>();
  readonly distinct = new Set<string>();
  readonly notNumber: string[] = [];
  readonly notBoolean: string[] = [];
  readonly notDate: string[] = [];

  constructor(private readonly distinctLimit: number) {}

  /** Adds `weight` cells of the same value. */
  add(value: number | string | boolean, weight: number): void {
    if (this.distinct.size < 2) this.distinct.add(typeof value === 'string' ? value : String(value));
    const example = typeof value === 'string' ? JSON.stringify(value) : String(value);
    let cls: 'number' | 'boolean' | 'date' | 'text';
    let numeric = NaN;
    if (typeof value === 'number') {
      cls = Number.isFinite(value) ? 'number' : 'text';
      numeric = value;
    } else if (typeof value === 'boolean') cls = 'boolean';
    else {
      cls = classifyText(value);
      if (cls === 'number') numeric = Number(value);
    }
    if (cls === 'number') {
      this.numberCount += weight;
      if (Number.isInteger(numeric)) {
        this.integerCount += weight;
        if (this.integers.size <= this.distinctLimit) this.integers.add(numeric);
      }
    } else keep(this.notNumber, example);
    if (cls === 'boolean') this.booleanCount += weight;
    else keep(this.notBoolean, example);
    if (cls === 'date') this.dateCount += weight;
    else keep(this.notDate, example);
  }

  finish(rowCount: number): ColumnCensus {
    return {
      rowCount,
      missingCount: this.missingCount,
      numberCount: this.numberCount,
      integerCount: this.integerCount,
      distinctIntegers: this.integers.size,
      booleanCount: this.booleanCount,
      dateCount: this.dateCount,
      distinctValues: this.distinct.size,
      notNumberExamples: this.notNumber,
      notBooleanExamples: this.notBoolean,
      notDateExamples: this.notDate,
    };
  }
}

function keep(examples: string[], example: string): void {
  if (examples.length < CENSUS_EXAMPLES && !examples.includes(example)) examples.push(example);
}

/** Blank texts are missing, as in every reader (pandas' empty field). */
const isBlank = (text: string): boolean => text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '');

/**
 * The census of one column, in one pass without boxing typed columns: numbers straight from the Float64Array,
 * categories once per dictionary entry weighted by their counts. `distinctLimit` bounds the distinct integers kept.
 */
export function censusOfColumn(column: Column, distinctLimit: number): ColumnCensus {
  const counter = new CensusCounter(distinctLimit);
  let rowCount: number;
  if (column.type === 'number') {
    const { values, invalid } = column;
    rowCount = values.length;
    let constant: number | undefined;
    let infinities = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (v - v !== 0) {
        infinities++;
        counter.add(v, 1); // ±Infinity: present, but not a valid number
        continue;
      }
      counter.numberCount++;
      if (counter.distinct.size < 2 && v !== constant) {
        counter.distinct.add(String(v));
        constant = v;
      }
      if (Number.isInteger(v)) {
        counter.integerCount++;
        if (counter.integers.size <= distinctLimit) counter.integers.add(v);
      }
    }
    // Invalid texts are never decimal numbers (readers list only those that are not).
    for (const text of invalid?.values() ?? []) counter.add(text, 1);
    for (const example of [...counter.integers].slice(0, CENSUS_EXAMPLES)) {
      keep(counter.notBoolean, String(example));
      keep(counter.notDate, String(example));
    }
    counter.missingCount = rowCount - counter.numberCount - infinities - (invalid?.size ?? 0);
  } else if (column.type === 'category') {
    const { codes, dictionary } = column;
    rowCount = codes.length;
    const counts = new Float64Array(dictionary.length);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code < 0) counter.missingCount++;
      else counts[code]++;
    }
    dictionary.forEach((value, code) => {
      if (counts[code] === 0) return;
      if (typeof value === 'string' && isBlank(value)) counter.missingCount += counts[code];
      else counter.add(value, counts[code]);
    });
  } else {
    const { cells } = column;
    rowCount = cells.length;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (
        cell === null ||
        cell === undefined ||
        (typeof cell === 'number' && cell !== cell) ||
        (typeof cell === 'string' && isBlank(cell))
      ) {
        counter.missingCount++;
      } else counter.add(cell, 1);
    }
  }
  return counter.finish(rowCount);
}

/** True when the text is one of the boolean spellings (used by readers that build boolean dictionaries). */
export function isBooleanText(text: string): boolean {
  return BOOLEAN_TEXTS.has(text);
}
