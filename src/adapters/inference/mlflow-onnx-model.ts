/**
 * Serving an MLflow model directory with an `onnx` flavor (what `mlflow.onnx.log_model` writes for skl2onnx,
 * onnxmltools and torch.onnx exports) with no declared mapping: MLmodel (YAML) → the graph (protobufjs) → the mapping
 * inferred from graph + signature (domain/inference/infer-onnx-mapping.ts), ZipMaps removed when present → an
 * onnxruntime-node session. Models with external tensor data files are not supported (the graph is loaded from bytes).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { SchemaError } from '../../domain/schema-error.js';
import { inferOnnxMapping, type OnnxMappingOptions } from '../../models/inference/infer-onnx-mapping.js';
import { InferenceModelError } from '../../models/inference/inference-mapping.js';
import type { LoadedInferenceModel } from '../../ports/inference-model.js';
import type { OnnxCodec } from '../../ports/onnx-codec.js';
import { protobufjsOnnxCodec } from '../onnx/protobufjs-onnx-codec.js';
import { createOnnxRuntimeModel } from './onnx-runtime-model.js';
import { readMlmodel } from './read-mlmodel.js';

/** Re-throws a domain SchemaError as an InferenceModelError whose field starts with `where`. */
function within<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SchemaError && !(error instanceof InferenceModelError))
      throw new InferenceModelError(`${where}: ${error.field}`, error.reason);
    if (error instanceof InferenceModelError) throw new InferenceModelError(`${where}: ${error.field}`, error.reason);
    throw error;
  }
}

/** Loads `dir` (an MLflow model directory) for serving; see the file comment. `options`: the model entry's hints. */
export async function loadMlflowOnnxModel(
  dir: string,
  options: OnnxMappingOptions = {},
  codec: OnnxCodec = protobufjsOnnxCodec,
): Promise<LoadedInferenceModel> {
  const mlmodel = await readMlmodel(dir);
  const onnx = mlmodel.flavors.onnx;
  if (onnx === undefined) {
    throw new InferenceModelError(
      `${join(dir, 'MLmodel')}: flavors`,
      `no onnx flavor (flavors: ${Object.keys(mlmodel.flavors).join(', ')}); serve this model through its HTTP scoring endpoint instead: "serving": {"type": "endpoint", "url": …, "protocol": "mlflow" | "kserve-v2"}`,
    );
  }
  const file = typeof onnx.data === 'string' ? onnx.data : 'model.onnx';
  if (isAbsolute(file) || normalize(file).startsWith('..'))
    throw new InferenceModelError(
      `${join(dir, 'MLmodel')}: flavors.onnx.data`,
      `${file} is outside the model directory`,
    );
  const path = join(dir, file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InferenceModelError(
      path,
      `cannot read the ONNX file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const inferred = within(path, () => inferOnnxMapping(codec.decode(bytes), mlmodel.signature, options));
  const runnable = inferred.description.graphChanges.length > 0 ? codec.encode(inferred.model) : bytes;
  const model = await createOnnxRuntimeModel(runnable, inferred.mapping);
  return {
    model,
    mapping: inferred.mapping,
    description: inferred.description,
    source: { flavor: 'onnx', file, runId: mlmodel.runId, modelId: mlmodel.modelId },
  };
}
