import { describe, expect, it } from 'vitest';
import { JOINT_SHIFT_FEATURES, jointShiftTable } from '../../../tests/support/drift/joint-shift-table.js';
import type { DataTable } from '../../domain/data-table.js';
import { dataTableFromColumns } from '../../domain/data-table.js';
import { createSeededRandom } from '../../models/evaluation/seeded-random.js';
import { DriftConfigError } from '../drift-config-error.js';
import { mmdDrift } from './mmd-drift.js';
import { DEFAULT_MULTIVARIATE_OPTIONS, type MmdDetectorOptions } from './multivariate-options.js';

const OPTIONS: MmdDetectorOptions = { ...DEFAULT_MULTIVARIATE_OPTIONS.mmd, maxRowsPerSide: 400 };
const run = (reference: DataTable, current: DataTable, options = OPTIONS, seed = 1) =>
  mmdDrift({ reference, current, features: JOINT_SHIFT_FEATURES }, options, 5, createSeededRandom(seed));

describe('mmdDrift', () => {
  it('finds a joint-only shift with p = 1/(permutations + 1) and names x0 / x1 first', () => {
    const result = run(
      jointShiftTable({ rows: 400, seed: 31 }),
      jointShiftTable({ rows: 400, seed: 32, shuffleShare: 1 }),
    );
    expect(result).toMatchObject({
      method: 'mmd',
      statisticName: 'mmd2',
      drifted: true,
      pValue: 1 / 101,
      permutations: 100,
      referenceRowCount: 400,
      currentRowCount: 400,
    });
    expect(result.bandwidth).toBeGreaterThan(0);
    expect(
      result.topFeatures
        .slice(0, 2)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['x0', 'x1']);
  });

  it('does not flag an i.i.d. split and is deterministic for a seed', () => {
    const reference = jointShiftTable({ rows: 300, seed: 33 });
    const current = jointShiftTable({ rows: 250, seed: 34 });
    const result = run(reference, current);
    expect(result.drifted).toBe(false);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.topFeatures).toEqual([]);
    expect(run(reference, current)).toEqual(result);
  });

  it('sees missing values (flag columns) and category shares', () => {
    expect(
      run(jointShiftTable({ rows: 300, seed: 35 }), jointShiftTable({ rows: 300, seed: 36, missingShare: 0.4 }))
        .topFeatures[0].name,
    ).toBe('x2');
    expect(
      run(jointShiftTable({ rows: 300, seed: 37 }), jointShiftTable({ rows: 300, seed: 38, rareCategoryShare: 0.7 }))
        .topFeatures[0].name,
    ).toBe('cat');
  });

  it('samples at most maxRowsPerSide rows per side and refuses fewer than 2 rows on a side', () => {
    const result = run(jointShiftTable({ rows: 700, seed: 39 }), jointShiftTable({ rows: 500, seed: 40 }), {
      ...OPTIONS,
      maxRowsPerSide: 120,
      permutations: 19,
    });
    expect(result).toMatchObject({ referenceRowCount: 120, currentRowCount: 120, permutations: 19 });
    expect(result.pValue).toBeGreaterThanOrEqual(1 / 20);
    expect(() => run(jointShiftTable({ rows: 50, seed: 41 }), jointShiftTable({ rows: 1, seed: 42 }))).toThrow(
      DriftConfigError,
    );
  });

  it('copes with identical rows (median distance 0)', () => {
    const constant = (rows: number): DataTable => dataTableFromColumns({ v: new Array(rows).fill(1) }, rows);
    const result = mmdDrift(
      { reference: constant(30), current: constant(20), features: [{ name: 'v', kind: 'numeric' }] },
      OPTIONS,
      5,
      createSeededRandom(1),
    );
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBe(1);
    expect(result.drifted).toBe(false);
  });
});
