import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EstimationInputError } from './estimation-input-error.js';
import {
  calibrateScore,
  calibrateScores,
  fitIsotonicCalibration,
  poolAdjacentViolators,
} from './isotonic-calibration.js';

const RUNS = { numRuns: 80 };
// Scores on a grid: two scores closer than 1e-15 form one knot (sklearn's rule) and a score between knots is
// interpolated, which would blur the exact "share of positives" property below.
const labelled = fc.array(
  fc.record({ score: fc.integer({ min: -50, max: 50 }).map((k) => k / 10), label: fc.constantFrom(0, 1) }),
  { minLength: 2, maxLength: 80 },
);

describe('poolAdjacentViolators', () => {
  it('pools a violating pair into its weighted mean', () => {
    const y = Float64Array.from([1, 3, 2, 4]);
    poolAdjacentViolators(y, Float64Array.from([1, 1, 3, 1]));
    expect(Array.from(y)).toEqual([1, 2.25, 2.25, 4]);
  });

  it('backtracks over earlier blocks', () => {
    const y = Float64Array.from([3, 2, 1]);
    poolAdjacentViolators(y, Float64Array.from([1, 1, 1]));
    expect(Array.from(y)).toEqual([2, 2, 2]);
  });

  it('gives a non-decreasing sequence with the same weighted sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (values) => {
          const y = Float64Array.from(values);
          const w = new Float64Array(values.length).fill(1);
          poolAdjacentViolators(y, w);
          for (let i = 1; i < y.length; i++) expect(y[i]).toBeGreaterThanOrEqual(y[i - 1] - 1e-9);
          const before = values.reduce((a, b) => a + b, 0);
          const after = Array.from(y).reduce((a, b) => a + b, 0);
          expect(Math.abs(before - after)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(before)));
        },
      ),
      RUNS,
    );
  });
});

describe('fitIsotonicCalibration', () => {
  it('maps scores to non-decreasing probabilities in [0, 1] that keep the share of positives', () => {
    fc.assert(
      fc.property(labelled, (rows) => {
        const scores = rows.map((r) => r.score);
        const labels: number[] = rows.map((r) => r.label);
        const map = fitIsotonicCalibration(scores, labels);
        const p = calibrateScores(map, scores);
        const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
        for (let k = 1; k < order.length; k++) expect(p[order[k]]).toBeGreaterThanOrEqual(p[order[k - 1]] - 1e-12);
        for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
        const positives = labels.reduce((a, b) => a + b, 0);
        expect(Math.abs(p.reduce((a, b) => a + b, 0) - positives)).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });

  it('interpolates linearly between knots and clips outside them', () => {
    const map = fitIsotonicCalibration([0, 1, 2, 3], [0, 0, 1, 1]);
    expect(calibrateScore(map, -10)).toBe(0);
    expect(calibrateScore(map, 1.5)).toBe(0.5);
    expect(calibrateScore(map, 10)).toBe(1);
  });

  it('refuses labels other than 0/1, non-finite scores and mismatched lengths', () => {
    expect(() => fitIsotonicCalibration([0.1, 0.2], [0, 2])).toThrow(EstimationInputError);
    expect(() => fitIsotonicCalibration([0.1, Number.NaN], [0, 1])).toThrow(/scores\[1\]/);
    expect(() => fitIsotonicCalibration([0.1, 0.2], [0])).toThrow(/labels/);
    expect(() => fitIsotonicCalibration([], [])).toThrow(/empty/);
  });
});
