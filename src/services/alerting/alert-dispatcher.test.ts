import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../tests/support/network/http-receiver.js';
import { createWebhookSink } from '../../adapters/alerts/webhook-sink.js';
import { createSqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import type { Alert } from '../../domain/alert.js';
import { createAlertDispatcher } from './alert-dispatcher.js';

const alert = {
  id: 'a-1',
  model: 'm',
  kind: 'data_drift',
  severity: 'high',
  peakSeverity: 'high',
  status: 'firing',
  dedupKey: 'm:data_drift',
  summary: 's',
  firstSeenMs: 0,
  lastSeenMs: 0,
  resolvedAtMs: null,
  acknowledgedAtMs: null,
  acknowledgedBy: null,
  cleanEvaluations: 0,
  lastNotifiedMs: null,
  lastNotifiedSeverity: null,
  driftReportId: null,
} satisfies Alert;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function setup(respond: (i: number) => number) {
  const receiver = await startReceiver((_r, i) => respond(i));
  const store = createSqliteStore({ path: ':memory:' });
  await store.migrate();
  await store.saveAlert(alert);
  closers.push(receiver.close, () => store.close());
  const delays: number[] = [];
  let t = 0;
  const dispatcher = createAlertDispatcher({
    sinks: [createWebhookSink({ url: receiver.url })],
    store,
    clock: { nowMs: () => ++t },
    retry: { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 250 },
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
  });
  return { receiver, store, dispatcher, delays };
}

describe('alert dispatcher (real loopback receiver, real SQLite store)', () => {
  it('retries retryable failures with capped exponential backoff and records every attempt', async () => {
    const { receiver, store, dispatcher, delays } = await setup((i) => (i < 3 ? 503 : 200));
    dispatcher.dispatch({ event: 'fired', alert, alertUrl: null, sentAtMs: 0 });
    await dispatcher.drain();
    expect(receiver.requests).toHaveLength(4);
    expect(delays).toEqual([75, 150, 187.5]); // 100, 200, 250 (capped) drawn at 3/4 with random() = 0.5
    const deliveries = await store.listDeliveries('a-1');
    expect(deliveries.map((d) => [d.attempt, d.outcome, d.httpStatus])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 503],
      [3, 'failed', 503],
      [4, 'delivered', 200],
    ]);
  });

  it('gives up at once on a final 4xx, and after maxAttempts on persistent 5xx', async () => {
    const final = await setup(() => 404);
    final.dispatcher.dispatch({ event: 'fired', alert, alertUrl: null, sentAtMs: 0 });
    await final.dispatcher.drain();
    expect((await final.store.listDeliveries('a-1')).map((d) => d.outcome)).toEqual(['failed']);
    const persistent = await setup(() => 500);
    persistent.dispatcher.dispatch({ event: 'fired', alert, alertUrl: null, sentAtMs: 0 });
    await persistent.dispatcher.drain();
    expect(persistent.receiver.requests).toHaveLength(4);
  });

  it('returns from dispatch at once and keeps per-sink order', async () => {
    const { receiver, dispatcher } = await setup(() => 200);
    const started = Date.now();
    dispatcher.dispatch({ event: 'fired', alert, alertUrl: null, sentAtMs: 0 });
    dispatcher.dispatch({ event: 'escalated', alert, alertUrl: null, sentAtMs: 1 });
    dispatcher.dispatch({ event: 'resolved', alert, alertUrl: null, sentAtMs: 2 });
    expect(Date.now() - started).toBeLessThan(50);
    await dispatcher.drain();
    expect(receiver.requests.map((r) => r.headers['x-driftguard-event'])).toEqual(['fired', 'escalated', 'resolved']);
  });
});
