import { afterEach, expect, it } from 'vitest';
import type { EventBus, ServiceEvent } from '../../ports/event-bus.js';

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

const TYPES: ServiceEvent['type'][] = ['drift_report', 'alert', 'predictions_logged', 'model', 'retraining'];

function events(count: number, tag: string): ServiceEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: TYPES[i % TYPES.length],
    model: `model-${tag}-${i % 3}`,
    atMs: Date.UTC(2026, 10, 27) + i,
    data: { id: `${tag}-${i}`, severity: i % 2 === 0 ? 'high' : 'low', nested: { rows: i * 7, share: i / count }, note: 'é✓'.repeat(i % 4) },
  }));
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
      data: { job: { status: 'evaluated', reasons: Array.from({ length: 400 }, (_, i) => `feature_${i} drifted by ${(i * 0.37).toFixed(2)}`) } },
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
