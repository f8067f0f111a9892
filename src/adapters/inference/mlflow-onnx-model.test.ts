import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MATRIX_LIKE,
  matrixClassifierGraph,
  matrixRegressorGraph,
  SKLEARN_LIKE,
  sklearnLikeGraph,
} from '../../../tests/support/onnx/byom-graphs.js';
import { InferenceModelError } from '../../models/inference/inference-mapping.js';
import type { OnnxModelProto } from '../../models/onnx/onnx-model-proto.js';
import { protobufjsOnnxCodec } from '../onnx/protobufjs-onnx-codec.js';
import { loadMlflowOnnxModel } from './mlflow-onnx-model.js';
import { onnxRuntimeModelLoader } from './onnx-runtime-model-loader.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** An MLflow model directory as mlflow.onnx.log_model writes it (MLmodel YAML with the signature as JSON text). */
async function modelDirectory(
  model: OnnxModelProto | Uint8Array,
  signatureInputs: object[] | null,
  flavors = 'onnx',
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'driftguard-byom-'));
  dirs.push(dir);
  const signature =
    signatureInputs === null
      ? ''
      : `signature:\n  inputs: '${JSON.stringify(signatureInputs)}'\n  outputs: null\n  params: null\n`;
  const onnxFlavor =
    flavors === 'onnx' ? '  onnx:\n    code: null\n    data: model.onnx\n    onnx_version: 1.23.2\n' : '';
  await writeFile(
    join(dir, 'MLmodel'),
    `artifact_path: model\nflavors:\n${onnxFlavor}  python_function:\n    loader_module: mlflow.onnx\nmlflow_version: 3.17.2\nmodel_id: m-0123\nrun_id: abc\n${signature}`,
  );
  await writeFile(join(dir, 'model.onnx'), model instanceof Uint8Array ? model : protobufjsOnnxCodec.encode(model));
  return dir;
}

describe('loadMlflowOnnxModel (onnxruntime-node)', () => {
  it('serves a ZipMap classifier with per-column float / int64 / string inputs, inferring everything', async () => {
    const dir = await modelDirectory(sklearnLikeGraph(), [
      { type: 'float', name: 'age' },
      { type: 'long', name: 'tenure' },
      { type: 'string', name: 'city' },
    ]);
    const loaded = await onnxRuntimeModelLoader.loadMlflowModel(dir);
    expect(loaded.source).toEqual({ flavor: 'onnx', file: 'model.onnx', runId: 'abc', modelId: 'm-0123' });
    expect(loaded.description).toMatchObject({ task: 'binary', classLabels: ['no', 'yes'], positiveClass: 'yes' });
    const rows = [
      { age: 30, tenure: 4, city: 'lyon' },
      { age: 61.5, tenure: 20, city: 'paris' },
      { age: 45, tenure: 0, city: 'marseille' }, // unseen category
    ];
    const predictions = await loaded.model.predict(rows);
    predictions.forEach((p, i) => {
      const expected = SKLEARN_LIKE.probability(rows[i]);
      expect(Math.abs((p.probability as number) - expected)).toBeLessThan(1e-6);
      expect(p.label).toBe(expected > 0.5 ? 'yes' : 'no');
      expect(p.value).toBeNull();
    });
    await expect(loaded.model.predict([{ age: 30, tenure: 2.5, city: 'lyon' }])).rejects.toThrow(
      /tenure: row 0: int64 input needs an integer, got 2.5/,
    );
    expect(await loaded.model.health()).toEqual({ ready: true });
    await loaded.model.close();
    expect(await loaded.model.health()).toEqual({ ready: false, reason: 'the ONNX session was closed' });
  });

  it("feeds a matrix input in the signature's column order, and a regressor's [N, 1] output as the value", async () => {
    const classifier = await loadMlflowOnnxModel(
      await modelDirectory(
        matrixClassifierGraph(),
        ['c', 'a', 'b'].map((name) => ({ type: 'float', name })),
      ),
    );
    const [p] = await classifier.model.predict([{ a: 2, b: 0, c: 1 }]); // matrix row [c, a, b] = [1, 2, 0]
    const z =
      MATRIX_LIKE.weights[0] * 1 + MATRIX_LIKE.weights[1] * 2 + MATRIX_LIKE.weights[2] * 0 + MATRIX_LIKE.intercept;
    expect(p.probability).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
    expect(p.label).toBe(z > 0 ? 1 : 0);
    await classifier.model.close();
    const regressor = await loadMlflowOnnxModel(
      await modelDirectory(matrixRegressorGraph(), [
        { type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 2] } },
      ]),
      { features: ['u', 'v'] },
    );
    expect(
      await regressor.model.predict([
        { u: 2, v: 1 },
        { u: -1, v: 0.5 },
      ]),
    ).toEqual([
      { probability: null, label: null, value: 6 },
      { probability: null, label: null, value: -2.5 },
    ]);
    await regressor.model.close();
  });

  it('refuses a directory without an onnx flavor (pointing at endpoints), a missing MLmodel, and bytes that are not ONNX', async () => {
    const pyfunc = await modelDirectory(sklearnLikeGraph(), null, 'python_function');
    await expect(loadMlflowOnnxModel(pyfunc)).rejects.toThrow(
      /MLmodel: flavors: no onnx flavor \(flavors: python_function\); serve this model through its HTTP scoring endpoint/,
    );
    await expect(loadMlflowOnnxModel(join(pyfunc, 'nowhere'))).rejects.toThrow(
      /MLmodel: cannot read the MLflow model file: ENOENT/,
    );
    const garbage = await modelDirectory(new Uint8Array([0xff, 0xff, 0xff]), null);
    await expect(loadMlflowOnnxModel(garbage)).rejects.toThrow(InferenceModelError);
    await expect(loadMlflowOnnxModel(garbage)).rejects.toThrow(/model\.onnx: model: not an ONNX model/);
    const noFeatures = await modelDirectory(matrixRegressorGraph(), null);
    await expect(loadMlflowOnnxModel(noFeatures)).rejects.toThrow(
      /model\.onnx: inputs\.input: one matrix input \[\?, 2\] and a signature without column names/,
    );
  });
});
