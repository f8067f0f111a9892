import { describe, expect, it } from 'vitest';
import { JOINT_SHIFT_FEATURES, jointShiftTable } from '../../../tests/support/drift/joint-shift-table.js';
import { expectClose, loadOracle } from '../../../tests/support/oracle/oracle.js';
import type { Cell, DataTable } from '../../domain/data-table.js';
import { dataTableFromColumns, withColumn } from '../../domain/data-table.js';
import { DriftConfigError } from '../drift-config-error.js';
import { DEFAULT_MULTIVARIATE_OPTIONS } from './multivariate-options.js';
import { pcaReconstructionDrift } from './reconstruction-drift.js';

type Columns = Record<string, Cell[]>;
const fixture = loadOracle<{ reference: Columns; current: Columns }, Record<string, number | boolean | number[]>>(
  'pca_reconstruction',
);
const FEATURES = [
  { name: 'a', kind: 'numeric' as const },
  { name: 'b', kind: 'numeric' as const },
  { name: 'c', kind: 'numeric' as const },
  { name: 'cat', kind: 'categorical' as const },
];
const OPTIONS = DEFAULT_MULTIVARIATE_OPTIONS.pca;
const NANNYML = { ...OPTIONS, referenceErrors: 'in-sample' as const };

const tableOf = (columns: Columns): DataTable => dataTableFromColumns(columns, columns.a.length);

describe(`pcaReconstructionDrift vs scikit-learn (${fixture.generator})`, () => {
  it('has cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(4));
  for (const c of fixture.cases) {
    it(`${c.id}: ${c.call}`, () => {
      const e = c.expected;
      const result = pcaReconstructionDrift(
        { reference: tableOf(c.inputs.reference), current: tableOf(c.inputs.current), features: FEATURES },
        NANNYML,
        4,
      );
      expect(result.components).toBe(e.components);
      expect(result.chunkSize).toBe(e.chunkSize);
      expect(result.referenceChunks).toBe(e.referenceChunks);
      expectClose(result.explainedVariance, e.explainedVariance as number, 1e-10, 0, 'explainedVariance');
      expectClose(result.statistic, e.statistic as number, 1e-10, 0, 'statistic');
      expectClose(result.threshold, e.upper as number, 1e-10, 0, 'upper bound');
      expectClose(result.lowerBound, e.lower as number, 1e-10, 1e-12, 'lower bound');
      expect(result.drifted).toBe(e.drifted);
      expect(result.pValue).toBeNull();
      if (result.drifted) {
        const increase = e.residualIncrease as number[];
        const expected = FEATURES.map((f, j) => ({ name: f.name, importance: increase[j] }))
          .filter((f) => f.importance > 0)
          .sort((x, y) => y.importance - x.importance);
        expect(result.topFeatures.map((f) => f.name)).toEqual(expected.map((f) => f.name));
        result.topFeatures.forEach((f, k) =>
          expectClose(f.importance, expected[k].importance, 1e-8, 1e-14, `importance of ${f.name}`),
        );
      } else expect(result.topFeatures).toEqual([]);
    });
  }
});

describe('pcaReconstructionDrift', () => {
  it('finds a joint-only shift and names the decoupled pair; an i.i.d. window stays inside the bounds', () => {
    const reference = jointShiftTable({ rows: 20_000, seed: 21 });
    const shifted = pcaReconstructionDrift(
      {
        reference,
        current: jointShiftTable({ rows: 2000, seed: 22, shuffleShare: 1 }),
        features: JOINT_SHIFT_FEATURES,
      },
      OPTIONS,
      3,
    );
    expect(shifted.drifted).toBe(true);
    expect(shifted.statistic).toBeGreaterThan(shifted.threshold);
    expect(
      shifted.topFeatures
        .slice(0, 2)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['x0', 'x1']);
    expect(shifted).toMatchObject({
      chunkSize: 2000,
      referenceChunks: 10,
      importanceName: 'reconstruction_error_increase',
    });
    const iid = pcaReconstructionDrift(
      { reference, current: jointShiftTable({ rows: 2000, seed: 23 }), features: JOINT_SHIFT_FEATURES },
      OPTIONS,
      3,
    );
    expect(iid.drifted).toBe(false);
    expect(iid.statistic).toBeLessThan(iid.threshold);
    expect(iid.statistic).toBeGreaterThan(iid.lowerBound);
  });

  it('cuts the reference into at least minReferenceChunks chunks and refuses a reference too small for them', () => {
    const result = pcaReconstructionDrift(
      {
        reference: jointShiftTable({ rows: 1000, seed: 24 }),
        current: jointShiftTable({ rows: 900, seed: 25 }),
        features: JOINT_SHIFT_FEATURES,
      },
      OPTIONS,
      3,
    );
    expect(result).toMatchObject({ chunkSize: 200, referenceChunks: 5 });
    expect(() =>
      pcaReconstructionDrift(
        {
          reference: jointShiftTable({ rows: 9, seed: 26 }),
          current: jointShiftTable({ rows: 9, seed: 27 }),
          features: JOINT_SHIFT_FEATURES,
        },
        OPTIONS,
        3,
      ),
    ).toThrow(DriftConfigError);
  });

  it('encodes a constant and an all-missing feature without NaN', () => {
    const reference = jointShiftTable({ rows: 500, seed: 28 });
    const current = jointShiftTable({ rows: 100, seed: 29 });
    const withConstant = (t: DataTable): DataTable =>
      withColumn(
        withColumn(t, 'k', new Array<Cell>(t.rowCount).fill(3)),
        'gone',
        new Array<Cell>(t.rowCount).fill(null),
      );
    const result = pcaReconstructionDrift(
      {
        reference: withConstant(reference),
        current: withConstant(current),
        features: [...JOINT_SHIFT_FEATURES, { name: 'k', kind: 'numeric' }, { name: 'gone', kind: 'numeric' }],
      },
      OPTIONS,
      3,
    );
    expect(Number.isFinite(result.statistic)).toBe(true);
    expect(result.drifted).toBe(false);
  });
});
