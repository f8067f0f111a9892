import { describe, expect, it } from 'vitest';
import { describeSpecialOracle } from '../../../tests/stats/special-oracle.js';
import { chiSquareLogSf, chiSquareSf } from './chi-square-distribution.js';
import { normalSf } from './normal-distribution.js';

describeSpecialOracle('chi-square distribution', { chiSquareSf, chiSquareLogSf });

describe('chi-square distribution', () => {
  it('with 1 dof equals the two-sided normal tail', () => {
    for (const z of [0.1, 1, 2.5, 7, 20]) {
      const expected = 2 * normalSf(z);
      expect(Math.abs(chiSquareSf(z * z, 1) / expected - 1)).toBeLessThan(1e-13);
    }
  });

  it('is 1 at x <= 0 and rejects dof <= 0', () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareLogSf(0, 3)).toBe(0);
    expect(() => chiSquareSf(1, 0)).toThrow(/^dof:/);
    expect(() => chiSquareSf(1, 5e-324)).toThrow(/^dof:/);
    expect(() => chiSquareSf(Number.NaN, 2)).toThrow(/^x:/);
  });
});
