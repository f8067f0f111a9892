/**
 * `npm run bench:serve` — driftguard serve on loopback, on this machine:
 *  (a) batched ingestion (POST /predictions, 500 rows per request, durable SQLite commits): sustained rows/s;
 *  (b) single-row requests with logging at a fixed arrival rate (open loop): p50 / p99;
 *  (c) the same gbdt exported as an MLflow model directory (model.onnx + MLmodel) served by
 *      `mlflow models serve --env-manager local`, both swept through the same arrival rates: throughput at equal p99;
 *  (d) RSS of the server process while the prediction log grows from 10⁵ to --memory-rows rows.
 * Flags: --ingest-seconds 20 --rate 1000 --rate-seconds 10 --sweep-seconds 5 --memory-rows 1000000 --no-mlflow
 */

import { spawn } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { protobufjsOnnxCodec } from '../src/adapters/onnx/protobufjs-onnx-codec.js';
import { createSqliteStore } from '../src/adapters/store/sqlite/sqlite-store.js';
import { createTrackingBackend } from '../src/compose.js';
import { type Column, cellAt } from '../src/domain/data-table.js';
import { gbdtTrainer } from '../src/models/gbdt-trainer.js';
import { predictedClass } from '../src/models/predicted-class.js';
import { buildDriftguardModelDirectory } from '../src/services/tracking/driftguard-model-directory.js';
import { trackModelRun } from '../src/services/tracking/track-model-run.js';
import { syntheticTable } from '../tests/support/models/synthetic-data.js';
import { createJsonClient } from '../tests/support/process/json-client.js';
import { startServeProcess } from '../tests/support/process/serve-process.js';
import { closedLoop, cpuSeconds, type LoadResult, openLoop, quantileMs, rssMiB } from './serve-load.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(argv[i + 1]);
};
const INGEST_SECONDS = flag('ingest-seconds', 20);
const RATE = flag('rate', 1000);
const RATE_SECONDS = flag('rate-seconds', 10);
const SWEEP_SECONDS = flag('sweep-seconds', 5);
const MEMORY_ROWS = flag('memory-rows', 1_000_000);
const MEMORY_MAX_SECONDS = flag('memory-max-seconds', 600);
const WITH_MLFLOW = !argv.includes('--no-mlflow');
const SWEEP_RATES = [5, 10, 25, 50, 100, 250, 500, 1000, 2000, 4000];
const BATCH_ROWS = 500;
const MODEL = 'bench';
const FEATURES = 8;
const KEYS = {
  DRIFTGUARD_ADMIN_KEY: 'bench-admin-key-0123456789abcdef',
  DRIFTGUARD_INGEST_KEY: 'bench-ingest-key-0123456789abcdef',
};
const PYTHON_BIN = join(process.cwd(), '.venv/bin');

const lines: string[] = [];
const log = (text: string) => {
  lines.push(text);
  console.log(text);
};
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const describe = (r: LoadResult) =>
  `${r.succeeded}/${r.offered} ok in ${fmt(r.seconds)} s, p50 ${fmt(quantileMs(r.latenciesMs, 0.5), 2)} ms, p99 ${fmt(quantileMs(r.latenciesMs, 0.99), 2)} ms` +
  (r.firstError === null ? '' : `, ${r.failed} failed (first: ${r.firstError})`);

// One gbdt on synthetic numeric data: its feature rows feed every request, its ONNX export is what MLflow serves.
const table = syntheticTable({ rows: 4000, numericFeatures: FEATURES, seed: 7 });
const model = gbdtTrainer.fit({ table, target: 'label', task: 'binary' }, null, { maxIterations: 50 }, 0).model;
const featureNames = Array.from({ length: FEATURES }, (_, j) => `x${j}`);
const scores = model.predictProbaBatch(table);
const featureRow = (i: number) =>
  Object.fromEntries(
    featureNames.map((n) => [n, cellAt(table.columns.get(n) as Column, i % table.rowCount) as number]),
  );
const loggedRow = (i: number) => ({
  features: featureRow(i),
  prediction: predictedClass(scores[i % table.rowCount]) === 1 ? 'yes' : 'no',
  score: scores[i % table.rowCount],
});
const batchBodies = Array.from({ length: 8 }, (_, b) =>
  Buffer.from(
    JSON.stringify({ predictions: Array.from({ length: BATCH_ROWS }, (_, i) => loggedRow(b * BATCH_ROWS + i)) }),
  ),
);
const predictBodies = Array.from({ length: 1000 }, (_, i) => Buffer.from(JSON.stringify({ features: featureRow(i) })));
const singleBodies = Array.from({ length: 1000 }, (_, i) =>
  Buffer.from(JSON.stringify({ predictions: [loggedRow(i)] })),
);
const mlflowBodies = Array.from({ length: 1000 }, (_, i) =>
  Buffer.from(
    JSON.stringify({ dataframe_split: { columns: featureNames, data: [featureNames.map((n) => featureRow(i)[n])] } }),
  ),
);

const workDir = mkdtempSync(join(tmpdir(), 'driftguard-serve-bench-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(workDir, { recursive: true, force: true })];

async function main() {
  log(`# driftguard serve benchmark — ${new Date().toISOString()}`);
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  // The gbdt becomes the champion in the local tracking store of the data dir, which `driftguard serve` serves on /predict.
  const dataDir = join(workDir, 'data');
  const backend = createTrackingBackend({ dataDir, env: {} });
  await trackModelRun({
    tracking: backend.tracking,
    registry: backend.registry,
    experimentName: 'serve-bench',
    runName: 'serve-bench',
    modelFiles: buildDriftguardModelDirectory({ model, codec: protobufjsOnnxCodec, createdAtMs: Date.now() }),
    register: { modelName: MODEL, alias: 'champion' },
  });
  await backend.close();
  const server = await startServeProcess(['--data-dir', dataDir], KEYS);
  cleanups.unshift(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  const admin = createJsonClient(server.baseUrl, {
    maxSockets: 1,
    headers: { authorization: `Bearer ${KEYS.DRIFTGUARD_ADMIN_KEY}` },
  });
  const created = await admin.post('/v1/models', {
    name: MODEL,
    features: Object.fromEntries(featureNames.map((n) => [n, { kind: 'numeric' }])),
  });
  if (created.status !== 201) throw new Error(`creating the model: HTTP ${created.status} ${created.text}`);
  admin.close();
  const ingest = createJsonClient(server.baseUrl, {
    maxSockets: 64,
    headers: { authorization: `Bearer ${KEYS.DRIFTGUARD_INGEST_KEY}` },
  });
  const postPredictions = (body: Buffer) => ingest.post(`/v1/models/${MODEL}/predictions`, body);
  const postPredict = (body: Buffer) => ingest.post(`/v1/models/${MODEL}/predict`, body);
  const probe = await postPredict(predictBodies[0]);
  const hasPredict = probe.status === 200;
  log(
    hasPredict
      ? `POST /predict serves the champion: ${probe.text.slice(0, 160)}; driftguard score in-process ${fmt(scores[0], 6)}`
      : `POST /predict unavailable (HTTP ${probe.status} ${probe.text.slice(0, 200)}): (b) and (c) use single-row POST /predictions (logging only)`,
  );
  const single = hasPredict
    ? { name: 'POST /predict (native gbdt + logging)', post: postPredict, bodies: predictBodies, status: 200 }
    : {
        name: 'POST /predictions (logging only, no inference)',
        post: postPredictions,
        bodies: singleBodies,
        status: 201,
      };
  let rowsLogged = hasPredict ? 1 : 0;

  // (a) batched ingestion, closed loop.
  const rssDuringIngest: number[] = [];
  const cpuBeforeIngest = await cpuSeconds({ pid: server.pid });
  const sampler = setInterval(() => void rssMiB(server.pid).then((r) => rssDuringIngest.push(r)), 1000);
  const batched = await closedLoop({
    post: postPredictions,
    bodyFor: (i) => batchBodies[i % batchBodies.length],
    concurrency: 4,
    durationMs: INGEST_SECONDS * 1000,
    expectStatus: 201,
  });
  clearInterval(sampler);
  const ingestCpu = (await cpuSeconds({ pid: server.pid })) - cpuBeforeIngest;
  rowsLogged += batched.succeeded * BATCH_ROWS;
  const rowsPerSecond = (batched.succeeded * BATCH_ROWS) / batched.seconds;
  log(
    `\n(a) batched ingestion, ${BATCH_ROWS} rows/request, 4 connections, ${INGEST_SECONDS} s, SQLite WAL synchronous=FULL`,
  );
  log(
    `    ${fmt(rowsPerSecond, 0)} rows/s (${describe(batched)}); server RSS ${fmt(Math.min(...rssDuringIngest), 0)}–${fmt(Math.max(...rssDuringIngest), 0)} MiB`,
  );
  log(
    `    server CPU ${fmt(ingestCpu, 2)} s for ${batched.succeeded * BATCH_ROWS} rows = ${fmt((batched.succeeded * BATCH_ROWS) / ingestCpu, 0)} rows per CPU-second (${fmt((ingestCpu / batched.seconds) * 100, 0)}% of one core used)`,
  );

  // (b) single-row logging at a fixed arrival rate.
  const cpuBeforeSingle = await cpuSeconds({ pid: server.pid });
  const singleResult = await openLoop({
    post: single.post,
    bodyFor: (i) => single.bodies[i % single.bodies.length],
    ratePerSecond: RATE,
    durationMs: RATE_SECONDS * 1000,
    expectStatus: single.status,
  });
  rowsLogged += singleResult.succeeded;
  const singleCpu = (await cpuSeconds({ pid: server.pid })) - cpuBeforeSingle;
  log(`\n(b) single-row ${single.name} at ${RATE} req/s open loop, ${RATE_SECONDS} s`);
  log(
    `    ${describe(singleResult)}; server CPU ${fmt((1000 * singleCpu) / Math.max(1, singleResult.succeeded), 2)} ms per request`,
  );

  // (c) the same arrival-rate sweep against driftguard and MLflow.
  if (WITH_MLFLOW) {
    const mlflow = await startMlflow();
    cleanups.unshift(mlflow.stop);
    const scoring = createJsonClient(mlflow.baseUrl, { maxSockets: 64 });
    const sweep = async (
      name: string,
      post: (b: Buffer) => Promise<{ status: number; text: string }>,
      bodies: Buffer[],
      status: number,
      cpu: () => Promise<number>,
    ) => {
      const rows: { rate: number; result: LoadResult }[] = [];
      for (const rate of SWEEP_RATES) {
        const cpuBefore = await cpu();
        const result = await openLoop({
          post,
          bodyFor: (i) => bodies[i % bodies.length],
          ratePerSecond: rate,
          durationMs: SWEEP_SECONDS * 1000,
          expectStatus: status,
        });
        const cpuMs = (1000 * ((await cpu()) - cpuBefore)) / Math.max(1, result.succeeded);
        rows.push({ rate, result });
        log(
          `    ${name.padEnd(10)} ${String(rate).padStart(5)} req/s offered: ${describe(result)}; server CPU ${fmt(cpuMs, 2)} ms/request`,
        );
        if (!sustained(result) || quantileMs(result.latenciesMs, 0.99) > 1000) break;
      }
      return rows;
    };
    log(
      `\n(c) arrival-rate sweep, ${SWEEP_SECONDS} s per step: driftguard ${single.name} vs mlflow models serve (onnx pyfunc, /invocations, no logging)`,
    );
    const mlflowRows = await sweep(
      'mlflow',
      (b) => scoring.post('/invocations', b),
      mlflowBodies,
      200,
      () => cpuSeconds({ pgid: mlflow.pgid }),
    );
    const driftguardRows = await sweep('driftguard', single.post, single.bodies, single.status, () =>
      cpuSeconds({ pid: server.pid }),
    );
    for (const r of driftguardRows) rowsLogged += r.result.succeeded;
    scoring.close();
    const best = (rows: typeof mlflowRows, p99Budget: number) =>
      rows.filter((r) => sustained(r.result) && quantileMs(r.result.latenciesMs, 0.99) <= p99Budget).at(-1);
    const mlflowBest = best(mlflowRows, Infinity);
    if (mlflowBest === undefined) log('    mlflow sustained none of the rates');
    else {
      const budget = quantileMs(mlflowBest.result.latenciesMs, 0.99);
      const ours = best(driftguardRows, budget);
      const capped = ours !== undefined && ours === driftguardRows.at(-1) && ours.rate === SWEEP_RATES.at(-1);
      log(
        `    equal p99 (≤ ${fmt(budget, 2)} ms, mlflow's p99 at its highest sustained rate): mlflow ${mlflowBest.rate} req/s, driftguard ` +
          `${ours === undefined ? 'none' : `${capped ? '≥ ' : ''}${ours.rate} req/s → ratio ${capped ? '≥ ' : ''}${fmt(ours.rate / mlflowBest.rate, 1)}×`}`,
      );
    }
  }

  // (d) memory while the log grows.
  log(`\n(d) server RSS while the prediction log grows (batched ingestion, 4 connections)`);
  const samples: { rows: number; rss: number }[] = [];
  let nextMark = 100_000;
  const started = performance.now();
  while (rowsLogged < MEMORY_ROWS && performance.now() - started < MEMORY_MAX_SECONDS * 1000) {
    const needed = Math.ceil(Math.max(0, nextMark - rowsLogged) / BATCH_ROWS);
    if (needed > 0) {
      const result = await closedLoop({
        post: postPredictions,
        bodyFor: (i) => batchBodies[i % batchBodies.length],
        concurrency: 4,
        durationMs: 60_000,
        maxRequests: needed,
        expectStatus: 201,
      });
      rowsLogged += result.succeeded * BATCH_ROWS;
      if (result.succeeded === 0) throw new Error(`ingestion stopped: ${result.firstError}`);
    }
    if (rowsLogged >= nextMark) {
      samples.push({ rows: rowsLogged, rss: await rssMiB(server.pid) });
      log(`    ${String(rowsLogged).padStart(9)} rows logged: RSS ${fmt(samples.at(-1)?.rss ?? NaN, 0)} MiB`);
      while (nextMark <= rowsLogged) nextMark = nextMark < 1_000_000 ? nextMark + 100_000 : nextMark * 2;
    }
  }
  if (samples.length >= 2) {
    const first = samples[0].rss;
    const spread = samples.map((s) => (s.rss - first) / first);
    log(
      `    RSS change from ${samples[0].rows} to ${samples.at(-1)?.rows} rows: ${fmt(100 * Math.min(...spread))}% … +${fmt(100 * Math.max(...spread))}% (target ±10%)`,
    );
  }
  await storeProbe();
  log(
    `\nload average at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  ingest.close();
}

/**
 * (e) Where the time goes: the disk's fdatasync latency, and the SQLite store alone (no HTTP) appending 500-row and
 * 1-row transactions with synchronous=FULL vs NORMAL, one commit after another as the service does today.
 */
async function storeProbe() {
  const file = join(workDir, 'fsync-probe.dat');
  const fd = openSync(file, 'w');
  const times = new Float64Array(200);
  for (let i = 0; i < times.length; i++) {
    const t = performance.now();
    writeSync(fd, Buffer.alloc(4096, i));
    fdatasyncSync(fd);
    times[i] = performance.now() - t;
  }
  closeSync(fd);
  log(
    `\n(e) disk: write 4 KiB + fdatasync p50 ${fmt(quantileMs(times, 0.5), 2)} ms, p99 ${fmt(quantileMs(times, 0.99), 2)} ms (200 calls)`,
  );
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    const store = createSqliteStore({ path: join(workDir, `probe-${synchronous}.db`), synchronous });
    await store.migrate();
    let n = 0;
    const rowsOf = (count: number) =>
      Array.from({ length: count }, () => {
        const i = n++;
        const r = loggedRow(i);
        return {
          id: `p${i}`,
          model: MODEL,
          modelVersion: null,
          timestampMs: i,
          features: r.features,
          predictedClass: r.prediction,
          score: r.score,
        };
      });
    for (const rows of [BATCH_ROWS, 1]) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      let commits = 0;
      while (performance.now() - start < 3000) {
        await store.appendPredictions(MODEL, rowsOf(rows));
        commits += 1;
      }
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      const cpuMsPerCommit = (cpu.user + cpu.system) / 1000 / commits;
      log(
        `    store only, synchronous=${synchronous.padEnd(6)} ${String(rows).padStart(3)} rows/commit: ${fmt(commits / seconds, 0)} commits/s = ` +
          `${fmt((commits * rows) / seconds, 0)} rows/s; CPU ${fmt(cpuMsPerCommit, 3)} ms/commit (incl. building the rows)`,
      );
    }
    await store.close();
  }
}

const sustained = (r: LoadResult) => r.failed === 0 && r.seconds <= SWEEP_SECONDS * 1.1 + 1;

async function startMlflow() {
  const dir = join(workDir, 'mlflow-model');
  for (const file of buildDriftguardModelDirectory({ model, codec: protobufjsOnnxCodec, createdAtMs: Date.now() })) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  const port = 20_000 + (process.pid % 20_000);
  const child = spawn(
    join(PYTHON_BIN, 'mlflow'),
    ['models', 'serve', '-m', dir, '--env-manager', 'local', '-h', '127.0.0.1', '-p', String(port)],
    {
      env: { ...process.env, PATH: `${PYTHON_BIN}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const stop = async () => {
    if (child.exitCode === null) process.kill(-(child.pid ?? 0), 'SIGTERM');
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mlflow models serve exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${baseUrl}/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`mlflow models serve did not answer /ping within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const check = await fetch(`${baseUrl}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: mlflowBodies[0],
  });
  const answer = await check.text();
  if (!check.ok) throw new Error(`mlflow /invocations: HTTP ${check.status} ${answer}`);
  log(
    `mlflow models serve ready on ${baseUrl} (pid ${child.pid}); sample answer ${answer.slice(0, 160)}, driftguard score ${fmt(scores[0], 6)}`,
  );
  return { baseUrl, stop, pgid: child.pid ?? -1 };
}

try {
  await main();
} finally {
  for (const cleanup of cleanups) await cleanup();
  const out = process.env.SERVE_BENCH_OUT;
  if (out !== undefined) writeFileSync(out, `${lines.join('\n')}\n`);
}
