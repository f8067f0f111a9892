/**
 * Serving a model driftguard did not train, through the HTTP API on a real app (SQLite, local registry, onnxruntime):
 * a registered ONNX version is served by name with no declared mapping, its predictions are logged and joinable with
 * labels; a refused row is a 422 naming the feature; an endpoint that is down is a 503 and /readyz says why; an alias
 * move swaps what is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp } from '../../tests/support/http/test-app.js';
import {
  MATRIX_LIKE,
  matrixClassifierGraph,
  SKLEARN_LIKE,
  sklearnLikeGraph,
} from '../../tests/support/onnx/byom-graphs.js';
import { registerOnnxVersion } from '../../tests/support/services/register-onnx-version.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('serving a registered ONNX model by name (no mapping declared)', () => {
  let t: TestApp;
  const name = 'churn-onnx';
  beforeAll(async () => {
    t = await createTestApp();
    await registerOnnxVersion(t.tracking, name, sklearnLikeGraph(), {
      alias: 'champion',
      signature: [
        { type: 'float', name: 'age' },
        { type: 'long', name: 'tenure' },
        { type: 'string', name: 'city' },
      ],
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: { name, task: 'binary', target: 'churned' },
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => t.close());

  const predict = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/v1/models/${name}/predict`, headers: auth('ingest'), payload });

  it('scores with the graph, answers the label as the model emits it, and logs every prediction', async () => {
    const rows = [
      { age: 30, tenure: 4, city: 'lyon' },
      { age: 61.5, tenure: 20, city: 'paris' },
      { age: 45, tenure: 0, city: 'marseille' },
    ];
    const response = await predict({ rows: rows.map((features) => ({ features })) });
    expect(response.statusCode, response.body).toBe(200);
    const predictions = response.json().predictions as { id: string; class: string; score: number }[];
    predictions.forEach((p, i) => {
      expect(p.score).toBeCloseTo(SKLEARN_LIKE.probability(rows[i]), 6);
      expect(p.class).toBe(SKLEARN_LIKE.probability(rows[i]) > 0.5 ? 'yes' : 'no');
    });
    const labelled = await t.app.inject({
      method: 'POST',
      url: `/v1/models/${name}/labels`,
      headers: auth('ingest'),
      payload: { labels: predictions.map((p) => ({ predictionId: p.id, label: 'yes' })) },
    });
    expect(labelled.json()).toEqual({ joined: 3, unknownIds: [], relabeledIds: [] });
    const log = await t.app.inject({ url: `/v1/models/${name}/predictions?labeled=true`, headers: auth('read') });
    expect(log.json().items).toHaveLength(3);
    expect(log.json().items[0]).toMatchObject({ modelVersion: '1', label: 'yes' });
  });

  it('says monitoring has no reference yet and how to give one, until the user uploads one', async () => {
    const status = async () =>
      (await t.app.inject({ url: `/v1/models/${name}/monitoring`, headers: auth('read') })).json();
    expect(await status()).toMatchObject({
      state: 'no_reference',
      reference: null,
      message: expect.stringContaining(`Upload your training or validation rows with PUT /v1/models/${name}/reference`),
    });
    const csv = [
      'age,tenure,city,churned',
      ...Array.from({ length: 40 }, (_, i) => `${30 + i},${i % 7},${i % 2 ? 'lyon' : 'paris'},${i % 3 ? 'no' : 'yes'}`),
    ].join('\n');
    const uploaded = await t.app.inject({
      method: 'PUT',
      url: `/v1/models/${name}/reference`,
      headers: { ...auth('admin'), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(await status()).toMatchObject({
      state: 'collecting',
      reference: { source: 'upload by ops', rows: 40 },
      message: expect.stringContaining('the first window needs 1000 predictions'),
    });
  });

  it('refuses a row the graph cannot take with a 422 naming the row and the feature, and an unknown feature', async () => {
    const bad = await predict({
      rows: [
        { features: { age: 30, tenure: 4, city: 'lyon' } },
        { features: { age: 'old', tenure: 1, city: 'paris' } },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details).toEqual([
      { path: '/rows/1/features/age', reason: expect.stringContaining('expected a finite number') },
    ]);
    const unknown = await predict({ features: { age: 30, tenure: 4, city: 'lyon', height: 180 } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().details[0]).toMatchObject({ path: '/features/height' });
  });

  it('serves the version the champion alias moves to (another graph, a matrix input ordered by featureOrder)', async () => {
    const replaced = await t.app.inject({
      method: 'PUT',
      url: `/v1/models/${name}`,
      headers: auth('admin'),
      payload: { name, task: 'binary', target: 'churned', featureOrder: ['x0', 'x1', 'x2'] },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const v2 = await registerOnnxVersion(t.tracking, name, matrixClassifierGraph());
    const moved = await t.app.inject({
      method: 'POST',
      url: `/v1/models/${name}/promote`,
      headers: auth('admin'),
      payload: { version: v2.version, reason: 'user model v2' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const response = await predict({ features: { x0: 1, x1: 0.5, x2: -1 } });
    expect(response.statusCode, response.body).toBe(200);
    const z =
      MATRIX_LIKE.weights[0] * 1 + MATRIX_LIKE.weights[1] * 0.5 + MATRIX_LIKE.weights[2] * -1 + MATRIX_LIKE.intercept;
    expect(response.json()).toMatchObject({ modelVersion: '2', class: sigmoid(z) > 0.5 ? 1 : 0 });
    expect(response.json().score).toBeCloseTo(sigmoid(z), 6);
  });
});

describe('a registered version driftguard cannot run in-process, and no endpoint declared', () => {
  let t: TestApp;
  const name = 'custom-pyfunc';
  beforeAll(async () => {
    t = await createTestApp();
    const experiment = await t.tracking.tracking.ensureExperiment('user');
    const run = await t.tracking.tracking.createRun({
      experimentId: experiment.experimentId,
      runName: 'pyfunc',
      startTimeMs: 0,
    });
    await t.tracking.tracking.logArtifacts(
      run.runId,
      [{ path: 'MLmodel', content: 'flavors:\n  python_function:\n    loader_module: mlflow.pyfunc.model\n' }],
      'model',
    );
    await t.tracking.registry.ensureRegisteredModel(name);
    const version = await t.tracking.registry.createModelVersion({
      name,
      source: `${run.artifactUri}/model`,
      runId: run.runId,
    });
    await t.tracking.registry.setAlias(name, 'champion', version.version);
    await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: { name, task: 'binary' },
    });
  });
  afterAll(async () => t.close());

  it('answers /predict with a 503 saying to serve it through an endpoint, and /readyz says the same', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/models/${name}/predict`,
      headers: auth('ingest'),
      payload: { features: { age: 40 } },
    });
    expect(response.statusCode, response.body).toBe(503);
    expect(response.json().message).toMatch(
      /^model custom-pyfunc: the champion cannot be served: .*no onnx flavor \(flavors: python_function\); serve this model through its HTTP scoring endpoint/,
    );
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toMatch(/^model custom-pyfunc: the champion cannot be loaded: .*no onnx flavor/);
  });
});

describe('serving through an endpoint that is down', () => {
  let t: TestApp;
  const name = 'custom-endpoint';
  beforeAll(async () => {
    t = await createTestApp();
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: {
        name,
        task: 'binary',
        features: { age: { kind: 'numeric' }, plan: { kind: 'categorical' } },
        serving: { type: 'endpoint', url: 'http://127.0.0.1:9', protocol: 'mlflow', retries: 0, timeoutMs: 1000 },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('answers /predict with a 503 and the reason, and /readyz says which model cannot answer and why', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/models/${name}/predict`,
      headers: auth('ingest'),
      payload: { features: { age: 40, plan: 'pro' } },
    });
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({
      error: 'unavailable',
      message: expect.stringContaining('could not reach POST http://127.0.0.1:9/invocations'),
    });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toMatch(/^model custom-endpoint \(version endpoint\) cannot answer: .*127\.0\.0\.1:9/);
  });

  it('refuses an endpoint declaration that breaks a protocol rule, naming the field', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: {
        name: 'bad-endpoint',
        features: { age: {} },
        serving: { type: 'endpoint', url: 'http://127.0.0.1:9', protocol: 'kserve-v2' },
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details).toEqual([
      { path: '/serving/modelName', reason: expect.stringContaining('required for protocol kserve-v2') },
    ]);
  });
});
