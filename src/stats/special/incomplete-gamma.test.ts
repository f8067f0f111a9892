import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSpecialOracle } from '../../../tests/support/stats/special-oracle.js';
import { StatsInputError } from '../stats-input-error.js';
import { logGamma } from './gamma.js';
import { logRegularizedGammaQ, regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';
import { normalLogSf, normalSf } from './normal-distribution.js';

describeSpecialOracle('regularized incomplete gamma', { regularizedGammaP, regularizedGammaQ });

describe('incomplete gamma properties', () => {
  it('P + Q = 1 and both lie in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 2e4, noNaN: true }),
        (a, x) => {
          const p = regularizedGammaP(a, x);
          const q = regularizedGammaQ(a, x);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
          expect(Math.abs(p + q - 1)).toBeLessThan(1e-14);
        },
      ),
    );
  });

  it('log Q matches ln Q where Q is representable and keeps going where Q underflows', () => {
    expect(Math.abs(logRegularizedGammaQ(24.5, 200) / Math.log(regularizedGammaQ(24.5, 200)) - 1)).toBeLessThan(1e-14);
    expect(regularizedGammaQ(24.5, 1000)).toBe(0);
    const deep = logRegularizedGammaQ(24.5, 1000);
    // Q(a, x) ~ x^(a−1)e^(−x)/Γ(a)·(1 + (a−1)/x + (a−1)(a−2)/x² + …) for x ≫ a (DLMF 8.11.2).
    const series = 1 + 23.5 / 1000 + (23.5 * 22.5) / 1e6 + (23.5 * 22.5 * 21.5) / 1e9;
    expect(deep).toBeCloseTo(23.5 * Math.log(1000) - 1000 - logGamma(24.5) + Math.log(series), 6);
    expect(logRegularizedGammaQ(24.5, 2000)).toBeLessThan(deep);
  });

  it('large a near x (Temme expansion): P + Q = 1 up to a = 1e300', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 21, max: 1e300, noNaN: true }),
        fc.double({ min: -0.29, max: 0.29, noNaN: true }),
        (a, sigma) => {
          const x = a * (1 + sigma);
          expect(Math.abs(regularizedGammaP(a, x) + regularizedGammaQ(a, x) - 1)).toBeLessThan(1e-14);
        },
      ),
    );
  });

  it('tends to the normal tail as a grows (Q(a, a + z√a) → Φ(−z)), in log form past where Q underflows', () => {
    for (const z of [-3, 0.5, 4]) {
      const a = 1e20; // skewness correction O(z²/√a) ~ 1e-9; x is rounded to a multiple of 16384, so z is taken from x
      const x = a + z * Math.sqrt(a);
      expect(Math.abs(regularizedGammaQ(a, x) / normalSf((x - a) / Math.sqrt(a)) - 1)).toBeLessThan(1e-8);
    }
    const a = 1e12;
    const x = a + 60 * Math.sqrt(a);
    expect(regularizedGammaQ(a, x)).toBe(0);
    // the gamma law is right-skewed: ln Q − ln Φ(−z) ≈ z³/(3√a) = 0.072 (Cornish–Fisher / Wilson–Hilferty), next order 1e-3
    const logQ = logRegularizedGammaQ(a, x);
    expect(Math.abs(logQ - normalLogSf(60) - 60 ** 3 / (3 * Math.sqrt(a)))).toBeLessThan(5e-3);
  });

  it('stays finite for a as small as 5e-324 (P → 1, Q → 0)', () => {
    expect(regularizedGammaP(5e-324, 1)).toBe(1);
    expect(regularizedGammaQ(5e-324, 0.5)).toBeLessThan(1e-15);
    expect(logRegularizedGammaQ(5e-324, 0.5)).toBeLessThan(-30);
  });

  it('rejects a <= 0 and negative x naming the argument', () => {
    expect(() => regularizedGammaP(0, 1)).toThrow(/^a:/);
    expect(() => regularizedGammaQ(1, -1)).toThrow(StatsInputError);
    expect(() => regularizedGammaQ(1, Number.NaN)).toThrow(/^x:/);
  });
});
