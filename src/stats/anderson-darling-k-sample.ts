import { pairwiseSum } from './pairwise-sum.js';
import { StatsInputError } from './stats-input-error.js';
import { requireFiniteSample, sortedCopy } from './validate-input.js';

/** Result of the k-sample Anderson–Darling test; see `andersonDarlingKSample`. */
export interface AndersonDarlingKSampleResult {
  /** Normalised statistic (A²_akN − (k − 1)) / σ_N, as scipy's `statistic`. */
  readonly statistic: number;
  /** Interpolated p-value, capped to [0.001, 0.25] (see `pValueCapped`). */
  readonly pValue: number;
  /** Critical values of the normalised statistic for `significanceLevels` (Scholz & Stephens table 2). */
  readonly criticalValues: readonly number[];
  readonly significanceLevels: readonly number[];
  /**
   * 'floor' when the statistic exceeds the largest critical value (true p < 0.001, reported as 0.001);
   * 'ceiling' when it is below the smallest (true p > 0.25, reported as 0.25); null when interpolated.
   */
  readonly pValueCapped: 'floor' | 'ceiling' | null;
}

const SIGNIFICANCE_LEVELS = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001] as const;
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/**
 * k-sample Anderson–Darling test (Scholz & Stephens 1987) with the mid-rank statistic A²_akN for ties
 * (their eq. 7). Reproduces `scipy.stats.anderson_ksamp(samples)` (midrank=True, scipy 1.17), including its
 * p-value: a quadratic least-squares fit (`np.polyfit`) of log(significance level) against the k-dependent
 * critical values b0 + b1/√(k−1) + b2/(k−1), evaluated at the statistic and exponentiated — and its
 * capping: when the statistic is below the smallest critical value scipy returns 0.25 ("p-value capped",
 * `pValueCapped: 'ceiling'`, the true p is larger), when above the largest it returns 0.001 ("p-value
 * floored", `pValueCapped: 'floor'`, the true p is smaller). Needs at least 2 non-empty samples, at
 * least two distinct values and 4 observations in total (scipy's variance divides by (N−1)(N−2)(N−3)
 * and returns NaN below that); throws `StatsInputError` otherwise. Inputs are not mutated.
 */
export function andersonDarlingKSample(samples: readonly ArrayLike<number>[]): AndersonDarlingKSampleResult {
  if (!Array.isArray(samples)) throw new StatsInputError('samples', 'expected an array of samples');
  const k = samples.length;
  if (k < 2) throw new StatsInputError('samples', `needs at least 2 samples, got ${k}`);
  const sorted = samples.map((s, i) => sortedCopy(requireFiniteSample(s, `samples[${i}]`)));
  const sizes = sorted.map((s) => s.length);
  const N = sizes.reduce((acc, n) => acc + n, 0);
  if (N < 4) throw new StatsInputError('samples', `needs at least 4 observations in total, got ${N}`);

  const pooled = mergeSorted(sorted, N);
  // Distinct values z*_j with their multiplicity l_j and mid-rank position B_j = #{Z < z*_j} + l_j / 2.
  const distinct = new Float64Array(N);
  const ties = new Float64Array(N);
  const midPositions = new Float64Array(N);
  let L = 0;
  for (let i = 0; i < N; ) {
    let end = i + 1;
    while (end < N && pooled[end] === pooled[i]) end++;
    distinct[L] = pooled[i];
    ties[L] = end - i;
    midPositions[L] = i + (end - i) / 2;
    L++;
    i = end;
  }
  if (L < 2) throw new StatsInputError('samples', 'needs at least two distinct values across all samples');

  let a2akN = 0;
  const inner = new Float64Array(L);
  for (let s = 0; s < k; s++) {
    const sample = sorted[s];
    const n = sizes[s];
    let below = 0;
    for (let j = 0; j < L; j++) {
      const z = distinct[j];
      let equal = 0;
      while (below < n && sample[below] < z) below++;
      while (below + equal < n && sample[below + equal] === z) equal++;
      const mij = below + equal - equal / 2;
      const lj = ties[j];
      const bj = midPositions[j];
      const diff = N * mij - bj * n;
      inner[j] = ((lj / N) * diff ** 2) / (bj * (N - bj) - (N * lj) / 4);
    }
    a2akN += pairwiseSum(inner) / n;
  }
  a2akN *= (N - 1) / N;

  const H = pairwiseSum(sizes.map((n) => 1 / n));
  const cumulative = new Float64Array(N - 2);
  let running = 0;
  for (let i = 0; i < N - 2; i++) {
    running += 1 / (N - 1 - i);
    cumulative[i] = running;
  }
  const h = cumulative[N - 3] + 1;
  const gTerms = new Float64Array(N - 2);
  for (let i = 0; i < N - 2; i++) gTerms[i] = cumulative[i] / (i + 2);
  const g = pairwiseSum(gTerms);
  const k2 = k ** 2;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k2 - 4 * h * k;
  const sigmaSquared = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const statistic = (a2akN - m) / Math.sqrt(sigmaSquared);

  const criticalValues = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(m) + B2[i] / m);
  const significanceLevels = [...SIGNIFICANCE_LEVELS];
  const base = { statistic, criticalValues, significanceLevels };
  if (statistic < Math.min(...criticalValues)) return { ...base, pValue: 0.25, pValueCapped: 'ceiling' };
  if (statistic > Math.max(...criticalValues)) return { ...base, pValue: 0.001, pValueCapped: 'floor' };
  const [c2, c1, c0] = quadraticLeastSquares(
    criticalValues,
    significanceLevels.map((p) => Math.log(p)),
  );
  const pValue = Math.exp((c2 * statistic + c1) * statistic + c0);
  return { ...base, pValue, pValueCapped: null };
}

/**
 * Coefficients [c2, c1, c0] of the least-squares quadratic through (x_i, y_i), as `np.polyfit(x, y, 2)`:
 * Vandermonde columns scaled to unit norm, then solved by Householder QR (numpy uses an SVD; both are
 * backward stable, so results agree to rounding).
 */
function quadraticLeastSquares(x: readonly number[], y: readonly number[]): [number, number, number] {
  const rows = x.length;
  const cols = 3;
  const A = x.map((v) => [v * v, v, 1]);
  const scale = [0, 1, 2].map((col) => Math.sqrt(A.reduce((acc, row) => acc + row[col] * row[col], 0)));
  for (const row of A) for (let col = 0; col < cols; col++) row[col] /= scale[col];
  const rhs = [...y];
  for (let col = 0; col < cols; col++) {
    let norm = 0;
    for (let r = col; r < rows; r++) norm += A[r][col] ** 2;
    norm = Math.sqrt(norm);
    const alpha = A[col][col] > 0 ? -norm : norm;
    const v = new Array<number>(rows).fill(0);
    for (let r = col; r < rows; r++) v[r] = A[r][col];
    v[col] -= alpha;
    const vNorm2 = v.reduce((acc, vi) => acc + vi * vi, 0);
    if (vNorm2 === 0) continue;
    for (let cc = col; cc < cols; cc++) {
      let dot = 0;
      for (let r = col; r < rows; r++) dot += v[r] * A[r][cc];
      const f = (2 * dot) / vNorm2;
      for (let r = col; r < rows; r++) A[r][cc] -= f * v[r];
    }
    let dot = 0;
    for (let r = col; r < rows; r++) dot += v[r] * rhs[r];
    const f = (2 * dot) / vNorm2;
    for (let r = col; r < rows; r++) rhs[r] -= f * v[r];
  }
  const coef = [0, 0, 0];
  for (let r = cols - 1; r >= 0; r--) {
    let s = rhs[r];
    for (let cc = r + 1; cc < cols; cc++) s -= A[r][cc] * coef[cc];
    coef[r] = s / A[r][r];
  }
  return [coef[0] / scale[0], coef[1] / scale[1], coef[2] / scale[2]];
}

/** The k sorted samples merged into one sorted array (pairwise merges). */
function mergeSorted(sorted: readonly Float64Array[], total: number): Float64Array {
  let merged = sorted[0];
  for (let s = 1; s < sorted.length; s++) {
    const next = sorted[s];
    const out = new Float64Array(merged.length + next.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < merged.length && j < next.length) out[o++] = merged[i] <= next[j] ? merged[i++] : next[j++];
    while (i < merged.length) out[o++] = merged[i++];
    while (j < next.length) out[o++] = next[j++];
    merged = out;
  }
  return merged.length === total ? merged : merged.slice(0, total);
}
