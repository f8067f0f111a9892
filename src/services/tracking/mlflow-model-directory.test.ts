import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import { tinyLogisticOnnx, tinyLogisticScores } from '../../../tests/support/services/tiny-logistic-onnx.js';
import {
  buildMlflowModelDirectory,
  buildMlmodelYaml,
  type MlflowModelDirectoryOptions,
} from './mlflow-model-directory.js';

const run = promisify(execFile);
const python = join(process.cwd(), '.venv/bin/python');
const weights = [0.5, -1.25, 2];
const bias = 0.1;

const options: MlflowModelDirectoryOptions = {
  onnxModel: tinyLogisticOnnx(weights, bias),
  signature: {
    inputs: ['age', 'income', 'debt_ratio'].map((name) => ({ kind: 'column' as const, name, type: 'double' as const })),
    outputs: [{ kind: 'tensor', name: 'probability', dtype: 'float32', shape: [-1, 1] }],
  },
  createdAtMs: Date.UTC(2026, 10, 26, 23, 30, 0),
  runId: 'abc123',
  driftguardModel: { kind: 'logistic', weights },
  driftReport: { driftShare: 0.5 },
};

describe('buildMlflowModelDirectory', () => {
  it('writes MLmodel with the onnx and python_function flavors, a signature and the driftguard files', () => {
    const files = buildMlflowModelDirectory(options);
    expect(files.map((f) => f.path)).toEqual([
      'MLmodel',
      'model.onnx',
      'requirements.txt',
      'python_env.yaml',
      'conda.yaml',
      'driftguard-model.json',
      'drift-report.json',
    ]);
    const mlmodel = files[0].content as string;
    expect(mlmodel).toContain('    loader_module: mlflow.onnx\n');
    expect(mlmodel).toContain(`model_size_bytes: ${options.onnxModel.byteLength}\n`);
    expect(mlmodel).toContain(
      `  inputs: '[{"type":"double","name":"age","required":true},{"type":"double","name":"income","required":true},{"type":"double","name":"debt_ratio","required":true}]'\n`,
    );
    expect(mlmodel).toContain(
      `  outputs: '[{"type":"tensor","name":"probability","tensor-spec":{"dtype":"float32","shape":[-1,1]}}]'\n`,
    );
    expect(mlmodel).toContain("utc_time_created: '2026-11-26 23:30:00.000000'\n");
    expect(files[2].content).toBe('mlflow==3.17.2\nonnxruntime>=1.17\nnumpy\npandas\n');
  });

  it('quotes YAML strings so a quote in a name cannot break the file', () => {
    const yaml = buildMlmodelYaml({
      ...options,
      signature: { ...options.signature, inputs: [{ kind: 'column', name: "o'clock", type: 'long' }] },
    });
    expect(yaml).toContain(`inputs: '[{"type":"long","name":"o''clock","required":true}]'`);
  });

  it('rejects an empty model, mixed or unnamed specs, and a bad time, naming the field', () => {
    expect(() => buildMlflowModelDirectory({ ...options, onnxModel: new Uint8Array() })).toThrow(/onnxModel: empty/);
    expect(() =>
      buildMlmodelYaml({ ...options, signature: { inputs: [], outputs: options.signature.outputs } }),
    ).toThrow(/signature\.inputs: at least one/);
    expect(() =>
      buildMlmodelYaml({
        ...options,
        signature: {
          inputs: [options.signature.inputs[0], { kind: 'tensor', dtype: 'float32', shape: [-1] }],
          outputs: options.signature.outputs,
        },
      }),
    ).toThrow(/mixes column and tensor/);
    expect(() => buildMlmodelYaml({ ...options, createdAtMs: Number.NaN })).toThrow(/createdAtMs/);
  });
});

const mlflowPython = {
  name: 'Python venv with mlflow (.venv)',
  async available(): Promise<string | null> {
    if (!existsSync(python))
      return `${python} does not exist (create the venv: pip install -r tests/oracle/requirements.txt)`;
    return null;
  },
};

describeWithComponent('the model directory loads in Python MLflow', mlflowPython, () => {
  it('mlflow.pyfunc.load_model(dir).predict(df) equals the float32 logistic score within 1e-5', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftguard-mlflow-model-'));
    try {
      for (const file of buildMlflowModelDirectory(options)) await writeFile(join(dir, file.path), file.content);
      const rows = [
        [35, 0.4, 0.2],
        [52, 1.7, 0.9],
        [23, -0.3, 0.05],
      ];
      const script = [
        'import json, sys, pandas as pd, mlflow.pyfunc',
        'from mlflow.models import Model',
        'rows = json.loads(sys.argv[2])',
        'm = mlflow.pyfunc.load_model(sys.argv[1])',
        "out = m.predict(pd.DataFrame(rows, columns=['age', 'income', 'debt_ratio'], dtype='float64'))",
        'meta = Model.load(sys.argv[1])',
        "print(json.dumps({'pred': [float(v) for v in out['probability']], 'inputs': meta.signature.inputs.input_names(), 'flavors': sorted(meta.flavors)}))",
      ].join('\n');
      const { stdout } = await run(python, ['-c', script, dir, JSON.stringify(rows)], { timeout: 120_000 });
      const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
        pred: number[];
        inputs: string[];
        flavors: string[];
      };
      expect(result.inputs).toEqual(['age', 'income', 'debt_ratio']);
      expect(result.flavors).toEqual(['onnx', 'python_function']);
      const expected = tinyLogisticScores(rows, weights, bias);
      result.pred.forEach((p, i) => expect(Math.abs(p - expected[i])).toBeLessThan(1e-5));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
