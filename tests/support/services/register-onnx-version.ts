/**
 * Test helper: registers an ONNX graph as a model version the way `mlflow.onnx.log_model(..., registered_model_name=…)`
 * leaves it — a run whose `model/` holds `MLmodel` (onnx + python_function flavors, a column signature) and
 * `model.onnx`, and a version whose source is that directory — optionally with an alias. No driftguard-model.json:
 * driftguard did not train it.
 */
import { protobufjsOnnxCodec } from '../../../src/adapters/onnx/protobufjs-onnx-codec.js';
import type { OnnxModelProto } from '../../../src/models/onnx/onnx-model-proto.js';
import type { ModelVersion } from '../../../src/ports/model-registry.js';
import type { TrackingBackend } from '../../../src/ports/tracking-backend.js';

export async function registerOnnxVersion(
  backend: TrackingBackend,
  name: string,
  graph: OnnxModelProto,
  options: {
    signature?: readonly { type: string; name: string }[];
    alias?: string;
    tags?: Record<string, string>;
  } = {},
): Promise<ModelVersion> {
  const experiment = await backend.tracking.ensureExperiment(`${name}-user-runs`);
  const run = await backend.tracking.createRun({
    experimentId: experiment.experimentId,
    runName: 'user training',
    startTimeMs: Date.now(),
  });
  const signature =
    options.signature === undefined
      ? ''
      : `signature:\n  inputs: '${JSON.stringify(options.signature)}'\n  outputs: null\n  params: null\n`;
  await backend.tracking.logArtifacts(
    run.runId,
    [
      {
        path: 'MLmodel',
        content: `artifact_path: model\nflavors:\n  onnx:\n    code: null\n    data: model.onnx\n    onnx_version: 1.23.2\n  python_function:\n    loader_module: mlflow.onnx\nmlflow_version: 3.17.2\nrun_id: ${run.runId}\n${signature}`,
      },
      { path: 'model.onnx', content: protobufjsOnnxCodec.encode(graph) },
    ],
    'model',
  );
  await backend.tracking.terminateRun(run.runId, 'FINISHED', Date.now());
  await backend.registry.ensureRegisteredModel(name);
  const version = await backend.registry.createModelVersion({
    name,
    source: `${run.artifactUri.replace(/\/+$/, '')}/model`,
    runId: run.runId,
    tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
  });
  if (options.alias !== undefined) await backend.registry.setAlias(name, options.alias, version.version);
  return version;
}
