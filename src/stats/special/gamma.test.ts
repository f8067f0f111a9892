import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSpecialOracle } from '../../../tests/support/stats/special-oracle.js';
import { StatsInputError } from '../stats-input-error.js';
import { gammaFunction, logGamma } from './gamma.js';

describeSpecialOracle('logGamma / gammaFunction', { logGamma, gammaFunction });

describe('gamma edge cases', () => {
  it('has poles like scipy: gammaln = inf, gamma(±0) = ±inf, gamma(-n) throws instead of NaN', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(gammaFunction(0)).toBe(Infinity);
    expect(gammaFunction(-0)).toBe(-Infinity);
    expect(() => gammaFunction(-2)).toThrow(StatsInputError);
    expect(() => logGamma(Number.NaN)).toThrow(StatsInputError);
    expect(gammaFunction(172)).toBe(Infinity);
    expect(() => gammaFunction(-Infinity)).toThrow(/^x:/);
  });

  it('satisfies the recurrence ln Γ(x + 1) = ln Γ(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), (x) => {
        const lhs = logGamma(x + 1);
        const rhs = logGamma(x) + Math.log(x);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(lhs), Math.abs(Math.log(x))));
      }),
    );
  });

  it('agrees with exp(logGamma) for positive arguments', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 150, noNaN: true }), (x) => {
        expect(Math.abs(gammaFunction(x) / Math.exp(logGamma(x)) - 1)).toBeLessThan(1e-12);
      }),
    );
  });
});
