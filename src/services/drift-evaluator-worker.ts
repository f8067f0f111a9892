import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DriftReport } from '../drift/index.js';
import { createInThreadDriftEvaluator, type DriftEvaluator } from './drift-evaluator.js';
import type { DriftThreadReply, DriftThreadRequest } from './drift-evaluator-thread.js';

/** How the worker's entry module is started, or why evaluations fall back to the calling thread. */
export type DriftThreadEntry = { readonly kind: 'worker'; readonly url: URL } | { readonly kind: 'in-thread'; readonly reason: string };

/** tsx's ESM loader API as a file URL (source checkouts run under tsx or vitest), or null when tsx is not installed. */
function tsxLoaderUrl(): string | null {
  try {
    const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
    const loader = join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs');
    return existsSync(loader) ? pathToFileURL(loader).href : null;
  } catch {
    return null;
  }
}

/**
 * Finds a worker entry module of this folder by base name: the compiled `<name>.js` (the built package), else the `.ts`
 * source started through tsx's loader (source checkout: tsx, vitest). Without either, the work runs in-thread.
 */
export function locateThreadEntry(name: string): DriftThreadEntry {
  const compiled = new URL(`./${name}.js`, import.meta.url);
  if (compiled.protocol === 'file:' && existsSync(fileURLToPath(compiled))) return { kind: 'worker', url: compiled };
  const source = new URL(`./${name}.ts`, import.meta.url);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) {
    return { kind: 'in-thread', reason: `no worker entry beside ${import.meta.url}` };
  }
  const loader = tsxLoaderUrl();
  if (loader === null) return { kind: 'in-thread', reason: 'the worker entry is TypeScript source and tsx is not installed' };
  const bootstrap = `const tsx = await import(${JSON.stringify(loader)}); tsx.register(); await import(${JSON.stringify(source.href)});`;
  return { kind: 'worker', url: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`) };
}

/** The drift-evaluation worker's entry (`drift-evaluator-thread`). */
export function locateDriftThreadEntry(): DriftThreadEntry {
  return locateThreadEntry('drift-evaluator-thread');
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
export function createWorkerDriftEvaluator(entry: DriftThreadEntry = locateDriftThreadEntry()): DriftEvaluator & { readonly mode: DriftThreadEntry['kind'] } {
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
      if ('error' in reply) p.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      else p.resolve(reply.report as DriftReport);
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
