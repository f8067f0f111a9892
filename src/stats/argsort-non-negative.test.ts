import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortNonNegative } from './argsort-non-negative.js';

describe('argsortNonNegative', () => {
  it('is a stable permutation that sorts the values (ties, zeros, −0, subnormals, huge values)', () => {
    const value = fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(0, -0, 5e-324, 1e-300, 0.5, 1, 1e308),
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3000 }), (values) => {
        const order = argsortNonNegative(values);
        expect(Array.from(order).sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
        for (let r = 1; r < order.length; r++) {
          const [a, b] = [values[order[r - 1]], values[order[r]]];
          expect(a <= b).toBe(true);
          if (a === b) expect(order[r - 1]).toBeLessThan(order[r]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
