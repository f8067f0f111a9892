/**
 * Interoperability with Python MLflow through a real server: driftguard trains a model, logs + registers its
 * model directory, sets `champion`, and `mlflow.pyfunc.load_model("models:/<name>@champion").predict(df)` must reproduce driftguard's
 * scores within 1e-5.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import { mlflowServerMissing, mlflowTrackingUri } from '../../../tests/support/components/mlflow-server.js';
import { sliceTable, syntheticTable } from '../../../tests/support/models/synthetic-data.js';
import { predictWithPyfunc } from '../../../tests/support/services/predict-with-pyfunc.js';
import { protobufjsOnnxCodec } from '../../adapters/onnx/protobufjs-onnx-codec.js';
import { createMlflowBackend } from '../../adapters/tracking/mlflow/mlflow-backend.js';
import { requireCells } from '../../domain/data-table.js';
import { gbdtTrainer } from '../../models/gbdt-trainer.js';
import { logisticTrainer } from '../../models/logistic-trainer.js';
import type { FittedModel } from '../../models/model-types.js';
import { buildDriftguardModelDirectory } from './driftguard-model-directory.js';
import { trackModelRun } from './track-model-run.js';

const python = join(process.cwd(), '.venv/bin/python');
const trackingUri = mlflowTrackingUri;

const mlflowWithPython = {
  name: 'MLflow server + Python mlflow (.venv)',
  available: async (): Promise<string | null> =>
    existsSync(python) ? mlflowServerMissing() : `${python} does not exist`,
};

describeWithComponent('Python MLflow loads the champion driftguard registered', mlflowWithPython, () => {
  it('models:/<name>@champion of a driftguard-trained gbdt predicts what driftguard computes (within 1e-5)', async () => {
    const backend = createMlflowBackend({ trackingUri });
    const all = syntheticTable({ rows: 700, numericFeatures: 3, mixed: true, missingRate: 0.06, seed: 11 });
    const train = sliceTable(all, 0, 500);
    const validation = sliceTable(all, 500, 600);
    const test = sliceTable(all, 600, 700);
    const data = { table: train, target: 'label', task: 'binary' as const };
    const champion = gbdtTrainer.fit(data, validation, { maxIterations: 40 }, 0).model;
    const other = logisticTrainer.fit(data, null, {}, 0).model;
    const modelName = `interop-${randomUUID().slice(0, 8)}`;
    const base = {
      tracking: backend.tracking,
      registry: backend.registry,
      experimentName: 'driftguard-interop',
      runName: 'interop',
    };
    const files = (model: FittedModel) =>
      buildDriftguardModelDirectory({
        model,
        codec: protobufjsOnnxCodec,
        createdAtMs: Date.now(),
        evaluationReport: { note: 'interop test' },
      });
    // v1 and v3 are other models: the alias, not "latest", must decide what Python loads.
    await trackModelRun({ ...base, modelFiles: files(other), register: { modelName, alias: 'champion' } });
    const tracked = await trackModelRun({
      ...base,
      modelFiles: files(champion),
      register: { modelName, alias: 'champion', reason: 'interop' },
    });
    await trackModelRun({ ...base, modelFiles: files(other), register: { modelName, alias: 'challenger' } });
    expect(tracked.version?.version).toBe('2');

    const features = champion.schema.features.map((f) => f.name);
    const frame = Object.fromEntries(
      features.map((name) => {
        const cells = requireCells(test, name);
        const isCategorical = champion.preprocessing.transforms.find((t) => t.name === name)?.kind === 'categorical';
        return [
          name,
          cells.map((c) =>
            isCategorical
              ? c === null
                ? ''
                : String(c)
              : c === null
                ? null
                : typeof c === 'boolean'
                  ? Number(c)
                  : (c as number),
          ),
        ];
      }),
    );
    const predicted = await predictWithPyfunc({
      python,
      trackingUri,
      modelUri: `models:/${modelName}@champion`,
      frame,
      outputColumn: 'probability',
    });
    const expected = champion.predictProbaBatch(test);
    expect(predicted).toHaveLength(test.rowCount);
    let maxDiff = 0;
    predicted.forEach((p, i) => (maxDiff = Math.max(maxDiff, Math.abs(p - expected[i]))));
    expect(maxDiff).toBeLessThan(1e-5);
  }, 180_000);
});
