import { EstimationInputError } from './estimation-input-error.js';

/** Throws unless `values` is a non-empty array of finite numbers. */
export function requireFiniteArray(values: ArrayLike<number>, field: string): void {
  if (values.length === 0) throw new EstimationInputError(field, 'must not be empty');
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new EstimationInputError(`${field}[${i}]`, `must be a finite number, got ${String(v)}`);
  }
}

/** Throws unless every value is 0 or 1; returns the count of 1s. */
export function requireBinaryLabels(labels: ArrayLike<number>, field: string): number {
  if (labels.length === 0) throw new EstimationInputError(field, 'must not be empty');
  let ones = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y === 1) ones++;
    else if (y !== 0) throw new EstimationInputError(`${field}[${i}]`, `must be 0 or 1, got ${String(y)}`);
  }
  return ones;
}

/** Throws unless `b` has as many values as `a`. */
export function requireSameLength(a: ArrayLike<number>, fieldA: string, b: ArrayLike<number>, fieldB: string): void {
  if (a.length !== b.length)
    throw new EstimationInputError(fieldB, `has ${b.length} values, ${fieldA} has ${a.length}`);
}
