import { afterAll, describe, expect, it } from 'vitest';
import { dataTableFromRows } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import type { StoredPrediction } from '../domain/prediction-record.js';
import { buildReferenceProfile } from '../drift/index.js';
import { createSeededRandom as random } from '../models/evaluation/seeded-random.js';
import type { DriftEvaluator, DriftWindowRequest } from '../ports/drift-evaluator.js';
import { createInThreadDriftEvaluator } from '../services/monitoring/drift-window-evaluation.js';
import { createWorkerDriftEvaluator, locateDriftThreadEntry } from './drift-window-worker.js';

const FEATURES = ['a', 'b', 'c', 'd', 'e', 'f'];

function featureRows(n: number, seed: number, shift: number) {
  const r = random(seed);
  return Array.from({ length: n }, () =>
    Object.fromEntries(FEATURES.map((f, i) => [f, r() + r() + r() + (i % 2 === 0 ? shift : 0)])),
  );
}

/** A window request of `n` logged predictions against a reference of 5,000 rows. */
function windowRequest(n: number, shift: number): DriftWindowRequest {
  const reference = dataTableFromRows(featureRows(5000, 1, 0));
  const profile = buildReferenceProfile(reference, inferSchema(reference, {}));
  const rows: StoredPrediction[] = featureRows(n, 2, shift).map((features, i) => ({
    id: `p${i}`,
    model: 'm',
    modelVersion: null,
    sequence: i + 1,
    timestampMs: 1_700_000_000_000 + i,
    features,
    predictedClass: null,
    score: null,
    label: null,
    labelTimestampMs: null,
  }));
  return {
    profile: JSON.parse(JSON.stringify(profile)) as unknown,
    rows,
    options: { mode: 'driftguard' },
    state: { previousHighStreak: 0 },
  };
}

/** Evaluates while a 5 ms interval runs; returns the report, how many ticks fired meanwhile and the duration. */
async function evaluateWhileTicking(evaluator: DriftEvaluator, request: DriftWindowRequest) {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const started = performance.now();
  try {
    const report = await evaluator.evaluate(request);
    return { report, ticks, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

describe('drift evaluation in a worker thread', () => {
  const worker = createWorkerDriftEvaluator();
  afterAll(() => worker.close());

  it('finds the worker entry in a source checkout (the .ts through tsx)', () => {
    expect(locateDriftThreadEntry().kind).toBe('worker');
    expect(worker.mode).toBe('worker');
  });

  it('returns the same report as the drift engine on the calling thread', async () => {
    const request = windowRequest(2000, 0.5);
    const [inWorker, inThread] = await Promise.all([
      worker.evaluate(request),
      createInThreadDriftEvaluator().evaluate(request),
    ]);
    expect(inWorker.severity).toBe('high');
    expect(inWorker).toEqual(inThread);
  });

  it('keeps the event loop responsive while a large window is evaluated (timers fire meanwhile); in-thread they cannot', async () => {
    const request = windowRequest(200_000, 0.01);
    await worker.evaluate(windowRequest(100, 0)); // thread started and modules loaded
    const inWorker = await evaluateWhileTicking(worker, request);
    const inThread = await evaluateWhileTicking(createInThreadDriftEvaluator(), request);
    expect(inThread.ms).toBeGreaterThan(100); // large enough that a blocked loop would miss many 5 ms ticks
    expect(inThread.ticks).toBe(0);
    expect(inWorker.ticks).toBeGreaterThanOrEqual(Math.min(10, Math.floor(inWorker.ms / 50)));
    expect(inWorker.report).toEqual(inThread.report);
  });

  it('reports engine errors as rejections and keeps serving later requests', async () => {
    await expect(worker.evaluate({ ...windowRequest(10, 0), profile: { formatVersion: -1 } })).rejects.toThrow(
      /formatVersion|profile/,
    );
    expect((await worker.evaluate(windowRequest(500, 0))).severity).toBe('none');
  });

  it('restarts the thread after close', async () => {
    await worker.close();
    expect((await worker.evaluate(windowRequest(500, 0))).currentRowCount).toBe(500);
  });
});
