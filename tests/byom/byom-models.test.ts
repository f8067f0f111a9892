/**
 * Bring your own model, with real components (issue 15): tests/byom/train_byom_models.py trains with the frameworks'
 * own APIs, exports with skl2onnx / onnxmltools, logs and registers in the real MLflow server (MLFLOW_TRACKING_URI),
 * and writes the frameworks' own predict_proba / predict. driftguard downloads each registered version from the
 * registry, builds the mapping with no declaration, and must score every test row like the framework (1e-5).
 * The custom pyfunc is served by a real `mlflow models serve` and reached through the endpoint adapter.
 * Timings are printed (never asserted): load + first prediction per model, endpoint overhead per call.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpEndpointModel } from '../../src/adapters/inference/endpoint/http-endpoint-model.js';
import { onnxRuntimeModelLoader } from '../../src/adapters/inference/onnx-runtime-model-loader.js';
import { createMlflowBackend } from '../../src/adapters/tracking/mlflow/mlflow-backend.js';
import type { Cell } from '../../src/domain/data-table.js';
import type { InferencePrediction, OnnxMappingOptions } from '../../src/ports/inference-model.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { mlflowServerMissing, mlflowTrackingUri } from '../support/components/mlflow-server.js';
import { postgresComponent, postgresTestSchema } from '../support/components/postgres.js';
import { type MlflowModelsServe, startMlflowModelsServe } from '../support/inference/mlflow-models-serve.js';
import { startServeProcess } from '../support/process/serve-process.js';

const python = process.env.DRIFTGUARD_BYOM_PYTHON ?? join(process.cwd(), '.venv-byom/bin/python');
const mlflowBin = join(python, '..', 'mlflow');
const TRAIN_SCRIPT = join(process.cwd(), 'tests/byom/train_byom_models.py');

interface ManifestEntry {
  readonly name: string;
  readonly version: string;
  readonly features: string[];
  readonly rows: Record<string, Cell>[];
  readonly classes?: (string | number)[];
  readonly expected: { probability?: number[]; label?: (string | number)[]; value?: number[] };
}
type Manifest = Record<'sklearn' | 'lightgbm' | 'xgboost' | 'custom', ManifestEntry> & {
  seconds: Record<string, number>;
};

const byomWorld = {
  name: 'MLflow server + PostgreSQL + the bring-your-own-model venv (.ci/setup-byom-venv.sh)',
  available: async (): Promise<string | null> =>
    existsSync(python)
      ? ((await mlflowServerMissing()) ?? (await postgresComponent.available()))
      : `${python} does not exist (run bash .ci/setup-byom-venv.sh)`,
};

function maxAbsDiff(actual: readonly (number | null)[], expected: readonly number[]): number {
  expect(actual).toHaveLength(expected.length);
  return Math.max(...actual.map((a, i) => (a === null ? Infinity : Math.abs(a - expected[i]))));
}

/** Labels must agree except where the probability sits within float32 noise of the 0.5 boundary. */
function expectLabels(
  predictions: readonly InferencePrediction[],
  expected: readonly (string | number)[],
  probabilities: readonly number[],
): void {
  predictions.forEach((p, i) =>
    expect(
      p.label === expected[i] || Math.abs(probabilities[i] - 0.5) < 1e-5,
      `row ${i}: ${p.label} vs ${expected[i]}`,
    ).toBe(true),
  );
}

describeWithComponent('bring your own model: registered in real MLflow, served by driftguard', byomWorld, () => {
  // Created lazily: outside CI the suite is collected (and skipped) without an MLflow URI.
  let backend: ReturnType<typeof createMlflowBackend>;
  const prefix = `byom-${randomUUID().slice(0, 8)}`;
  const timings: Record<string, string> = {};
  let scratch: string;
  let manifest: Manifest;
  let serve: MlflowModelsServe | null = null;

  beforeAll(async () => {
    backend = createMlflowBackend({ trackingUri: mlflowTrackingUri });
    scratch = await mkdtemp(join(tmpdir(), 'driftguard-byom-'));
    await promisify(execFile)(python, ['-W', 'ignore', TRAIN_SCRIPT, scratch, prefix], {
      env: { ...process.env, MLFLOW_TRACKING_URI: mlflowTrackingUri },
      timeout: 240_000,
      maxBuffer: 16 << 20,
    });
    manifest = JSON.parse(await readFile(join(scratch, 'manifest.json'), 'utf8')) as Manifest;
    // the custom model's server starts now (slow) and comes up while the ONNX models are checked
    serve = await startMlflowModelsServe({
      mlflowBin,
      modelUri: `models:/${manifest.custom.name}/${manifest.custom.version}`,
      trackingUri: mlflowTrackingUri,
    });
  }, 300_000);

  afterAll(async () => {
    await serve?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
    console.info(`[byom] python training + logging seconds: ${JSON.stringify(manifest?.seconds)}`);
    for (const [what, text] of Object.entries(timings)) console.info(`[byom] ${what}: ${text}`);
  }, 30_000);

  async function served(key: 'sklearn' | 'lightgbm' | 'xgboost', options: OnnxMappingOptions = {}) {
    const entry = manifest[key];
    const started = performance.now();
    const dir = await backend.registry.downloadModelVersion(entry.name, entry.version, join(scratch, key));
    const downloaded = performance.now();
    const loaded = await onnxRuntimeModelLoader.loadMlflowModel(dir, options);
    const [first] = await loaded.model.predict([entry.rows[0]]);
    const firstAt = performance.now();
    const predictions = await loaded.model.predict(entry.rows);
    timings[key] =
      `download ${(downloaded - started).toFixed(0)} ms, load + first prediction ${(firstAt - downloaded).toFixed(1)} ms`;
    // the same row alone and in a batch (onnxruntime may sum tree outputs in another order: float32 rounding)
    expect(predictions[0].label).toEqual(first.label);
    expect(
      Math.abs((predictions[0].probability ?? predictions[0].value ?? 0) - (first.probability ?? first.value ?? 0)),
    ).toBeLessThan(1e-6);
    return { entry, loaded, predictions };
  }

  it('(a) scikit-learn Pipeline (ColumnTransformer + LogisticRegression) via skl2onnx, per-column inputs, default ZipMap', async () => {
    const { entry, loaded, predictions } = await served('sklearn');
    expect(loaded.description).toMatchObject({ task: 'binary', classLabels: entry.classes, positiveClass: 'yes' });
    expect(loaded.description.features.map((f) => `${f.name}:${f.type}`)).toEqual([
      'age:float32',
      'income:float32',
      'tenure:int64',
      'city:string',
      'plan:string',
    ]);
    expect(loaded.description.graphChanges).toHaveLength(1);
    const diff = maxAbsDiff(
      predictions.map((p) => p.probability),
      entry.expected.probability as number[],
    );
    timings['sklearn parity'] =
      `max |p − predict_proba[:, 1]| = ${diff.toExponential(2)} over ${entry.rows.length} rows (row 0 has an unseen city)`;
    expect(diff).toBeLessThan(1e-5);
    expectLabels(predictions, entry.expected.label as string[], entry.expected.probability as number[]);
    await loaded.model.close();
  });

  it("(b) LightGBM classifier via onnxmltools, one matrix input ordered by the signature's column names", async () => {
    const { entry, loaded, predictions } = await served('lightgbm');
    expect(loaded.mapping.inputs).toEqual([
      { kind: 'matrix', input: 'input', features: entry.features, type: 'float32' },
    ]);
    expect(loaded.description).toMatchObject({ task: 'binary', classLabels: [0, 1], positiveClass: 1 });
    const diff = maxAbsDiff(
      predictions.map((p) => p.probability),
      entry.expected.probability as number[],
    );
    timings['lightgbm parity'] =
      `max |p − predict_proba[:, 1]| = ${diff.toExponential(2)} over ${entry.rows.length} rows`;
    expect(diff).toBeLessThan(1e-5);
    expectLabels(predictions, entry.expected.label as number[], entry.expected.probability as number[]);
    await loaded.model.close();
  });

  it("(c) XGBoost regressor via onnxmltools, bare tensor signature: column order from the model entry's featureOrder", async () => {
    const entry = manifest.xgboost;
    await expect(
      onnxRuntimeModelLoader.loadMlflowModel(
        await backend.registry.downloadModelVersion(entry.name, entry.version, join(scratch, 'xgb-no-features')),
      ),
    ).rejects.toThrow(/declare the model entry's "featureOrder"/);
    const { loaded, predictions } = await served('xgboost', { features: entry.features });
    expect(loaded.description.task).toBe('regression');
    const expected = entry.expected.value as number[];
    const diff = maxAbsDiff(
      predictions.map((p) => p.value),
      expected,
    );
    timings['xgboost parity'] =
      `max |y − predict| = ${diff.toExponential(2)} over ${entry.rows.length} rows (|y| ≤ ${Math.max(...expected.map(Math.abs)).toFixed(2)})`;
    expect(diff).toBeLessThan(1e-5);
    await loaded.model.close();
  });

  it('(d) a custom pyfunc: refused in-process (no onnx flavor), served through `mlflow models serve` by the endpoint adapter', async () => {
    const entry = manifest.custom;
    const dir = await backend.registry.downloadModelVersion(entry.name, entry.version, join(scratch, 'custom'));
    await expect(onnxRuntimeModelLoader.loadMlflowModel(dir)).rejects.toThrow(
      /no onnx flavor \(flavors: python_function\); serve this model through its HTTP scoring endpoint/,
    );
    const started = performance.now();
    await serve?.ready;
    timings['mlflow models serve start'] =
      `${((performance.now() - started) / 1000).toFixed(1)} s still to wait after the ONNX checks`;
    const model = createHttpEndpointModel({
      serving: { type: 'endpoint', url: serve?.url as string, protocol: 'mlflow', timeoutMs: 10_000 },
      features: [
        { name: 'age', type: 'float64' },
        { name: 'plan', type: 'string' },
      ],
      task: 'binary',
    });
    expect(await model.health()).toEqual({ ready: true });
    const predictions = await model.predict(entry.rows);
    const diff = maxAbsDiff(
      predictions.map((p) => p.probability),
      entry.expected.probability as number[],
    );
    timings['custom pyfunc parity'] =
      `max |p − PythonModel.predict| = ${diff.toExponential(2)} over ${entry.rows.length} rows`;
    expect(diff).toBeLessThan(1e-12);
    expect(predictions.map((p) => p.label)).toEqual(entry.expected.label);
    // MLflow's schema enforcement refusing a row is the caller's error (400), with MLflow's own message
    const sentAsText = createHttpEndpointModel({
      serving: {
        type: 'endpoint',
        url: serve?.url as string,
        protocol: 'mlflow',
        circuitBreaker: { failureThreshold: 1 },
      },
      features: [
        { name: 'age', type: 'string' },
        { name: 'plan', type: 'string' },
      ],
      task: 'binary',
    });
    await expect(sentAsText.predict([{ age: 'old', plan: 'pro' }])).rejects.toThrow(
      /^endpoint: POST http:\/\/127\.0\.0\.1:\d+\/invocations refused the rows: HTTP 400: BAD_REQUEST: .*age/,
    );
    expect(await sentAsText.health()).toEqual({ ready: true });

    // the adapter's cost per call beside a bare fetch of the same body: interleaved 1-row calls, medians (noisy machine)
    const row = [entry.rows[0]];
    const body = JSON.stringify({ dataframe_split: { columns: ['age', 'plan'], data: [[row[0].age, row[0].plan]] } });
    const bare = async () =>
      (
        await fetch(`${serve?.url}/invocations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).json();
    const timed = async (call: () => Promise<unknown>) => {
      const t = performance.now();
      await call();
      return performance.now() - t;
    };
    const bareMs: number[] = [];
    const adapterMs: number[] = [];
    for (let i = 0; i < 60; i++) {
      bareMs.push(await timed(bare));
      adapterMs.push(await timed(() => model.predict(row)));
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
    timings['endpoint overhead'] =
      `median adapter ${median(adapterMs).toFixed(2)} ms/call vs bare fetch ${median(bareMs).toFixed(2)} ms/call (60 interleaved 1-row calls to mlflow models serve)`;
    await model.close();
  });

  /**
   * The same four models served by `driftguard serve` (the real command, a child process) by name only — a config file
   * naming them, their champion aliases in the registry — and scored through POST /predict, which logs every row.
   */
  async function serveByName(store: 'sqlite' | 'postgres') {
    const backend = createMlflowBackend({ trackingUri: mlflowTrackingUri });
    for (const key of ['sklearn', 'lightgbm', 'xgboost', 'custom'] as const)
      await backend.registry.setAlias(manifest[key].name, 'champion', manifest[key].version);
    await backend.close();
    await serve?.ready;
    const dir = await mkdtemp(join(scratch, `serve-${store}-`));
    const config = join(dir, 'driftguard.config.json');
    await writeFile(
      config,
      JSON.stringify({
        models: [
          { name: manifest.sklearn.name, task: 'binary' },
          { name: manifest.lightgbm.name, task: 'binary' },
          { name: manifest.xgboost.name, task: 'regression', featureOrder: manifest.xgboost.features },
          {
            name: manifest.custom.name,
            task: 'binary',
            features: { age: { kind: 'numeric' }, plan: { kind: 'categorical' } },
            serving: { type: 'endpoint', url: serve?.url, protocol: 'mlflow', timeoutMs: 10_000 },
          },
        ],
      }),
    );
    const schema = postgresTestSchema('byom_serve');
    const key = 'byom-serve-admin-key-0123456789';
    const child = await startServeProcess(['--data-dir', dir, '--config', config], {
      DRIFTGUARD_ADMIN_KEY: key,
      MLFLOW_TRACKING_URI: mlflowTrackingUri,
      ...(store === 'postgres' ? { DRIFTGUARD_STORE_URL: await schema.create() } : {}),
    });
    try {
      const predict = async (name: string, rows: readonly Record<string, Cell>[]) => {
        const response = await fetch(`${child.baseUrl}/v1/models/${name}/predict`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ rows: rows.map((features) => ({ features })) }),
        });
        const body = (await response.json()) as {
          predictions: { class: string | number; score: number | null; modelVersion: string }[];
        };
        expect(response.status, JSON.stringify(body)).toBe(200);
        return body.predictions;
      };
      const ready = await fetch(`${child.baseUrl}/readyz`);
      expect(ready.status, await ready.clone().text()).toBe(200);
      const parity: Record<string, number> = {};
      for (const k of ['sklearn', 'lightgbm', 'custom'] as const) {
        const entry = manifest[k];
        const served = await predict(entry.name, entry.rows);
        expect(served.every((p) => p.modelVersion === entry.version)).toBe(true);
        parity[k] = maxAbsDiff(
          served.map((p) => p.score),
          entry.expected.probability as number[],
        );
        expect(parity[k]).toBeLessThan(k === 'custom' ? 1e-12 : 1e-5);
        const probabilities = entry.expected.probability as number[];
        served.forEach((p, i) =>
          expect(
            p.class === entry.expected.label?.[i] || Math.abs(probabilities[i] - 0.5) < 1e-5,
            `${k} row ${i}`,
          ).toBe(true),
        );
      }
      const regression = await predict(manifest.xgboost.name, manifest.xgboost.rows);
      expect(regression.every((p) => p.score === null)).toBe(true);
      parity.xgboost = maxAbsDiff(
        regression.map((p) => p.class as number),
        manifest.xgboost.expected.value as number[],
      );
      expect(parity.xgboost).toBeLessThan(1e-5);
      timings[`driftguard serve ${store}: parity through /predict`] = Object.entries(parity)
        .map(([k, d]) => `${k} ${d.toExponential(2)}`)
        .join(', ');
      // every prediction is logged and can be joined with its label
      const logged = await fetch(`${child.baseUrl}/v1/models/${manifest.sklearn.name}/predictions?limit=1`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(((await logged.json()) as { counts: { total: number } }).counts.total).toBe(manifest.sklearn.rows.length);
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
      if (store === 'postgres') await schema.drop();
    }
  }

  it('driftguard serve (SQLite) serves (a) (b) (c) by name and (d) through its endpoint: /predict matches the frameworks', async () => {
    await serveByName('sqlite');
  }, 240_000);

  it('driftguard serve (PostgreSQL) serves the same models the same way', async () => {
    await serveByName('postgres');
  }, 240_000);
});
