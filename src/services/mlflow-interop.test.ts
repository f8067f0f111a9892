/**
 * Interoperability with Python MLflow through a real server: driftguard logs + registers a model directory, sets
 * `champion`, and `mlflow.pyfunc.load_model("models:/<name>@champion").predict(df)` must reproduce driftguard's
 * scores within 1e-5.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithComponent } from '../../tests/support/components.js';
import { createMlflowBackend } from '../adapters/tracking/mlflow/mlflow-backend.js';
import { buildMlflowModelDirectory } from './mlflow-model-directory.js';
import { predictWithPyfunc } from './test-support/predict-with-pyfunc.js';
import { tinyLogisticOnnx, tinyLogisticScores } from './test-support/tiny-logistic-onnx.js';
import { trackTrainingRun } from './track-training-run.js';

const python = join(process.cwd(), '.venv/bin/python');
const trackingUri = process.env.MLFLOW_TRACKING_URI ?? '';

const mlflowWithPython = {
  name: 'MLflow server + Python mlflow (.venv)',
  async available(): Promise<string | null> {
    if (!/^https?:\/\//.test(trackingUri)) return 'MLFLOW_TRACKING_URI is not set to an http(s) URL (see .ci/start-mlflow.sh)';
    if (!existsSync(python)) return `${python} does not exist`;
    try {
      const response = await fetch(`${trackingUri.replace(/\/+$/, '')}/health`, { signal: AbortSignal.timeout(5000) });
      return response.ok ? null : `/health answered ${response.status}`;
    } catch (error) {
      return `/health unreachable: ${String(error)}`;
    }
  },
};

describeWithComponent('Python MLflow loads the champion driftguard registered', mlflowWithPython, () => {
  it('models:/<name>@champion predicts what driftguard computes (within 1e-5)', async () => {
    const backend = createMlflowBackend({ trackingUri });
    const weights = [0.8, -0.6, 1.5, 0.05];
    const bias = -0.3;
    const columns = ['age', 'income', 'debt_ratio', 'tenure'];
    const modelName = `interop-${randomUUID().slice(0, 8)}`;
    const base = { tracking: backend.tracking, registry: backend.registry, experimentName: 'driftguard-interop', runName: 'interop' };
    const directory = (w: number[], b: number) =>
      buildMlflowModelDirectory({
        onnxModel: tinyLogisticOnnx(w, b),
        signature: {
          inputs: columns.map((name) => ({ kind: 'column' as const, name, type: 'double' as const })),
          outputs: [{ kind: 'tensor', name: 'probability', dtype: 'float32', shape: [-1, 1] }],
        },
        createdAtMs: Date.now(),
      });
    // v1 is a different model: the alias, not "latest", must decide what Python loads.
    await trackTrainingRun({ ...base, modelFiles: directory([1, 1, 1, 1], 0), register: { modelName, alias: 'champion' } });
    const tracked = await trackTrainingRun({ ...base, modelFiles: directory(weights, bias), register: { modelName, alias: 'champion', reason: 'interop' } });
    await trackTrainingRun({ ...base, modelFiles: directory([-1, -1, -1, -1], 0), register: { modelName, alias: 'challenger' } });
    expect(tracked.version?.version).toBe('2');

    const rows = [[35, 0.4, 0.2, 3], [52, 1.7, 0.9, 10], [23, -0.3, 0.05, 0], [61, 2.2, 0.4, 25]];
    const predicted = await predictWithPyfunc({ python, trackingUri, modelUri: `models:/${modelName}@champion`, columns, rows, outputColumn: 'probability' });
    const expected = tinyLogisticScores(rows, weights, bias);
    expect(predicted).toHaveLength(rows.length);
    predicted.forEach((p, i) => expect(Math.abs(p - expected[i])).toBeLessThan(1e-5));
  });
});
