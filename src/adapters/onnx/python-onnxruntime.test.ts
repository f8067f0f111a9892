import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import { sliceTable, syntheticTable } from '../../../tests/support/models/synthetic-data.js';
import { gbdtTrainer } from '../../models/gbdt-trainer.js';
import { logisticTrainer } from '../../models/logistic-trainer.js';
import type { FittedModel } from '../../models/model-types.js';
import { onnxModelProtoOf } from '../../models/onnx/export-onnx.js';
import { onnxFeeds } from '../../models/onnx/onnx-feeds.js';
import { protobufjsOnnxCodec } from './protobufjs-onnx-codec.js';

const PYTHON = fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../../tests/models/run_onnx.py', import.meta.url));

const pythonOnnxRuntime = {
  name: 'python onnxruntime',
  available: async (): Promise<string | null> => {
    try {
      const probe =
        'import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ("onnxruntime", "pandas", "mlflow")) else 1)';
      execFileSync(PYTHON, ['-c', probe], { stdio: 'pipe' });
      return null;
    } catch (error) {
      return `${PYTHON} cannot import onnxruntime / pandas / mlflow: ${(error as Error).message.split('\n')[0]}`;
    }
  },
};

describeWithComponent('the same .onnx file in Python onnxruntime and MLflow onnx pyfunc', pythonOnnxRuntime, () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftguard-onnx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const all = syntheticTable({ rows: 1300, numericFeatures: 4, mixed: true, missingRate: 0.08, seed: 31 });
  const train = sliceTable(all, 0, 1000);
  const test = sliceTable(all, 1000, 1300);
  const data = { table: train, target: 'label', task: 'binary' as const };
  const models: [string, FittedModel][] = [
    ['logistic', logisticTrainer.fit(data, null, {}, 0).model],
    ['gbdt', gbdtTrainer.fit(data, null, { maxIterations: 50 }, 0).model],
  ];
  type Outputs = Record<string, number[]>;
  let results: Record<string, { ort: Outputs; pyfunc: Outputs }> = {};
  beforeAll(() => {
    const feedsPath = join(dir, 'feeds.json');
    const feeds = Object.fromEntries(
      Object.entries(onnxFeeds(models[0][1], test)).map(([k, f]) => [
        k,
        {
          type: f.type,
          values: Array.from(f.values as ArrayLike<number | string>, (v) =>
            typeof v === 'number' && Number.isNaN(v) ? null : v,
          ),
        },
      ]),
    );
    writeFileSync(feedsPath, JSON.stringify(feeds));
    const paths = models.map(([name, model]) => {
      const path = join(dir, `${name}.onnx`);
      writeFileSync(path, protobufjsOnnxCodec.encode(onnxModelProtoOf(model)));
      return path;
    });
    const byPath = JSON.parse(
      execFileSync(PYTHON, [SCRIPT, feedsPath, ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    );
    results = Object.fromEntries(models.map(([name], i) => [name, byPath[paths[i]]]));
  });
  for (const [name, model] of models) {
    it(`${name}: Python probabilities equal driftguard's within 1e-5 (plain feeds and pandas DataFrame)`, () => {
      const native = model.predictProbaBatch(test);
      for (const source of [results[name].ort, results[name].pyfunc]) {
        expect(source.probability).toHaveLength(test.rowCount);
        let max = 0;
        source.probability.forEach((p, i) => (max = Math.max(max, Math.abs(p - native[i]))));
        expect(max).toBeLessThan(1e-5);
        expect(source.label).toEqual(Array.from(model.predictBatch(test)));
      }
    });
  }
});
