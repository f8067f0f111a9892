import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSpecialOracle } from '../../../tests/support/stats/special-oracle.js';
import { studentTSf } from './student-t-distribution.js';

describeSpecialOracle('Student t distribution', { studentTSf });

describe('Student t properties', () => {
  it('sf(t) + sf(−t) = 1, sf in [0, 1], sf(0) = ½', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.1, max: 1e6, noNaN: true }),
        (t, dof) => {
          const right = studentTSf(t, dof);
          expect(right).toBeGreaterThanOrEqual(0);
          expect(right).toBeLessThanOrEqual(1);
          expect(Math.abs(right + studentTSf(-t, dof) - 1)).toBeLessThan(1e-14);
        },
      ),
    );
    expect(studentTSf(0, 3.3)).toBe(0.5);
  });

  it('has the closed form ½ − atan(t)/π for dof = 1', () => {
    for (const t of [0.1, 1, 10, 1e3]) {
      expect(Math.abs(studentTSf(t, 1) / (0.5 - Math.atan(t) / Math.PI) - 1)).toBeLessThan(1e-12);
    }
  });

  it('rejects dof <= 0 and NaN t', () => {
    expect(() => studentTSf(1, 0)).toThrow(/^dof:/);
    expect(() => studentTSf(Number.NaN, 3)).toThrow(/^t:/);
  });
});
