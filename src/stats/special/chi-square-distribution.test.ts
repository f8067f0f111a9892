import { describe, expect, it } from 'vitest';
import { describeSpecialOracle } from '../../../tests/support/stats/special-oracle.js';
import { chiSquareIsf, chiSquareLogSf, chiSquareSf } from './chi-square-distribution.js';
import { normalSf } from './normal-distribution.js';

describeSpecialOracle('chi-square distribution', { chiSquareSf, chiSquareLogSf, chiSquareIsf });

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

  it('isf inverts the survival function (closed form with 2 dof: −2 ln p; 1 dof: the squared normal quantile)', () => {
    for (const p of [0.5, 0.05, 0.001, 1e-12])
      expect(Math.abs(chiSquareIsf(p, 2) / (-2 * Math.log(p)) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(chiSquareIsf(0.05, 1) / 1.959963984540054 ** 2 - 1)).toBeLessThan(1e-12);
    for (const dof of [0.5, 3, 9, 40, 500]) {
      for (const p of [0.9, 0.01, 1e-6])
        expect(Math.abs(chiSquareSf(chiSquareIsf(p, dof), dof) / p - 1)).toBeLessThan(1e-9);
    }
    for (const dof of [1e4, 1e8, 1e12]) {
      for (const p of [0.5, 0.01, 1e-12])
        expect(Math.abs(chiSquareSf(chiSquareIsf(p, dof), dof) / p - 1)).toBeLessThan(1e-9);
    }
    // at dof = 1e100 a standard deviation (1.4e50) is far below the spacing of doubles: the quantile is dof ± 1 ulp
    for (const p of [0.5, 0.01, 1e-12]) expect(Math.abs(chiSquareIsf(p, 1e100) / 1e100 - 1)).toBeLessThan(3e-16);
    // the median of the largest dof rounds to dof itself, never running into the overflow of 2·dof; a quantile
    // beyond the largest double is +Infinity
    expect(chiSquareIsf(0.5, 1e308)).toBe(1e308);
    expect(chiSquareIsf(0.9, Number.MAX_VALUE)).toBeLessThan(Number.MAX_VALUE);
    expect(chiSquareIsf(1e-12, Number.MAX_VALUE)).toBe(Infinity);
    expect(() => chiSquareIsf(0, 3)).toThrow(/^p:/);
    expect(() => chiSquareIsf(0.5, 0)).toThrow(/^dof:/);
  });
});
