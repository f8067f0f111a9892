import { Worker } from 'node:worker_threads';
import type { DriftReport } from '../drift/index.js';
import type { DriftEvaluator } from '../ports/drift-evaluator.js';
import { createInThreadDriftEvaluator } from '../services/monitoring/drift-window-evaluation.js';
import type { DriftThreadReply, DriftThreadRequest } from './drift-window-thread.js';
import { errorFromThread, locateThreadEntry, type ThreadEntry } from './worker-thread.js';

/** The drift-evaluation worker's entry (`drift-window-thread`). */
export function locateDriftThreadEntry(): ThreadEntry {
  return locateThreadEntry('drift-window-thread');
}

interface Pending {
  resolve(report: DriftReport): void;
  reject(error: Error): void;
}

/**
 * Evaluates windows in one long-lived worker thread (started on first use, restarted after a crash), so the drift
 * engine's CPU work never blocks the event loop that serves requests. Requests are answered in order; the thread does
 * not keep the process alive while idle. `mode` says whether a worker is used or, when no worker entry can be found,
 * evaluations run on the calling thread.
 */
export function createWorkerDriftEvaluator(
  entry: ThreadEntry = locateDriftThreadEntry(),
): DriftEvaluator & { readonly mode: ThreadEntry['kind'] } {
  if (entry.kind === 'in-thread') return { ...createInThreadDriftEvaluator(), mode: 'in-thread' };
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextId = 1;

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(url: URL): Worker {
    const w = new Worker(url, { name: 'driftguard-drift-evaluation' });
    w.on('message', (reply: DriftThreadReply) => {
      const p = pending.get(reply.id);
      if (p === undefined) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if ('error' in reply) p.reject(errorFromThread(reply.error));
      else p.resolve(reply.report);
    });
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(new Error(`drift evaluation thread failed: ${error.message}`));
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`drift evaluation thread exited (code ${code})`));
    });
    return w;
  }

  return {
    mode: 'worker',
    evaluate(request) {
      worker ??= start(entry.url);
      const w = worker;
      const id = nextId++;
      return new Promise<DriftReport>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, request } satisfies DriftThreadRequest);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w !== null) await w.terminate();
    },
  };
}
