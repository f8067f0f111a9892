import { StatsInputError } from './stats-input-error.js';
import { requireFiniteSample } from './validate-input.js';

/** Throws unless `pValues` is a non-empty array of numbers in [0, 1]. */
export function requirePValues(pValues: ArrayLike<number>, argument = 'pValues'): void {
  requireFiniteSample(pValues, argument);
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (p < 0 || p > 1) throw new StatsInputError(`${argument}[${i}]`, `must be in [0, 1], got ${p}`);
  }
}
