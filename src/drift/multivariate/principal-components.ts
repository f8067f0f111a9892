import { symmetricEigen } from '../../stats/symmetric-eigen.js';

/** Principal components of a row-major n × width matrix, keeping a share of its variance. */
export interface PrincipalComponents {
  readonly width: number;
  /** Column means of the fitted rows (the data is centred on them before projecting). */
  readonly mean: Float64Array;
  /** Kept components as the columns of a row-major width × count matrix. */
  readonly components: Float64Array;
  readonly count: number;
  /** Share of the total variance the kept components explain. */
  readonly explainedVariance: number;
}

/** Row count, column sums and the upper triangle of Σ x·xᵀ of some rows: PCA fits add and subtract these. */
export interface RowMoments {
  readonly rows: number;
  readonly sums: Float64Array;
  /** width × width, upper triangle filled. */
  readonly products: Float64Array;
}

/** Moments of rows [start, end) of a row-major matrix with `width` columns. */
export function rowMoments(x: Float64Array, width: number, start: number, end: number): RowMoments {
  const sums = new Float64Array(width);
  const products = new Float64Array(width * width);
  for (let i = start; i < end; i++) {
    const at = i * width;
    for (let a = 0; a < width; a++) {
      const xa = x[at + a];
      sums[a] += xa;
      if (xa === 0) continue;
      for (let b = a; b < width; b++) products[a * width + b] += xa * x[at + b];
    }
  }
  return { rows: end - start, sums, products };
}

/** The moments of `all` without those of `part` (rows of `part` must be among those of `all`). */
export function withoutRows(all: RowMoments, part: RowMoments): RowMoments {
  return {
    rows: all.rows - part.rows,
    sums: all.sums.map((s, j) => s - part.sums[j]),
    products: all.products.map((p, k) => p - part.products[k]),
  };
}

/**
 * PCA from row moments by eigen-decomposition of the sample covariance (suited to standardized data: the moments
 * are raw); keeps the fewest components whose cumulative explained variance ratio exceeds `varianceShare` —
 * scikit-learn `PCA(n_components=varianceShare)` (count = number of cumulative ratios ≤ share, plus one, ≤ width).
 */
export function principalComponents(moments: RowMoments, width: number, varianceShare: number): PrincipalComponents {
  const n = moments.rows;
  const mean = moments.sums.map((s) => s / n);
  const covariance = new Float64Array(width * width);
  const denominator = Math.max(1, n - 1);
  for (let a = 0; a < width; a++) {
    for (let b = a; b < width; b++) {
      const c = (moments.products[a * width + b] - n * mean[a] * mean[b]) / denominator;
      covariance[a * width + b] = c;
      covariance[b * width + a] = c;
    }
  }
  const { values, vectors } = symmetricEigen(covariance, width);
  let total = 0;
  for (const v of values) total += Math.max(0, v);
  const ratio = (k: number): number => (total > 0 ? Math.max(0, values[k]) / total : 0);
  let count = 0;
  let cumulative = 0;
  for (let k = 0; k < width; k++) {
    cumulative += ratio(k);
    if (cumulative <= varianceShare) count = k + 1;
  }
  count = Math.min(width, count + 1);
  let explainedVariance = 0;
  for (let k = 0; k < count; k++) explainedVariance += ratio(k);
  const components = new Float64Array(width * count);
  for (let j = 0; j < width; j++) for (let k = 0; k < count; k++) components[j * count + k] = vectors[j * width + k];
  return { width, mean, components, count, explainedVariance };
}

/** Per-row reconstruction errors, and per-column mean squared residuals when asked for. */
export interface Reconstruction {
  /** ‖x − x̂‖₂ of each row (NannyML's reconstruction error). */
  readonly rowErrors: Float64Array;
  /** Mean of (x_j − x̂_j)² over the rows, per column; null unless requested. */
  readonly meanSquaredResiduals: Float64Array | null;
}

/**
 * Projects rows [start, end) onto the kept components and back: x̂ = μ + (x − μ)·V·Vᵀ
 * (`PCA.inverse_transform(PCA.transform(x))`); ‖x − x̂‖² = ‖x − μ‖² − ‖(x − μ)·V‖² as V is orthonormal.
 */
export function reconstruct(
  pca: PrincipalComponents,
  x: Float64Array,
  start: number,
  end: number,
  residuals = false,
): Reconstruction {
  const { width, count, components, mean } = pca;
  const rowErrors = new Float64Array(end - start);
  const meanSquaredResiduals = residuals ? new Float64Array(width) : null;
  const centred = new Float64Array(width);
  const scores = new Float64Array(count);
  for (let i = start; i < end; i++) {
    let norm = 0;
    for (let j = 0; j < width; j++) {
      const c = x[i * width + j] - mean[j];
      centred[j] = c;
      norm += c * c;
    }
    scores.fill(0);
    for (let j = 0; j < width; j++) {
      const c = centred[j];
      if (c === 0) continue;
      for (let k = 0; k < count; k++) scores[k] += c * components[j * count + k];
    }
    let projected = 0;
    for (let k = 0; k < count; k++) projected += scores[k] * scores[k];
    rowErrors[i - start] = Math.sqrt(Math.max(0, norm - projected));
    if (meanSquaredResiduals !== null) {
      for (let j = 0; j < width; j++) {
        let back = 0;
        for (let k = 0; k < count; k++) back += scores[k] * components[j * count + k];
        meanSquaredResiduals[j] += (centred[j] - back) ** 2;
      }
    }
  }
  if (meanSquaredResiduals !== null && end > start)
    for (let j = 0; j < width; j++) meanSquaredResiduals[j] /= end - start;
  return { rowErrors, meanSquaredResiduals };
}
