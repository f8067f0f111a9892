/** When and how long to wait before re-sending a request. */
export interface RetryOptions {
  /** Re-sends after the first attempt; default 5. 0 disables retries. */
  readonly maxRetries?: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs · 2ⁿ)] ("full jitter"). Default 100. */
  readonly baseDelayMs?: number;
  /** Cap of one wait, also applied to a server's Retry-After; default 10,000. */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly maxRetries: number;
  /** Milliseconds to wait before re-send number `retry` (1-based), honouring a Retry-After in seconds when given. */
  delayMs(retry: number, retryAfterSeconds: number | null): number;
}

/** 429 (rate limited) and every 5xx are worth re-sending; other statuses are answers about the request itself. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Exponential backoff with full jitter (AWS architecture blog, 2015), capped; `random` is injectable for tests. */
export function createRetryPolicy(options: RetryOptions = {}, random: () => number = Math.random): RetryPolicy {
  const maxRetries = options.maxRetries ?? 5;
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 10_000;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new RangeError(`maxRetries must be a non-negative integer, got ${maxRetries}`);
  if (!(base >= 0) || !(cap >= 0)) throw new RangeError('baseDelayMs and maxDelayMs must be non-negative');
  return {
    maxRetries,
    delayMs(retry, retryAfterSeconds) {
      if (retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)
        return Math.min(cap, retryAfterSeconds * 1000);
      return random() * Math.min(cap, base * 2 ** (retry - 1));
    },
  };
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, (at - nowMs) / 1000) : null;
}
