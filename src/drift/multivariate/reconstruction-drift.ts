import { DriftConfigError } from '../drift-config-error.js';
import { checkMultivariateInput, type MultivariateInput } from './multivariate-input.js';
import type { PcaDetectorOptions } from './multivariate-options.js';
import type { PcaDriftResult, TopFeature } from './multivariate-result.js';
import { fitMatrixEncoder } from './numeric-matrix.js';
import { principalComponents, reconstruct, rowMoments, withoutRows } from './principal-components.js';
import { rankTopFeatures } from './top-features.js';

function meanOf(values: ArrayLike<number>, start = 0, end = values.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i];
  return sum / (end - start);
}

/**
 * PCA reconstruction-error drift, as NannyML's DataReconstructionDriftCalculator: the reference is encoded (mean /
 * most-frequent imputation, categories as their reference frequency, standardized), PCA keeps `varianceShare` of its
 * variance, and the current rows' mean reconstruction error is compared with bounds mean ± `stdMultiplier`·std
 * (sample std) of the mean errors of consecutive reference chunks. The chunk size is the current row count, smaller
 * when the reference would give fewer than `minReferenceChunks` chunks (then the bounds are wider than the
 * window's own noise: conservative); rows after the last whole chunk do not enter the bounds. The lower bound is
 * clipped at 0. By default each chunk's errors come from a PCA fitted without that chunk (`referenceErrors`:
 * `held-out`); `in-sample` reproduces NannyML. Attribution: per feature, the increase of its mean squared residual
 * over the reference's.
 */
export function pcaReconstructionDrift(
  input: MultivariateInput,
  options: PcaDetectorOptions,
  topFeatureCount: number,
): PcaDriftResult {
  checkMultivariateInput(input, 1, 'pca');
  const { reference, current } = input;
  if (reference.rowCount < 2 * options.minReferenceChunks) {
    throw new DriftConfigError(
      'multivariate',
      `the pca test needs at least ${2 * options.minReferenceChunks} reference rows (${options.minReferenceChunks} chunks of 2); the reference has ${reference.rowCount}`,
    );
  }
  const encoder = fitMatrixEncoder(reference, input.features, {
    categorical: 'frequency',
    maxCategories: 0,
    missingIndicators: false,
  });
  const width = encoder.columns.length;
  const x = encoder.encode(reference);
  const moments = rowMoments(x, width, 0, reference.rowCount);
  const pca = principalComponents(moments, width, options.varianceShare);
  const chunkSize = Math.max(
    2,
    Math.min(current.rowCount, Math.floor(reference.rowCount / options.minReferenceChunks)),
  );
  const chunks = Math.floor(reference.rowCount / chunkSize);
  const chunkMeans = Array.from({ length: chunks }, (_, c) => {
    const [start, end] = [c * chunkSize, (c + 1) * chunkSize];
    const fitted =
      options.referenceErrors === 'in-sample'
        ? pca
        : principalComponents(withoutRows(moments, rowMoments(x, width, start, end)), width, options.varianceShare);
    return meanOf(reconstruct(fitted, x, start, end).rowErrors);
  });
  const centre = meanOf(chunkMeans);
  const std = Math.sqrt(chunkMeans.reduce((s, v) => s + (v - centre) ** 2, 0) / (chunks - 1));
  const upper = centre + options.stdMultiplier * std;
  const lower = Math.max(0, centre - options.stdMultiplier * std);
  const currentErrors = reconstruct(pca, encoder.encode(current), 0, current.rowCount, true);
  const statistic = meanOf(currentErrors.rowErrors);
  const drifted = statistic > upper || statistic < lower;
  let topFeatures: TopFeature[] = [];
  if (drifted && topFeatureCount > 0) {
    const before = reconstruct(pca, x, 0, reference.rowCount, true).meanSquaredResiduals ?? new Float64Array(width);
    const after = currentErrors.meanSquaredResiduals ?? new Float64Array(width);
    const increase = new Map<string, number>();
    encoder.columns.forEach((column, j) =>
      increase.set(column.feature, (increase.get(column.feature) ?? 0) + after[j] - before[j]),
    );
    topFeatures = rankTopFeatures(
      [...increase].map(([name, importance]) => ({ name, importance })),
      topFeatureCount,
    );
  }
  return {
    method: 'pca',
    statisticName: 'reconstruction_error',
    statistic,
    pValue: null,
    threshold: upper,
    lowerBound: lower,
    drifted,
    topFeatures,
    importanceName: 'reconstruction_error_increase',
    referenceRowCount: reference.rowCount,
    currentRowCount: current.rowCount,
    featureCount: input.features.length,
    components: pca.count,
    explainedVariance: pca.explainedVariance,
    referenceChunks: chunks,
    chunkSize,
  };
}
