import { binMatrix, type FeatureBins } from './quantile-bins.js';

/**
 * The model matrix in bins, as the tree grower reads it: row-major bin indices of `rows` rows × `width`
 * features, and each feature's bins (value bins 0 … valueBins − 1, then its missing bin `valueBins`).
 */
export interface TrainingMatrix {
  readonly binned: Uint8Array;
  readonly rows: number;
  readonly width: number;
  readonly bins: readonly FeatureBins[];
}

/** Bins a row-major `rows` × `width` matrix with the given feature bins. */
export function binTrainingMatrix(
  x: Float64Array,
  rows: number,
  width: number,
  bins: readonly FeatureBins[],
): TrainingMatrix {
  return { binned: binMatrix(x, width, bins), rows, width, bins };
}
