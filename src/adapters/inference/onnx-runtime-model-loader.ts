/** The InferenceModelLoader on onnxruntime-node: declared mappings, and MLflow model directories with an onnx flavor. */
import type { InferenceModelLoader } from '../../ports/inference-model.js';
import { loadMlflowOnnxModel } from './mlflow-onnx-model.js';
import { createOnnxRuntimeModel } from './onnx-runtime-model.js';

export const onnxRuntimeModelLoader: InferenceModelLoader = {
  load: createOnnxRuntimeModel,
  loadMlflowModel: (dir, options) => loadMlflowOnnxModel(dir, options),
};
