import { MetricInputError } from '../metrics/metric-input-error.js';
import { requirePairedInput } from '../metrics/validate-metric-input.js';
import type { ComparisonMetric } from './comparison-metrics.js';
import { createSeededRandom } from './seeded-random.js';

/** Options of the bootstrap; every default documented. */
export interface BootstrapOptions {
  /** Number of resamples (default 1000, at least 10). */
  readonly resamples?: number;
  /** Two-sided confidence level in (0, 1) (default 0.95). */
  readonly confidenceLevel?: number;
  /** Seed of the mulberry32 generator (default 0): same seed, same interval. */
  readonly seed?: number;
}

/** A percentile interval around the metric on the original rows. */
export interface ConfidenceInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Paired bootstrap of a champion (A) and a challenger (B) on the same rows. */
export interface PairedBootstrapResult {
  readonly metric: string;
  readonly resamples: number;
  readonly confidenceLevel: number;
  readonly seed: number;
  readonly a: ConfidenceInterval;
  readonly b: ConfidenceInterval;
  /** Of B − A. */
  readonly difference: ConfidenceInterval;
}

/** numpy `percentile(sorted, 100·q)` with the default linear interpolation (Hyndman & Fan type 7). */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const t = h - lower;
  const a = sorted[lower];
  const b = sorted[upper];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

function interval(estimate: number, values: Float64Array, confidenceLevel: number): ConfidenceInterval {
  values.sort();
  const tail = (1 - confidenceLevel) / 2;
  return { estimate, lower: percentileOfSorted(values, tail), upper: percentileOfSorted(values, 1 - tail) };
}

/**
 * Paired, class-stratified percentile bootstrap (Efron & Tibshirani 1993, ch. 13): each resample draws, with
 * replacement, m of the m positive rows and n of the n negative rows (so both classes are always present and
 * AUC is defined, as pROC's stratified bootstrap), evaluates `metric` for A and B on the same drawn rows, and
 * reports the (1 ± level)/2 percentiles (numpy linear interpolation) of A, B and B − A. Draw order: per
 * resample, the positives' indices then the negatives', each ⌊u·count⌋ with u from mulberry32(seed).
 * Reproduced bit for bit by tests/oracle/gen_evaluation.py.
 */
export function pairedBootstrap(
  yTrue: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  metric: ComparisonMetric,
  options: BootstrapOptions = {},
): PairedBootstrapResult {
  const resamples = options.resamples ?? 1000;
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(resamples) || resamples < 10) {
    throw new MetricInputError('resamples', `must be an integer >= 10, got ${resamples}`);
  }
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new MetricInputError('confidenceLevel', `must be in (0, 1), got ${confidenceLevel}`);
  }
  if (!Number.isInteger(seed)) throw new MetricInputError('seed', `must be an integer, got ${seed}`);
  const input = requirePairedInput(yTrue, scoresA, scoresB);
  if (input.positives === 0 || input.negatives === 0) {
    throw new MetricInputError(
      'yTrue',
      `the bootstrap needs both classes, got ${input.positives} positive and ${input.negatives} negative labels`,
    );
  }
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < yTrue.length; i++) (yTrue[i] === 1 ? positives : negatives).push(i);
  const n = yTrue.length;
  const labels = new Float64Array(n);
  labels.fill(1, 0, positives.length);
  const drawnA = new Float64Array(n);
  const drawnB = new Float64Array(n);
  const valuesA = new Float64Array(resamples);
  const valuesB = new Float64Array(resamples);
  const differences = new Float64Array(resamples);
  const random = createSeededRandom(seed);
  for (let r = 0; r < resamples; r++) {
    let k = 0;
    for (const group of [positives, negatives]) {
      for (let i = 0; i < group.length; i++) {
        const row = group[Math.floor(random() * group.length)];
        drawnA[k] = scoresA[row];
        drawnB[k] = scoresB[row];
        k++;
      }
    }
    valuesA[r] = metric.compute(labels, drawnA);
    valuesB[r] = metric.compute(labels, drawnB);
    differences[r] = valuesB[r] - valuesA[r];
  }
  const estimateA = metric.compute(yTrue, scoresA);
  const estimateB = metric.compute(yTrue, scoresB);
  return {
    metric: metric.name,
    resamples,
    confidenceLevel,
    seed,
    a: interval(estimateA, valuesA, confidenceLevel),
    b: interval(estimateB, valuesB, confidenceLevel),
    difference: interval(estimateB - estimateA, differences, confidenceLevel),
  };
}
