import type { RandomSource } from '../../models/evaluation/seeded-random.js';
import {
  kernelSums,
  medianHeuristicBandwidth,
  mmdPermutationTest,
  rbfKernelMatrix,
  type SquaredDistance,
  unbiasedMmd2,
} from '../../stats/maximum-mean-discrepancy.js';
import { checkMultivariateInput, type MultivariateInput } from './multivariate-input.js';
import type { MmdDetectorOptions } from './multivariate-options.js';
import type { MmdDriftResult, TopFeature } from './multivariate-result.js';
import { type EncodedColumn, fitMatrixEncoder } from './numeric-matrix.js';
import { pooledTable } from './pooled-table.js';
import { sampleIndices } from './sample-indices.js';
import { rankTopFeatures } from './top-features.js';

/** Rows (pooled, label-blind) the median heuristic looks at: its cost is quadratic. */
const BANDWIDTH_ROWS = 1000;
/** Rows per side of the leave-one-feature-out attribution (cost: (2·this)² · features). */
const ATTRIBUTION_ROWS_PER_SIDE = 300;
/** Categories per categorical feature with a code of their own (the rest share one). */
const MAX_CATEGORIES = 20;

/**
 * Squared distance between rows of an encoded matrix, optionally without some columns: Σ (Δ value)² over value
 * columns plus 2 per differing category code — the squared distance of one-hot vectors.
 */
function mixedDistance(
  x: Float64Array,
  columns: readonly EncodedColumn[],
  skip: ReadonlySet<number> = new Set(),
): SquaredDistance {
  const width = columns.length;
  const values = Int32Array.from(columns.flatMap((c, j) => (c.kind === 'value' && !skip.has(j) ? [j] : [])));
  const codes = Int32Array.from(columns.flatMap((c, j) => (c.kind === 'code' && !skip.has(j) ? [j] : [])));
  return (i, j) => {
    const a = i * width;
    const b = j * width;
    let sum = 0;
    for (let k = 0; k < values.length; k++) {
      const diff = x[a + values[k]] - x[b + values[k]];
      sum += diff * diff;
    }
    for (let k = 0; k < codes.length; k++) if (x[a + codes[k]] !== x[b + codes[k]]) sum += 2;
    return sum;
  };
}

/** The rows `rows` of a row-major matrix with `width` columns. */
function rowsOf(x: Float64Array, width: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(x.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return out;
}

/** Median-heuristic σ of a label-blind random subset of the pooled rows; from the mean pair distance when the median is 0. */
function bandwidthOf(x: Float64Array, n: number, columns: readonly EncodedColumn[], random: RandomSource): number {
  const rows = sampleIndices(n, BANDWIDTH_ROWS, random);
  const distance = mixedDistance(rowsOf(x, columns.length, rows), columns);
  const sigma = medianHeuristicBandwidth(rows.length, distance);
  if (sigma > 0) return sigma;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) sum += distance(i, j);
  const mean = sum / ((rows.length * (rows.length - 1)) / 2);
  return mean > 0 ? Math.sqrt(0.5 * mean) : 1; // all rows identical: any σ gives MMD² = 0
}

/**
 * Attribution: MMD² minus the MMD² with one feature's columns left out of the distance (same σ), on
 * ≤ ATTRIBUTION_ROWS_PER_SIDE rows of each side.
 */
function leaveOneOutImportance(
  x: Float64Array,
  nRef: number,
  n: number,
  columns: readonly EncodedColumn[],
  sigma: number,
  random: RandomSource,
): TopFeature[] {
  const refRows = sampleIndices(nRef, ATTRIBUTION_ROWS_PER_SIDE, random);
  const curRows = Int32Array.from(sampleIndices(n - nRef, ATTRIBUTION_ROWS_PER_SIDE, random), (i) => nRef + i);
  const size = refRows.length + curRows.length;
  const sample = rowsOf(x, columns.length, Int32Array.from([...refRows, ...curRows]));
  const current = Int32Array.from({ length: curRows.length }, (_, k) => refRows.length + k);
  const mmd2 = (skip: ReadonlySet<number>): number => {
    const kernel = rbfKernelMatrix(size, mixedDistance(sample, columns, skip), sigma);
    return unbiasedMmd2(kernel, kernelSums(kernel, size), current);
  };
  const base = mmd2(new Set());
  return [...new Set(columns.map((c) => c.feature))].map((feature) => ({
    name: feature,
    importance: base - mmd2(new Set(columns.flatMap((c, j) => (c.feature === feature ? [j] : [])))),
  }));
}

/**
 * MMD drift test (alibi-detect's MMDDrift): up to `maxRowsPerSide` rows of each side are pooled and encoded on the
 * pooled sample (numeric standardized, mean-imputed with a missing flag; two different categories — top 20, other,
 * missing — are at squared distance 2, as one-hot vectors are), the
 * Gaussian RBF bandwidth is the median heuristic of the pooled rows, and MMD² (unbiased) is tested by
 * `permutations` label permutations with p = (k + 1)/(permutations + 1). Fitting the encoding and the bandwidth on
 * the pooled, label-blind sample keeps the permutation test exact. Drift when p < `pValueThreshold`. Memory: the
 * kernel matrix holds (2·maxRowsPerSide)² doubles (128 MB at 2,000 per side). Attribution: leave-one-feature-out.
 */
export function mmdDrift(
  input: MultivariateInput,
  options: MmdDetectorOptions,
  topFeatureCount: number,
  random: RandomSource,
): MmdDriftResult {
  checkMultivariateInput(input, 2, 'mmd');
  const referenceRows = sampleIndices(input.reference.rowCount, options.maxRowsPerSide, random);
  const currentRows = sampleIndices(input.current.rowCount, options.maxRowsPerSide, random);
  const pooled = pooledTable(input, referenceRows, currentRows);
  const encoder = fitMatrixEncoder(pooled, input.features, {
    categorical: 'code',
    maxCategories: MAX_CATEGORIES,
    missingIndicators: true,
  });
  const x = encoder.encode(pooled);
  const n = pooled.rowCount;
  const nRef = referenceRows.length;
  const sigma = bandwidthOf(x, n, encoder.columns, random);
  const test = mmdPermutationTest(
    rbfKernelMatrix(n, mixedDistance(x, encoder.columns), sigma),
    n,
    n - nRef,
    options.permutations,
    random,
  );
  const drifted = test.pValue < options.pValueThreshold;
  const topFeatures =
    drifted && topFeatureCount > 0
      ? rankTopFeatures(leaveOneOutImportance(x, nRef, n, encoder.columns, sigma, random), topFeatureCount)
      : [];
  return {
    method: 'mmd',
    statisticName: 'mmd2',
    statistic: test.mmd2,
    pValue: test.pValue,
    threshold: options.pValueThreshold,
    drifted,
    topFeatures,
    importanceName: 'mmd2_drop',
    referenceRowCount: nRef,
    currentRowCount: n - nRef,
    featureCount: input.features.length,
    bandwidth: sigma,
    permutations: options.permutations,
  };
}
