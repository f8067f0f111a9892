import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { sliceTable, syntheticTable } from '../../../tests/support/models/synthetic-data.js';
import type { DataTable } from '../../domain/data-table.js';
import { gbdtTrainer } from '../../models/gbdt-trainer.js';
import { logisticTrainer } from '../../models/logistic-trainer.js';
import type { FittedModel } from '../../models/model-types.js';
import { onnxModelProtoOf } from '../../models/onnx/export-onnx.js';
import { onnxFeeds } from '../../models/onnx/onnx-feeds.js';
import { protobufjsOnnxCodec } from './protobufjs-onnx-codec.js';

const all = syntheticTable({ rows: 1500, numericFeatures: 4, mixed: true, missingRate: 0.08, seed: 21 });
const train = sliceTable(all, 0, 1000);
const validation = sliceTable(all, 1000, 1200);
const test = sliceTable(all, 1200, 1500);
const data = { table: train, target: 'label', task: 'binary' as const };

async function runOnnx(bytes: Uint8Array, table: DataTable, model: FittedModel): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, feed] of Object.entries(onnxFeeds(model, table))) {
    feeds[name] =
      feed.type === 'string'
        ? new ort.Tensor('string', feed.values, [table.rowCount])
        : new ort.Tensor('float32', feed.values, [table.rowCount]);
  }
  return session.run(feeds);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('onnxModelProtoOf → protobufjs codec → onnxruntime-node parity', () => {
  const cases: [string, () => FittedModel][] = [
    ['logistic', () => logisticTrainer.fit(data, null, {}, 0).model],
    ['gbdt', () => gbdtTrainer.fit(data, validation, { maxIterations: 60 }, 0).model],
    [
      'gbdt regression',
      () => {
        const reg = syntheticTable({
          rows: 800,
          numericFeatures: 3,
          mixed: true,
          missingRate: 0.1,
          seed: 4,
          task: 'regression',
        });
        return gbdtTrainer.fit({ table: reg, target: 'y', task: 'regression' }, null, { maxIterations: 40 }, 0).model;
      },
    ],
  ];
  for (const [name, fit] of cases) {
    it(`${name}: every test row (numeric, categorical, unseen, missing) within 1e-5`, async () => {
      const model = fit();
      const rows =
        model.schema.task === 'binary'
          ? test
          : sliceTable(
              syntheticTable({
                rows: 300,
                numericFeatures: 3,
                mixed: true,
                missingRate: 0.1,
                seed: 5,
                task: 'regression',
              }),
              0,
              300,
            );
      const out = await runOnnx(protobufjsOnnxCodec.encode(onnxModelProtoOf(model)), rows, model);
      if (model.schema.task === 'binary') {
        const native = model.predictProbaBatch(rows);
        const onnx = out.probability.data as Float32Array;
        expect(onnx).toHaveLength(rows.rowCount);
        expect(maxAbsDiff(onnx, native)).toBeLessThan(1e-5);
        const labels = Array.from(out.label.data as BigInt64Array, Number);
        const nativeLabels = Array.from(model.predictBatch(rows));
        // labels may differ only where the probability is within float32 noise of 0.5
        labels.forEach((l, i) => expect(l === nativeLabels[i] || Math.abs(native[i] - 0.5) < 1e-5).toBe(true));
      } else {
        const native = model.predictBatch(rows);
        const onnx = out.prediction.data as Float32Array;
        expect(maxAbsDiff(onnx, native)).toBeLessThan(1e-5 * Math.max(1, ...Array.from(native, Math.abs)));
      }
    });
  }
});
