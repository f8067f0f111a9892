/**
 * A circuit breaker for calls to a remote model: after `failureThreshold` consecutive failures it opens and refuses
 * calls at once (no request leaves, callers get the reason); `resetTimeoutMs` later it lets ONE probe call through
 * (half-open) — success closes it, failure opens it again for another `resetTimeoutMs`. Calls refused while open or
 * while the probe is in flight throw InferenceUnavailableError. The clock is injected (tests move it).
 */
import { InferenceUnavailableError } from '../../../ports/inference-model.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit; default 5. */
  readonly failureThreshold?: number;
  /** How long it stays open before a probe; default 30 000 ms. */
  readonly resetTimeoutMs?: number;
  readonly nowMs?: () => number;
}

export interface CircuitStatus {
  readonly state: CircuitState;
  readonly consecutiveFailures: number;
  /** Why the last failed call failed; null when the last call succeeded. */
  readonly lastFailure: string | null;
  /** Open: when the next probe may go; otherwise null. */
  readonly nextProbeAtMs: number | null;
}

export interface CircuitBreaker {
  /** Runs `call` unless the circuit refuses it; errors for which `countsAsFailure` is false do not count. */
  run<T>(call: () => Promise<T>, countsAsFailure: (error: unknown) => boolean): Promise<T>;
  status(): CircuitStatus;
  /** One sentence for `/readyz` when calls are refused now, else null. */
  refusal(): string | null;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.failureThreshold ?? 5;
  const resetTimeoutMs = options.resetTimeoutMs ?? 30_000;
  const nowMs = options.nowMs ?? Date.now;
  let failures = 0;
  let lastFailure: string | null = null;
  let openedAtMs: number | null = null;
  let probing = false;

  const state = (): CircuitState =>
    openedAtMs === null ? 'closed' : nowMs() - openedAtMs >= resetTimeoutMs ? 'half-open' : 'open';

  function refusal(): string | null {
    const current = state();
    if (current === 'closed' || (current === 'half-open' && !probing)) return null;
    const why = `circuit open after ${failures} consecutive failures (last: ${lastFailure})`;
    if (current === 'half-open') return `${why}; a probe call is in flight`;
    const waitS = Math.ceil((resetTimeoutMs - (nowMs() - (openedAtMs as number))) / 1000);
    return `${why}; next probe in ${waitS} s`;
  }

  return {
    async run(call, countsAsFailure) {
      const refused = refusal();
      if (refused !== null) throw new InferenceUnavailableError(refused);
      const isProbe = state() === 'half-open';
      if (isProbe) probing = true;
      try {
        const result = await call();
        failures = 0;
        lastFailure = null;
        openedAtMs = null;
        return result;
      } catch (error) {
        if (countsAsFailure(error)) {
          failures++;
          lastFailure = describe(error);
          if (isProbe || failures >= threshold) openedAtMs = nowMs();
        } else if (isProbe) {
          openedAtMs = null; // the endpoint answered: it is up
          failures = 0;
        }
        throw error;
      } finally {
        if (isProbe) probing = false;
      }
    },
    status() {
      const current = state();
      return {
        state: current,
        consecutiveFailures: failures,
        lastFailure,
        nextProbeAtMs: current === 'open' ? (openedAtMs as number) + resetTimeoutMs : null,
      };
    },
    refusal,
  };
}
