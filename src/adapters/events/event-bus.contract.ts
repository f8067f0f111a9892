import { afterEach, expect, it } from 'vitest';
import { createRetrainingJob, type RetrainingJob } from '../../domain/retraining-job.js';
import { type EventBus, SERVICE_EVENT_TYPES, type ServiceEvent } from '../../ports/event-bus.js';

/**
 * Two replicas' view of one bus: `publisher` and `receiver` are the same object for a single-process bus, two
 * buses on one database for a bus across replicas.
 */
export interface EventBusPair {
  readonly publisher: EventBus;
  readonly receiver: EventBus;
  close(): Promise<void>;
}

/** How soon an event published on one replica must reach another one's subscribers. */
export const CROSS_REPLICA_DELIVERY_MS = 2000;

/** A retraining job as the bus carries it (the bus must not care what is inside). */
function job(model: string, id: string, nowMs: number, reason = 'data drift high'): RetrainingJob {
  return createRetrainingJob({ id, model, trigger: { kind: 'manual', reason }, nowMs });
}

/** `count` events cycling through every event type, with non-ASCII text and nested data. */
function events(count: number, tag: string): ServiceEvent[] {
  return Array.from({ length: count }, (_, i): ServiceEvent => {
    const model = `model-${tag}-${i % 3}`;
    const atMs = Date.UTC(2026, 10, 27) + i;
    const severity = i % 2 === 0 ? 'high' : 'low';
    switch (SERVICE_EVENT_TYPES[i % SERVICE_EVENT_TYPES.length]) {
      case 'drift_report':
        return { type: 'drift_report', model, atMs, data: { id: i, severity, driftShare: i / count } };
      case 'alert':
        return {
          type: 'alert',
          model,
          atMs,
          data: { event: 'fired', id: `${tag}-${i}`, kind: 'data_drift', severity, status: 'firing' },
        };
      case 'predictions_logged':
        return { type: 'predictions_logged', model, atMs, data: { rows: i * 7 } };
      case 'model':
        return {
          type: 'model',
          model,
          atMs,
          data: { event: 'reference_set', source: `upload ${'é✓'.repeat(i % 4)}`, rows: i * 7 },
        };
      case 'retraining':
        return { type: 'retraining', model, atMs, data: { model, job: job(model, `${tag}-${i}`, atMs) } };
    }
  });
}

function collect(bus: EventBus): { seen: ServiceEvent[]; off: () => void } {
  const seen: ServiceEvent[] = [];
  return { seen, off: bus.subscribe((e) => seen.push(e)) };
}

/** The EventBus port's contract, run over each adapter. */
export function eventBusContract(createPair: () => Promise<EventBusPair>): void {
  let pair: EventBusPair | null = null;
  const open = async () => (pair = await createPair());
  afterEach(async () => {
    await pair?.close();
    pair = null;
  });

  it("delivers the publisher's own events to its subscribers at once, exactly once", async () => {
    const { publisher, receiver } = await open();
    const own = collect(publisher);
    const remote = collect(receiver);
    const sent = events(12, 'own');
    for (const event of sent) publisher.publish(event);
    expect(own.seen).toEqual(sent);
    await expect.poll(() => remote.seen.length, { timeout: CROSS_REPLICA_DELIVERY_MS, interval: 10 }).toBe(sent.length);
    // Time for an echo of the publisher's own notifications to come back (it must be dropped).
    await new Promise((r) => setTimeout(r, 150));
    expect(own.seen).toEqual(sent);
  });

  it('delivers every event to every subscriber of another replica once, in publish order, unchanged', async () => {
    const { publisher, receiver } = await open();
    const first = collect(receiver);
    const second = collect(receiver);
    const sent = events(40, 'order');
    for (const event of sent) publisher.publish(event);
    await expect.poll(() => first.seen.length, { timeout: CROSS_REPLICA_DELIVERY_MS, interval: 10 }).toBe(sent.length);
    await expect.poll(() => second.seen.length, { timeout: CROSS_REPLICA_DELIVERY_MS, interval: 10 }).toBe(sent.length);
    expect(first.seen).toEqual(sent);
    expect(second.seen).toEqual(sent);
  });

  it('carries an event larger than a NOTIFY payload intact, in order with small ones', async () => {
    const { publisher, receiver } = await open();
    const remote = collect(receiver);
    const big: ServiceEvent = {
      type: 'retraining',
      model: 'big',
      atMs: Date.UTC(2026, 10, 27),
      data: {
        model: 'big',
        job: job(
          'big',
          'big-1',
          Date.UTC(2026, 10, 27),
          Array.from({ length: 400 }, (_, i) => `feature_${i} drifted by ${(i * 0.37).toFixed(2)}`).join('; '),
        ),
      },
    };
    expect(JSON.stringify(big).length).toBeGreaterThan(8000);
    const sent = [...events(2, 'before'), big, ...events(2, 'after')];
    for (const event of sent) publisher.publish(event);
    await expect.poll(() => remote.seen.length, { timeout: CROSS_REPLICA_DELIVERY_MS, interval: 10 }).toBe(sent.length);
    expect(remote.seen).toEqual(sent);
  });

  it('stops delivering to an unsubscribed listener; a failing listener does not stop the others', async () => {
    const { publisher, receiver } = await open();
    const gone = collect(receiver);
    gone.off();
    receiver.subscribe(() => {
      throw new Error('listener failure');
    });
    const kept = collect(receiver);
    const sent = events(3, 'unsub');
    for (const event of sent) publisher.publish(event);
    await expect.poll(() => kept.seen.length, { timeout: CROSS_REPLICA_DELIVERY_MS, interval: 10 }).toBe(sent.length);
    expect(gone.seen).toEqual([]);
  });
}
