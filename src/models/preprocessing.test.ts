import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataTableFromRows } from '../domain/data-table.js';
import { ModelError } from './model-error.js';
import { createRowEncoder, fitPreprocessing } from './preprocessing.js';

const table = dataTableFromRows([
  { age: 30, city: 'paris', member: true },
  { age: null, city: 'lyon', member: false },
  { age: 50, city: 'paris', member: null },
  { age: 10, city: null, member: 'true' },
  { age: 20, city: 'paris', member: 0 },
]);
const features = [
  { name: 'age', kind: 'numeric' as const },
  { name: 'city', kind: 'categorical' as const },
  { name: 'member', kind: 'boolean' as const },
];

describe('fitPreprocessing (one-hot, median, standard scaling)', () => {
  const spec = fitPreprocessing(table, features, { minCategoryCount: 2 });
  const encoder = createRowEncoder(spec);

  it('names the encoded columns', () => {
    expect(spec.outputColumns).toEqual([
      'age',
      'age__missing',
      'city=paris',
      'city=__other__',
      'city=__missing__',
      'member',
      'member__missing',
    ]);
  });

  it('imputes the median, then scales by the mean / population std of the imputed column', () => {
    // sklearn: SimpleImputer(strategy='median') → [30, 25, 50, 10, 20]; StandardScaler mean 27, std sqrt(176)
    const age = spec.transforms[0];
    expect(age).toMatchObject({ kind: 'numeric', impute: 25, center: 27, missingIndicator: true });
    expect(age.kind === 'numeric' && age.scale).toBeCloseTo(1 / Math.sqrt(176), 15);
    const row = encoder.encodeRow({ age: null, city: 'lyon', member: null });
    expect(Array.from(row.slice(1))).toEqual([1, 0, 1, 0, 0, 1]);
    expect(row[0]).toBeCloseTo((25 - 27) / Math.sqrt(176), 14);
  });

  it('sends unseen and rare categories to __other__ and missing to __missing__', () => {
    expect(Array.from(encoder.encodeRow({ age: 1, city: 'tokyo', member: 1 }).slice(2, 5))).toEqual([0, 1, 0]);
    expect(Array.from(encoder.encodeRow({ age: 1, city: '', member: 1 }).slice(2, 5))).toEqual([0, 0, 1]);
    expect(Array.from(encoder.encodeRow({ age: 1, member: 1 }).slice(2, 5))).toEqual([0, 0, 1]);
  });

  it('throws ModelError naming the feature on wrong types, or treats them as missing when asked', () => {
    expect(() => encoder.encodeRow({ age: 'old', city: 'paris', member: true })).toThrow(ModelError);
    expect(() => encoder.encodeRow({ age: 'old', city: 'paris', member: true })).toThrow(
      /^age: expected a finite number/,
    );
    expect(() => encoder.encodeRow({ age: Infinity })).toThrow(/age/);
    expect(() => encoder.encodeRow({ age: 1, member: 'maybe' })).toThrow(/^member: expected a boolean/);
    const lenient = createRowEncoder({ ...spec, invalidValue: 'missing' });
    expect(lenient.encodeRow({ age: 'old', member: 'maybe' })[1]).toBe(1);
    expect(() => fitPreprocessing(dataTableFromRows([{ age: 'x' }]), [features[0]])).toThrow(/^age:/);
  });

  it('property: every row of cells encodes to finite numbers (no NaN reaches the model)', () => {
    const cell = fc.oneof(fc.constant(null), fc.double(), fc.string(), fc.boolean(), fc.integer());
    const lenient = createRowEncoder({ ...spec, invalidValue: 'missing' });
    fc.assert(
      fc.property(fc.record({ age: cell, city: cell, member: cell }), (row) => {
        let out: Float64Array;
        try {
          out = encoder.encodeRow(row);
        } catch (error) {
          expect(error).toBeInstanceOf(ModelError);
          out = lenient.encodeRow(row);
        }
        expect(out.every(Number.isFinite)).toBe(true);
      }),
    );
  });
});

describe('fitPreprocessing (ordinal for trees)', () => {
  it('orders category codes by mean target and keeps NaN for missing numerics', () => {
    const y = Float64Array.from([1, 0, 1, 0, 1]);
    const spec = fitPreprocessing(
      table,
      features,
      { categoricalEncoding: 'ordinal', imputation: 'none', numericScaling: 'none', minCategoryCount: 1 },
      y,
    );
    const city = spec.transforms[1];
    // buckets: lyon (mean 0), paris (2/3), other (no rows → global mean 0.6), missing (0)
    expect(city).toMatchObject({
      encoding: 'ordinal',
      categories: ['lyon', 'paris'],
      codes: [0, 3],
      otherCode: 2,
      missingCode: 1,
    });
    const row = createRowEncoder(spec).encodeRow({ age: null, city: 'paris', member: null });
    expect(Number.isNaN(row[0])).toBe(true);
    expect(row[1]).toBe(3);
    expect(Number.isNaN(row[2])).toBe(true);
    expect(spec.outputColumns).toEqual(['age', 'city', 'member']);
  });
});
