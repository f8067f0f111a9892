/**
 * What the HTTP endpoint adapter adds per call: its predict (request building, retries / breaker bookkeeping,
 * answer reading) beside a bare fetch of the same KServe v2 body to the same loopback v2 server, interleaved, with
 * the median and p90 latency per rows-per-call. Run: npm run bench:endpoint  (CALLS=… to change the count)
 */

import { createHttpEndpointModel } from '../src/adapters/inference/endpoint/http-endpoint-model.js';
import { kserveV2Protocol } from '../src/adapters/inference/endpoint/kserve-v2-protocol.js';
import type { EndpointFeature } from '../src/adapters/inference/endpoint/scoring-protocol.js';
import { churnProbability } from '../tests/support/inference/churn-rule.js';
import { startKserveV2Server } from '../tests/support/inference/kserve-v2-server.js';

const CALLS = Number(process.env.CALLS ?? 300);
const features: EndpointFeature[] = [
  { name: 'age', type: 'float64' },
  { name: 'plan', type: 'string' },
];

const server = await startKserveV2Server({
  modelName: 'churn',
  inputs: [
    { name: 'age', datatype: 'FP64' },
    { name: 'plan', datatype: 'BYTES' },
  ],
  score: (columns, n) => {
    const p = Array.from({ length: n }, (_, i) =>
      churnProbability(columns.age[i] as number, columns.plan[i] as string),
    );
    return [{ name: 'probabilities', shape: [n, 2], datatype: 'FP64', data: p.flatMap((v) => [1 - v, v]) }];
  },
});
const model = createHttpEndpointModel({
  serving: { type: 'endpoint', url: server.url, protocol: 'kserve-v2', modelName: 'churn' },
  features,
  task: 'binary',
});
const protocol = kserveV2Protocol(features, { modelName: 'churn', output: {}, task: 'binary' });

const quantile = (v: number[], q: number) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(q * v.length))];
async function timed(call: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await call();
  return performance.now() - t;
}

console.log(`endpoint adapter vs bare fetch, KServe v2 loopback server, ${CALLS} interleaved calls each`);
console.log('rows/call | bare fetch p50 / p90 ms | adapter p50 / p90 ms | adapter − bare (p50)');
for (const size of [1, 100, 1000]) {
  const rows = Array.from({ length: size }, (_, i) => ({ age: 20 + (i % 50), plan: ['basic', 'plus', 'pro'][i % 3] }));
  const body = JSON.stringify(protocol.requestBody(rows));
  const bare = async () =>
    (
      await fetch(`${server.url}${protocol.inferPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
    ).json();
  for (let i = 0; i < 20; i++) await Promise.all([bare(), model.predict(rows)]); // warm-up
  const bareMs: number[] = [];
  const adapterMs: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    bareMs.push(await timed(bare));
    adapterMs.push(await timed(() => model.predict(rows)));
  }
  const cell = (v: number[]) => `${quantile(v, 0.5).toFixed(3)} / ${quantile(v, 0.9).toFixed(3)}`;
  console.log(
    `${String(size).padStart(9)} | ${cell(bareMs).padStart(23)} | ${cell(adapterMs).padStart(20)} | ${(quantile(adapterMs, 0.5) - quantile(bareMs, 0.5)).toFixed(3)} ms`,
  );
}
await model.close();
await server.close();
