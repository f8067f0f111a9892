import { numpyStd } from './numpy-reductions.js';

/**
 * What the sampling error of a metric on n rows is derived from, measured once on the labelled reference:
 * the standard deviation of the metric's observation-level terms, and the share of rows that enter the metric
 * (e.g. the predicted positives for precision). σ(n) = std / √(n · share).
 */
export interface SamplingErrorComponents {
  readonly std: number;
  readonly share: number;
}

/** The sampling error (standard error) of a metric on `rows` rows: std / √(rows · share) (NannyML's formula). */
export function samplingError(components: SamplingErrorComponents, rows: number): number {
  return components.std / Math.sqrt(rows * components.share);
}

function repeated(value: number, count: number, into: number[]): void {
  for (let i = 0; i < count; i++) into.push(value);
}

interface ConfusionCountsOfRows {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
  readonly rows: number;
}

function countConfusion(labels: ArrayLike<number>, predictions: ArrayLike<number>): ConfusionCountsOfRows {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predictions[i] === 1) {
      if (labels[i] === 1) truePositives++;
      else falsePositives++;
    } else if (labels[i] === 1) falseNegatives++;
    else trueNegatives++;
  }
  return { truePositives, falsePositives, trueNegatives, falseNegatives, rows: labels.length };
}

/** Std of observation-level terms (groups in NannyML's concatenation order), or 0 when no row enters the metric. */
function stdOfGroups(groups: readonly (readonly [value: number, count: number])[]): number {
  const terms: number[] = [];
  for (const [value, count] of groups) repeated(value, count, terms);
  return terms.length === 0 ? 0 : numpyStd(terms);
}

/**
 * Sampling-error components of the threshold metrics, from reference labels and predicted classes — NannyML
 * 0.13 `nannyml.sampling_error.binary_classification`: accuracy: std of the 0/1 "correct" indicator (share 1);
 * precision: std of 1 (TP) / 0 (FP) over predicted positives, share = predicted positives / n; recall: 1 (TP) /
 * 0 (FN) over actual positives; specificity: 1 (TN) / 0 (FP) over actual negatives; F1: 1 (TP) / 0 (FN, FP)
 * scaled by |TP ∪ FN ∪ FP| / (TP + ½(FN + FP)) for binary models (`f1Correction`; NannyML does not scale its multiclass
 * one-vs-rest terms), share = |TP ∪ FN ∪ FP| / n.
 */
export function thresholdMetricComponents(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  f1Correction: 'binary' | 'none' = 'binary',
): Record<'accuracy' | 'precision' | 'recall' | 'specificity' | 'f1', SamplingErrorComponents> {
  const c = countConfusion(labels, predictions);
  const relevantF1 = c.truePositives + c.falseNegatives + c.falsePositives;
  // NannyML scales F1's terms for binary models only; its one-vs-rest multiclass components do without.
  const f1Factor =
    f1Correction === 'none'
      ? 1
      : relevantF1 === 0
        ? 0
        : relevantF1 / ((c.falseNegatives + c.falsePositives) * 0.5 + c.truePositives);
  // Accuracy's indicator is in row order, as NannyML's (the order of a pairwise sum changes its last bits).
  const indicator = new Float64Array(c.rows);
  for (let i = 0; i < c.rows; i++) indicator[i] = labels[i] === predictions[i] ? 1 : 0;
  /** A ratio hits / (hits + misses): std of 1 per hit and 0 per miss, share of the rows that enter it. */
  const hitRate = (hits: number, misses: number): SamplingErrorComponents => ({
    std: stdOfGroups([
      [1, hits],
      [0, misses],
    ]),
    share: (hits + misses) / c.rows,
  });
  return {
    accuracy: { std: numpyStd(indicator), share: 1 },
    precision: hitRate(c.truePositives, c.falsePositives),
    recall: hitRate(c.truePositives, c.falseNegatives),
    specificity: hitRate(c.trueNegatives, c.falsePositives),
    f1: {
      std: stdOfGroups([
        [f1Factor, c.truePositives],
        [0, c.falseNegatives + c.falsePositives],
      ]),
      share: relevantF1 / c.rows,
    },
  };
}

/**
 * Sampling-error components of ROC AUC (NannyML 0.13 `auroc_sampling_error_components`): the minority class
 * is taken as positive (labels and scores flipped when more than half the labels are 1); for each positive, the
 * share of negatives scored below it (its DeLong placement value); std over the positives, share = positives / n.
 * NannyML breaks tied scores in numpy's (unstable) sort order; here a tied negative counts ½, which is the same
 * on untied scores and does not depend on a sort's whims.
 */
export function rocAucComponents(labels: ArrayLike<number>, scores: ArrayLike<number>): SamplingErrorComponents {
  const n = labels.length;
  let ones = 0;
  for (let i = 0; i < n; i++) ones += labels[i];
  const flip = ones / n > 0.5;
  const positiveLabel = flip ? 0 : 1;
  const sign = flip ? -1 : 1;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => sign * (scores[a] - scores[b]));
  const positives = flip ? n - ones : ones;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { std: 0, share: positives / n };
  const placements = new Float64Array(positives);
  let negativesBelow = 0;
  let p = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    let tiedNegatives = 0;
    while (end < n && scores[order[end]] === scores[order[start]]) {
      if (labels[order[end]] !== positiveLabel) tiedNegatives++;
      end++;
    }
    for (let k = start; k < end; k++) {
      if (labels[order[k]] === positiveLabel) placements[p++] = (negativesBelow + tiedNegatives / 2) / negatives;
    }
    negativesBelow += tiedNegatives;
    start = end;
  }
  return { std: numpyStd(placements), share: positives / n };
}
