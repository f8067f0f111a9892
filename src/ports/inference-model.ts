/**
 * The inference-model port: serving a model that driftguard did not train (e.g. a scikit-learn pipeline exported
 * with skl2onnx) through an ONNX runtime. How driftguard's feature rows map onto the model's inputs and which
 * outputs hold the prediction is declared in the model's schema (`InferenceMapping`), never guessed.
 * Every method is async; failures are InferenceModelError.
 */
import type { Cell } from '../domain/data-table.js';
import { SchemaError } from '../domain/schema-error.js';

/** Element type of an ONNX input tensor. */
export type InferenceElementType = 'float32' | 'float64' | 'int64' | 'string';

/**
 * One ONNX input fed from a single feature: a 1-D [N] tensor (MLflow / driftguard exports) or [N, 1] (skl2onnx
 * per-column inputs). Missing values: NaN for floats, "" for strings; int64 inputs reject missing values.
 */
export interface FeatureInputMapping {
  readonly kind: 'feature';
  readonly input: string;
  readonly feature: string;
  readonly type: InferenceElementType;
  /** Default `[N]`; `[N, 1]` for column-vector inputs. */
  readonly shape?: 'N' | 'N,1';
}

/** One [N, k] ONNX input built from k numeric / boolean features in order (skl2onnx's `float_input`). */
export interface MatrixInputMapping {
  readonly kind: 'matrix';
  readonly input: string;
  readonly features: readonly string[];
  readonly type: 'float32' | 'float64';
}

export type InputMapping = FeatureInputMapping | MatrixInputMapping;

/** Where an output value lives: a 1-D output [N], or column `column` of an [N, k] output. */
export interface OutputRef {
  readonly output: string;
  readonly column?: number;
}

/**
 * The declared mapping, saved in the model's schema. Binary classifiers declare `probability` (P(positive class))
 * and optionally `label`; regressors declare `value`.
 */
export interface InferenceMapping {
  readonly inputs: readonly InputMapping[];
  readonly probability?: OutputRef;
  readonly label?: OutputRef;
  readonly value?: OutputRef;
}

/** One prediction; fields the mapping does not declare are null. */
export interface InferencePrediction {
  readonly probability: number | null;
  readonly label: string | number | null;
  readonly value: number | null;
}

export interface InferenceModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Predictions for rows (feature name → cell; absent / null = missing), in order. */
  predict(rows: readonly Readonly<Record<string, Cell>>[]): Promise<InferencePrediction[]>;
  /** Releases the runtime session. */
  close(): Promise<void>;
}

/** Loads a model file (bytes) with its declared mapping; the mapping is checked against the model's inputs/outputs. */
export interface InferenceModelLoader {
  load(model: Uint8Array, mapping: InferenceMapping): Promise<InferenceModel>;
}

/** Bad mapping, model file or input row: `field` names the mapping entry / feature, `reason` what is valid. */
export class InferenceModelError extends SchemaError {
  override readonly name: string = 'InferenceModelError';
}
