import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../../tests/support/oracle/oracle.js';
import { besselKScaled } from './bessel-k.js';

const oracle = loadOracle<{ nu: number; x: number[] }, { values: number[] }>('kolmogorov_distribution');

/** scipy's AMOS kve is itself off by up to ~6e-14 relative near x ≈ 2 (mpmath check), so compare at 2e-13. */
const AMOS_RELATIVE = 2e-13;

describe('besselKScaled vs scipy.special.kve', () => {
  it.each(oracle.cases.filter((c) => c.id.startsWith('kve')).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    c.inputs.x.forEach((x, i) => {
      expectClose(besselKScaled(c.inputs.nu, x), c.expected.values[i], AMOS_RELATIVE, 0, `${c.call} at x=${x}`);
    });
  });

  it('agrees with 30-digit mpmath where AMOS is least accurate', () => {
    // mpmath: besselk(0.25, x) * exp(x) at mp.dps = 30
    expectClose(besselKScaled(0.25, 1.9693113379074219), 0.8587142416896201, 1e-15);
    expectClose(besselKScaled(0.25, 3), 0.70413979450216857, 1e-15);
    expectClose(besselKScaled(0.25, 10), 0.3928020270758749, 1e-15);
  });

  it('is even in the order and rejects x ≤ 0', () => {
    expect(besselKScaled(-0.25, 1.5)).toBe(besselKScaled(0.25, 1.5));
    expect(() => besselKScaled(0.25, 0)).toThrow(RangeError);
    expect(() => besselKScaled(0.25, Number.NaN)).toThrow(RangeError);
  });
});
