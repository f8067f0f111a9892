import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../tests/support/oracle/oracle.js';
import { dataTableFromRows } from '../domain/data-table.js';
import { classSampleWeights } from './hyper-params.js';
import { DEFAULT_LOGISTIC_PARAMS, fitLogisticCore, logisticTrainer } from './logistic-trainer.js';
import { ModelError } from './model-error.js';

interface Inputs {
  x: number[][];
  y: number[];
  C: number;
  classWeight: null | 'balanced' | { negative: number; positive: number };
}
interface Expected {
  coef: number[];
  intercept: number;
  proba: number[];
  mean?: number[];
  scale?: number[];
}
const oracle = loadOracle<Inputs, Expected>('logistic');

describe('fitLogisticCore vs sklearn LogisticRegression', () => {
  for (const c of oracle.cases.filter((k) => k.id.startsWith('raw-'))) {
    it(`${c.id}: ${c.call}`, () => {
      const { x, y, C, classWeight } = c.inputs;
      const d = x[0].length;
      const yy = Float64Array.from(y);
      const w = classSampleWeights(yy, classWeight);
      const { theta, converged } = fitLogisticCore(
        Float64Array.from(x.flat()),
        yy,
        w,
        d,
        { ...DEFAULT_LOGISTIC_PARAMS, C },
        null,
      );
      expect(converged).toBe(true);
      c.expected.coef.forEach((b, j) => expectClose(theta[j], b, 1e-7, 1e-9, `coef[${j}]`));
      expectClose(theta[d], c.expected.intercept, 1e-7, 1e-9, 'intercept');
    });
  }
});

describe('logisticTrainer', () => {
  const c = oracle.cases.find((k) => k.id === 'scaled-pipeline')!;
  const rows = c.inputs.x.map((r, i) => ({ a: r[0], b: r[1], c: r[2], label: c.inputs.y[i] === 1 ? 'yes' : 'no' }));
  const table = dataTableFromRows(rows);

  it('reproduces StandardScaler → LogisticRegression (coefficients, probabilities)', () => {
    const { model, log } = logisticTrainer.fit({ table, target: 'label', task: 'binary' }, null, { C: c.inputs.C }, 0);
    const spec = model.toJSON();
    expect(spec.schema.classLabels).toEqual(['no', 'yes']);
    expect(spec.preprocessing.outputColumns).toEqual(['a', 'b', 'c']);
    const estimator = spec.estimator;
    if (estimator.kind !== 'logistic') throw new Error('unexpected estimator');
    c.expected.coef.forEach((b, j) => expectClose(estimator.coefficients[j], b, 1e-7, 1e-9, `coef[${j}]`));
    expectClose(estimator.intercept, c.expected.intercept, 1e-7, 1e-9, 'intercept');
    c.expected.proba.forEach((p, i) => expectClose(model.predictProba(rows[i]), p, 1e-7, 1e-10, `proba[${i}]`));
    expect(log.converged).toBe(true);
    expect(log.iterations.length).toBeGreaterThan(1);
    expect(log.iterations.at(-1)!.trainLoss).toBeLessThan(log.iterations[0].trainLoss + 1e-12);
  });

  it('logs validation losses and predicts batches like rows', () => {
    const validation = dataTableFromRows(rows.slice(0, 50));
    const { model, log } = logisticTrainer.fit({ table, target: 'label', task: 'binary' }, validation, {}, 0);
    expect(log.iterations.every((it) => typeof it.validationLoss === 'number')).toBe(true);
    const batch = model.predictProbaBatch(validation);
    rows.slice(0, 50).forEach((r, i) => expect(batch[i]).toBe(model.predictProba(r)));
    const labels = model.predictBatch(validation);
    labels.forEach((l, i) => expect(l).toBe(batch[i] > 0.5 ? 1 : 0));
  });

  it('rejects bad params, regression and one-class targets with ModelError', () => {
    const data = { table, target: 'label', task: 'binary' as const };
    expect(() => logisticTrainer.fit(data, null, { C: -1 }, 0)).toThrow(/C: must be in/);
    expect(() => logisticTrainer.resolveParams({ foo: 1 })).toThrow(ModelError);
    expect(logisticTrainer.resolveParams({ C: '0.5', classWeight: '1:3' })).toMatchObject({
      C: 0.5,
      classWeight: { negative: 1, positive: 3 },
    });
    expect(() => logisticTrainer.fit({ ...data, task: 'regression' }, null, {}, 0)).toThrow(/binary/);
    const oneClass = dataTableFromRows(rows.map((r) => ({ ...r, label: 'no' })));
    expect(() => logisticTrainer.fit({ ...data, table: oneClass }, null, {}, 0)).toThrow(/only "no"/);
  });
});

describe('fitLogisticCore optimality (property)', () => {
  it('the gradient C·Xᵀ(w∘(p − y)) + [β; 0] vanishes at the solution for random data, weights and C', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (n, d, C, seed) => {
          let s = seed;
          const next = (): number => (s = (Math.imul(1664525, s) + 1013904223) >>> 0) / 4294967296;
          const x = Float64Array.from({ length: n * d }, () => next() * 4 - 2);
          const y = Float64Array.from({ length: n }, (_, i) => (i < 2 ? i : next() < 0.5 ? 1 : 0));
          const w = Float64Array.from({ length: n }, () => 0.5 + next());
          const { theta } = fitLogisticCore(x, y, w, d, { ...DEFAULT_LOGISTIC_PARAMS, C, tolerance: 1e-10 }, null);
          const grad = new Float64Array(d + 1);
          for (let j = 0; j < d; j++) grad[j] = theta[j];
          for (let i = 0; i < n; i++) {
            let z = theta[d];
            for (let j = 0; j < d; j++) z += theta[j] * x[i * d + j];
            const r = C * w[i] * (1 / (1 + Math.exp(-z)) - y[i]);
            for (let j = 0; j < d; j++) grad[j] += r * x[i * d + j];
            grad[d] += r;
          }
          const scale = Math.max(1, C * w.reduce((a, b) => a + b, 0));
          for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-8 * scale);
        },
      ),
      { numRuns: 60 },
    );
  });
});
