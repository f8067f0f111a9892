import { describe, expect, it } from 'vitest';
import { dataTableFromColumns, numberColumn } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { DriftConfigError } from './drift-config-error.js';
import { parseReferenceProfile } from './parse-reference-profile.js';
import {
  buildReferenceRowSample,
  parseReferenceRowSample,
  rowSampleTable,
  withReferenceRowSample,
} from './reference-row-sample.js';

const n = 12_000;
const table = dataTableFromColumns({
  x: numberColumn(Float64Array.from({ length: n }, (_, i) => (i === 3 ? Number.NaN : i))),
  y: Array.from({ length: n }, (_, i) => `c${i % 7}`),
});
const schema = inferSchema(table);

describe('buildReferenceRowSample', () => {
  it('keeps at most 5,000 whole rows by default, seeded, in row order', () => {
    const sample = buildReferenceRowSample(table, schema);
    expect(sample).toMatchObject({ sourceRowCount: n, rowCount: 5000, seed: 1 });
    const [x, y] = sample.columns;
    expect(x.name).toBe('x');
    expect(x.cells).toHaveLength(5000);
    // Whole rows: y is x's category, the order is the table's.
    x.cells.forEach((v, i) => {
      if (v !== null) expect(y.cells[i]).toBe(`c${(v as number) % 7}`);
    });
    const xs = x.cells.filter((v): v is number => v !== null);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(buildReferenceRowSample(table, schema)).toEqual(sample);
    expect(buildReferenceRowSample(table, schema, { seed: 2 })).not.toEqual(sample);
  });

  it('keeps every row of a small table, missing as null, and refuses a bad size', () => {
    const small = dataTableFromColumns({ x: numberColumn(Float64Array.of(1, Number.NaN, 3)) });
    expect(buildReferenceRowSample(small, inferSchema(small)).columns[0].cells).toEqual([1, null, 3]);
    expect(() => buildReferenceRowSample(small, inferSchema(small), { size: -1 })).toThrow(DriftConfigError);
    expect(buildReferenceRowSample(small, inferSchema(small), { size: 0 }).rowCount).toBe(0);
  });

  it('round-trips through JSON and the profile parser, and becomes a table again', () => {
    const profile = withReferenceRowSample(buildReferenceProfile(table, schema), table, { size: 100 });
    const parsed = parseReferenceProfile(JSON.parse(JSON.stringify(profile)));
    expect(parsed.rowSample?.rowCount).toBe(100);
    const back = rowSampleTable(parseReferenceRowSample(parsed.rowSample));
    expect(back.rowCount).toBe(100);
    expect(back.columnNames).toEqual(['x', 'y']);
  });

  it('names the field of a malformed sample', () => {
    expect(() =>
      parseReferenceRowSample({ sourceRowCount: 2, rowCount: 2, seed: 1, columns: [{ name: 'x', cells: [1] }] }),
    ).toThrow(/rowSample\.columns\.0\.cells/);
  });
});
