import { describe, expect, it } from 'vitest';
import { syntheticTable } from '../../tests/support/models/synthetic-data.js';
import { requireCells } from '../domain/data-table.js';
import { mcnemarTest } from './evaluation/mcnemar-test.js';
import { loadModel } from './load-model.js';
import { logisticTrainer } from './logistic-trainer.js';
import { accuracy } from './metrics/accuracy.js';
import { confusionCounts } from './metrics/confusion-counts.js';
import type { FeatureRow, SerializedModel } from './model-types.js';
import { DEFAULT_DECISION_THRESHOLD, predictedClass } from './predicted-class.js';

const rowsOf = (table: ReturnType<typeof syntheticTable>): FeatureRow[] =>
  Array.from(
    { length: table.rowCount },
    (_, i) => Object.fromEntries(table.columnNames.map((c) => [c, requireCells(table, c)[i]])) as FeatureRow,
  );

describe('predictedClass: the one decision rule (class 1 ⇔ p > threshold)', () => {
  it('is strict at the threshold', () => {
    expect(DEFAULT_DECISION_THRESHOLD).toBe(0.5);
    expect(predictedClass(0.5)).toBe(0);
    expect(predictedClass(0.5 + Number.EPSILON / 2)).toBe(1);
    expect(predictedClass(0.3, 0.3)).toBe(0);
    expect(predictedClass(0.31, 0.3)).toBe(1);
  });

  it('FittedModel.predict / predictBatch and the threshold metrics agree on every row, ties included', () => {
    const table = syntheticTable({ rows: 400, seed: 5 });
    const { model } = logisticTrainer.fit({ table, target: 'label', task: 'binary' }, null, {}, 0);
    const json = model.toJSON();
    if (json.estimator.kind !== 'logistic') throw new Error('unexpected estimator');
    // the same pipeline with a zero margin everywhere: P(class 1) = 0.5 exactly on every row
    const tied = loadModel({
      ...json,
      estimator: { ...json.estimator, coefficients: json.estimator.coefficients.map(() => 0), intercept: 0 },
    } satisfies SerializedModel);
    const rows = rowsOf(table);
    const y = Float64Array.from(requireCells(table, 'label'), (l) => (l === 'yes' ? 1 : 0));
    for (const m of [model, tied]) {
      const p = m.predictProbaBatch(table);
      const classes = m.predictBatch(table);
      rows.forEach((row, i) => {
        expect(m.predict(row)).toBe(predictedClass(m.predictProba(row)));
        expect(classes[i]).toBe(predictedClass(p[i]));
      });
      const modelAccuracy = classes.reduce((s, c, i) => s + (c === y[i] ? 1 : 0), 0) / y.length;
      expect(accuracy(y, p)).toBe(modelAccuracy);
      const c = confusionCounts(y, p);
      expect(c.truePositives + c.falsePositives).toBe(classes.reduce((s, k) => s + k, 0));
    }
    // on a tie the model says class 0 like the metrics (it said 1 under the former `p ≥ 0.5`)
    expect(tied.predictProba(rows[0])).toBe(0.5);
    expect(tied.predict(rows[0])).toBe(0);
    expect(Array.from(tied.predictBatch(table)).every((c) => c === 0)).toBe(true);
    // McNemar counts a tied model's rows as class 0 too: against a model always at 0.4 it has no discordant pair
    const tiedScores = tied.predictProbaBatch(table);
    expect(mcnemarTest(y, tiedScores, new Float64Array(y.length).fill(0.4))).toMatchObject({
      onlyACorrect: 0,
      onlyBCorrect: 0,
    });
  });
});
