import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** One expected value computed by scipy: `call` is the exact scipy call that produced `expected`. */
export interface OracleCase<I = Record<string, unknown>, E = Record<string, unknown>> {
  id: string;
  call: string;
  inputs: I;
  expected: E;
}

export interface OracleFixture<I = Record<string, unknown>, E = Record<string, unknown>> {
  generator: string;
  versions: { scipy: string; numpy: string };
  cases: OracleCase<I, E>[];
}

/** Loads tests/oracle/fixtures/<name>.json (written by tests/oracle/generate.py). */
export function loadOracle<I = Record<string, unknown>, E = Record<string, unknown>>(
  name: string,
): OracleFixture<I, E> {
  const url = new URL(`../../oracle/fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as OracleFixture<I, E>;
}

/** |actual − expected| ≤ relative·|expected|, or ≤ absolute (for values near 0 such as underflowing p-values). */
export function expectClose(actual: number, expected: number, relative: number, absolute = 0, label = ''): void {
  const tolerance = Math.max(relative * Math.abs(expected), absolute);
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance)) {
    expect.fail(`${label} expected ${expected}, got ${actual} (error ${error}, tolerance ${tolerance})`);
  }
}

/** The brief's accuracy: statistics within 1e-12 relative; p-values within 1e-9 relative or 1e-300 absolute. */
export const STATISTIC_TOLERANCE = { relative: 1e-12, absolute: 0 } as const;
export const P_VALUE_TOLERANCE = { relative: 1e-9, absolute: 1e-300 } as const;
