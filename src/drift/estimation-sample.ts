import type { Cell } from '../domain/data-table.js';
import type { FeatureSchema } from '../domain/feature-schema.js';
import { labelKey, positiveClassOf } from './measure-performance.js';
import { ESTIMATION_SAMPLE_VERSION, type EstimationSample } from './reference-profile.js';

export { ESTIMATION_SAMPLE_VERSION, type EstimationSample } from './reference-profile.js';

/** At most this many labelled reference rows are kept (evenly spaced, in reference order). */
export const ESTIMATION_SAMPLE_MAX_ROWS = 20_000;

/** The sample, or why there is none (kept in the profile so every window can say why it is not estimated). */
export type EstimationSampleOutcome =
  | { readonly sample: EstimationSample; readonly reason: null }
  | { readonly sample: null; readonly reason: string };

/** Evenly spaced indices 0 … n − 1, at most `size` of them, ascending. */
function spacedIndices(n: number, size: number): number[] {
  if (n <= size) return Array.from({ length: n }, (_, i) => i);
  const step = n / size;
  return Array.from({ length: size }, (_, i) => Math.floor(i * step));
}

/**
 * Builds the estimation sample of a binary classifier's reference from its target, prediction and score cells.
 * Rows without a finite score or with a missing label / prediction are left out (counted in `usableRows`).
 */
export function buildEstimationSample(
  schema: FeatureSchema,
  columns: { readonly target: readonly Cell[]; readonly prediction: readonly Cell[]; readonly score: readonly Cell[] },
  maxRows = ESTIMATION_SAMPLE_MAX_ROWS,
): EstimationSampleOutcome {
  if (schema.task !== 'classification') return { sample: null, reason: 'the model is not a classifier' };
  const booleanLike = schema.target?.kind === 'boolean' || schema.prediction?.kind === 'boolean';
  const usable: number[] = [];
  const labels: string[] = [];
  const predicted: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < columns.target.length; i++) {
    const s = columns.score[i];
    if (typeof s !== 'number' || !Number.isFinite(s)) continue;
    const y = labelKey(columns.target[i], booleanLike);
    const p = labelKey(columns.prediction[i], booleanLike);
    if (y === undefined || p === undefined) continue;
    usable.push(i);
    labels.push(y);
    predicted.push(p);
    seen.add(y);
  }
  if (usable.length === 0) return { sample: null, reason: 'no reference row has a score, a label and a prediction' };
  if (seen.size !== 2)
    return {
      sample: null,
      reason: `the reference labels have ${seen.size} class(es) (${[...seen].slice(0, 5).join(', ')}); estimation needs exactly 2`,
    };
  const positive = positiveClassOf(seen, schema.positiveClass);
  if (positive === null || !seen.has(positive))
    return {
      sample: null,
      reason: `cannot tell the positive class among ${[...seen].join(', ')}: declare positiveClass`,
    };
  const negative = [...seen].find((c) => c !== positive) as string;
  const keep = spacedIndices(usable.length, maxRows);
  const sampledLabels = keep.map((k) => (labels[k] === positive ? 1 : 0) as 0 | 1);
  const positives = sampledLabels.reduce<number>((a, b) => a + b, 0);
  if (positives === 0 || positives === keep.length)
    return { sample: null, reason: 'the sampled reference labels hold one class only' };
  return {
    sample: {
      version: ESTIMATION_SAMPLE_VERSION,
      task: 'binary',
      classes: [negative, positive],
      booleanLike,
      usableRows: usable.length,
      scores: keep.map((k) => columns.score[usable[k]] as number),
      predictions: keep.map((k) => (predicted[k] === positive ? 1 : 0) as 0 | 1),
      labels: sampledLabels,
    },
    reason: null,
  };
}
