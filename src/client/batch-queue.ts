/** What became of one queued item: sent and acknowledged with a value, or refused / failed with an error. */
export type ItemOutcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: Error };

export interface BatchQueueOptions<T, R> {
  /** Most items per request. */
  readonly maxItems: number;
  /** Longest an item waits in the queue before its batch is sent (ms). */
  readonly maxDelayMs: number;
  /** Items queued or in flight beyond which `add` refuses new ones (backpressure when the server is down). */
  readonly maxQueued: number;
  /** Sends one batch; resolves with one outcome per item, in order. Must not reject. */
  readonly send: (items: readonly T[]) => Promise<ItemOutcome<R>[]>;
  /** Clock for the max-delay rule (tests); default Date.now. */
  readonly nowMs?: () => number;
}

interface Queued<T, R> {
  readonly item: T;
  readonly atMs: number;
  readonly resolve: (value: R) => void;
  readonly reject: (error: Error) => void;
  /** Settles (never rejects) when the item's outcome is known; what flush waits for. */
  readonly settled: Promise<boolean>;
}

export interface FlushResult {
  /** Items acknowledged by the server. */
  readonly sent: number;
  /** Items refused or failed (each one's promise rejected). */
  readonly failed: number;
}

/**
 * Coalesces items into batches of at most `maxItems`, sent when a batch is full or its oldest item has waited
 * `maxDelayMs`, one request at a time (so the server sees rows in the order they were added). Every added item's
 * promise settles exactly once: with the server's acknowledgement or with the error that refused it.
 */
export function createBatchQueue<T, R>(options: BatchQueueOptions<T, R>) {
  const now = options.nowMs ?? Date.now;
  const queue: Queued<T, R>[] = [];
  const inFlight = new Set<Queued<T, R>>();
  let sending = false;
  let flushing = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function armTimer(): void {
    if (timer !== null || sending || queue.length === 0) return;
    const wait = Math.max(0, options.maxDelayMs - (now() - queue[0].atMs));
    timer = setTimeout(() => {
      timer = null;
      void pump();
    }, wait);
  }

  const shouldSend = (): boolean =>
    queue.length > 0 &&
    (flushing > 0 || queue.length >= options.maxItems || now() - queue[0].atMs >= options.maxDelayMs);

  async function pump(): Promise<void> {
    if (sending) return;
    sending = true;
    clearTimer();
    try {
      while (shouldSend()) {
        const batch = queue.splice(0, options.maxItems);
        for (const q of batch) inFlight.add(q);
        let outcomes: ItemOutcome<R>[];
        try {
          outcomes = await options.send(batch.map((q) => q.item));
        } catch (error) {
          outcomes = batch.map(() => ({ ok: false, error: error as Error }));
        }
        batch.forEach((q, i) => {
          inFlight.delete(q);
          const outcome = outcomes[i] ?? {
            ok: false,
            error: new Error('the sender returned no outcome for this item'),
          };
          if (outcome.ok) q.resolve(outcome.value);
          else q.reject(outcome.error);
        });
      }
    } finally {
      sending = false;
      armTimer();
    }
  }

  return {
    /** Items queued or in flight. */
    get pending(): number {
      return queue.length + inFlight.size;
    },

    /** Queues one item; the promise settles when the server acknowledged or refused it. Throws when the queue is full. */
    add(item: T): Promise<R> {
      if (queue.length + inFlight.size >= options.maxQueued) {
        throw new RangeError(`${options.maxQueued} items are already waiting to be sent`);
      }
      let resolve!: (value: R) => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<R>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const settled = promise.then(
        () => true,
        () => false,
      );
      queue.push({ item, atMs: now(), resolve, reject, settled });
      if (queue.length >= options.maxItems) void pump();
      else armTimer();
      return promise;
    },

    /** Sends everything queued now (whatever the batch size and age) and waits until each item is settled. */
    async flush(): Promise<FlushResult> {
      const waiting = [...inFlight, ...queue].map((q) => q.settled);
      flushing++;
      try {
        void pump();
        const results = await Promise.all(waiting);
        return { sent: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length };
      } finally {
        flushing--;
      }
    },
  };
}

export type BatchQueue<T, R> = ReturnType<typeof createBatchQueue<T, R>>;
