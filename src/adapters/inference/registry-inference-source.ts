/**
 * InferenceModelSource on the model registry, onnxruntime-node and the HTTP endpoint adapter: a registry version is
 * downloaded into a scratch directory, loaded (the graph lives in memory from then on) and the directory removed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InferenceModelLoader } from '../../ports/inference-model.js';
import type { InferenceModelSource } from '../../ports/inference-model-source.js';
import type { ModelRegistry } from '../../ports/model-registry.js';
import { createHttpEndpointModel } from './endpoint/http-endpoint-model.js';
import { onnxRuntimeModelLoader } from './onnx-runtime-model-loader.js';

export interface RegistryInferenceSourceOptions {
  readonly registry: ModelRegistry;
  /** Default: onnxruntime-node. */
  readonly loader?: InferenceModelLoader;
  /** Parent of the scratch directories (default: the OS temp dir). */
  readonly scratchDir?: string;
}

export function createRegistryInferenceSource(options: RegistryInferenceSourceOptions): InferenceModelSource {
  const loader = options.loader ?? onnxRuntimeModelLoader;
  return {
    async loadRegisteredVersion(name, version, mapping) {
      const dir = await mkdtemp(join(options.scratchDir ?? tmpdir(), 'driftguard-model-'));
      try {
        await options.registry.downloadModelVersion(name, version, dir);
        return await loader.loadMlflowModel(dir, mapping);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    endpointModel(request) {
      return createHttpEndpointModel(request);
    },
  };
}
