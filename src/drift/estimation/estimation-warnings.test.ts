import { describe, expect, it } from 'vitest';
import {
  calibrationWarnings,
  conceptShiftWarnings,
  scoreRangeWarnings,
  undefinedEstimateWarnings,
} from './estimation-warnings.js';
import type { MetricEstimate } from './metric-estimate.js';

const estimate = (value: number | null, lower: number | null, upper: number | null): MetricEstimate => ({
  value,
  samplingError: 0.01,
  lower,
  upper,
  thresholds: { lower: 0.9, upper: 1 },
  alert: false,
});

describe('estimation warnings', () => {
  it('calibration: only above the maximum error, saying which probabilities', () => {
    expect(calibrationWarnings({ method: 'isotonic', eceUsed: 0.01, noiseFloor: 0.005 })).toEqual([]);
    const [w] = calibrationWarnings({ method: 'none', eceUsed: 0.08, noiseFloor: 0.005 });
    expect(w.code).toBe('calibration-unreliable');
    expect(w.message).toContain('expected calibration error 0.0800 of the raw scores, above 0.05');
  });

  it('scores outside the reference range: above 1 % of the chunk', () => {
    const range = { min: 0.1, max: 0.9 };
    expect(
      scoreRangeWarnings(
        0,
        Array.from({ length: 100 }, (_, i) => (i === 0 ? 0.95 : 0.5)),
        range,
      ),
    ).toEqual([]);
    const [w] = scoreRangeWarnings(3, [0.05, 0.95, 0.5], range);
    expect(w).toMatchObject({ code: 'scores-outside-reference', chunk: 3 });
    expect(w.message).toBe(
      "2 of 3 scores lie outside the reference's range [0.1, 0.9]: their probabilities are extrapolated",
    );
  });

  it('undefined estimates are reported per metric', () => {
    expect(
      undefinedEstimateWarnings(1, { rocAuc: estimate(null, null, null), accuracy: estimate(0.9, 0.88, 0.92) }),
    ).toEqual([
      {
        code: 'undefined-estimate',
        chunk: 1,
        metric: 'rocAuc',
        message: 'rocAuc cannot be estimated on this chunk (undefined for its probabilities)',
      },
    ]);
  });

  it('concept shift: realized outside the band, on either side; inside or missing is fine', () => {
    const metrics = {
      accuracy: estimate(0.9, 0.88, 0.92),
      f1: estimate(0.8, 0.78, 0.82),
      recall: estimate(0.7, 0.68, 0.72),
    };
    const warnings = conceptShiftWarnings(2, metrics, { accuracy: 0.85, f1: 0.83, recall: 0.7 });
    expect(warnings.map((w) => w.metric)).toEqual(['accuracy', 'f1']);
    expect(warnings[0].message).toBe(
      'realized accuracy 0.8500 is outside the estimated band [0.8800, 0.9200] (estimate 0.9000): the scores no longer mean what they meant on the reference',
    );
    expect(conceptShiftWarnings(2, metrics, { accuracy: null })).toEqual([]);
  });
});
