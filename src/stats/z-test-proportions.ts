import { normalSf } from './special/normal-distribution.js';
import { StatsInputError } from './stats-input-error.js';
import type { TestResult } from './test-result.js';

function requireCount(value: number, argument: string, minimum: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > Number.MAX_SAFE_INTEGER) {
    throw new StatsInputError(argument, `must be an integer >= ${minimum}, got ${String(value)}`);
  }
}

/**
 * Pooled two-proportion z-test, two-sided — statsmodels `proportions_ztest([x1, x2], [n1, n2])`:
 * z = (x1/n1 − x2/n2)/√(p̂(1 − p̂)(1/n1 + 1/n2)) with p̂ = (x1 + x2)/(n1 + n2), p = 2·Φ(−|z|).
 * When p̂ is 0 or 1 (no successes or no failures in either sample) the proportions are equal and the
 * variance is 0; statsmodels returns NaN there, this returns z = 0, p = 1.
 * Counts must be integers with 0 ≤ x ≤ n and n ≥ 1.
 */
export function zTestProportions(x1: number, n1: number, x2: number, n2: number): TestResult {
  requireCount(n1, 'n1', 1);
  requireCount(n2, 'n2', 1);
  requireCount(x1, 'x1', 0);
  requireCount(x2, 'x2', 0);
  if (x1 > n1) throw new StatsInputError('x1', `must be <= n1 (${n1}), got ${x1}`);
  if (x2 > n2) throw new StatsInputError('x2', `must be <= n2 (${n2}), got ${x2}`);
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance === 0) return { statistic: 0, pValue: 1 };
  const statistic = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}
