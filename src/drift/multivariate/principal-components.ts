import { symmetricEigen } from '../../stats/symmetric-eigen.js';

/** Principal components of a row-major n × width matrix, keeping a share of its variance. */
export interface PrincipalComponents {
  readonly width: number;
  /** Column means of the fitted matrix (the data is centred on them before projecting). */
  readonly mean: Float64Array;
  /** Kept components as the columns of a row-major width × count matrix. */
  readonly components: Float64Array;
  readonly count: number;
  /** Share of the total variance the kept components explain. */
  readonly explainedVariance: number;
}

/**
 * PCA by eigen-decomposition of the sample covariance; keeps the fewest components whose cumulative explained
 * variance ratio exceeds `varianceShare` — scikit-learn `PCA(n_components=varianceShare)` (count = number of
 * cumulative ratios ≤ share, plus one; at most width).
 */
export function fitPrincipalComponents(x: Float64Array, n: number, width: number, varianceShare: number): PrincipalComponents {
  const mean = new Float64Array(width);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j] += x[i * width + j];
  for (let j = 0; j < width; j++) mean[j] /= n;
  const covariance = new Float64Array(width * width);
  const row = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) row[j] = x[i * width + j] - mean[j];
    for (let a = 0; a < width; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      for (let b = a; b < width; b++) covariance[a * width + b] += ra * row[b];
    }
  }
  const denominator = Math.max(1, n - 1);
  for (let a = 0; a < width; a++) {
    for (let b = a; b < width; b++) {
      covariance[a * width + b] /= denominator;
      covariance[b * width + a] = covariance[a * width + b];
    }
  }
  const { values, vectors } = symmetricEigen(covariance, width);
  let total = 0;
  for (const v of values) total += Math.max(0, v);
  let count = 0;
  let cumulative = 0;
  let explained = 0;
  for (let k = 0; k < width; k++) {
    cumulative += total > 0 ? Math.max(0, values[k]) / total : 0;
    if (cumulative <= varianceShare) count = k + 1;
  }
  count = Math.min(width, count + 1);
  for (let k = 0; k < count; k++) explained += total > 0 ? Math.max(0, values[k]) / total : 0;
  const components = new Float64Array(width * count);
  for (let j = 0; j < width; j++) for (let k = 0; k < count; k++) components[j * count + k] = vectors[j * width + k];
  return { width, mean, components, count, explainedVariance: explained };
}

/** Per-row reconstruction errors and per-column mean squared residuals of rows projected onto the components. */
export interface Reconstruction {
  /** ‖x − x̂‖₂ of each row (NannyML's reconstruction error). */
  readonly rowErrors: Float64Array;
  /** Mean of (x_j − x̂_j)² over the rows, per column. */
  readonly meanSquaredResiduals: Float64Array;
}

/** Projects each row onto the kept components and back: x̂ = μ + (x − μ)·V·Vᵀ (`PCA.inverse_transform(transform(x))`). */
export function reconstruct(pca: PrincipalComponents, x: Float64Array, n: number): Reconstruction {
  const { width, count, components, mean } = pca;
  const rowErrors = new Float64Array(n);
  const meanSquaredResiduals = new Float64Array(width);
  const centred = new Float64Array(width);
  const scores = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) centred[j] = x[i * width + j] - mean[j];
    scores.fill(0);
    for (let j = 0; j < width; j++) {
      const c = centred[j];
      for (let k = 0; k < count; k++) scores[k] += c * components[j * count + k];
    }
    let squared = 0;
    for (let j = 0; j < width; j++) {
      let back = 0;
      for (let k = 0; k < count; k++) back += scores[k] * components[j * count + k];
      const residual = centred[j] - back;
      squared += residual * residual;
      meanSquaredResiduals[j] += residual * residual;
    }
    rowErrors[i] = Math.sqrt(squared);
  }
  if (n > 0) for (let j = 0; j < width; j++) meanSquaredResiduals[j] /= n;
  return { rowErrors, meanSquaredResiduals };
}
