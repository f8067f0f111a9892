import { StatsInputError } from './stats-input-error.js';

/** Throws unless `values` is a non-empty array-like of finite numbers; returns it unchanged. */
export function requireFiniteSample(values: ArrayLike<number>, argument: string, minLength = 1): ArrayLike<number> {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new StatsInputError(argument, 'expected an array of numbers');
  }
  if (values.length < minLength) {
    throw new StatsInputError(
      argument,
      minLength === 1 ? 'must not be empty' : `needs at least ${minLength} values, got ${values.length}`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new StatsInputError(`${argument}[${i}]`, `must be a finite number, got ${String(v)}`);
    }
  }
  return values;
}

/** Throws unless `values` is a non-empty array of finite, non-negative numbers (counts or weights). */
export function requireNonNegative(values: ArrayLike<number>, argument: string): ArrayLike<number> {
  requireFiniteSample(values, argument);
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0) throw new StatsInputError(`${argument}[${i}]`, `must be >= 0, got ${values[i]}`);
  }
  return values;
}

/** Throws unless `a` and `b` have the same length. */
export function requireSameLength(a: ArrayLike<number>, b: ArrayLike<number>, argumentB: string): void {
  if (a.length !== b.length) {
    throw new StatsInputError(
      argumentB,
      `must have the same length as the first argument (${a.length}), got ${b.length}`,
    );
  }
}

/** A sorted copy (Float64Array, ascending) — inputs are never mutated. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const copy = Float64Array.from(values);
  copy.sort();
  return copy;
}
