import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSpecialOracle } from '../../../tests/support/stats/special-oracle.js';
import { StatsInputError } from '../stats-input-error.js';
import { normalCdf, normalLogSf, normalSf } from './normal-distribution.js';

describeSpecialOracle('normal distribution', { normalSf, normalCdf, normalLogSf });

describe('normal distribution properties', () => {
  it('cdf(z) + sf(z) = 1 and sf(−z) = cdf(z)', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (z) => {
        expect(Math.abs(normalCdf(z) + normalSf(z) - 1)).toBeLessThan(2e-16);
        expect(normalSf(-z)).toBe(normalCdf(z));
      }),
    );
  });

  it('log sf is finite where sf underflows and decreasing', () => {
    expect(normalSf(38)).toBeGreaterThan(0); // 2.9e-316, subnormal
    expect(normalSf(37)).toBeGreaterThan(normalSf(38));
    expect(Math.abs(normalSf(37) / Math.exp(normalLogSf(37)) - 1)).toBeLessThan(1e-12);
    expect(normalSf(39)).toBe(0);
    expect(normalSf(1e4)).toBe(0);
    expect(normalLogSf(1e4)).toBeLessThan(normalLogSf(1e3));
    expect(() => normalSf(Number.NaN)).toThrow(StatsInputError);
    expect(normalLogSf(1e300)).toBe(-Infinity);
  });
});
