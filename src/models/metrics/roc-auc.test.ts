import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision } from './average-precision.js';
import { rocAuc } from './roc-auc.js';

/** Labelled scores with heavy ties (scores on a grid of 5 values) and both classes present. */
const labelledScores = fc
  .array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 4 })), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0))
  .map((rows) => ({ y: rows.map((r) => r[0]), s: rows.map((r) => r[1] / 4) }));

function pairwiseAuc(y: number[], s: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] === 1 && y[j] === 0) {
        pairs++;
        wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
  }
  return wins / pairs;
}

/** AP by its definition: for each positive, the precision at its own score threshold, averaged. */
function definitionAp(y: number[], s: number[]): number {
  let sum = 0;
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    positives++;
    let predicted = 0;
    let truePositive = 0;
    for (let j = 0; j < y.length; j++) {
      if (s[j] >= s[i]) {
        predicted++;
        truePositive += y[j];
      }
    }
    sum += truePositive / predicted;
  }
  return sum / positives;
}

describe('rocAuc', () => {
  it('equals the pairwise Mann–Whitney definition with ½ for ties', () => {
    fc.assert(
      fc.property(labelledScores, ({ y, s }) => {
        expect(rocAuc(y, s)).toBeCloseTo(pairwiseAuc(y, s), 12);
      }),
    );
  });

  it('is invariant under a strictly increasing transform and flips to 1 − AUC when labels flip', () => {
    fc.assert(
      fc.property(labelledScores, ({ y, s }) => {
        const auc = rocAuc(y, s);
        expect(
          rocAuc(
            y,
            s.map((v) => Math.exp(3 * v) - 7),
          ),
        ).toBe(auc);
        expect(
          rocAuc(
            y.map((v) => 1 - v),
            s,
          ),
        ).toBeCloseTo(1 - auc, 12);
      }),
    );
  });

  it('does not mutate its inputs and rejects one class', () => {
    const s = Object.freeze([0.3, 0.1, 0.2]);
    expect(rocAuc([1, 0, 1], s)).toBe(1);
    expect(rocAuc([0, 1, 0], s)).toBe(0);
    expect(() => rocAuc([1, 1], [0.2, 0.4])).toThrow(
      'yTrue: ROC AUC needs both classes, got 2 positive and 0 negative labels',
    );
  });
});

describe('averagePrecision', () => {
  it('equals the mean over positives of the precision at their own threshold', () => {
    fc.assert(
      fc.property(labelledScores, ({ y, s }) => {
        expect(averagePrecision(y, s)).toBeCloseTo(definitionAp(y, s), 12);
      }),
    );
  });

  it('is 1 for a perfect ranking and rejects a set without positives', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(
      'yTrue: average precision needs at least one positive label',
    );
  });
});
