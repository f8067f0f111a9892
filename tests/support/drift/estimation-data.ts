/**
 * Binary-classification streams of the CBPE oracle, bit-identical to tests/oracle/nannyml/estimation_data.py
 * (see there for the rules): scores from a recipe, label 1 when a noise uniform < q(score), predicted class
 * score > 0.5.
 */
import type { BinaryMetric } from '../../../src/drift/estimation/index.js';
import { buildSample, type SampleRecipe } from '../oracle/recipes.js';

/** NannyML's names of driftguard's metrics (its result columns). */
export const NANNYML_METRIC_NAMES: Readonly<Record<BinaryMetric, string>> = {
  rocAuc: 'roc_auc',
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'f1',
  specificity: 'specificity',
};

export type TruthRule = 'identity' | 'square' | 'affine' | 'lifted';

export interface StreamSegment {
  readonly scores: SampleRecipe;
  readonly noise: SampleRecipe;
  readonly truth: TruthRule;
}

export interface BinaryStream {
  readonly scores: Float64Array;
  readonly labels: Float64Array;
  readonly predictions: Float64Array;
}

const RULES: Record<TruthRule, (s: number) => number> = {
  identity: (s) => s,
  square: (s) => s * s,
  affine: (s) => 0.2 + 0.6 * s,
  lifted: (s) => 0.3 + 0.7 * s,
};

export function buildStream(segments: readonly StreamSegment[]): BinaryStream {
  const scores: number[] = [];
  const labels: number[] = [];
  const predictions: number[] = [];
  for (const segment of segments) {
    const s = buildSample(segment.scores);
    const u = buildSample(segment.noise);
    const rule = RULES[segment.truth];
    for (let i = 0; i < s.length; i++) {
      scores.push(s[i]);
      labels.push(u[i] < rule(s[i]) ? 1 : 0);
      predictions.push(s[i] > 0.5 ? 1 : 0);
    }
  }
  return {
    scores: Float64Array.from(scores),
    labels: Float64Array.from(labels),
    predictions: Float64Array.from(predictions),
  };
}

/** Rows [start, end) of a stream. */
export function sliceStream(stream: BinaryStream, start: number, end: number): BinaryStream {
  return {
    scores: stream.scores.subarray(start, end),
    labels: stream.labels.subarray(start, end),
    predictions: stream.predictions.subarray(start, end),
  };
}

export interface MulticlassSegment {
  readonly scores: readonly [SampleRecipe, SampleRecipe, SampleRecipe];
  readonly noise: SampleRecipe;
}

export interface MulticlassStream {
  readonly scores: [Float64Array, Float64Array, Float64Array];
  readonly labels: Float64Array;
  readonly predictions: Float64Array;
}

/** Three classes, bit-identical to `multiclass_stream` of tests/oracle/nannyml/estimation_data.py (see there). */
export function buildMulticlassStream(segments: readonly MulticlassSegment[]): MulticlassStream {
  const scores: [number[], number[], number[]] = [[], [], []];
  const labels: number[] = [];
  const predictions: number[] = [];
  for (const segment of segments) {
    const weights = segment.scores.map((r) => buildSample(r));
    const u = buildSample(segment.noise);
    for (let i = 0; i < u.length; i++) {
      const total = weights[0][i] + weights[1][i] + weights[2][i];
      const p = [0, 1, 2].map((k) => weights[k][i] / total);
      const squares = p.map((x) => x * x);
      const norm = squares[0] + squares[1] + squares[2];
      const q0 = squares[0] / norm;
      const q1 = q0 + squares[1] / norm;
      labels.push(u[i] < q0 ? 0 : u[i] < q1 ? 1 : 2);
      let best = 0;
      for (const k of [1, 2]) if (p[k] > p[best]) best = k;
      predictions.push(best);
      for (let k = 0; k < 3; k++) scores[k].push(p[k]);
    }
  }
  return {
    scores: [Float64Array.from(scores[0]), Float64Array.from(scores[1]), Float64Array.from(scores[2])],
    labels: Float64Array.from(labels),
    predictions: Float64Array.from(predictions),
  };
}

export interface RegressionSegment {
  readonly x1: SampleRecipe;
  readonly x2: SampleRecipe;
  readonly noise: SampleRecipe;
}

/** Bit-identical to `regression_stream` of tests/oracle/nannyml/estimation_data.py (see there). */
export function buildRegressionStream(segments: readonly RegressionSegment[]): {
  x1: number[];
  x2: number[];
  predictions: Float64Array;
  targets: Float64Array;
} {
  const x1: number[] = [];
  const x2: number[] = [];
  const predictions: number[] = [];
  const targets: number[] = [];
  for (const segment of segments) {
    const a = buildSample(segment.x1);
    const b = buildSample(segment.x2);
    const u = buildSample(segment.noise);
    for (let i = 0; i < u.length; i++) {
      const mean = a[i] + 2 * b[i];
      x1.push(a[i]);
      x2.push(b[i]);
      predictions.push(mean);
      targets.push(mean + (u[i] - 0.5) * (0.2 + 2 * a[i]));
    }
  }
  return { x1, x2, predictions: Float64Array.from(predictions), targets: Float64Array.from(targets) };
}
