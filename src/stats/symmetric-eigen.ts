import { StatsInputError } from './stats-input-error.js';

/** Eigen-decomposition of a real symmetric matrix: A = V · diag(values) · Vᵀ. */
export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /**
   * Orthonormal eigenvectors as the COLUMNS of a row-major n × n matrix: component i of eigenvector k is
   * `vectors[i * n + k]`. Each vector's largest-magnitude component is positive (first one on ties), so the
   * result is unique wherever the eigenvalues are distinct.
   */
  readonly vectors: Float64Array;
}

const MAX_SWEEPS = 100;

function offDiagonalNormSquared(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += a[i * n + j] * a[i * n + j];
  return 2 * sum;
}

/** One Jacobi rotation that zeroes a[p][q] (Numerical Recipes §11.1: t is the smaller root, for stability). */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  const app = a[p * n + p];
  const aqq = a[q * n + q];
  const theta = (aqq - app) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    if (k === p || k === q) continue;
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    const kp = c * akp - s * akq;
    const kq = s * akp + c * akq;
    a[k * n + p] = kp;
    a[p * n + k] = kp;
    a[k * n + q] = kq;
    a[q * n + k] = kq;
  }
  a[p * n + p] = app - t * apq;
  a[q * n + q] = aqq + t * apq;
  a[p * n + q] = 0;
  a[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/**
 * Eigenvalues and eigenvectors of the symmetric n × n matrix `matrix` (row-major; only symmetry within 1e-10 of
 * its scale is accepted) by the cyclic Jacobi method — the values of `numpy.linalg.eigh` sorted largest first.
 * Jacobi is slower than Householder + QL (O(n³) per sweep, typically 6–10 sweeps) but simple and accurate to
 * working precision even for tiny eigenvalues; driftguard decomposes covariance matrices of at most a few hundred
 * columns (the PCA drift detector), where it takes milliseconds. We write our own because the pure core may not
 * import an npm package.
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1) throw new StatsInputError('n', `must be an integer ≥ 1, got ${n}`);
  if (matrix.length !== n * n)
    throw new StatsInputError('matrix', `must have n² = ${n * n} entries, got ${matrix.length}`);
  const a = Float64Array.from(matrix);
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new StatsInputError(`matrix[${i}]`, `must be a finite number, got ${a[i]}`);
    scale = Math.max(scale, Math.abs(a[i]));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-10 * scale) {
        throw new StatsInputError(
          'matrix',
          `must be symmetric: entry (${i}, ${j}) = ${a[i * n + j]} but (${j}, ${i}) = ${a[j * n + i]}`,
        );
      }
      a[j * n + i] = a[i * n + j];
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] * a[i];
  // converged when the off-diagonal mass is at rounding level of the whole matrix
  const tolerance = total * Number.EPSILON * Number.EPSILON;
  for (let sweep = 0; sweep < MAX_SWEEPS && offDiagonalNormSquared(a, n) > tolerance; sweep++) {
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        // skip entries already negligible against both diagonal entries (NR's threshold rule after sweep 3)
        if (apq === 0) continue;
        if (
          sweep > 3 &&
          Math.abs(apq) < Number.EPSILON * 1e-2 * Math.min(Math.abs(a[p * n + p]), Math.abs(a[q * n + q]))
        ) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        rotate(a, v, n, p, q);
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x] || x - y);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, k) => {
    values[k] = a[from * n + from];
    let pivot = 0;
    for (let i = 1; i < n; i++) if (Math.abs(v[i * n + from]) > Math.abs(v[pivot * n + from]) + 1e-12) pivot = i;
    const sign = v[pivot * n + from] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + k] = sign * v[i * n + from];
  });
  return { values, vectors };
}
