import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliceTable, syntheticTable } from '../../tests/support/models/synthetic-data.js';
import { expectClose, loadOracle } from '../../tests/support/oracle/oracle.js';
import { dataTableFromRows, requireCells } from '../domain/data-table.js';
import { gbdtTrainer } from './gbdt-trainer.js';
import { logisticTrainer } from './logistic-trainer.js';
import { rocAuc } from './metrics/roc-auc.js';

interface Inputs {
  x: (number | null)[][];
  y: number[];
  params: {
    max_iter: number;
    learning_rate: number;
    max_leaf_nodes: number;
    min_samples_leaf: number;
    l2_regularization: number;
  };
}
const oracle = loadOracle<Inputs, { proba?: number[]; prediction?: number[]; baseline: number }>('gbdt');

describe('gbdt vs sklearn HistGradientBoosting (all distinct values binned)', () => {
  for (const c of oracle.cases) {
    it(`${c.id}: ${c.call}`, () => {
      const binary = c.id.startsWith('classifier');
      const rows = c.inputs.x.map((r, i) => ({
        a: r[0],
        b: r[1],
        c: r[2],
        t: binary ? (c.inputs.y[i] === 1 ? 'pos' : 'neg') : c.inputs.y[i],
      }));
      const p = c.inputs.params;
      const { model } = gbdtTrainer.fit(
        {
          table: dataTableFromRows(rows),
          target: 't',
          task: binary ? 'binary' : 'regression',
          positiveClass: binary ? 'pos' : undefined,
        },
        null,
        {
          maxIterations: p.max_iter,
          learningRate: p.learning_rate,
          maxLeaves: p.max_leaf_nodes,
          minSamplesLeaf: p.min_samples_leaf,
          l2: p.l2_regularization,
        },
        0,
      );
      const spec = model.toJSON();
      if (spec.estimator.kind !== 'gbdt') throw new Error('unexpected estimator');
      expectClose(spec.estimator.baseScore, c.expected.baseline, 1e-12, 1e-12, 'baseline');
      expect(spec.estimator.trees).toHaveLength(p.max_iter);
      const expected = binary ? c.expected.proba! : c.expected.prediction!;
      rows.forEach((r, i) => {
        const got = binary ? model.predictProba(r) : model.predict(r);
        expectClose(got, expected[i], 0, 1e-5, `row ${i}`);
      });
    });
  }
});

describe('gbdtTrainer', () => {
  const all = syntheticTable({ rows: 3000, numericFeatures: 6, mixed: true, missingRate: 0.05, seed: 7 });
  const train = sliceTable(all, 0, 2000);
  const validation = sliceTable(all, 2000, 2500);
  const test = sliceTable(all, 2500, 3000);
  const data = { table: train, target: 'label', task: 'binary' as const };
  const positives = requireCells(test, 'label').map((v) => (v === 'yes' ? 1 : 0));

  it('learns the non-linear synthetic signal better than logistic regression', () => {
    const gbdt = gbdtTrainer.fit(data, validation, {}, 1);
    const logistic = logisticTrainer.fit(data, validation, {}, 1);
    const aucGbdt = rocAuc(positives, gbdt.model.predictProbaBatch(test));
    const aucLogistic = rocAuc(positives, logistic.model.predictProbaBatch(test));
    expect(aucGbdt).toBeGreaterThan(0.8);
    expect(aucGbdt).toBeGreaterThan(aucLogistic);
    const log = gbdt.log;
    expect(log.iterations[0].trainLoss).toBeGreaterThan(log.iterations.at(-1)!.trainLoss);
    expect(log.iterations.every((it) => it.validationLoss !== null)).toBe(true);
  });

  it('early stopping keeps the best validation round', () => {
    const { model, log } = gbdtTrainer.fit(
      data,
      validation,
      { learningRate: 0.8, maxIterations: 300, earlyStoppingRounds: 5 },
      1,
    );
    expect(log.stoppedEarly).toBe(true);
    const losses = log.iterations.map((it) => it.validationLoss!);
    expect(log.bestIteration).toBe(losses.indexOf(Math.min(...losses)) + 1);
    expect(log.iterations.length).toBe(log.bestIteration + 5);
    const spec = model.toJSON();
    expect(spec.estimator.kind === 'gbdt' && spec.estimator.trees.length).toBe(log.bestIteration);
  });

  it('is deterministic for a seed and respects maxLeaves / maxDepth', () => {
    const params = { maxIterations: 20, maxLeaves: 7, maxDepth: 3, binSampleSize: 1000 };
    const a = gbdtTrainer.fit(data, null, params, 42).model.toJSON();
    const b = gbdtTrainer.fit(data, null, params, 42).model.toJSON();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    if (a.estimator.kind !== 'gbdt') throw new Error('unexpected estimator');
    for (const tree of a.estimator.trees) {
      const leaves = tree.feature.filter((f) => f < 0).length;
      expect(leaves).toBeLessThanOrEqual(7);
      const depth = (node: number): number =>
        tree.feature[node] < 0 ? 0 : 1 + Math.max(depth(tree.left[node]), depth(tree.right[node]));
      expect(depth(0)).toBeLessThanOrEqual(3);
    }
  });

  it('balanced class weights raise the base score of a rare positive class to 0', () => {
    const rare = dataTableFromRows(
      Array.from({ length: 400 }, (_, i) => ({ x: i % 37, label: i % 10 === 0 ? 'yes' : 'no' })),
    );
    const spec = gbdtTrainer
      .fit({ table: rare, target: 'label', task: 'binary' }, null, { classWeight: 'balanced', maxIterations: 3 }, 0)
      .model.toJSON();
    expect(spec.estimator.kind === 'gbdt' && spec.estimator.baseScore).toBeCloseTo(0, 12);
  });

  it('property: predictions are finite probabilities for rows with any missing / unseen / extreme values', () => {
    const { model } = gbdtTrainer.fit(data, null, { maxIterations: 10 }, 0);
    fc.assert(
      fc.property(
        fc.record({
          x0: fc.option(fc.double({ min: -1e30, max: 1e30, noNaN: true })),
          x3: fc.option(fc.double({ noNaN: true, min: -1e6, max: 1e6 })),
          city: fc.option(fc.string()),
          member: fc.option(fc.boolean()),
        }),
        (row) => {
          const p = model.predictProba(row);
          expect(p).toBeGreaterThan(0);
          expect(p).toBeLessThan(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fits regression with squared error', () => {
    const reg = syntheticTable({ rows: 1500, numericFeatures: 4, seed: 9, task: 'regression' });
    const { model, log } = gbdtTrainer.fit(
      { table: sliceTable(reg, 0, 1200), target: 'y', task: 'regression' },
      sliceTable(reg, 1200, 1500),
      {},
      0,
    );
    expect(log.loss).toBe('squared_error');
    const holdout = sliceTable(reg, 1200, 1500);
    const pred = model.predictBatch(holdout);
    const y = requireCells(holdout, 'y') as number[];
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    let ssRes = 0;
    let ssTot = 0;
    y.forEach((v, i) => {
      ssRes += (v - pred[i]) ** 2;
      ssTot += (v - mean) ** 2;
    });
    expect(1 - ssRes / ssTot).toBeGreaterThan(0.5);
    expect(() => model.predictProba({ x0: 1 })).toThrow(/regression/);
  });
});

describe('gbdtTrainer edge columns', () => {
  it('trains with a constant and an all-missing feature (never split on) and predicts finite values', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      constant: 1,
      empty: null,
      x: i % 17,
      label: i % 17 > 8 ? 'yes' : 'no',
    }));
    const table = dataTableFromRows(rows);
    const { model } = gbdtTrainer.fit(
      {
        table,
        target: 'label',
        task: 'binary',
        features: [
          { name: 'constant', kind: 'numeric' },
          { name: 'empty', kind: 'numeric' },
          { name: 'x', kind: 'numeric' },
        ],
      },
      null,
      { maxIterations: 5 },
      0,
    );
    const spec = model.toJSON();
    if (spec.estimator.kind !== 'gbdt') throw new Error('unexpected estimator');
    const used = new Set(spec.estimator.trees.flatMap((t) => t.feature.filter((f) => f >= 0)));
    expect([...used]).toEqual([2]);
    expect(model.predictProba({ constant: 1, empty: 5, x: 16 })).toBeGreaterThan(0.5);
    expect(model.predictProba({ x: 0 })).toBeLessThan(0.5);
  });
});
