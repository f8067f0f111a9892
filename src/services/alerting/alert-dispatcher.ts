import { AlertDeliveryError, type AlertNotification, type AlertSink } from '../../ports/alert-sink.js';
import type { Clock } from '../../ports/clock.js';
import type { AlertRepository } from '../../ports/store.js';

export interface RetryPolicy {
  /** Attempts per sink and notification, the first included (default 5). */
  readonly maxAttempts: number;
  /** Delay before the second attempt; doubles each time (default 500 ms). */
  readonly initialDelayMs: number;
  /** Cap of the delay (default 30 s). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 500, maxDelayMs: 30_000 };

export interface AlertDispatcherOptions {
  readonly sinks: readonly AlertSink[];
  readonly store: Pick<AlertRepository, 'recordDelivery'>;
  readonly clock: Clock;
  readonly retry?: Partial<RetryPolicy>;
  /** Waits between attempts (injected so tests need not sleep). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1): delays are drawn in [delay/2, delay) so replicas do not retry in lockstep. */
  readonly random?: () => number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Delivers alert notifications to every sink in the background: monitoring never waits for a sink. Each attempt is
 * recorded (delivered / failed, HTTP status, error); retryable failures are retried with capped exponential backoff.
 * Deliveries to one sink keep their order.
 */
export function createAlertDispatcher(options: AlertDispatcherOptions) {
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const queues = new Map<string, Promise<void>>();

  async function deliverWithRetries(sink: AlertSink, n: AlertNotification): Promise<void> {
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      let outcome: { httpStatus: number | null; error: string | null; retryable: boolean };
      try {
        const { httpStatus } = await sink.deliver(n);
        outcome = { httpStatus, error: null, retryable: false };
      } catch (error) {
        const known = error instanceof AlertDeliveryError;
        outcome = {
          httpStatus: known ? error.httpStatus : null,
          error: (error as Error).message,
          retryable: known ? error.retryable : true,
        };
      }
      await options.store.recordDelivery({
        alertId: n.alert.id,
        sink: sink.name,
        event: n.event,
        attempt,
        outcome: outcome.error === null ? 'delivered' : 'failed',
        httpStatus: outcome.httpStatus,
        error: outcome.error,
        atMs: options.clock.nowMs(),
      });
      if (outcome.error === null || !outcome.retryable || attempt === retry.maxAttempts) return;
      const delay = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
      await sleep(delay / 2 + (random() * delay) / 2);
    }
  }

  return {
    /** Queues the notification for every sink and returns at once. */
    dispatch(n: AlertNotification): void {
      for (const sink of options.sinks) {
        const previous = queues.get(sink.name) ?? Promise.resolve();
        const next = previous
          .then(() => deliverWithRetries(sink, n))
          .catch((error: unknown) => options.onError?.(error));
        queues.set(sink.name, next);
      }
    },
    /** Resolves when every queued delivery has finished (shutdown, tests). */
    async drain(): Promise<void> {
      for (;;) {
        const pending = [...queues.values()];
        await Promise.all(pending);
        const now = [...queues.values()];
        if (now.length === pending.length && now.every((q, i) => q === pending[i])) return;
      }
    },
  };
}

export type AlertDispatcher = ReturnType<typeof createAlertDispatcher>;
