import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSpecialOracle } from '../../../tests/support/stats/special-oracle.js';
import { StatsInputError } from '../stats-input-error.js';
import { regularizedIncompleteBeta } from './incomplete-beta.js';

describeSpecialOracle('regularized incomplete beta', { regularizedIncompleteBeta });

describe('incomplete beta properties', () => {
  it('satisfies I_x(a, b) + I_(1−x)(b, a) = 1 and stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5e3, noNaN: true }),
        fc.double({ min: 0.05, max: 5e3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, x) => {
          const left = regularizedIncompleteBeta(a, b, x);
          const right = regularizedIncompleteBeta(b, a, 1 - x, x);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left).toBeLessThanOrEqual(1);
          expect(Math.abs(left + right - 1)).toBeLessThan(1e-13);
        },
      ),
    );
  });

  it('is x itself for a = b = 1 and rejects invalid arguments', () => {
    expect(regularizedIncompleteBeta(1, 1, 0.3)).toBeCloseTo(0.3, 15);
    expect(() => regularizedIncompleteBeta(0, 1, 0.5)).toThrow(/^a:/);
    expect(() => regularizedIncompleteBeta(1, -1, 0.5)).toThrow(/^b:/);
    expect(() => regularizedIncompleteBeta(1, 1, 1.5)).toThrow(StatsInputError);
  });
});
