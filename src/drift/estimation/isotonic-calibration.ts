import { EstimationInputError } from './estimation-input-error.js';
import { requireBinaryLabels, requireFiniteArray, requireSameLength } from './validate-estimation-input.js';

/**
 * A fitted isotonic calibration map: a non-decreasing piecewise-linear function through the knots
 * (`scores[k]`, `probabilities[k]`), constant outside [scores[0], scores[last]].
 */
export interface IsotonicCalibration {
  readonly scores: Float64Array;
  readonly probabilities: Float64Array;
}

/** Values closer than this are one x value (numpy's float64 `resolution`, as sklearn's `_make_unique`). */
const SAME_SCORE = 1e-15;

/**
 * Pool-adjacent-violators on `y` with weights `w`, in place: the non-decreasing sequence minimising
 * Σ wᵢ (ŷᵢ − yᵢ)². Single pass with backtracking (O(n)), merging blocks in the order scikit-learn's
 * `_inplace_contiguous_isotonic_regression` does so that the pooled means round the same way.
 */
export function poolAdjacentViolators(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  // end[i]: last index of the block starting at i; end[blockEnd] points back to the block's start.
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) end[i] = i;
  let i = 0;
  while (i < n) {
    let k = end[i] + 1;
    if (k === n) break;
    if (y[i] < y[k]) {
      i = k;
      continue;
    }
    let sumWy = w[i] * y[i];
    let sumW = w[i];
    for (;;) {
      const previous = y[k];
      sumWy += w[k] * y[k];
      sumW += w[k];
      k = end[k] + 1;
      if (k === n || previous < y[k]) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        end[i] = k - 1;
        end[k - 1] = i;
        if (i > 0) i = end[i - 1];
        break;
      }
    }
  }
  for (let start = 0; start < n; ) {
    const next = end[start] + 1;
    y.fill(y[start], start + 1, next);
    start = next;
  }
}

/**
 * Fits `P(label = 1 | score)` as a non-decreasing function of the score: scikit-learn
 * `IsotonicRegression(out_of_bounds="clip", increasing=True).fit(scores, labels)` — rows sorted by score, tied
 * scores averaged into one weighted point, pool-adjacent-violators, knots whose value equals both neighbours'
 * dropped (they change nothing). NannyML's CBPE calibrates the reference scores this way.
 */
export function fitIsotonicCalibration(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicCalibration {
  requireFiniteArray(scores, 'scores');
  requireSameLength(scores, 'scores', labels, 'labels');
  const positives = requireBinaryLabels(labels, 'labels');
  // Labels are 0/1, so a tied group is summed up by its counts: sort each class's scores natively (no comparator)
  // and merge, instead of sorting row indices by (score, label).
  const ones = new Float64Array(positives);
  const zeros = new Float64Array(scores.length - positives);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (labels[i] === 1) ones[a++] = scores[i];
    else zeros[b++] = scores[i];
  }
  ones.sort();
  zeros.sort();
  const xs = new Float64Array(scores.length);
  const ys = new Float64Array(scores.length);
  const ws = new Float64Array(scores.length);
  let groups = 0;
  let currentX = Math.min(ones.length > 0 ? ones[0] : Infinity, zeros.length > 0 ? zeros[0] : Infinity);
  let sumY = 0;
  let sumW = 0;
  for (let a = 0, b = 0; a < ones.length || b < zeros.length; ) {
    // the next row in (score, label) order: a zero before a one on equal scores
    const takeZero = b < zeros.length && (a >= ones.length || zeros[b] <= ones[a]);
    const x = takeZero ? zeros[b++] : ones[a++];
    const y = takeZero ? 0 : 1;
    if (x - currentX >= SAME_SCORE) {
      xs[groups] = currentX;
      ys[groups] = sumY / sumW;
      ws[groups++] = sumW;
      currentX = x;
      sumY = y;
      sumW = 1;
    } else {
      sumY += y;
      sumW += 1;
    }
  }
  xs[groups] = currentX;
  ys[groups] = sumY / sumW;
  ws[groups++] = sumW;
  const y = ys.subarray(0, groups);
  poolAdjacentViolators(y, ws.subarray(0, groups));
  const keptScores = new Float64Array(groups);
  const keptProbabilities = new Float64Array(groups);
  let kept = 0;
  for (let k = 0; k < groups; k++) {
    const interior = k > 0 && k < groups - 1;
    if (interior && y[k] === y[k - 1] && y[k] === y[k + 1]) continue;
    keptScores[kept] = xs[k];
    keptProbabilities[kept++] = y[k];
  }
  return { scores: keptScores.slice(0, kept), probabilities: keptProbabilities.slice(0, kept) };
}

/** The calibrated probability of one score: linear interpolation between knots, clipped to the end knots (`np.interp`). */
export function calibrateScore(calibration: IsotonicCalibration, score: number): number {
  const { scores: xs, probabilities: ps } = calibration;
  if (!Number.isFinite(score)) throw new EstimationInputError('score', `must be a finite number, got ${String(score)}`);
  const last = xs.length - 1;
  if (score <= xs[0]) return ps[0];
  if (score >= xs[last]) return ps[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= score) lo = mid;
    else hi = mid;
  }
  if (score === xs[lo]) return ps[lo];
  const slope = (ps[hi] - ps[lo]) / (xs[hi] - xs[lo]);
  return slope * (score - xs[lo]) + ps[lo];
}

/** {@link calibrateScore} of every score. */
export function calibrateScores(calibration: IsotonicCalibration, scores: ArrayLike<number>): Float64Array {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = calibrateScore(calibration, scores[i]);
  return out;
}
