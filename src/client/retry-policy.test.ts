import { describe, expect, it } from 'vitest';
import { createRetryPolicy, isRetryableStatus, parseRetryAfter } from './retry-policy.js';

describe('retry policy', () => {
  it('retries 429 and 5xx, never another 4xx', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 415, 422].some(isRetryableStatus)).toBe(false);
  });

  it('waits a jittered, exponentially growing, capped time', () => {
    const policy = createRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 }, () => 1);
    expect([1, 2, 3, 4, 5, 6].map((n) => policy.delayMs(n, null))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const low = createRetryPolicy({ baseDelayMs: 100 }, () => 0.25);
    expect(low.delayMs(3, null)).toBe(100);
    // jitter spreads the waits of many clients over [0, ceiling)
    const seen = new Set(Array.from({ length: 50 }, () => createRetryPolicy({ baseDelayMs: 100 }).delayMs(4, null)));
    expect(seen.size).toBeGreaterThan(40);
  });

  it("honours the server's Retry-After, capped", () => {
    const policy = createRetryPolicy({ maxDelayMs: 5000 }, () => 1);
    expect(policy.delayMs(1, 2)).toBe(2000);
    expect(policy.delayMs(1, 60)).toBe(5000);
    expect(parseRetryAfter('3', 0)).toBe(3);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });

  it('refuses nonsense settings', () => {
    expect(() => createRetryPolicy({ maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => createRetryPolicy({ baseDelayMs: Number.NaN })).toThrow(/non-negative/);
    expect(createRetryPolicy().maxRetries).toBe(5);
  });
});
