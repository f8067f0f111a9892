/**
 * Native single-row inference latency of driftguard models (preprocessing + estimator, no ONNX round trip):
 * p50 / p99 of `predictProba(row)` over rows of a held-out synthetic table. Run: npx tsx bench/inference.bench.ts
 * Also prints the onnxruntime-node single-row latency of the exported .onnx for comparison.
 */

import * as ort from 'onnxruntime-node';
import { protobufjsOnnxCodec } from '../src/adapters/onnx/protobufjs-onnx-codec.js';
import { type Column, cellAt } from '../src/domain/data-table.js';
import { gbdtTrainer } from '../src/models/gbdt-trainer.js';
import { logisticTrainer } from '../src/models/logistic-trainer.js';
import type { FeatureRow, FittedModel } from '../src/models/model-types.js';
import { onnxModelProtoOf } from '../src/models/onnx/export-onnx.js';
import { onnxFeeds } from '../src/models/onnx/onnx-feeds.js';
import { sliceTable, syntheticTable } from '../tests/support/models/synthetic-data.js';

const CALLS = Number(process.env.CALLS ?? 50_000);
const all = syntheticTable({ rows: 12_000, numericFeatures: 10, mixed: true, missingRate: 0.05, seed: 2 });
const train = sliceTable(all, 0, 10_000);
const held = sliceTable(all, 10_000, 12_000);
const rows: FeatureRow[] = Array.from({ length: held.rowCount }, (_, i) =>
  Object.fromEntries(
    held.columnNames.filter((c) => c !== 'label').map((c) => [c, cellAt(held.columns.get(c) as Column, i)]),
  ),
);

function percentiles(samples: Float64Array): { p50: number; p99: number; mean: number } {
  const sorted = Float64Array.from(samples).sort();
  const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
  return { p50: sorted[Math.floor(0.5 * sorted.length)], p99: sorted[Math.floor(0.99 * sorted.length)], mean };
}

function timeNative(model: FittedModel): { p50: number; p99: number; mean: number } {
  let sink = 0;
  for (let i = 0; i < 5000; i++) sink += model.predictProba(rows[i % rows.length]);
  const samples = new Float64Array(CALLS);
  for (let i = 0; i < CALLS; i++) {
    const t0 = process.hrtime.bigint();
    sink += model.predictProba(rows[i % rows.length]);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  if (sink < 0) console.log(sink);
  return percentiles(samples);
}

async function timeOnnx(model: FittedModel, calls: number): Promise<{ p50: number; p99: number; mean: number }> {
  const session = await ort.InferenceSession.create(protobufjsOnnxCodec.encode(onnxModelProtoOf(model)));
  const feedsFor = (i: number): Record<string, ort.Tensor> => {
    const one = sliceTable(held, i, i + 1);
    return Object.fromEntries(
      Object.entries(onnxFeeds(model, one)).map(([k, f]) => [
        k,
        f.type === 'string' ? new ort.Tensor('string', f.values, [1]) : new ort.Tensor('float32', f.values, [1]),
      ]),
    );
  };
  const prepared = Array.from({ length: 200 }, (_, i) => feedsFor(i));
  for (let i = 0; i < 200; i++) await session.run(prepared[i]);
  const samples = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const feeds = prepared[i % prepared.length];
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  await session.release();
  return percentiles(samples);
}

const models: [string, FittedModel][] = [
  ['logistic', logisticTrainer.fit({ table: train, target: 'label', task: 'binary' }, null, {}, 0).model],
  [
    'gbdt (100 trees × 31 leaves)',
    gbdtTrainer.fit({ table: train, target: 'label', task: 'binary' }, null, { maxIterations: 100 }, 0).model,
  ],
];
const fmt = (r: { p50: number; p99: number; mean: number }): string =>
  `p50 ${r.p50.toFixed(2)} µs | p99 ${r.p99.toFixed(2)} µs | mean ${r.mean.toFixed(2)} µs`;
console.log(`single-row predictProba, ${CALLS} calls, 12 features (10 numeric, 1 categorical, 1 boolean, 5% missing)`);
for (const [name, model] of models) {
  console.log(`native ${name.padEnd(30)} ${fmt(timeNative(model))}`);
  console.log(
    `onnxruntime-node ${name.padEnd(20)} ${fmt(await timeOnnx(model, Math.min(CALLS, 5000)))} (feeds prebuilt; session.run only)`,
  );
}
