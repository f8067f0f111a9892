import { describe, expect, it } from 'vitest';
import { logRegularizedGammaQ, regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';
import { temmeLogUpper, temmeLower, temmeUpper, useTemme } from './temme-asymptotic.js';
import { TEMME_D } from './temme-coefficients.js';

describe('Temme uniform asymptotic expansion of the incomplete gamma', () => {
  it('has the coefficients of DLMF 8.12 (C_0 = −1/3 + η/12 − 2η²/135 + …, C_1(0) = −1/540)', () => {
    expect(TEMME_D).toHaveLength(25);
    expect(TEMME_D[0].slice(0, 4)).toEqual([-1 / 3, 1 / 12, -2 / 135, 1 / 864]);
    expect(TEMME_D[1][0]).toBeCloseTo(-1 / 540, 17);
  });

  it('is used for a > 20 with |x − a|/a < 0.3 only', () => {
    expect(useTemme(20, 20)).toBe(false);
    expect(useTemme(21, 21 * 1.29)).toBe(true);
    expect(useTemme(21, 21 * 1.31)).toBe(false);
    expect(useTemme(1e300, 1e300 * 0.71)).toBe(true);
  });

  it('agrees with the series / continued fraction just outside its region', () => {
    // just outside the expansion's region (|x − a|/a = 0.3) the series / continued fraction agree with it
    for (const a of [25, 250, 1e4, 1e6, 1e12]) {
      if (a <= 1e4) {
        expect(Math.abs(temmeLower(a, 0.699 * a) / regularizedGammaP(a, 0.699 * a) - 1), `a=${a}`).toBeLessThan(1e-13);
        expect(Math.abs(temmeUpper(a, 1.301 * a) / regularizedGammaQ(a, 1.301 * a) - 1), `a=${a}`).toBeLessThan(1e-13);
      }
      expect(Math.abs(temmeLogUpper(a, 1.301 * a) / logRegularizedGammaQ(a, 1.301 * a) - 1), `a=${a}`).toBeLessThan(
        1e-14,
      );
    }
  });
});
