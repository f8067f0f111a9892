import { rocAuc } from '../../models/metrics/roc-auc.js';
import { pairwiseSum } from '../../stats/pairwise-sum.js';
import { EstimationInputError } from './estimation-input-error.js';
import { calibrateScore, fitIsotonicCalibration } from './isotonic-calibration.js';
import { numpyMean } from './numpy-reductions.js';

/** Index ranges [edges[b], edges[b + 1]) of NannyML's `_get_bin_index_edges(n, binCount)`. */
function binEdges(n: number, binCount: number): number[] {
  let bins = binCount;
  if (n <= 2 * bins) {
    bins = Math.floor(n / 2);
    if (bins < 2) throw new EstimationInputError('reference', `has ${n} rows; measuring calibration needs at least 4`);
  }
  const width = Math.floor(n / bins);
  const edges: number[] = [];
  for (let e = 0; e <= n; e += width) edges.push(e);
  edges[edges.length - 1] = n;
  return edges;
}

/** Row indices sorted by probability (ties in row order). */
function orderByProbability(probabilities: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(probabilities.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => probabilities[a] - probabilities[b] || a - b);
}

/**
 * Expected calibration error over equal-count bins of the rows sorted by probability (NannyML
 * `_calculate_expected_calibration_error` with `_get_bin_index_edges(n, binCount)`): Σ_b (n_b / n)·|p̄_b − ȳ_b|.
 * Bins are index ranges of width ⌊n / binCount⌋, the last one taking the remainder; fewer bins when n ≤ 2·binCount.
 */
export function equalCountCalibrationError(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  binCount = 10,
): number {
  const n = probabilities.length;
  const edges = binEdges(n, binCount);
  const order = orderByProbability(probabilities);
  const sortedP = new Float64Array(n);
  const sortedY = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    sortedP[k] = probabilities[order[k]];
    sortedY[k] = labels[order[k]];
  }
  const terms = new Float64Array(edges.length - 1);
  for (let b = 0; b + 1 < edges.length; b++) {
    const p = sortedP.subarray(edges[b], edges[b + 1]);
    const y = sortedY.subarray(edges[b], edges[b + 1]);
    terms[b] = (p.length / n) * Math.abs(numpyMean(p) - numpyMean(y));
  }
  return pairwiseSum(terms);
}

/**
 * The calibration error that sampling noise alone gives perfectly calibrated probabilities, in the same bins:
 * Σ_b (n_b / n)·E|ȳ_b − p̄_b| with ȳ_b − p̄_b ≈ Normal(0, √(Σ_{i∈b} pᵢ(1 − pᵢ)) / n_b), i.e. E|·| = σ_b·√(2/π).
 */
export function calibrationNoiseFloor(probabilities: ArrayLike<number>, binCount = 10): number {
  const n = probabilities.length;
  const edges = binEdges(n, binCount);
  const order = orderByProbability(probabilities);
  let floor = 0;
  for (let b = 0; b + 1 < edges.length; b++) {
    let variance = 0;
    for (let k = edges[b]; k < edges[b + 1]; k++) {
      const p = probabilities[order[k]];
      variance += p * (1 - p);
    }
    const size = edges[b + 1] - edges[b];
    floor += (size / n) * (Math.sqrt(variance) / size) * Math.sqrt(2 / Math.PI);
  }
  return floor;
}

/** Whether isotonic calibration helps on the reference, and how much (out-of-fold). */
export interface CalibrationCheck {
  /** ECE of the raw scores (equal-count bins; only meaningful when scores are probabilities). */
  readonly eceBefore: number;
  /** ECE of out-of-fold isotonic probabilities: each row calibrated by a map fitted without its fold. */
  readonly eceAfter: number;
  /** The ECE perfectly calibrated scores would show from sampling noise alone (see calibrationNoiseFloor). */
  readonly noiseFloor: number;
  readonly folds: number;
  /** Calibrate: it lowers the ECE, the raw ECE is above the noise floor, and the ROC AUC is at most 0.999. */
  readonly helps: boolean;
}

/**
 * Cross-validated benefit of isotonic calibration — NannyML's `needs_calibration` (10 stratified shuffle splits
 * of 10 %, ECE of the pooled test rows before vs after) made deterministic: `folds` interleaved folds (row i in
 * fold i mod folds), every row calibrated once by the map fitted on the other folds. Calibration is needed when
 * it lowers the ECE and the raw scores' ECE exceeds the noise floor of perfectly calibrated scores (without that
 * second condition the decision on calibrated scores is a coin flip between two noise-level ECEs — NannyML's
 * random splits flip it too); scores outside [0, 1] always need it; a near-perfect ranking (ROC AUC > 0.999)
 * never does (NannyML's rule).
 */
export function checkCalibration(scores: ArrayLike<number>, labels: ArrayLike<number>, folds = 10): CalibrationCheck {
  const n = scores.length;
  const outOfFold = new Float64Array(n);
  for (let f = 0; f < folds; f++) {
    const testRows = Math.floor((n - f + folds - 1) / folds);
    if (testRows === 0 || testRows === n) continue;
    const trainScores = new Float64Array(n - testRows);
    const trainLabels = new Float64Array(n - testRows);
    for (let i = 0, k = 0; i < n; i++) {
      if (i % folds === f) continue;
      trainScores[k] = scores[i];
      trainLabels[k++] = labels[i];
    }
    const map = fitIsotonicCalibration(trainScores, trainLabels);
    for (let i = f; i < n; i += folds) outOfFold[i] = calibrateScore(map, scores[i]);
  }
  const eceBefore = equalCountCalibrationError(labels, scores);
  const eceAfter = equalCountCalibrationError(labels, outOfFold);
  let probabilities = true;
  for (let i = 0; i < n; i++) if (!(scores[i] >= 0 && scores[i] <= 1)) probabilities = false;
  const noiseFloor = probabilities ? calibrationNoiseFloor(scores) : 0;
  const nearPerfect = rocAuc(labels, scores) > 0.999;
  return {
    eceBefore,
    eceAfter,
    noiseFloor,
    folds,
    helps: !probabilities || (!nearPerfect && eceBefore > eceAfter && eceBefore > noiseFloor),
  };
}
