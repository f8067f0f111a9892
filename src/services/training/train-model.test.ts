import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { trainingTable } from '../../../tests/support/services/training-table.js';
import { createFileModelDirectory } from '../../adapters/files/file-model-directory.js';
import { protobufjsOnnxCodec } from '../../adapters/onnx/protobufjs-onnx-codec.js';
import { dataTableFromRows, requireCells } from '../../domain/data-table.js';
import { rocAuc } from '../../models/index.js';
import { onnxFeeds } from '../../models/onnx/onnx-feeds.js';
import type { Clock } from '../../ports/clock.js';
import { loadSavedModel, predictTable, saveTrainedModel } from './model-artifacts.js';
import { compareWithChampion, createTrainModelService } from './train-model.js';

/** A clock that advances 1.5 s per reading (fit time = 1.5 s exactly). */
function steppingClock(): Clock {
  let now = Date.UTC(2026, 10, 26);
  return { nowMs: () => (now += 1500) };
}

const root = mkdtempSync(join(tmpdir(), 'dg-train-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const table = trainingTable(500, 7);
const service = () => createTrainModelService({ clock: steppingClock() });

describe('train service', () => {
  it('splits by the time column 70/15/15, fits on the oldest rows and evaluates on the newest', () => {
    const trained = service().train({
      table,
      target: 'default',
      estimator: 'logistic',
      timeColumn: 'ts',
      exclude: ['id'],
    });
    expect(trained.rows).toEqual({ train: 350, validation: 75, test: 75 });
    const trainTimes = requireCells(trained.trainTable, 'ts') as string[];
    const sortedTimes = [...(requireCells(table, 'ts') as string[])].sort();
    expect(trainTimes.every((t) => t <= sortedTimes[349])).toBe(true);
    expect(trained.model.schema.features.map((f) => f.name)).toEqual(['income', 'debt', 'region', 'owner']);
    expect(trained.model.schema.classLabels).toEqual(['no', 'yes']);
    expect(trained.fitSeconds).toBe(1.5);
    expect(trained.serialized.training.fitSeconds).toBe(1.5);
    expect(trained.metrics.test.rows).toBe(75);
    expect(trained.metrics.test.rocAuc).toBeGreaterThan(0.7);
    expect(trained.metrics.validation?.rows).toBe(75);
  });

  it('trains gbdt by default and is deterministic', () => {
    const a = service().train({ table, target: 'default', exclude: ['id', 'ts'] });
    const b = service().train({ table, target: 'default', exclude: ['id', 'ts'] });
    expect(a.model.estimator).toBe('gbdt');
    expect(a.serialized).toEqual(b.serialized);
    expect(a.metrics.test.rocAuc).toBeGreaterThan(0.6);
  });

  it('writes a model directory that loads back to the same predictions', async () => {
    const trained = service().train({
      table,
      target: 'default',
      estimator: 'logistic',
      timeColumn: 'ts',
      exclude: ['id'],
    });
    const directory = createFileModelDirectory();
    const dir = join(root, 'logistic');
    await saveTrainedModel(directory, dir, trained, { codec: protobufjsOnnxCodec });
    expect(readdirSync(dir).sort()).toEqual([
      'metrics.json',
      'model.json',
      'model.onnx',
      'reference-profile.json',
      'schema.json',
    ]);
    const loaded = await loadSavedModel(directory, dir);
    const scored = predictTable(loaded, table);
    expect(Array.from(scored.probabilities)).toEqual(Array.from(trained.model.predictProbaBatch(table)));
    const y = (requireCells(table, 'default') as string[]).map((v) => (v === 'yes' ? 1 : 0));
    expect(rocAuc(y, scored.probabilities)).toBeGreaterThan(0.7);
    expect(new Set(scored.labels)).toEqual(new Set(['yes', 'no']));
  });

  it('writes a model.onnx that onnxruntime-node scores like the native gbdt model (within 1e-5)', async () => {
    const trained = service().train({ table, target: 'default', exclude: ['id', 'ts'], params: { maxIterations: 30 } });
    const dir = join(root, 'gbdt');
    await saveTrainedModel(createFileModelDirectory(), dir, trained, { codec: protobufjsOnnxCodec });
    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'model.onnx')));
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, feed] of Object.entries(onnxFeeds(trained.model, table))) {
      feeds[name] =
        feed.type === 'string'
          ? new ort.Tensor('string', feed.values, [table.rowCount])
          : new ort.Tensor('float32', feed.values, [table.rowCount]);
    }
    const onnx = (await session.run(feeds)).probability.data as Float32Array;
    const native = trained.model.predictProbaBatch(table);
    expect(onnx).toHaveLength(table.rowCount);
    expect(Math.max(...Array.from(native, (p, i) => Math.abs(p - onnx[i])))).toBeLessThan(1e-5);
  });

  it('refuses bad data and parameters with a named field', () => {
    const s = service();
    expect(() => s.train({ table, target: 'nope' })).toThrow(/^target: no column "nope"; columns: id, ts/);
    const oneClass = dataTableFromRows(Array.from({ length: 50 }, (_, i) => ({ x: i, y: 'a' })));
    expect(() => s.train({ table: oneClass, target: 'y' })).toThrow('needs two classes, found only "a"');
    const stray = dataTableFromRows(Array.from({ length: 200 }, (_, i) => ({ x: i === 150 ? 'oops' : i, y: i % 2 })));
    expect(() => s.train({ table: stray, target: 'y' })).toThrow(
      'x: non-numeric value "oops" in row 151 of a numeric column',
    );
    expect(() => s.train({ table, target: 'default', params: { depth: 3 } })).toThrow(/depth/);
    expect(() => s.train({ table, target: 'default', exclude: ['zzz'] })).toThrow(
      'exclude: no column "zzz" to exclude',
    );
    expect(() => s.train({ table, target: 'default', estimator: 'forest' })).toThrow('unknown model kind "forest"');
    expect(() => s.train({ table: dataTableFromRows([]), target: 'y' })).toThrow('data: the table has no rows');
  });

  it('trains on explicit sets and compares a challenger with the champion on the same test rows', () => {
    const s = service();
    const all = trainingTable(900, 21);
    const rows = (from: number, to: number) =>
      dataTableFromRows(
        Array.from({ length: to - from }, (_, k) =>
          Object.fromEntries(all.columnNames.map((c) => [c, requireCells(all, c)[from + k]])),
        ),
      );
    const test = rows(700, 900);
    const champion = s.train({
      table: rows(0, 60),
      target: 'default',
      estimator: 'logistic',
      exclude: ['id', 'ts'],
      explicitSets: { test },
    });
    const challenger = s.train({
      table: rows(0, 600),
      target: 'default',
      estimator: 'logistic',
      exclude: ['id', 'ts'],
      explicitSets: { validation: rows(600, 700), test },
    });
    expect(challenger.rows).toEqual({ train: 600, validation: 100, test: 200 });
    expect(champion.rows).toEqual({ train: 60, validation: 0, test: 200 });
    const decision = compareWithChampion(champion.model, challenger, { bootstrap: { resamples: 100, seed: 1 } });
    expect(decision.champion.rocAuc).toBe(champion.metrics.test.rocAuc);
    expect(decision.challenger.rocAuc).toBe(challenger.metrics.test.rocAuc);
    expect(decision.significance.test).toBe('delong');
    // 600 training rows beat 60 on the same 200 test rows; the gain is not significant, which the rule allows.
    expect(decision.decision).toBe('promote');
    expect(decision.improvement).toBeGreaterThan(0);
    expect(decision.significance.significantlyBetter).toBe(false);
    expect(() =>
      s.train({ table: rows(0, 60), target: 'default', explicitSets: { test: dataTableFromRows([{ id: 1 }]) } }),
    ).toThrow('test: lacks training columns');
  });
});
