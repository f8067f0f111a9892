import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScore } from './brier-score.js';
import { expectedCalibrationError } from './expected-calibration-error.js';
import { logLoss } from './log-loss.js';

describe('expectedCalibrationError', () => {
  it("is 0 when each bin's mean probability equals its positive share", () => {
    // bin (0.2, 0.3]: mean 0.25, 1 of 4 positive; bin (0.7, 0.8]: mean 0.75, 3 of 4 positive
    const p = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    expect(expectedCalibrationError(y, p)).toBe(0);
  });

  it('puts an edge value in the lower bin like sklearn calibration_curve', () => {
    // 0.2 sits in (0.1, 0.2] with 0.15; 0.25 sits alone in (0.2, 0.3]
    expect(expectedCalibrationError([0, 1, 0], [0.15, 0.2, 0.25], { binCount: 10 })).toBeCloseTo(
      (2 / 3) * 0.325 + (1 / 3) * 0.25,
      15,
    );
  });

  it('lies in [0, 1] and is at most the mean absolute error |y − p|', () => {
    const rows = fc.array(fc.tuple(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: 1,
      maxLength: 50,
    });
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 20 }), (r, binCount) => {
        const y = r.map((x) => x[0]);
        const p = r.map((x) => x[1]);
        const ece = expectedCalibrationError(y, p, { binCount });
        const mae = r.reduce((a, [yi, pi]) => a + Math.abs(yi - pi), 0) / r.length;
        expect(ece).toBeGreaterThanOrEqual(0);
        expect(ece).toBeLessThanOrEqual(mae + 1e-12);
      }),
    );
  });

  it('rejects a bad bin count', () => {
    expect(() => expectedCalibrationError([0], [0.5], { binCount: 0 })).toThrow(
      'binCount: must be an integer >= 1, got 0',
    );
  });
});

describe('logLoss and brierScore', () => {
  it('clip probabilities 0 and 1 at float64 epsilon like sklearn', () => {
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(logLoss([1], [1])).toBeCloseTo(-Math.log(1 - Number.EPSILON), 20);
    expect(brierScore([1, 0], [1, 1])).toBe(0.5);
  });
});
