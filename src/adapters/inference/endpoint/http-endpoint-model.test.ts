import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnProbability } from '../../../../tests/support/inference/churn-rule.js';
import { startKserveV2Server } from '../../../../tests/support/inference/kserve-v2-server.js';
import { startFlakyProxy } from '../../../../tests/support/network/flaky-proxy.js';
import type { EndpointServing } from '../../../models/inference/endpoint-serving.js';
import { InferenceModelError } from '../../../models/inference/inference-mapping.js';
import { InferenceUnavailableError } from '../../../ports/inference-model.js';
import { EndpointServingSchema } from '../../../services/config/serving-schema.js';
import { createHttpEndpointModel } from './http-endpoint-model.js';
import type { EndpointFeature } from './scoring-protocol.js';

const features: EndpointFeature[] = [
  { name: 'age', type: 'float64' },
  { name: 'plan', type: 'string' },
];
const rows = [
  { age: 30, plan: 'basic' },
  { age: 55.5, plan: 'pro' },
  { age: 41, plan: 'plus' },
];

/** The KServe v2 server of the custom model: P(yes) per row as [N, 2] probabilities and string labels. */
async function churnServer() {
  return startKserveV2Server({
    modelName: 'churn',
    inputs: [
      { name: 'age', datatype: 'FP64' },
      { name: 'plan', datatype: 'BYTES' },
    ],
    score: (columns, n) => {
      const p = Array.from({ length: n }, (_, i) =>
        churnProbability(columns.age[i] as number, columns.plan[i] as string),
      );
      return [
        { name: 'probabilities', shape: [n, 2], datatype: 'FP64', data: p.flatMap((v) => [1 - v, v]) },
        { name: 'label', shape: [n], datatype: 'BYTES', data: p.map((v) => (v > 0.5 ? 'yes' : 'no')) },
      ];
    },
  });
}

const kserve = (url: string, extra: Partial<EndpointServing> = {}): EndpointServing => ({
  type: 'endpoint',
  url,
  protocol: 'kserve-v2',
  modelName: 'churn',
  ...extra,
});

describe('HTTP endpoint model, KServe v2 protocol (loopback v2 server)', () => {
  let server: Awaited<ReturnType<typeof churnServer>>;
  beforeAll(async () => {
    server = await churnServer();
  });
  afterAll(() => server.close());

  it('sends typed column tensors and reads P(positive) and the label from the outputs by name', async () => {
    const model = createHttpEndpointModel({
      serving: kserve(server.url, { classLabels: ['no', 'yes'] }),
      features,
      task: 'binary',
    });
    const predictions = await model.predict(rows);
    predictions.forEach((p, i) => {
      expect(p.probability).toBeCloseTo(churnProbability(rows[i].age, rows[i].plan), 12);
      expect(p.label).toBe((p.probability as number) > 0.5 ? 'yes' : 'no');
    });
    expect(await model.health()).toEqual({ ready: true });
    expect(await model.predict([])).toEqual([]);
  });

  it("the endpoint refusing the rows (400) is the caller's error and does not trip the breaker; missing values are refused before sending", async () => {
    const model = createHttpEndpointModel({
      serving: kserve(server.url, { circuitBreaker: { failureThreshold: 1 } }),
      features: [...features, { name: 'extra', type: 'float64' }],
      task: 'binary',
    });
    for (let i = 0; i < 3; i++) {
      await expect(model.predict([{ age: 1, plan: 'pro', extra: 2 }])).rejects.toThrow(
        /endpoint: POST .*\/v2\/models\/churn\/infer refused the rows: HTTP 400: unexpected input "extra"/,
      );
    }
    expect(await model.health()).toEqual({ ready: true });
    const calls = server.inferCalls;
    await expect(model.predict([{ age: null, plan: 'pro', extra: 1 }])).rejects.toThrow(
      /^age: row 0: missing, and the KServe v2 JSON protocol cannot carry a missing value/,
    );
    expect(server.inferCalls).toBe(calls);
  });

  it('retries a 503 with backoff and succeeds when the endpoint comes back', async () => {
    const proxy = await startFlakyProxy(server.url, (_req, index) =>
      index < 2 ? { kind: 'fail', status: 503 } : { kind: 'forward' },
    );
    try {
      const model = createHttpEndpointModel({
        serving: kserve(proxy.url, { retries: 2, retryBaseDelayMs: 5 }),
        features,
        task: 'binary',
      });
      const [p] = await model.predict([rows[0]]);
      expect(p.probability).toBeCloseTo(churnProbability(30, 'basic'), 12);
      expect(proxy.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    } finally {
      await proxy.close();
    }
  });

  it('feeds one [N, k] matrix when declared, and reads a regression output', async () => {
    const matrix = await startKserveV2Server({
      modelName: 'price',
      inputs: [{ name: 'input-0', datatype: 'FP32' }],
      score: (columns, n) => [
        {
          name: 'predict',
          shape: [n, 1],
          datatype: 'FP32',
          data: Array.from(
            { length: n },
            (_, i) => (columns['input-0'][2 * i] as number) * 2 + (columns['input-0'][2 * i + 1] as number),
          ),
        },
      ],
    });
    try {
      const model = createHttpEndpointModel({
        serving: {
          type: 'endpoint',
          url: matrix.url,
          protocol: 'kserve-v2',
          modelName: 'price',
          input: { matrix: 'input-0' },
        },
        features: [
          { name: 'a', type: 'float64' },
          { name: 'b', type: 'float64' },
        ],
        task: 'regression',
      });
      expect(
        await model.predict([
          { a: 1, b: 2 },
          { a: -3, b: 0.5 },
        ]),
      ).toEqual([
        { probability: null, label: null, value: 4 },
        { probability: null, label: null, value: -5.5 },
      ]);
    } finally {
      await matrix.close();
    }
  });
});

describe('HTTP endpoint model: time-outs and the circuit breaker (hanging loopback server)', () => {
  it('times out each attempt, opens after N failed calls, refuses without calling, says why, and closes after a good probe', async () => {
    const server = await churnServer();
    let now = 0;
    try {
      server.behave({ kind: 'hang' });
      const model = createHttpEndpointModel({
        serving: kserve(server.url, {
          timeoutMs: 150,
          retries: 1,
          retryBaseDelayMs: 1,
          circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 10_000 },
        }),
        features,
        task: 'binary',
        nowMs: () => now,
      });
      const started = performance.now();
      const first = await model.predict(rows).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(InferenceUnavailableError);
      expect((first as Error).message).toMatch(
        /POST http:\/\/127\.0\.0\.1:\d+\/v2\/models\/churn\/infer timed out after 150 ms/,
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(290); // two attempts of 150 ms
      expect(server.inferCalls).toBe(2);
      await expect(model.predict(rows)).rejects.toThrow(/timed out after 150 ms/);
      expect(server.inferCalls).toBe(4);
      await expect(model.predict(rows)).rejects.toThrow(
        /circuit open after 2 consecutive failures \(last: POST .* timed out after 150 ms\); next probe in 10 s/,
      );
      expect(server.inferCalls).toBe(4); // refused without a request
      const health = await model.health();
      expect(health.ready).toBe(false);
      expect(health.ready === false && health.reason).toMatch(
        /\/v2\/models\/churn\/infer: circuit open after 2 consecutive failures/,
      );

      server.behave({ kind: 'serve' });
      now += 10_000;
      const [p] = await model.predict([rows[1]]);
      expect(p.probability).toBeCloseTo(churnProbability(55.5, 'pro'), 12);
      expect(await model.health()).toEqual({ ready: true });

      server.behave({ kind: 'fail', status: 500 });
      const down = await model.health();
      expect(down.ready === false && down.reason).toMatch(
        /GET .*\/v2\/models\/churn\/ready answered HTTP 500: model churn is unavailable/,
      );
      await expect(model.predict(rows)).rejects.toThrow(/answered HTTP 500: model churn is unavailable/);
      expect(server.inferCalls).toBe(6); // a 500 is not retried
      await model.close();
      await expect(model.predict(rows)).rejects.toThrow('the endpoint model was closed');
    } finally {
      await server.close();
    }
  });

  it('says an endpoint nobody listens on is unreachable', async () => {
    const server = await churnServer();
    const url = server.url;
    await server.close();
    const model = createHttpEndpointModel({ serving: kserve(url, { retries: 0 }), features, task: 'binary' });
    await expect(model.predict(rows)).rejects.toThrow(
      /could not reach POST http:\/\/127\.0\.0\.1:\d+\/v2\/models\/churn\/infer: fetch failed \(ECONNREFUSED\)/,
    );
    const health = await model.health();
    expect(health.ready === false && health.reason).toMatch(
      /could not reach GET .*\/ready: fetch failed \(ECONNREFUSED\)/,
    );
  });
});

describe('endpoint serving declaration', () => {
  it('the schema accepts a full declaration and refuses unknown fields, bad URLs and protocols', () => {
    const full = {
      type: 'endpoint',
      url: 'https://models.example/churn',
      protocol: 'kserve-v2',
      modelName: 'churn',
      modelVersion: '3',
      timeoutMs: 500,
      retries: 1,
      retryBaseDelayMs: 50,
      circuitBreaker: { failureThreshold: 3, resetTimeoutMs: 5000 },
      headers: { authorization: 'Bearer x' },
      output: { probability: 'probabilities', label: 'label' },
      classLabels: ['no', 'yes'],
      positiveClass: 'yes',
    };
    expect(Value.Check(EndpointServingSchema, full)).toBe(true);
    expect(
      Value.Check(EndpointServingSchema, { type: 'endpoint', url: 'http://127.0.0.1:5001', protocol: 'mlflow' }),
    ).toBe(true);
    expect(Value.Check(EndpointServingSchema, { ...full, extra: 1 })).toBe(false);
    expect(Value.Check(EndpointServingSchema, { ...full, url: 'ftp://x' })).toBe(false);
    expect(Value.Check(EndpointServingSchema, { ...full, protocol: 'grpc' })).toBe(false);
    expect(Value.Check(EndpointServingSchema, { ...full, timeoutMs: 0 })).toBe(false);
  });

  it('refuses declarations that break a cross-field rule, naming the field', () => {
    const create = (serving: EndpointServing) => () => createHttpEndpointModel({ serving, features, task: 'binary' });
    expect(create({ type: 'endpoint', url: 'http://127.0.0.1:1', protocol: 'kserve-v2' })).toThrow(
      /^serving\.modelName: required for protocol kserve-v2/,
    );
    expect(create({ type: 'endpoint', url: 'http://127.0.0.1:1', protocol: 'mlflow', input: { matrix: 'x' } })).toThrow(
      /^serving\.input: only for protocol kserve-v2/,
    );
    expect(
      create({
        type: 'endpoint',
        url: 'http://127.0.0.1:1',
        protocol: 'mlflow',
        classLabels: [0, 1],
        positiveClass: 'yes',
      }),
    ).toThrow(/^serving\.positiveClass: "yes" is not one of classLabels \[0,1\]/);
    expect(() =>
      createHttpEndpointModel({
        serving: { type: 'endpoint', url: 'http://127.0.0.1:1', protocol: 'mlflow' },
        features: [],
        task: 'binary',
      }),
    ).toThrow(InferenceModelError);
  });
});
