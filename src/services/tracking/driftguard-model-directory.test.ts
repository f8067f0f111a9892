import { describe, expect, it } from 'vitest';
import { syntheticTable } from '../../../tests/support/models/synthetic-data.js';
import { protobufjsOnnxCodec } from '../../adapters/onnx/protobufjs-onnx-codec.js';
import { gbdtTrainer } from '../../models/gbdt-trainer.js';
import { logisticTrainer } from '../../models/logistic-trainer.js';
import { buildDriftguardModelDirectory, mlflowSignatureOf } from './driftguard-model-directory.js';

const table = syntheticTable({ rows: 300, numericFeatures: 2, mixed: true, missingRate: 0.05, seed: 3 });

describe('buildDriftguardModelDirectory', () => {
  it('derives the signature from the model: double for numeric / boolean, string for categorical, 1-D outputs', () => {
    const model = logisticTrainer.fit({ table, target: 'label', task: 'binary' }, null, {}, 0).model;
    const signature = mlflowSignatureOf(model);
    expect(signature.inputs.map((s) => [s.name, s.type])).toEqual(
      model.preprocessing.transforms.map((t) => [t.name, t.kind === 'categorical' ? 'string' : 'double']),
    );
    expect(signature.inputs.map((s) => s.type)).toContain('string');
    expect(signature.outputs.map((s) => [s.name, s.dtype, s.shape])).toEqual([
      ['label', 'int64', [-1]],
      ['probability', 'float32', [-1]],
    ]);
    const regression = gbdtTrainer.fit(
      {
        table: syntheticTable({ rows: 200, numericFeatures: 2, seed: 4, task: 'regression' }),
        target: 'y',
        task: 'regression',
      },
      null,
      { maxIterations: 5 },
      0,
    ).model;
    expect(mlflowSignatureOf(regression).outputs.map((s) => s.name)).toEqual(['prediction']);
  });

  it('writes model.onnx, MLmodel and the driftguard JSON model that round-trips', () => {
    const model = logisticTrainer.fit({ table, target: 'label', task: 'binary' }, null, {}, 0).model;
    const files = buildDriftguardModelDirectory({
      model,
      codec: protobufjsOnnxCodec,
      createdAtMs: 0,
      driftReport: { share: 0.4 },
    });
    expect(files.map((f) => f.path)).toEqual([
      'MLmodel',
      'model.onnx',
      'requirements.txt',
      'python_env.yaml',
      'conda.yaml',
      'driftguard-model.json',
      'drift-report.json',
    ]);
    expect((files[1].content as Uint8Array).byteLength).toBeGreaterThan(100);
    expect(JSON.parse(files[5].content as string)).toEqual(JSON.parse(JSON.stringify(model.toJSON())));
  });
});
