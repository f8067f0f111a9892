import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../../tests/support/oracle/recipes.js';
import { accuracy } from './accuracy.js';
import { averagePrecision } from './average-precision.js';
import { binaryClassificationMetrics } from './binary-classification-metrics.js';
import { brierScore } from './brier-score.js';
import type { ZeroDivision } from './confusion-counts.js';
import { expectedCalibrationError } from './expected-calibration-error.js';
import { f1Score } from './f1-score.js';
import { logLoss } from './log-loss.js';
import { precision } from './precision.js';
import { recall } from './recall.js';
import { rocAuc } from './roc-auc.js';

type Input = number[] | SampleRecipe;
interface BinaryInputs {
  yTrue: Input;
  scores: Input;
  zeroDivision: ZeroDivision;
}
type Expected = Record<string, number>;

const fixture = loadOracle<BinaryInputs | { yTrue: Input; yPred: Input }, Expected>('metrics');
const binaryCases = fixture.cases.filter((c) => 'scores' in c.inputs) as {
  id: string;
  inputs: BinaryInputs;
  expected: Expected;
}[];
const RELATIVE = 1e-12;

describe('binary metrics against sklearn (tests/oracle/gen_metrics.py)', () => {
  it('has cases', () => expect(binaryCases.length).toBeGreaterThan(10));

  for (const c of binaryCases) {
    it(c.id, () => {
      const y = materialize(c.inputs.yTrue);
      const p = materialize(c.inputs.scores);
      const options = { zeroDivision: c.inputs.zeroDivision };
      const e = c.expected;
      expectClose(accuracy(y, p), e.accuracy, RELATIVE, 0, 'accuracy');
      expectClose(precision(y, p, options), e.precision, RELATIVE, 0, 'precision');
      expectClose(recall(y, p, options), e.recall, RELATIVE, 0, 'recall');
      expectClose(f1Score(y, p, options), e.f1, RELATIVE, 0, 'f1');
      expectClose(brierScore(y, p), e.brier, RELATIVE, 0, 'brier');
      expectClose(expectedCalibrationError(y, p), e.ece, RELATIVE, 1e-15, 'ece');
      const summary = binaryClassificationMetrics(y, p, options);
      if (e.rocAuc === undefined) {
        expect(() => rocAuc(y, p)).toThrow(/both classes/);
        expect(summary.rocAuc).toBeNull();
      } else {
        expectClose(rocAuc(y, p), e.rocAuc, RELATIVE, 0, 'rocAuc');
        expectClose(averagePrecision(y, p), e.prAuc, RELATIVE, 0, 'prAuc');
        expectClose(logLoss(y, p), e.logLoss, RELATIVE, 0, 'logLoss');
        expect(summary.rocAuc).toBe(rocAuc(y, p));
        expect(summary.prAuc).toBe(averagePrecision(y, p));
      }
      expect(summary.accuracy).toBe(accuracy(y, p));
      expect(summary.f1).toBe(f1Score(y, p, options));
      expect(summary.ece).toBe(expectedCalibrationError(y, p));
      expect(summary.rows).toBe(y.length);
    });
  }
});

describe('binaryClassificationMetrics', () => {
  it('reports null PR AUC without positives and null ROC AUC with one class', () => {
    const m = binaryClassificationMetrics([0, 0, 0], [0.2, 0.7, 0.1]);
    expect(m.rocAuc).toBeNull();
    expect(m.prAuc).toBeNull();
    expect(m.positives).toBe(0);
    expect(m.accuracy).toBeCloseTo(2 / 3, 15);
  });

  it('rejects probabilities outside [0, 1] and labels other than 0/1, naming the element', () => {
    expect(() => binaryClassificationMetrics([0, 1], [0.2, 1.5])).toThrow(
      'scores[1]: must be a probability in [0, 1], got 1.5',
    );
    expect(() => binaryClassificationMetrics([0, 2], [0.2, 0.5])).toThrow('yTrue[1]: must be 0 or 1, got 2');
    expect(() => binaryClassificationMetrics([0, 1], [0.2, Number.NaN])).toThrow('scores[1]: must be a finite number');
    expect(() => binaryClassificationMetrics([0, 1], [0.2])).toThrow(
      'scores: must have the same length as yTrue (2), got 1',
    );
    expect(() => binaryClassificationMetrics([], [])).toThrow('yTrue: must not be empty');
  });

  it('rejects a bad zeroDivision and a bad threshold', () => {
    expect(() => precision([0, 1], [0.1, 0.2], { zeroDivision: 2 as ZeroDivision })).toThrow(
      'zeroDivision: must be 0 or 1',
    );
    expect(() => accuracy([0, 1], [0.1, 0.2], Number.NaN)).toThrow('threshold: must be a finite number');
  });
});
