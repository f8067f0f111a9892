import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, dataTableFromRows } from '../../domain/data-table.js';
import { datasetDigest, datasetInput } from './dataset-input.js';

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.constant(null),
);

describe('datasetDigest', () => {
  it('is 32 hex chars and tells apart 1, "1", true and null', () => {
    const digests = [1, '1', true, null].map((v) => datasetDigest(dataTableFromRows([{ x: v }])));
    for (const d of digests) expect(d).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(digests).size).toBe(4);
  });

  it('property: equal tables give equal digests; changing one cell changes it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 }), fc.nat(), (pairs, at) => {
        const rows = pairs.map(([a, b]) => ({ a, b }));
        const digest = datasetDigest(dataTableFromRows(rows));
        expect(datasetDigest(dataTableFromRows(rows.map((r) => ({ ...r }))))).toBe(digest);
        const i = at % rows.length;
        const changed = rows.map((r, j) => (j === i ? { ...r, a: r.a === 'changed' ? 'other' : 'changed' } : r));
        expect(datasetDigest(dataTableFromRows(changed))).not.toBe(digest);
      }),
    );
  });

  it('builds a DatasetInput with context, schema and row count', () => {
    const input = datasetInput({
      name: 'credit/train',
      context: 'training',
      table: dataTableFromRows([{ a: 1 }, { a: 2 }]),
      source: { file: 'train.csv' },
    });
    expect(input).toMatchObject({
      name: 'credit/train',
      context: 'training',
      sourceType: 'driftguard',
      source: '{"file":"train.csv"}',
      profile: '{"num_rows":2,"num_columns":1}',
    });
  });
});
