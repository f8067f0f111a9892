/**
 * Writing and reading a model directory (`model.json`, `model.onnx`, `schema.json`, `reference-profile.json`,
 * `metrics.json`) through the ModelDirectory port, and batch prediction with a saved model.
 */
import type { DataTable } from '../../domain/data-table.js';
import { type FittedModel, ModelError } from '../../models/index.js';
import { onnxModelProtoOf } from '../../models/onnx/export-onnx.js';
import type { ModelDirectory } from '../../ports/model-directory.js';
import type { OnnxCodec } from '../../ports/onnx-codec.js';
import { referenceProfileOf } from './reference-profile-of.js';
import { parseModelJson, type TrainedModel } from './train-model.js';

export const MODEL_FILE = 'model.json';
export const ONNX_FILE = 'model.onnx';
export const SCHEMA_FILE = 'schema.json';
export const REFERENCE_PROFILE_FILE = 'reference-profile.json';
export const METRICS_FILE = 'metrics.json';

/** Options of {@link saveTrainedModel}. */
export interface SaveTrainedModelOptions {
  /** Encodes `model.onnx` (protobufjs with onnx-ml.proto; picked in compose.ts). */
  readonly codec: OnnxCodec;
  /** Write `model.onnx` (default true). */
  readonly onnx?: boolean;
  /** Write `reference-profile.json` (default true). */
  readonly referenceProfile?: boolean;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Writes the model directory of a trained model; returns the written paths. */
export async function saveTrainedModel(
  directory: ModelDirectory,
  dir: string,
  trained: TrainedModel,
  options: SaveTrainedModelOptions,
): Promise<string[]> {
  const files: Record<string, string | Uint8Array> = {
    [MODEL_FILE]: json(trained.serialized),
    [SCHEMA_FILE]: json({ ...trained.model.schema, timeColumn: trained.timeColumn, excluded: trained.exclude }),
    [METRICS_FILE]: json({
      rows: trained.rows,
      metrics: trained.metrics,
      fitSeconds: trained.fitSeconds,
      log: trained.log,
    }),
  };
  if (options.referenceProfile ?? true) files[REFERENCE_PROFILE_FILE] = json(referenceProfileOf(trained));
  if (options.onnx ?? true) files[ONNX_FILE] = options.codec.encode(onnxModelProtoOf(trained.model));
  return directory.writeFiles(dir, files);
}

/** Loads `model.json` of a model directory (ModelDirectoryError when missing, ModelError when invalid). */
export async function loadSavedModel(directory: ModelDirectory, dir: string): Promise<FittedModel> {
  const text = await directory.readText(dir, MODEL_FILE);
  return parseModelJson(text, `${dir}/${MODEL_FILE}`);
}

/** Predictions of a binary model for every row: P(class 1) and the predicted label (class 1 ⇔ p > 0.5, `predictedClass`). */
export interface BatchPrediction {
  readonly probabilities: Float64Array;
  readonly labels: readonly string[];
  readonly classLabels: readonly [string, string];
}

/** Scores a table with a binary model (missing feature columns count as missing values, per the model's rules). */
export function predictTable(model: FittedModel, table: DataTable): BatchPrediction {
  const classLabels = model.schema.classLabels;
  if (classLabels === null)
    throw new ModelError('model', 'prediction output supports binary classifiers only; this model is a regression');
  const probabilities = model.predictProbaBatch(table);
  const classes = model.predictBatch(table);
  return { probabilities, labels: Array.from(classes, (c) => classLabels[c === 1 ? 1 : 0]), classLabels };
}
