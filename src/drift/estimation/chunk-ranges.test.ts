import { describe, expect, it } from 'vitest';
import { chunkRanges, periodChunkRanges } from './chunk-ranges.js';

describe('chunkRanges', () => {
  it('cuts consecutive chunks and keeps the smaller last one', () => {
    expect(chunkRanges(7, 3)).toEqual([
      { index: 0, start: 0, rows: 3 },
      { index: 1, start: 3, rows: 3 },
      { index: 2, start: 6, rows: 1 },
    ]);
    expect(chunkRanges(0, 3)).toEqual([]);
  });

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => chunkRanges(10, 0)).toThrow(/chunkSize: must be a positive integer/);
    expect(() => chunkRanges(10, 2.5)).toThrow(/chunkSize/);
  });
});

describe('periodChunkRanges', () => {
  const hour = 3_600_000;
  it('cuts equal periods from the first time; empty periods give no chunk', () => {
    const times = [0, 0.5, 1.2, 1.9, 4.1, 4.2].map((h) => h * hour);
    expect(periodChunkRanges(times, hour)).toEqual([
      { index: 0, start: 0, rows: 2 },
      { index: 1, start: 2, rows: 2 },
      { index: 2, start: 4, rows: 2 },
    ]);
  });

  it('refuses rows out of time order, non-finite times and a period ≤ 0', () => {
    expect(() => periodChunkRanges([0, 2, 1], hour)).toThrow(/times\[2\]: rows are not in time order/);
    expect(() => periodChunkRanges([0, Number.NaN], hour)).toThrow(/times\[1\]: must be a finite time/);
    expect(() => periodChunkRanges([0, 1], 0)).toThrow(/period: must be a positive duration/);
  });
});
