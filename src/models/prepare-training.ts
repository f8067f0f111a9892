import type { DataTable } from '../domain/data-table.js';
import { encodeTarget, prepareTarget } from './encode-target.js';
import { inferModelFeatures } from './infer-model-features.js';
import { ModelError } from './model-error.js';
import type { ModelSchema, PreprocessingOptions, PreprocessingSpec, TrainingData } from './model-types.js';
import { createRowEncoder, fitPreprocessing } from './preprocessing.js';

/** Encoded training (and validation) matrices shared by the trainers. */
export interface PreparedTraining {
  readonly schema: ModelSchema;
  readonly preprocessing: PreprocessingSpec;
  readonly width: number;
  /** Row-major n × width. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly validation: { readonly x: Float64Array; readonly y: Float64Array; readonly rows: number } | null;
}

/** Resolves features and labels, fits the preprocessing on `train.table` and encodes both tables. */
export function prepareTraining(
  train: TrainingData,
  validation: DataTable | null,
  preprocessingDefaults: Partial<PreprocessingOptions>,
): PreparedTraining {
  if (train.task !== 'binary' && train.task !== 'regression') {
    throw new ModelError('task', `must be "binary" or "regression", got ${JSON.stringify(train.task)}`);
  }
  const { y, classLabels } = prepareTarget(train.table, train.target, train.task, train.positiveClass);
  const features = train.features ?? inferModelFeatures(train.table, train.target);
  if (features.some((f) => f.name === train.target))
    throw new ModelError(train.target, 'the target cannot be a feature');
  const preprocessing = fitPreprocessing(
    train.table,
    features,
    { ...preprocessingDefaults, ...train.preprocessing },
    y,
  );
  const encoder = createRowEncoder(preprocessing);
  const schema: ModelSchema = { features, target: train.target, task: train.task, classLabels };
  let encodedValidation: PreparedTraining['validation'] = null;
  if (validation !== null && validation.rowCount > 0) {
    encodedValidation = {
      x: encoder.encodeTable(validation),
      y: encodeTarget(validation, schema),
      rows: validation.rowCount,
    };
  }
  return {
    schema,
    preprocessing,
    width: encoder.width,
    x: encoder.encodeTable(train.table),
    y,
    validation: encodedValidation,
  };
}

/** Numerically stable weighted mean log loss of margins (log-odds) against 0/1 labels. */
export function meanLogLoss(margin: Float64Array, y: Float64Array, w: Float64Array | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const z = margin[i];
    // log(1 + e^z) − y·z
    const loss = (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
    const wi = w === null ? 1 : w[i];
    sum += wi * loss;
    total += wi;
  }
  return sum / total;
}

/** Weighted ½ · mean squared error. */
export function meanSquaredError(pred: Float64Array, y: Float64Array, w: Float64Array | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const d = pred[i] - y[i];
    const wi = w === null ? 1 : w[i];
    sum += wi * 0.5 * d * d;
    total += wi;
  }
  return sum / total;
}

/** σ(z) = 1 / (1 + e^−z), stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
