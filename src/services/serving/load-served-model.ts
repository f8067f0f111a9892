/**
 * Serving a model driftguard did not train, from what its definition declares: a registry version's onnx flavor
 * (the mapping inferred from graph and signature, the definition's hints applied) or the user's endpoint.
 */
import type { EndpointFeature, EndpointServing } from '../../models/inference/endpoint-serving.js';
import { positiveClassOf } from '../../models/inference/positive-class.js';
import type { OnnxMappingOptions } from '../../ports/inference-model.js';
import type { InferenceModelSource } from '../../ports/inference-model-source.js';
import { declaredFeatureOrder, type MonitoredModelDefinition } from '../config/monitored-model-definition.js';
import type { ServedModel } from './served-model.js';

const taskOf = (definition: MonitoredModelDefinition | null): 'binary' | 'regression' | undefined =>
  definition?.task === undefined ? undefined : definition.task === 'regression' ? 'regression' : 'binary';

/** The hints a definition gives the ONNX mapping: the matrix column order, the positive class, class labels, task. */
export function onnxMappingOptionsOf(definition: MonitoredModelDefinition | null): OnnxMappingOptions {
  const registry = definition?.serving?.type === 'registry' ? definition.serving : undefined;
  const task = taskOf(definition);
  return {
    // Only an explicit order: the keys of `features` are not kept in order by every store.
    ...(definition?.featureOrder === undefined ? {} : { features: definition.featureOrder }),
    ...(registry?.positiveClass === undefined ? {} : { positiveClass: registry.positiveClass }),
    ...(registry?.classLabels === undefined ? {} : { classLabels: registry.classLabels }),
    ...(task === undefined ? {} : { task }),
  };
}

/** Downloads and loads a registry version with an onnx flavor. */
export async function onnxServedModel(
  source: InferenceModelSource,
  name: string,
  version: string,
  definition: MonitoredModelDefinition | null,
): Promise<ServedModel> {
  const loaded = await source.loadRegisteredVersion(name, version, onnxMappingOptionsOf(definition));
  const { description } = loaded;
  return {
    flavor: 'onnx',
    task: description.task,
    features: description.features.map((f) => f.name),
    featureTypes: Object.fromEntries(
      description.features.map((f) => [
        f.name,
        f.type === 'int64' ? 'integer' : f.type === 'string' ? 'string' : 'number',
      ]),
    ),
    classLabels: description.classLabels,
    positiveClass: description.positiveClass,
    inference: loaded.model,
    fitted: null,
    notes: [...description.graphChanges],
  };
}

const ENDPOINT_TYPES = { numeric: 'float64', categorical: 'string', boolean: 'bool' } as const;

/** The features an endpoint is sent, in the definition's order, typed by their declared kind (else as logged). */
export function endpointFeaturesOf(definition: MonitoredModelDefinition): EndpointFeature[] {
  return (declaredFeatureOrder(definition) ?? []).map((name) => {
    const kind = definition.features?.[name]?.kind;
    return { name, type: kind === undefined ? 'json' : ENDPOINT_TYPES[kind] };
  });
}

/** The user's endpoint as the served model. */
export function endpointServedModel(
  source: InferenceModelSource,
  definition: MonitoredModelDefinition,
  serving: EndpointServing,
): ServedModel {
  const task = taskOf(definition) ?? 'binary';
  const features = endpointFeaturesOf(definition);
  const classLabels = task === 'binary' ? (serving.classLabels ?? null) : null;
  return {
    flavor: 'endpoint',
    task,
    features: features.map((f) => f.name),
    featureTypes: Object.fromEntries(
      features.flatMap((f) =>
        f.type === 'json' ? [] : [[f.name, f.type === 'float64' ? 'number' : f.type === 'bool' ? 'boolean' : 'string']],
      ),
    ),
    classLabels,
    positiveClass:
      task !== 'binary'
        ? null
        : classLabels === null
          ? (serving.positiveClass ?? null)
          : positiveClassOf(classLabels, serving.positiveClass),
    inference: source.endpointModel({ serving, features, task }),
    fitted: null,
    notes: [`${serving.protocol} protocol at ${serving.url}`],
  };
}
