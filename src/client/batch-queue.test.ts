import { describe, expect, it } from 'vitest';
import { createBatchQueue, type ItemOutcome } from './batch-queue.js';

/** A sender that records each batch and answers after `delayMs`; items equal to `bad` are refused. */
function recordingSender(delayMs = 0, bad = -1) {
  const batches: number[][] = [];
  return {
    batches,
    send: async (items: readonly number[]): Promise<ItemOutcome<number>[]> => {
      batches.push([...items]);
      await new Promise((r) => setTimeout(r, delayMs));
      return items.map((i) =>
        i === bad ? { ok: false, error: new Error(`refused ${i}`) } : { ok: true, value: i * 10 },
      );
    },
  };
}

describe('batch queue', () => {
  it('sends a full batch at once and the rest after the max delay, in order', async () => {
    const sender = recordingSender();
    const queue = createBatchQueue({ maxItems: 4, maxDelayMs: 30, maxQueued: 100, send: sender.send });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => queue.add(i)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(sender.batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('coalesces items that arrive while a batch is in flight into the next one', async () => {
    const sender = recordingSender(20);
    const queue = createBatchQueue({ maxItems: 100, maxDelayMs: 5, maxQueued: 1000, send: sender.send });
    const all: Promise<number>[] = [];
    for (let i = 0; i < 50; i++) {
      all.push(queue.add(i));
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 4));
    }
    await Promise.all(all);
    expect(sender.batches.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(sender.batches.length).toBeLessThan(10);
  });

  it('settles every item once: refused items reject, flush counts them and waits for in-flight batches', async () => {
    const sender = recordingSender(10, 3);
    const queue = createBatchQueue({ maxItems: 1000, maxDelayMs: 60_000, maxQueued: 1000, send: sender.send });
    const settled = Array.from({ length: 6 }, (_, i) =>
      queue.add(i).then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    expect(queue.pending).toBe(6);
    expect(await queue.flush()).toEqual({ sent: 5, failed: 1 });
    expect(queue.pending).toBe(0);
    expect(await Promise.all(settled)).toEqual(['ok', 'ok', 'ok', 'refused 3', 'ok', 'ok']);
    expect(sender.batches).toEqual([[0, 1, 2, 3, 4, 5]]);
  });

  it('a sender that throws rejects its whole batch, and a full queue refuses new items', async () => {
    const queue = createBatchQueue<number, number>({
      maxItems: 10,
      maxDelayMs: 60_000,
      maxQueued: 3,
      send: async () => {
        throw new Error('boom');
      },
    });
    const settled = [0, 1, 2].map((i) => queue.add(i).catch((e: Error) => e.message));
    expect(() => queue.add(3)).toThrow(/3 items are already waiting/);
    await queue.flush();
    expect(await Promise.all(settled)).toEqual(['boom', 'boom', 'boom']);
  });
});
