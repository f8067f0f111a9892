/**
 * How driftguard's feature rows map onto a model's inputs and which outputs hold the prediction — declared in a
 * model's config, or inferred from an ONNX graph and its MLflow signature (infer-onnx-mapping.ts). Shared by the
 * inference-model port and the pure mapping rules, so it lives in the domain.
 */
import { SchemaError } from '../../domain/schema-error.js';

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

/** Where an output value lives: a 1-D output [N] (or [N, 1]), or column `column` of an [N, k] output. */
export interface OutputRef {
  readonly output: string;
  readonly column?: number;
}

/**
 * The mapping. Binary classifiers have `probability` (P(positive class)) and optionally `label`; regressors `value`.
 */
export interface InferenceMapping {
  readonly inputs: readonly InputMapping[];
  readonly probability?: OutputRef;
  readonly label?: OutputRef;
  readonly value?: OutputRef;
}

/** A class label as the model emits it: a string, or an integer (int64 labels). */
export type ClassLabel = string | number;

/** What driftguard learned about a model it did not train, beside the mapping. */
export interface InferenceModelDescription {
  readonly task: 'binary' | 'regression';
  /** The features the model reads, in the model's order, with the element type each is fed as. */
  readonly features: readonly { readonly name: string; readonly type: InferenceElementType }[];
  /** Binary: the class labels in the probability tensor's column order; regression: null. */
  readonly classLabels: readonly ClassLabel[] | null;
  /** Binary: the class whose probability is the score; regression: null. */
  readonly positiveClass: ClassLabel | null;
  /** Changes made to the graph so onnxruntime can return it, in words (e.g. the ZipMap removal); empty if none. */
  readonly graphChanges: readonly string[];
}

/** Bad mapping, model file or input row: `field` names the mapping entry / feature, `reason` what is valid. */
export class InferenceModelError extends SchemaError {
  override readonly name: string = 'InferenceModelError';
}
