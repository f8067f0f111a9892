/** 10^0 … 10^22: every one is exact in a double, so one multiplication or division by it rounds correctly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Largest integer that every digit string up to 15 digits stays below (all exact in a double). */
const MAX_FAST_DIGITS = 15;

/**
 * The number that bytes `[start, end)` of `bytes` spell in plain decimal or scientific notation — the rule of
 * domain/text-values.ts `parseDecimal` (`-1.5`, `.5`, `2e-3`, `007`; no blanks, hex, `Infinity`, `1_000`, `0,5`) —
 * or NaN when they spell something else or overflow. Short inputs (≤ 15 significant digits, exponent ≤ 22) take
 * Clinger's fast path (one exact operation, correctly rounded); the rest go through `Number()` on the text, so
 * every result equals JavaScript's own parse of the same text.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let negative = false;
  let c = bytes[i];
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let intDigits = 0;
  let fracDigits = 0;
  let significant = 0;
  while (i < end && (c = bytes[i]) >= 48 && c <= 57) {
    if (significant > 0 || c !== 48) significant++;
    mantissa = mantissa * 10 + (c - 48);
    intDigits++;
    i++;
  }
  if (i < end && bytes[i] === 46) {
    i++;
    while (i < end && (c = bytes[i]) >= 48 && c <= 57) {
      if (significant > 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      fracDigits++;
      i++;
    }
  }
  digits = intDigits + fracDigits;
  if (digits === 0) return NaN;
  let exponent = 0;
  if (i < end && (bytes[i] | 0x20) === 101) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
      expNegative = bytes[i] === 45;
      i++;
    }
    const expStart = i;
    while (i < end && (c = bytes[i]) >= 48 && c <= 57) {
      if (exponent < 100_000) exponent = exponent * 10 + (c - 48);
      i++;
    }
    if (i === expStart) return NaN;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;
  const scale = exponent - fracDigits;
  let value: number;
  if (significant <= MAX_FAST_DIGITS && scale >= -22 && scale <= 22) {
    value = scale < 0 ? mantissa / EXACT_POWERS_OF_TEN[-scale] : mantissa * EXACT_POWERS_OF_TEN[scale];
  } else {
    value = Math.abs(Number(latin1(bytes, negative || bytes[start] === 43 ? start + 1 : start, end)));
  }
  if (!Number.isFinite(value)) return NaN;
  return negative ? -value : value;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}
