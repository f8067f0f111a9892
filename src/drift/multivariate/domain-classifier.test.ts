import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOINT_SHIFT_FEATURES, jointShiftTable } from '../../../tests/support/drift/joint-shift-table.js';
import type { Cell, DataTable } from '../../domain/data-table.js';
import { dataTableFromColumns, projectTable, requireCells, withColumn } from '../../domain/data-table.js';
import { createSeededRandom } from '../../models/evaluation/seeded-random.js';
import { DriftConfigError } from '../drift-config-error.js';
import { classifierDrift } from './domain-classifier.js';
import { type ClassifierDetectorOptions, DEFAULT_MULTIVARIATE_OPTIONS } from './multivariate-options.js';

const DEFAULTS = DEFAULT_MULTIVARIATE_OPTIONS.classifier;
/** Small, fast settings for the many-run checks. */
const FAST: ClassifierDetectorOptions = { ...DEFAULTS, folds: 3, trees: 10, minSamplesLeaf: 10 };

const run = (reference: DataTable, current: DataTable, options = DEFAULTS, seed = 1) =>
  classifierDrift({ reference, current, features: JOINT_SHIFT_FEATURES }, options, 5, createSeededRandom(seed));

describe('classifierDrift', () => {
  it('finds a joint-only shift (x1 shuffled against x0) that leaves every marginal intact, and names x0 / x1 first', () => {
    const result = run(
      jointShiftTable({ rows: 1500, seed: 1 }),
      jointShiftTable({ rows: 1500, seed: 2, shuffleShare: 1 }),
    );
    expect(result.drifted).toBe(true);
    expect(result.statistic).toBeGreaterThan(0.7);
    expect(result.pValue).toBeLessThan(1e-10);
    expect(result.pValue).toBeGreaterThan(0);
    expect(
      result.topFeatures
        .slice(0, 2)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['x0', 'x1']);
    expect(result).toMatchObject({
      method: 'classifier',
      statisticName: 'roc_auc',
      threshold: 0.05,
      aucFloor: 0.53,
      folds: 5,
      referenceRowCount: 1500,
      currentRowCount: 1500,
      featureCount: 6,
    });
  });

  it('does not flag an i.i.d. split: AUC near 0.5, no top features', () => {
    const result = run(jointShiftTable({ rows: 1500, seed: 3 }), jointShiftTable({ rows: 1500, seed: 4 }));
    expect(result.drifted).toBe(false);
    expect(Math.abs(result.statistic - 0.5)).toBeLessThan(0.04);
    expect(result.topFeatures).toEqual([]);
  });

  it('treats missing values as their own signal and a column absent from the current side as all missing', () => {
    const missing = run(
      jointShiftTable({ rows: 800, seed: 5 }),
      jointShiftTable({ rows: 800, seed: 6, missingShare: 0.3 }),
    );
    expect(missing.drifted).toBe(true);
    expect(missing.topFeatures[0].name).toBe('x2');
    const current = jointShiftTable({ rows: 1500, seed: 7 });
    const absent = run(
      jointShiftTable({ rows: 1500, seed: 8 }),
      projectTable(
        current,
        current.columnNames.filter((c) => c !== 'x2'),
      ),
    );
    expect(absent.drifted).toBe(true);
    expect(absent.statistic).toBeGreaterThan(0.99);
    // the normal tail underflows at this separation: the p-value stays positive (the smallest double)
    expect(absent.pValue).toBe(Number.MIN_VALUE);
    expect(absent.topFeatures[0].name).toBe('x2');
  });

  it('reads categorical features natively: a category share change drifts on cat', () => {
    const result = run(
      jointShiftTable({ rows: 1000, seed: 9 }),
      jointShiftTable({ rows: 1000, seed: 10, rareCategoryShare: 0.5 }),
    );
    expect(result.drifted).toBe(true);
    expect(result.topFeatures[0].name).toBe('cat');
  });

  it('needs the AUC floor as well as the p-value: a significant shift below the floor is no drift', () => {
    // a 0.3 σ shift of x3: the ideal AUC is Φ(0.3/√2) ≈ 0.58, significant at 2,000 rows per side
    const reference = jointShiftTable({ rows: 2000, seed: 11 });
    const current = jointShiftTable({ rows: 2000, seed: 12, x3Shift: 0.3 });
    const options = { ...DEFAULTS, folds: 3, aucFloor: 0.6 };
    const result = run(reference, current, options);
    expect(result.pValue).toBeLessThan(1e-6);
    expect(result.statistic).toBeLessThan(0.6);
    expect(result).toMatchObject({ drifted: false, aucFloor: 0.6, topFeatures: [] });
    const lowFloor = run(reference, current, { ...options, aucFloor: 0.53 });
    expect(lowFloor.drifted).toBe(true);
    expect(lowFloor.topFeatures[0].name).toBe('x3');
  });

  it('samples at most maxRowsPerSide rows of each side and is deterministic for a seed', () => {
    const reference = jointShiftTable({ rows: 900, seed: 13 });
    const current = jointShiftTable({ rows: 700, seed: 14, shuffleShare: 1 });
    const options = { ...FAST, maxRowsPerSide: 300 };
    const a = run(reference, current, options, 7);
    expect(a.referenceRowCount).toBe(300);
    expect(a.currentRowCount).toBe(300);
    expect(run(reference, current, options, 7)).toEqual(a);
  });

  it('keeps a feature called like its side label apart from the label', () => {
    const table = (seed: number): DataTable => {
      const t = jointShiftTable({ rows: 300, seed });
      return withColumn(t, '__driftguard_current__', requireCells(t, 'x3'));
    };
    const result = classifierDrift(
      {
        reference: table(15),
        current: table(16),
        features: [...JOINT_SHIFT_FEATURES, { name: '__driftguard_current__', kind: 'numeric' }],
      },
      FAST,
      5,
      createSeededRandom(1),
    );
    expect(result.statistic).toBeLessThan(0.6);
  });

  it('refuses no features, a feature missing from the reference and too few rows, naming the problem', () => {
    const t = jointShiftTable({ rows: 10, seed: 17 });
    const random = createSeededRandom(1);
    expect(() => classifierDrift({ reference: t, current: t, features: [] }, DEFAULTS, 5, random)).toThrow(
      DriftConfigError,
    );
    expect(() =>
      classifierDrift({ reference: t, current: t, features: [{ name: 'nope', kind: 'numeric' }] }, DEFAULTS, 5, random),
    ).toThrow(/"nope" is not a column of the reference/);
    const small = jointShiftTable({ rows: 3, seed: 18 });
    expect(() =>
      classifierDrift({ reference: t, current: small, features: JOINT_SHIFT_FEATURES }, DEFAULTS, 5, random),
    ).toThrow(/at least 5 rows on each side; the current has 3/);
  });
});

describe('classifierDrift under H0 (calibration)', () => {
  it('AUC ≈ 0.5 and p-values roughly uniform over 60 i.i.d. splits; false alarms at most the nominal 5 % + sampling error', () => {
    const pValues: number[] = [];
    const aucs: number[] = [];
    for (let trial = 0; trial < 60; trial++) {
      const result = run(
        jointShiftTable({ rows: 200, seed: 1000 + 2 * trial }),
        jointShiftTable({ rows: 200, seed: 1001 + 2 * trial }),
        FAST,
        trial,
      );
      pValues.push(result.pValue);
      aucs.push(result.statistic);
    }
    const share = (predicate: (p: number) => boolean): number => pValues.filter(predicate).length / pValues.length;
    expect(share((p) => p < 0.05)).toBeLessThanOrEqual(0.05 + 2.5 * Math.sqrt((0.05 * 0.95) / 60));
    expect(share((p) => p < 0.5)).toBeGreaterThan(0.3);
    expect(share((p) => p < 0.5)).toBeLessThan(0.7);
    expect(Math.abs(aucs.reduce((s, a) => s + a, 0) / aucs.length - 0.5)).toBeLessThan(0.02);
  });

  it('p-values lie in (0, 1] and the AUC in [0, 1] for any small table', () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -3, max: 3 }),
      fc.double({ min: -5, max: 5, noNaN: true }),
    );
    const side = fc.array(fc.tuple(cell, fc.constantFrom('a', 'b', null)), { minLength: 6, maxLength: 40 });
    const toTable = (rows: [Cell, Cell][]): DataTable =>
      dataTableFromColumns({ v: rows.map((r) => r[0]), c: rows.map((r) => r[1]) }, rows.length);
    fc.assert(
      fc.property(side, side, (a, b) => {
        const result = classifierDrift(
          {
            reference: toTable(a),
            current: toTable(b),
            features: [
              { name: 'v', kind: 'numeric' },
              { name: 'c', kind: 'categorical' },
            ],
          },
          { ...FAST, minSamplesLeaf: 2 },
          3,
          createSeededRandom(1),
        );
        expect(result.pValue).toBeGreaterThan(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
        expect(result.statistic).toBeGreaterThanOrEqual(0);
        expect(result.statistic).toBeLessThanOrEqual(1);
      }),
      { numRuns: 25 },
    );
  });
});
