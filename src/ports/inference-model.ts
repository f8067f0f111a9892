/**
 * The inference-model port: serving a model that driftguard did not train — an ONNX graph run in-process (e.g. a
 * scikit-learn pipeline exported with skl2onnx, registered with `mlflow.onnx.log_model`), or a model behind an HTTP
 * scoring endpoint the user runs (MLflow `/invocations`, KServe v2). How feature rows map onto the model's inputs
 * and which outputs hold the prediction is an `InferenceMapping`: inferred from an MLflow model directory's graph
 * and signature, or declared. Every method is async. Bad input → InferenceModelError (the caller's fault: 4xx);
 * a model that cannot answer now → InferenceUnavailableError (503, and `/readyz` says why).
 */
import type { Cell } from '../domain/data-table.js';
import type { OnnxMappingOptions } from '../models/inference/infer-onnx-mapping.js';
import type { InferenceMapping, InferenceModelDescription } from '../models/inference/inference-mapping.js';

export type { OnnxMappingOptions } from '../models/inference/infer-onnx-mapping.js';
export type {
  ClassLabel,
  FeatureInputMapping,
  InferenceElementType,
  InferenceMapping,
  InferenceModelDescription,
  InputMapping,
  MatrixInputMapping,
  OutputRef,
} from '../models/inference/inference-mapping.js';

/** One prediction; fields the model does not produce are null. `label` is the class label as the model emits it. */
export interface InferencePrediction {
  readonly probability: number | null;
  readonly label: string | number | null;
  readonly value: number | null;
}

/** Whether the model can answer now; when not, `reason` says why in one sentence (for `/readyz`). */
export type InferenceHealth = { readonly ready: true } | { readonly ready: false; readonly reason: string };

export interface InferenceModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Predictions for rows (feature name → cell; absent / null = missing), in order. */
  predict(rows: readonly Readonly<Record<string, Cell>>[]): Promise<InferencePrediction[]>;
  /** In-process models are ready until closed; endpoints are probed (and report an open circuit breaker). */
  health(): Promise<InferenceHealth>;
  /** Releases the runtime session / stops probing. */
  close(): Promise<void>;
}

/** An MLflow model directory loaded for serving, with what was inferred about it. */
export interface LoadedInferenceModel {
  readonly model: InferenceModel;
  readonly mapping: InferenceMapping;
  readonly description: InferenceModelDescription;
  /** From `MLmodel`: the flavor served, its file, and the ids MLflow recorded (null when absent). */
  readonly source: {
    readonly flavor: 'onnx';
    readonly file: string;
    readonly runId: string | null;
    readonly modelId: string | null;
  };
}

export interface InferenceModelLoader {
  /** Loads a model file (bytes) with a declared mapping, checked against the model's inputs / outputs. */
  load(model: Uint8Array, mapping: InferenceMapping): Promise<InferenceModel>;
  /**
   * Loads an MLflow model directory (`MLmodel` with an `onnx` flavor, e.g. from ModelRegistry.downloadModelVersion)
   * with no declared mapping: it is inferred from the graph and the signature (`options` = the model entry's hints).
   * A directory without an onnx flavor → InferenceModelError saying to serve it through an endpoint.
   */
  loadMlflowModel(dir: string, options?: OnnxMappingOptions): Promise<LoadedInferenceModel>;
}

/** The model cannot answer now (endpoint down, timed out, circuit open): `reason` says why, for logs and `/readyz`. */
export class InferenceUnavailableError extends Error {
  override readonly name = 'InferenceUnavailableError';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}
