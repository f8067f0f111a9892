import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderStatistics } from './order-statistics.js';

function check(values: Float64Array, ranks: number[]): void {
  const copy = Float64Array.from(values);
  const sorted = Float64Array.from(values).sort();
  const result = orderStatistics(values, ranks);
  ranks.forEach((r, i) => expect(result[i] === sorted[r], `rank ${r}`).toBe(true));
  expect(values).toEqual(copy);
}

describe('orderStatistics', () => {
  it('returns what a full sort holds at each rank (small inputs, ties, duplicates)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (values, rawRanks) => {
          const ranks = [...new Set(rawRanks.map((r) => r % values.length))].sort((a, b) => a - b);
          check(Float64Array.from(values), ranks);
        },
      ),
    );
  });

  it('handles large sorted, reversed, constant, heavy-tie, skewed and extreme-valued inputs (sampling path)', () => {
    const n = 50_000; // above the 2^15 threshold of the sampling path
    const ranks = [0, 1, 9_999, 12_345, 25_000, 25_001, 49_998, 49_999];
    const makers = [
      (i: number) => i,
      (i: number) => n - i,
      () => 7,
      (i: number) => i % 3,
      (i: number) => Math.exp((i % 1000) / 20),
      (i: number) => (i % 2 ? 1e308 : -1e308) * ((i % 7) / 7),
      (i: number) => (i === 5 ? 1e300 : Math.sin(i)),
    ];
    for (const make of makers)
      check(
        Float64Array.from({ length: n }, (_, i) => make(i)),
        ranks,
      );
  });
});
