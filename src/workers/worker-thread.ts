/** Plumbing shared by the service's worker threads (drift evaluation, challenger training): entry location and errors. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';

/** How the worker's entry module is started, or why evaluations fall back to the calling thread. */
export type ThreadEntry =
  | { readonly kind: 'worker'; readonly url: URL }
  | { readonly kind: 'in-thread'; readonly reason: string };

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
 * Finds a worker entry module of `folder` (default: this one) by base name: the compiled `<name>.js` (the built package), else the `.ts`
 * source started through tsx's loader (source checkout: tsx, vitest). Without either, the work runs in-thread.
 */
export function locateThreadEntry(name: string, folder: string = import.meta.url): ThreadEntry {
  const compiled = new URL(`./${name}.js`, folder);
  if (compiled.protocol === 'file:' && existsSync(fileURLToPath(compiled))) return { kind: 'worker', url: compiled };
  const source = new URL(`./${name}.ts`, folder);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) {
    return { kind: 'in-thread', reason: `no worker entry beside ${folder}` };
  }
  const loader = tsxLoaderUrl();
  if (loader === null)
    return { kind: 'in-thread', reason: 'the worker entry is TypeScript source and tsx is not installed' };
  const bootstrap = `const tsx = await import(${JSON.stringify(loader)}); tsx.register(); await import(${JSON.stringify(source.href)});`;
  return { kind: 'worker', url: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`) };
}

/** An error as it crosses the thread boundary (structured clone keeps neither class nor name reliably). */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
}

/** In the thread: the thrown value as a ThreadError. */
export function toThreadError(error: unknown): ThreadError {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message };
}

/** In the caller: the thread's error as an Error with its name. */
export function errorFromThread(error: ThreadError): Error {
  return Object.assign(new Error(error.message), { name: error.name });
}

/**
 * The settle guard of a one-job worker thread (its reply, 'error' and 'exit' all race to end the job): the first
 * outcome runs — after `cleanup`, e.g. clearing a deadline — later ones are ignored, and the thread is terminated.
 */
export function settleOnce(worker: Pick<Worker, 'terminate'>, cleanup?: () => void): (outcome: () => void) => void {
  let settled = false;
  return (outcome) => {
    if (settled) return;
    settled = true;
    cleanup?.();
    void worker.terminate();
    outcome();
  };
}
