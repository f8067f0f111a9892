/**
 * The MLflow model directory of a trained driftguard model: ONNX export (models core), an MLflow signature derived
 * from the model schema, and driftguard's JSON model plus the reports that explain the version.
 */

import type { FittedModel, SerializedModel } from '../../models/model-types.js';
import { onnxModelProtoOf } from '../../models/onnx/export-onnx.js';
import type { OnnxCodec } from '../../ports/onnx-codec.js';
import type { ArtifactFile } from '../../ports/tracking-store.js';
import { buildMlflowModelDirectory, type MlflowColumnSpec, type MlflowTensorSpec } from './mlflow-model-directory.js';

/**
 * The signature matching onnxModelProtoOf's graph: one column per feature in preprocessing order — numeric and boolean
 * features `double` (booleans as 0 / 1, NaN = missing), categorical features `string` ("" = missing) — and 1-D
 * tensor outputs: binary → `label` int64 and `probability` float32 (P(classLabels[1])); regression → `prediction`.
 */
export function mlflowSignatureOf(model: FittedModel | SerializedModel): {
  inputs: MlflowColumnSpec[];
  outputs: MlflowTensorSpec[];
} {
  const spec = 'toJSON' in model ? model.toJSON() : model;
  const inputs = spec.preprocessing.transforms.map(
    (t): MlflowColumnSpec => ({ kind: 'column', name: t.name, type: t.kind === 'categorical' ? 'string' : 'double' }),
  );
  const outputs: MlflowTensorSpec[] =
    spec.schema.task === 'binary'
      ? [
          { kind: 'tensor', name: 'label', dtype: 'int64', shape: [-1] },
          { kind: 'tensor', name: 'probability', dtype: 'float32', shape: [-1] },
        ]
      : [{ kind: 'tensor', name: 'prediction', dtype: 'float32', shape: [-1] }];
  return { inputs, outputs };
}

export interface DriftguardModelDirectoryOptions {
  readonly model: FittedModel | SerializedModel;
  /** Encodes `model.onnx` (protobufjs with onnx-ml.proto; picked in compose.ts). */
  readonly codec: OnnxCodec;
  readonly createdAtMs: number;
  readonly runId?: string;
  readonly referenceProfile?: unknown;
  readonly evaluationReport?: unknown;
  readonly driftReport?: unknown;
  /** Default `3.11`. */
  readonly pythonVersion?: string;
  /** Default `3.17.2`. */
  readonly mlflowVersion?: string;
}

/** Files of the model directory (MLmodel, model.onnx, env files, driftguard-model.json, reports), to upload under `model/`. */
export function buildDriftguardModelDirectory(options: DriftguardModelDirectoryOptions): ArtifactFile[] {
  const serialized = 'toJSON' in options.model ? options.model.toJSON() : options.model;
  return buildMlflowModelDirectory({
    onnxModel: options.codec.encode(onnxModelProtoOf(serialized)),
    signature: mlflowSignatureOf(serialized),
    createdAtMs: options.createdAtMs,
    driftguardModel: serialized,
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.referenceProfile !== undefined ? { referenceProfile: options.referenceProfile } : {}),
    ...(options.evaluationReport !== undefined ? { evaluationReport: options.evaluationReport } : {}),
    ...(options.driftReport !== undefined ? { driftReport: options.driftReport } : {}),
    ...(options.pythonVersion ? { pythonVersion: options.pythonVersion } : {}),
    ...(options.mlflowVersion ? { mlflowVersion: options.mlflowVersion } : {}),
  });
}
