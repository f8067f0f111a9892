import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SchemaError } from '../domain/schema-error.js';
import type { DriftColumnRunner } from '../ports/drift-column-runner.js';
import { createInThreadColumnRunner } from '../services/reports/drift-column-tasks.js';
import type { DriftColumnThreadReply, DriftColumnThreadRequest } from './drift-column-thread.js';
import { errorFromThread, locateThreadEntry, type ThreadEntry } from './worker-thread.js';

/** Threads of the drift-column pool by default: the cores this process may use (os.availableParallelism). */
export function defaultColumnThreads(): number {
  return availableParallelism();
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

interface Job {
  readonly request: Omit<DriftColumnThreadRequest, 'id'>;
  settle(outcome: Outcome): void;
}

/**
 * Runs the column tasks of a drift report on a pool of `threads` worker threads (entry: drift-column-thread.ts),
 * started on first use and idle-unreferenced (they never keep the process alive). Each task's column is copied to the
 * thread that takes it (structured clone: at most one column per thread in flight), tasks go to whichever thread is
 * free, and results are put back in task order — the same report whatever the number of threads or the timing. When
 * tasks fail, the error of the first failing task (in task order) is thrown, as on one thread. With `threads` ≤ 1
 * or no worker entry, tasks run on the calling thread.
 */
export function createDriftColumnPool(
  threads: number = defaultColumnThreads(),
  entry: ThreadEntry = locateThreadEntry('drift-column-thread'),
): DriftColumnRunner & { readonly mode: ThreadEntry['kind'] } {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be an integer ≥ 1, got ${threads}`);
  if (threads === 1 || entry.kind === 'in-thread') return { ...createInThreadColumnRunner(), mode: 'in-thread' };
  const url = entry.url;
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const running = new Map<Worker, Job>();
  const workers = new Set<Worker>();
  let nextId = 1;

  const fail = (w: Worker, error: Error): void => {
    if (!workers.delete(w)) return;
    const index = idle.indexOf(w);
    if (index >= 0) idle.splice(index, 1);
    running.get(w)?.settle({ ok: false, error });
    running.delete(w);
    pump();
  };

  function start(): Worker {
    const w = new Worker(url, { name: 'driftguard-drift-column' });
    workers.add(w);
    w.on('message', (reply: DriftColumnThreadReply) => {
      const job = running.get(w);
      running.delete(w);
      idle.push(w);
      if (queue.length === 0) w.unref();
      if (job !== undefined) {
        if ('result' in reply) job.settle({ ok: true, value: reply.result });
        else if ('schemaError' in reply)
          job.settle({ ok: false, error: new SchemaError(reply.schemaError.field, reply.schemaError.reason) });
        else job.settle({ ok: false, error: errorFromThread(reply.error) });
      }
      pump();
    });
    w.on('error', (error) => fail(w, new Error(`drift column thread failed: ${error.message}`)));
    w.on('exit', (code) => fail(w, new Error(`drift column thread exited (code ${code})`)));
    return w;
  }

  function pump(): void {
    while (queue.length > 0) {
      const w = idle.pop() ?? (workers.size < threads ? start() : undefined);
      if (w === undefined) return;
      const job = queue.shift() as Job;
      running.set(w, job);
      w.ref();
      w.postMessage({ id: nextId++, ...job.request } as DriftColumnThreadRequest);
    }
  }

  async function run<R>(
    requests: readonly Omit<DriftColumnThreadRequest, 'id'>[],
    onDone?: (done: number, total: number) => void,
  ): Promise<R[]> {
    let done = 0;
    const pending = requests.map(
      (request) =>
        new Promise<Outcome>((resolve) => {
          queue.push({
            request,
            settle: (outcome) => {
              resolve(outcome);
              onDone?.(++done, requests.length);
            },
          });
        }),
    );
    pump();
    const outcomes = await Promise.all(pending);
    const failed = outcomes.find((o) => !o.ok);
    if (failed !== undefined && !failed.ok) throw failed.error;
    return outcomes.map((o) => (o as { value: unknown }).value as R);
  }

  return {
    mode: 'worker',
    threads,
    profile: (tasks, onDone) =>
      run(
        tasks.map((task) => ({ type: 'profile' as const, task })),
        onDone,
      ),
    evaluate: (tasks, onDone) =>
      run(
        tasks.map((task) => ({ type: 'evaluate' as const, task })),
        onDone,
      ),
    async close() {
      queue.length = 0;
      const all = [...workers];
      workers.clear();
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
