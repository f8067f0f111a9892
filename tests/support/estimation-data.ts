/**
 * Binary-classification streams of the CBPE oracle, bit-identical to tests/oracle/nannyml/estimation_data.py
 * (see there for the rules): scores from a recipe, label 1 when a noise uniform < q(score), predicted class
 * score > 0.5.
 */
import { buildSample, type SampleRecipe } from './recipes.js';

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
  return { scores: Float64Array.from(scores), labels: Float64Array.from(labels), predictions: Float64Array.from(predictions) };
}

/** Rows [start, end) of a stream. */
export function sliceStream(stream: BinaryStream, start: number, end: number): BinaryStream {
  return {
    scores: stream.scores.subarray(start, end),
    labels: stream.labels.subarray(start, end),
    predictions: stream.predictions.subarray(start, end),
  };
}
