import { permutationPValue } from './permutation-p-value.js';
import { StatsInputError } from './stats-input-error.js';

/** Squared distance between items i and j of a sample (symmetric, 0 for i = j). */
export type SquaredDistance = (i: number, j: number) => number;

/**
 * Squared Euclidean distance between rows of a row-major matrix `x` with d columns (finite values required).
 */
export function euclideanSquaredDistance(x: Float64Array, d: number): SquaredDistance {
  if (!Number.isInteger(d) || d < 1) throw new StatsInputError('d', `must be an integer ≥ 1, got ${d}`);
  if (x.length % d !== 0) throw new StatsInputError('x', `must hold a multiple of d = ${d} values, got ${x.length}`);
  for (let k = 0; k < x.length; k++)
    if (!Number.isFinite(x[k])) throw new StatsInputError(`x[${k}]`, `must be a finite number, got ${x[k]}`);
  return (i, j) => {
    let sum = 0;
    const a = i * d;
    const b = j * d;
    for (let k = 0; k < d; k++) {
      const diff = x[a + k] - x[b + k];
      sum += diff * diff;
    }
    return sum;
  };
}

function checkCount(n: number, minimum: number): void {
  if (!Number.isInteger(n) || n < minimum) throw new StatsInputError('n', `must be an integer ≥ ${minimum}, got ${n}`);
}

/**
 * Median-heuristic bandwidth of a Gaussian RBF kernel for a sample of n items: σ = √(½ · m), m the lower median of
 * the n(n − 1)/2 pairwise squared distances — alibi-detect's `sigma_median` applied to a sample against itself.
 * With k = exp(−d²/(2σ²)) the median pair's kernel is e⁻¹. 0 when more than half of the pairs coincide.
 */
export function medianHeuristicBandwidth(n: number, distance: SquaredDistance): number {
  checkCount(n, 2);
  const pairs = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs[p++] = distance(i, j);
  pairs.sort();
  return Math.sqrt(0.5 * pairs[(pairs.length - 1) >> 1]);
}

/**
 * Gaussian RBF kernel matrix K[i][j] = exp(−d²(i, j)/(2σ²)) of n items (n × n row-major) with a zero diagonal, as
 * alibi-detect's MMD detectors use it (the diagonal never enters the unbiased estimate).
 */
export function rbfKernelMatrix(n: number, distance: SquaredDistance, sigma: number): Float64Array {
  checkCount(n, 1);
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new StatsInputError('sigma', `must be a positive finite number, got ${sigma}`);
  const gamma = 1 / (2 * sigma * sigma);
  const kernel = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const k = Math.exp(-gamma * distance(i, j));
      kernel[i * n + j] = k;
      kernel[j * n + i] = k;
    }
  }
  return kernel;
}

/** Row sums of a kernel matrix (zero diagonal) and their total: what every split's MMD² is computed from. */
export interface KernelSums {
  readonly n: number;
  readonly rowSums: Float64Array;
  readonly total: number;
}

export function kernelSums(kernel: Float64Array, n: number): KernelSums {
  const rowSums = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += kernel[i * n + j];
    rowSums[i] = s;
    total += s;
  }
  return { n, rowSums, total };
}

/**
 * Unbiased MMD² (Gretton et al., JMLR 13, 2012, eq. 3) between the rows in `ySet` (sorted ascending indices) and
 * the other rows of the pooled kernel matrix (zero diagonal):
 * Σ_{i≠j∈X} k/(n_x(n_x − 1)) + Σ_{i≠j∈Y} k/(n_y(n_y − 1)) − 2·Σ_{i∈X, j∈Y} k/(n_x·n_y) — alibi-detect's
 * `mmd2_from_kernel_matrix(kernel_mat, m, permute=False, zero_diag=True)` with Y the last m rows.
 */
export function unbiasedMmd2(kernel: Float64Array, sums: KernelSums, ySet: Int32Array): number {
  const { n, rowSums, total } = sums;
  const m = ySet.length;
  const nx = n - m;
  if (m < 2 || nx < 2) throw new StatsInputError('ySet', `both groups need ≥ 2 rows, got ${nx} and ${m}`);
  let yy = 0;
  let yRows = 0;
  for (let a = 0; a < m; a++) {
    const at = ySet[a] * n;
    for (let b = 0; b < m; b++) yy += kernel[at + ySet[b]];
    yRows += rowSums[ySet[a]];
  }
  const xy = yRows - yy;
  const xx = total - yy - 2 * xy;
  return xx / (nx * (nx - 1)) + yy / (m * (m - 1)) - (2 * xy) / (nx * m);
}

/** Result of the MMD permutation test. */
export interface MmdTestResult {
  /** Unbiased MMD² of the observed split. */
  readonly mmd2: number;
  /** (k + 1)/(permutations + 1), k = permuted MMD² ≥ the observed one. */
  readonly pValue: number;
  readonly permutations: number;
}

/**
 * Permutation test of MMD² = 0 for the split "last `m` rows vs the rest" of a pooled kernel matrix: the group labels
 * are permuted `permutations` times (`random`: uniforms in [0, 1)); p = (k + 1)/(permutations + 1), valid at any
 * number of permutations (never k/n: alibi-detect #960). Cost O(permutations · m²) after O(n²) row sums.
 */
export function mmdPermutationTest(
  kernel: Float64Array,
  n: number,
  m: number,
  permutations: number,
  random: () => number,
): MmdTestResult {
  if (kernel.length !== n * n)
    throw new StatsInputError('kernel', `must hold n² = ${n * n} values, got ${kernel.length}`);
  if (!Number.isInteger(permutations) || permutations < 1)
    throw new StatsInputError('permutations', `must be an integer ≥ 1, got ${permutations}`);
  const sums = kernelSums(kernel, n);
  const observed = Int32Array.from({ length: m }, (_, k) => n - m + k);
  const mmd2 = unbiasedMmd2(kernel, sums, observed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let exceedances = 0;
  for (let p = 0; p < permutations; p++) {
    // a uniformly random m-subset: the first m slots of a partial Fisher–Yates shuffle
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(random() * (n - i));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    // ≥ with a relative tolerance: a permutation that reproduces the observed split up to rounding counts as extreme
    if (unbiasedMmd2(kernel, sums, order.slice(0, m).sort()) >= mmd2 - 1e-12 * Math.abs(mmd2)) exceedances++;
  }
  return { mmd2, pValue: permutationPValue(exceedances, permutations), permutations };
}
