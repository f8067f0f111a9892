import type { ErrorDetail } from '../services/service-errors.js';
import { DriftguardNetworkError, DriftguardRequestError } from './client-errors.js';
import { createRetryPolicy, isRetryableStatus, parseRetryAfter, type RetryOptions } from './retry-policy.js';

export interface TransportOptions {
  /** Base URL of `driftguard serve`, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** An API key (sent as `Authorization: Bearer <key>`). */
  readonly apiKey?: string;
  readonly retry?: RetryOptions;
  /** One attempt's time limit; a timed-out attempt is retried like a network error. Default 30,000. */
  readonly requestTimeoutMs?: number;
  /** Default: the global fetch (Node ≥ 18, browsers, Deno, Bun). */
  readonly fetch?: typeof fetch;
  /** For tests: the jitter source and the wait. */
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Transport {
  /** Sends a JSON request, retrying 429 / 5xx / network errors; resolves with the parsed 2xx body. */
  request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  /** The same with a body that is already text of another type (e.g. `text/csv`). */
  requestText<T>(method: 'POST' | 'PUT', path: string, contentType: string, text: string): Promise<T>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorFromBody(status: number, text: string, attempts: number): DriftguardRequestError {
  let parsed: { error?: unknown; message?: unknown; details?: unknown } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // not JSON (e.g. a proxy's HTML page): keep the status and the start of the text
  }
  const details = Array.isArray(parsed.details)
    ? parsed.details.filter(
        (d): d is ErrorDetail =>
          typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.reason === 'string',
      )
    : [];
  const code = typeof parsed.error === 'string' ? parsed.error : `http_${status}`;
  const message =
    typeof parsed.message === 'string'
      ? parsed.message
      : `HTTP ${status}${text === '' ? '' : `: ${text.slice(0, 200)}`}`;
  return new DriftguardRequestError(status, code, message, details, attempts);
}

/** JSON over fetch with retries: exponential backoff with jitter on 429, 5xx and network errors; 4xx never retried. */
export function createTransport(options: TransportOptions): Transport {
  const base = options.url.replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(base))
    throw new TypeError(`url must start with http:// or https://, got ${JSON.stringify(options.url)}`);
  const policy = createRetryPolicy(options.retry, options.random);
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? sleepFor;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs))
    throw new RangeError(`requestTimeoutMs must be a finite number > 0, got ${options.requestTimeoutMs}`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;

  async function send<T>(
    method: string,
    path: string,
    payload: { contentType: string; text: string } | undefined,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers: payload === undefined ? headers : { ...headers, 'content-type': payload.contentType },
          body: payload?.text,
          signal: AbortSignal.timeout(timeoutMs),
        });
        // Inside the try: a connection reset while the reply streams in is a network error, retried.
        text = await response.text();
      } catch (error) {
        if (attempt > policy.maxRetries) {
          const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
          throw new DriftguardNetworkError(
            `${method} ${base}${path} failed after ${attempt} attempt(s): ${reason}`,
            attempt,
            error,
          );
        }
        await sleep(policy.delayMs(attempt, null));
        continue;
      }
      if (response.ok) return (text === '' ? {} : JSON.parse(text)) as T;
      if (isRetryableStatus(response.status) && attempt <= policy.maxRetries) {
        await sleep(policy.delayMs(attempt, parseRetryAfter(response.headers.get('retry-after'), Date.now())));
        continue;
      }
      throw errorFromBody(response.status, text, attempt);
    }
  }

  return {
    request: (method, path, body) =>
      send(
        method,
        path,
        body === undefined ? undefined : { contentType: 'application/json', text: JSON.stringify(body) },
      ),
    requestText: (method, path, contentType, text) => send(method, path, { contentType, text }),
  };
}
