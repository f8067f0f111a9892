import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectOrderStatistics } from './select-order-statistics.js';

describe('selectOrderStatistics', () => {
  it('puts every requested rank where a full sort would (ties, duplicates, adversarial orders)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (values, rawRanks) => {
          const v = Float64Array.from(values);
          const sorted = Float64Array.from(values).sort();
          const ranks = Float64Array.from(new Set(rawRanks.map((r) => r % v.length))).sort();
          selectOrderStatistics(v, ranks);
          for (const r of ranks) expect(v[r] === sorted[r]).toBe(true);
          expect(Float64Array.from(v).sort()).toEqual(sorted);
        },
      ),
    );
  });

  it('handles sorted, reversed and constant inputs of 1e5 values', () => {
    const n = 100_000;
    const ranks = [0, 1, 12_345, 50_000, 99_998, 99_999];
    for (const make of [(i: number) => i, (i: number) => n - i, () => 7, (i: number) => i % 3]) {
      const v = Float64Array.from({ length: n }, (_, i) => make(i));
      const sorted = Float64Array.from(v).sort();
      selectOrderStatistics(v, ranks);
      for (const r of ranks) expect(v[r]).toBe(sorted[r]);
    }
  });
});
