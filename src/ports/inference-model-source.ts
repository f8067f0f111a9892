/**
 * Where the models driftguard did not train come from when it serves them (issue 15): a registry version with an
 * `onnx` flavor, downloaded and run in-process with an inferred input mapping, or the user's HTTP scoring endpoint.
 * The serving service picks one per monitored model; compose.ts picks the adapter.
 */
import type { EndpointFeature, EndpointServing } from '../models/inference/endpoint-serving.js';
import type { InferenceModel, LoadedInferenceModel, OnnxMappingOptions } from './inference-model.js';

export interface EndpointModelRequest {
  readonly serving: EndpointServing;
  /** The features sent, in order, with the JSON type of their values. */
  readonly features: readonly EndpointFeature[];
  readonly task: 'binary' | 'regression';
}

export interface InferenceModelSource {
  /**
   * Downloads version `version` of registered model `name` (ModelRegistry.downloadModelVersion) and loads it for
   * serving with a mapping inferred from its graph and signature (`options`: the model entry's hints). A version
   * without an onnx flavor → InferenceModelError saying to serve it through an endpoint; a registry outage →
   * TrackingError.
   */
  loadRegisteredVersion(name: string, version: string, options?: OnnxMappingOptions): Promise<LoadedInferenceModel>;
  /** The model behind the user's endpoint; a declaration that breaks a rule → InferenceModelError naming the field. */
  endpointModel(request: EndpointModelRequest): InferenceModel;
}
