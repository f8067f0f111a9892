/** What one non-missing text cell of a CSV (or a string column) spells; the one rule every reader and path uses. */
export type TextClass = 'number' | 'boolean' | 'date' | 'text';

/** The boolean spellings pandas reads as booleans (`true_values` / `false_values` defaults). */
export const BOOLEAN_TEXTS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);

/** Plain decimal or scientific notation, as a regular expression (readers that classify in SQL use the same). */
export const DECIMAL_PATTERN = '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?';

/** ISO 8601 calendar date with an optional time (`T` or a blank) and an optional `Z` / ±hh:mm offset. */
export const ISO_DATE_PATTERN =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?';

const DECIMAL = new RegExp(`^${DECIMAL_PATTERN}$`);
const ISO_DATE = new RegExp(`^${ISO_DATE_PATTERN}$`);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * The number a text cell spells in plain decimal or scientific notation (`-1.5`, `.5`, `2e-3`, `007`), else
 * undefined. Hex / binary / octal literals, blanks, `Infinity`, `1_000`, `0,5` are not numbers (JavaScript's
 * `Number()` would accept some of them).
 */
export function parseDecimal(text: string): number | undefined {
  const first = text.charCodeAt(0);
  if (!(isDigit(first) || first === 45 || first === 43 || first === 46)) return undefined;
  const last = text.charCodeAt(text.length - 1);
  if (!(isDigit(last) || last === 46)) return undefined;
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Days in `month` (1–12) of `year` (proleptic Gregorian). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `text` is an ISO 8601 date or date-time that exists in the calendar (no 30 February, no hour 25). */
export function isIsoDate(text: string): boolean {
  if (text.length < 10 || !isDigit(text.charCodeAt(0)) || !ISO_DATE.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (text.length > 10) {
    const hour = Number(text.slice(11, 13));
    const minute = Number(text.slice(14, 16));
    const second = text.length >= 19 && text[16] === ':' ? Number(text.slice(17, 19)) : 0;
    if (hour > 23 || minute > 59 || second > 59) return false;
  }
  return true;
}

/** The class of a non-missing text cell: number, boolean, ISO date, or other text. */
export function classifyText(text: string): TextClass {
  if (parseDecimal(text) !== undefined) return 'number';
  if (BOOLEAN_TEXTS.has(text)) return 'boolean';
  if (isIsoDate(text)) return 'date';
  return 'text';
}
