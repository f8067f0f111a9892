import { describe, expect, it } from 'vitest';
import { sliceTable, syntheticTable } from '../../tests/support/models/synthetic-data.js';
import { gbdtTrainer } from './gbdt-trainer.js';
import { loadModel } from './load-model.js';
import { logisticTrainer } from './logistic-trainer.js';
import { MODEL_FORMAT_VERSION } from './model-types.js';
import { getTrainer } from './trainers.js';

const all = syntheticTable({ rows: 600, numericFeatures: 3, mixed: true, missingRate: 0.1, seed: 5 });
const train = sliceTable(all, 0, 500);
const test = sliceTable(all, 500, 600);
const data = { table: train, target: 'label', task: 'binary' as const };

describe('loadModel', () => {
  for (const trainer of [logisticTrainer, gbdtTrainer]) {
    it(`${trainer.estimator}: JSON text round trip predicts identically`, () => {
      const { model } = (trainer.fit as typeof logisticTrainer.fit)(data, null, { maxIterations: 20 }, 3);
      const text = JSON.stringify(model.toJSON());
      const loaded = loadModel(text);
      expect(JSON.stringify(loaded.toJSON())).toBe(text);
      expect(Array.from(loaded.predictProbaBatch(test))).toEqual(Array.from(model.predictProbaBatch(test)));
      expect(loaded.predictProba({ x0: null, city: 'nowhere' })).toBe(
        model.predictProba({ x0: null, city: 'nowhere' }),
      );
    });
  }

  it('rejects newer, unknown and foreign files with a clear message', () => {
    const json = logisticTrainer.fit(data, null, {}, 0).model.toJSON();
    expect(() => loadModel({ ...json, formatVersion: MODEL_FORMAT_VERSION + 1 })).toThrow(
      /newer than this driftguard supports/,
    );
    expect(() => loadModel({ ...json, formatVersion: 0 })).toThrow(/unknown model format version 0/);
    expect(() => loadModel({ ...json, formatVersion: '1' })).toThrow(/unknown model format version/);
    expect(() => loadModel({ ...json, format: 'sklearn' })).toThrow(/not a driftguard model file/);
    expect(() => loadModel('{oops')).toThrow(/not valid JSON/);
    expect(() => loadModel({ ...json, estimator: { kind: 'logistic', coefficients: [1], intercept: 0 } })).toThrow(
      /estimator.coefficients: must have/,
    );
    expect(() => loadModel({ ...json, estimator: { kind: 'svm' } })).toThrow(/unknown estimator "svm"/);
  });

  it('rejects corrupt trees (child index cycles)', () => {
    const json = gbdtTrainer.fit(data, null, { maxIterations: 2 }, 0).model.toJSON();
    if (json.estimator.kind !== 'gbdt') throw new Error('unexpected');
    const tree = json.estimator.trees[0];
    const bad = { ...tree, left: tree.left.map((l, i) => (i === 0 ? 0 : l)) };
    expect(() => loadModel({ ...json, estimator: { ...json.estimator, trees: [bad] } })).toThrow(
      /child index out of range/,
    );
  });

  it('getTrainer knows logistic and gbdt only', () => {
    expect(getTrainer('gbdt')).toBe(gbdtTrainer);
    expect(() => getTrainer('forest')).toThrow(/unknown model kind "forest"/);
  });
});
