import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BINARY_METRICS,
  binaryEstimatorFrom,
  fitBinaryEstimator,
  fitBinaryEstimatorState,
} from './binary-performance-estimator.js';
import { EstimationInputError } from './estimation-input-error.js';

const RUNS = { numRuns: 40 };
const probability = fc.double({ min: 0, max: 1, noNaN: true });
const rows = (min: number) =>
  fc.array(fc.record({ score: probability, label: fc.constantFrom(0, 1), predicted: fc.constantFrom(0, 1) }), {
    minLength: min,
    maxLength: 120,
  });

/** A reference where both classes occur. */
const reference = rows(20).filter((r) => r.some((x) => x.label === 1) && r.some((x) => x.label === 0));
const columns = (r: { score: number; label: number; predicted: number }[]) => ({
  scores: r.map((x) => x.score),
  labels: r.map((x) => x.label),
  predictions: r.map((x) => x.predicted),
});

describe('fitBinaryEstimator properties', () => {
  it('estimates, bands and thresholds lie in [0, 1], the band around the estimate', () => {
    fc.assert(
      fc.property(
        reference,
        rows(1),
        fc.constantFrom('auto', 'isotonic', 'none') as fc.Arbitrary<'auto' | 'isotonic' | 'none'>,
        (ref, chunk, calibration) => {
          const estimator = fitBinaryEstimator(columns(ref), { chunkSize: 10, calibration });
          const estimate = estimator.estimate(columns(chunk));
          expect(estimate.rows).toBe(chunk.length);
          for (const metric of BINARY_METRICS) {
            const m = estimate.metrics[metric];
            if (m.value === null) continue;
            expect(m.value).toBeGreaterThanOrEqual(0);
            expect(m.value).toBeLessThanOrEqual(1 + 1e-12);
            expect(m.lower!).toBeLessThanOrEqual(m.value);
            expect(m.upper!).toBeGreaterThanOrEqual(m.value);
            expect(m.lower!).toBeGreaterThanOrEqual(0);
            expect(m.upper!).toBeLessThanOrEqual(1);
          }
        },
      ),
      RUNS,
    );
  });

  it('perfect calibration: probabilities equal to the labels make every estimate the realized value', () => {
    fc.assert(
      fc.property(reference, rows(2), (ref, chunk) => {
        const estimator = fitBinaryEstimator(columns(ref), { chunkSize: 10, calibration: 'none' });
        // distinct scores ranked like the labels, and "probabilities" that are the labels themselves
        const labels = chunk.map((x) => x.label);
        const c = { scores: labels, labels, predictions: chunk.map((x) => x.predicted) };
        const estimate = estimator.estimate(c);
        const realized = estimator.realized(c);
        for (const metric of BINARY_METRICS) {
          if (realized[metric] === null) continue;
          expect(estimate.metrics[metric].value).toBeCloseTo(realized[metric]!, 12);
        }
      }),
      RUNS,
    );
  });

  it('estimated accuracy is additive over chunks (the expected count of correct predictions)', () => {
    fc.assert(
      fc.property(reference, rows(2), rows(2), (ref, a, b) => {
        const estimator = fitBinaryEstimator(columns(ref), { chunkSize: 10 });
        const accuracy = (r: typeof a) => estimator.estimate(columns(r)).metrics.accuracy.value!;
        const whole = accuracy([...a, ...b]);
        expect(whole).toBeCloseTo((accuracy(a) * a.length + accuracy(b) * b.length) / (a.length + b.length), 10);
      }),
      RUNS,
    );
  });

  it('the band narrows as the chunk grows (sampling error ∝ 1/√n)', () => {
    const ref = {
      scores: [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6],
      labels: [0, 1, 0, 1, 1, 0, 0, 1],
      predictions: [0, 1, 0, 1, 0, 1, 0, 1],
    };
    const estimator = fitBinaryEstimator(ref, { chunkSize: 4, calibration: 'none' });
    const small = estimator.estimate({ scores: ref.scores, predictions: ref.predictions }).metrics.accuracy
      .samplingError!;
    const big = estimator.estimate({
      scores: [...ref.scores, ...ref.scores, ...ref.scores, ...ref.scores],
      predictions: [...ref.predictions, ...ref.predictions, ...ref.predictions, ...ref.predictions],
    }).metrics.accuracy.samplingError!;
    expect(big).toBeCloseTo(small / 2, 12);
  });
});

describe('fitBinaryEstimator refuses unusable input', () => {
  const ok = { scores: [0.2, 0.8, 0.4, 0.6], labels: [0, 1, 0, 1], predictions: [0, 1, 0, 1] };

  it('a reference with one class', () => {
    expect(() => fitBinaryEstimator({ ...ok, labels: [1, 1, 1, 1] }, { chunkSize: 2 })).toThrow(/both classes/);
  });

  it('labels or predictions other than 0/1, non-finite scores, mismatched lengths', () => {
    expect(() => fitBinaryEstimator({ ...ok, labels: [0, 1, 0, 2] }, { chunkSize: 2 })).toThrow(EstimationInputError);
    expect(() => fitBinaryEstimator({ ...ok, predictions: [0, 1, 0, 0.5] }, { chunkSize: 2 })).toThrow(
      /predictions\[3\]/,
    );
    expect(() => fitBinaryEstimator({ ...ok, scores: [0.2, Number.NaN, 0.4, 0.6] }, { chunkSize: 2 })).toThrow(
      /scores\[1\]/,
    );
    expect(() => fitBinaryEstimator({ ...ok, labels: [0, 1] }, { chunkSize: 2 })).toThrow(/labels/);
  });

  it('scores outside [0, 1] without calibration; no metric; a chunk size below 1', () => {
    expect(() => fitBinaryEstimator({ ...ok, scores: [-2, 3, -1, 1] }, { chunkSize: 2, calibration: 'none' })).toThrow(
      /not probabilities/,
    );
    expect(() => fitBinaryEstimator(ok, { chunkSize: 2, metrics: [] })).toThrow(/at least one metric/);
    expect(() => fitBinaryEstimator(ok, { chunkSize: 0 })).toThrow(/chunkSize/);
  });

  it('an empty chunk', () => {
    const estimator = fitBinaryEstimator(ok, { chunkSize: 2 });
    expect(() => estimator.estimate({ scores: [], predictions: [] })).toThrow(/empty/);
  });
});

describe('BinaryEstimatorState', () => {
  it('round-trips through JSON: the restored estimator gives the same estimates', () => {
    fc.assert(
      fc.property(reference, rows(1), (ref, chunk) => {
        const state = fitBinaryEstimatorState(columns(ref), { chunkSize: 10 });
        const restored = binaryEstimatorFrom(JSON.parse(JSON.stringify(state)) as typeof state);
        expect(restored.estimate(columns(chunk))).toEqual(
          fitBinaryEstimator(columns(ref), { chunkSize: 10 }).estimate(columns(chunk)),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a state of another kind or version', () => {
    const state = fitBinaryEstimatorState(
      { scores: [0.2, 0.8, 0.4, 0.6], labels: [0, 1, 0, 1], predictions: [0, 1, 0, 1] },
      { chunkSize: 2 },
    );
    expect(() => binaryEstimatorFrom({ ...state, version: 2 as 1 })).toThrow(/not a version-1 binary CBPE state/);
  });
});
