import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lcgUniforms } from '../../tests/support/oracle/recipes.js';
import { type Cell, columnMap, type DataTable, dataTableFromRows, projectTable } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { histogram } from '../stats/index.js';
import { buildReferenceProfile, sortedBinCounts } from './build-reference-profile.js';
import { DriftConfigError } from './drift-config-error.js';
import { parseReferenceProfile } from './parse-reference-profile.js';
import type { CategoricalColumnProfile, NumericColumnProfile } from './reference-profile.js';

function table(columns: Record<string, Cell[]>): DataTable {
  const names = Object.keys(columns);
  return { columnNames: names, rowCount: columns[names[0]].length, columns: columnMap(columns) };
}

function mixedTable(n: number, seed: number): DataTable {
  const u = lcgUniforms(seed, 3 * n);
  return table({
    amount: Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : 100 * u[3 * i])),
    city: Array.from({ length: n }, (_, i) => `c${Math.floor(u[3 * i + 1] * u[3 * i + 1] * 400)}`),
    member: Array.from({ length: n }, (_, i) => u[3 * i + 2] < 0.3),
  });
}

const numeric = (p: ReturnType<typeof buildReferenceProfile>, i = 0) => p.features[i] as NumericColumnProfile;
const categorical = (p: ReturnType<typeof buildReferenceProfile>, i: number) =>
  p.features[i] as CategoricalColumnProfile;

describe('buildReferenceProfile', () => {
  it('keeps exact counts, moments and a complete sorted sample for small references', () => {
    const t = table({ x: [3, 1, null, 2, Number.NaN, 'oops', 4, Infinity] });
    const p = buildReferenceProfile(t, inferSchema(t, { overrides: { x: { kind: 'numeric' } } }));
    const x = numeric(p);
    expect(x).toMatchObject({
      rowCount: 8,
      missingCount: 2,
      typeViolationCount: 2,
      validCount: 4,
      min: 1,
      max: 4,
      mean: 2.5,
    });
    expect(x.std).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(x.sample).toEqual([1, 2, 3, 4]);
    expect(x.sampleIsComplete).toBe(true);
    expect(x.valueCounts).toEqual([1, 2, 3, 4].map((value) => ({ value, count: 1 })));
    expect(x.binCounts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('bounds its size whatever the number of rows (sample, bins, categories)', () => {
    const options = { sampleSize: 1000, binCount: 10, maxCategories: 50 };
    const small = buildReferenceProfile(mixedTable(2000, 1), inferSchema(mixedTable(2000, 1)), options);
    const large = buildReferenceProfile(mixedTable(40000, 1), inferSchema(mixedTable(40000, 1)), options);
    for (const p of [small, large]) {
      expect(numeric(p).sample.length).toBeLessThanOrEqual(1000);
      expect(numeric(p).binEdges.length).toBeLessThanOrEqual(11);
      expect(categorical(p, 1).categories.length).toBeLessThanOrEqual(50);
    }
    const sizeRatio = JSON.stringify(large).length / JSON.stringify(small).length;
    expect(sizeRatio).toBeLessThan(1.2);
    const city = categorical(large, 1);
    expect(city.otherCount).toBeGreaterThan(0);
    expect(city.categories.reduce((s, c) => s + c.count, 0) + city.otherCount).toBe(city.validCount);
    expect(city.distinctCount).toBeGreaterThan(50);
    expect(numeric(large).binCounts.reduce((a, b) => a + b, 0)).toBe(numeric(large).validCount);
    expect(numeric(large).sampleIsComplete).toBe(false);
    expect(numeric(large).sample[0]).toBe(numeric(large).min);
    expect(numeric(large).sample[999]).toBe(numeric(large).max);
  });

  it('is deterministic: the same rows in any order give the identical profile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom('a', 'b', 'c', null)), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer(),
        (rows, seed) => {
          const shuffled = rows
            .map((r, i) => [r, lcgUniforms(seed >>> 0, rows.length)[i]] as const)
            .sort((a, b) => a[1] - b[1])
            .map(([r]) => r);
          const build = (rs: typeof rows) => {
            const t = dataTableFromRows(rs.map(([x, c]) => ({ x, c })));
            return buildReferenceProfile(
              t,
              inferSchema(t, { overrides: { x: { kind: 'numeric' }, c: { kind: 'categorical' } } }),
              { sampleSize: 1000 },
            );
          };
          expect(build(shuffled)).toEqual(build(rows));
        },
      ),
      { numRuns: 50 },
    );
    const a = buildReferenceProfile(mixedTable(5000, 3), inferSchema(mixedTable(5000, 3)), { sampleSize: 1000 });
    const b = buildReferenceProfile(mixedTable(5000, 3), inferSchema(mixedTable(5000, 3)), { sampleSize: 1000 });
    expect(a).toEqual(b);
  });

  it('bin counts equal numpy histogram semantics (stats histogram) over every valid value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 400 }), (xs) => {
        const sorted = Float64Array.from(xs).sort();
        const edges = Array.from(new Set([sorted[0], -3, 0, 0.5, 7, sorted[sorted.length - 1]]))
          .filter((e) => e >= sorted[0] && e <= sorted[sorted.length - 1])
          .sort((a, b) => a - b);
        if (edges.length < 2) return;
        expect(sortedBinCounts(sorted, edges)).toEqual(Array.from(histogram(sorted, edges).counts));
      }),
    );
  });

  it('round-trips through JSON and parseReferenceProfile', () => {
    const t = mixedTable(3000, 7);
    const p = buildReferenceProfile(t, inferSchema(t));
    expect(parseReferenceProfile(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it('profiles booleans as true/false counts and keeps roles and reference performance', () => {
    const t = dataTableFromRows(
      Array.from({ length: 100 }, (_, i) => ({
        f: i % 3 === 0 ? 'True' : 'False',
        y: i % 2,
        p: i % 4 === 0 ? 1 - (i % 2) : i % 2,
      })),
    );
    const p = buildReferenceProfile(t, inferSchema(t, { target: 'y', prediction: 'p' }));
    expect(categorical(p, 0)).toMatchObject({
      kind: 'boolean',
      categories: [
        { value: 'false', count: 66 },
        { value: 'true', count: 34 },
      ],
    });
    expect(p.target?.name).toBe('y');
    expect(p.performance).toMatchObject({
      task: 'classification',
      labelledCount: 100,
      errorCount: 25,
      accuracy: 0.75,
      errorRate: 0.25,
    });
  });

  it('gives an empty numeric column null moments instead of NaN', () => {
    const t = table({ x: [null, null, 'n/a'] });
    const p = buildReferenceProfile(t, inferSchema(t, { overrides: { x: { kind: 'numeric' } } }));
    expect(numeric(p)).toMatchObject({ validCount: 0, min: null, std: null, sample: [], binEdges: [] });
    expect(JSON.stringify(p)).not.toContain('NaN');
  });

  it('rejects bad options and inputs naming the field', () => {
    const t = mixedTable(10, 1);
    const schema = inferSchema(t);
    expect(() => buildReferenceProfile(t, schema, { sampleSize: 10 })).toThrow(
      expect.objectContaining({ field: 'profile.sampleSize' }),
    );
    expect(() => buildReferenceProfile(t, schema, { binCount: 1.5 })).toThrow(DriftConfigError);
    expect(() =>
      buildReferenceProfile({ ...t, rowCount: 0, columns: columnMap({ amount: [], city: [], member: [] }) }, schema),
    ).toThrow(expect.objectContaining({ field: 'reference' }));
    expect(() =>
      buildReferenceProfile(
        projectTable(
          t,
          t.columnNames.filter((c) => c !== 'amount'),
        ),
        schema,
      ),
    ).toThrow(expect.objectContaining({ field: 'features.amount' }));
    expect(() => parseReferenceProfile({ formatVersion: 2 })).toThrow(
      expect.objectContaining({ field: 'profile.formatVersion' }),
    );
    const good = JSON.parse(JSON.stringify(buildReferenceProfile(t, schema)));
    good.features[0].sample = [3, 1];
    expect(() => parseReferenceProfile(good)).toThrow(expect.objectContaining({ field: 'profile.features[0].sample' }));
  });
});
