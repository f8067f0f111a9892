import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkLogBatch, MLFLOW_LOG_BATCH_LIMITS } from './chunk-log-batch.js';

const tag = fc.record({ key: fc.string({ minLength: 1, maxLength: 20 }), value: fc.string({ maxLength: 300 }) });
const metric = fc.record({
  key: fc.string({ minLength: 1, maxLength: 20 }),
  value: fc.double({ noNaN: true, noDefaultInfinity: true }),
  timestamp: fc.nat(),
  step: fc.nat(),
});
const small = {
  ...MLFLOW_LOG_BATCH_LIMITS,
  maxMetrics: 7,
  maxParams: 3,
  maxTags: 4,
  maxEntities: 9,
  maxRequestBytes: 2000,
};

describe('chunkLogBatch', () => {
  it('splits 2500 metrics / 250 params / 150 tags into requests within MLflow limits', () => {
    const chunks = chunkLogBatch({
      metrics: Array.from({ length: 2500 }, (_, i) => ({ key: 'm', value: i, timestamp: i, step: i })),
      params: Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: 'v' })),
      tags: Array.from({ length: 150 }, (_, i) => ({ key: `t${i}`, value: 'v' })),
    });
    expect(chunks.map((c) => [c.params.length, c.tags.length, c.metrics.length])).toEqual([
      [100, 0, 0],
      [100, 0, 0],
      [50, 100, 0],
      [0, 50, 950],
      [0, 0, 1000],
      [0, 0, 550],
    ]);
  });

  it('keeps every request under 1 MB when values are large', () => {
    const chunks = chunkLogBatch({
      metrics: [],
      params: [],
      tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'x'.repeat(8000) })),
    });
    expect(chunks.length).toBe(1);
    const big = chunkLogBatch({
      metrics: [],
      params: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'y'.repeat(6000) })),
      tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'x'.repeat(8000) })),
    });
    for (const c of big)
      expect(Buffer.byteLength(JSON.stringify({ run_id: 'r'.repeat(32), ...c }))).toBeLessThan(1_000_000);
    expect(big.reduce((n, c) => n + c.params.length + c.tags.length, 0)).toBe(200);
  });

  it('returns no request for an empty batch and refuses a single entry over the byte limit', () => {
    expect(chunkLogBatch({ metrics: [], params: [], tags: [] })).toEqual([]);
    expect(() =>
      chunkLogBatch({ metrics: [], params: [{ key: 'p', value: 'x'.repeat(3000) }], tags: [] }, small),
    ).toThrow(/params entry "p"/);
  });

  it('property: chunks respect every limit and concatenate back to the input in order', () => {
    fc.assert(
      fc.property(
        fc.array(metric, { maxLength: 40 }),
        fc.array(tag, { maxLength: 15 }),
        fc.array(tag, { maxLength: 15 }),
        (metrics, params, tags) => {
          const chunks = chunkLogBatch({ metrics, params, tags }, small);
          for (const c of chunks) {
            expect(c.metrics.length).toBeLessThanOrEqual(7);
            expect(c.params.length).toBeLessThanOrEqual(3);
            expect(c.tags.length).toBeLessThanOrEqual(4);
            expect(c.metrics.length + c.params.length + c.tags.length).toBeGreaterThan(0);
            expect(c.metrics.length + c.params.length + c.tags.length).toBeLessThanOrEqual(9);
            expect(Buffer.byteLength(JSON.stringify(c)) + 200).toBeLessThanOrEqual(2000 + 200);
          }
          expect(chunks.flatMap((c) => c.metrics)).toEqual(metrics);
          expect(chunks.flatMap((c) => c.params)).toEqual(params);
          expect(chunks.flatMap((c) => c.tags)).toEqual(tags);
        },
      ),
    );
  });
});
