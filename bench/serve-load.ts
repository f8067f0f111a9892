/** Loopback load generation for bench/serve.bench.ts: closed-loop (fixed concurrency) and open-loop (fixed arrival rate). */
import type { JsonResponse } from '../tests/support/process/json-client.js';

type Post = (body: Buffer) => Promise<JsonResponse>;

export interface LoadResult {
  readonly offered: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly seconds: number;
  /** Latency of each successful request in ms (open loop: from its scheduled send time, so queueing counts). */
  readonly latenciesMs: Float64Array;
  readonly firstError: string | null;
}

/** The q-quantile (nearest rank) of latencies in ms. */
export function quantileMs(latencies: Float64Array, q: number): number {
  if (latencies.length === 0) return Number.NaN;
  const sorted = Float64Array.from(latencies).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function collector() {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | null = null;
  return {
    ok: (ms: number) => latencies.push(ms),
    fail: (reason: string) => {
      failed += 1;
      firstError ??= reason;
    },
    result: (offered: number, seconds: number): LoadResult => ({
      offered,
      succeeded: latencies.length,
      failed,
      seconds,
      latenciesMs: Float64Array.from(latencies),
      firstError,
    }),
  };
}

async function send(
  post: Post,
  body: Buffer,
  expectStatus: number,
  startedMs: number,
  c: ReturnType<typeof collector>,
) {
  try {
    const response = await post(body);
    if (response.status === expectStatus) c.ok(performance.now() - startedMs);
    else c.fail(`HTTP ${response.status}: ${response.text.slice(0, 300)}`);
  } catch (error) {
    c.fail((error as Error).message);
  }
}

/** `concurrency` workers each send the next body as soon as the previous answer arrived, for `durationMs`. */
export async function closedLoop(options: {
  post: Post;
  bodyFor: (index: number) => Buffer;
  concurrency: number;
  durationMs: number;
  expectStatus: number;
  /** Stops early once this many requests were sent. */
  maxRequests?: number;
}): Promise<LoadResult> {
  const c = collector();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (performance.now() - started < options.durationMs && next < (options.maxRequests ?? Infinity)) {
      const index = next++;
      await send(options.post, options.bodyFor(index), options.expectStatus, performance.now(), c);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return c.result(next, (performance.now() - started) / 1000);
}

/**
 * Open loop: request i is due at start + i / ratePerSecond whatever the answers do (no coordinated omission);
 * latency counts from the due time. More than `maxOutstanding` requests in flight count as failures (overload).
 */
export async function openLoop(options: {
  post: Post;
  bodyFor: (index: number) => Buffer;
  ratePerSecond: number;
  durationMs: number;
  expectStatus: number;
  maxOutstanding?: number;
}): Promise<LoadResult> {
  const c = collector();
  const total = Math.round((options.ratePerSecond * options.durationMs) / 1000);
  const intervalMs = 1000 / options.ratePerSecond;
  const maxOutstanding = options.maxOutstanding ?? 1000;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  let index = 0;
  while (index < total) {
    const now = performance.now();
    while (index < total && started + index * intervalMs <= now) {
      const dueMs = started + index * intervalMs;
      if (inFlight.size >= maxOutstanding) c.fail('overloaded: too many requests in flight');
      else {
        const p = send(options.post, options.bodyFor(index), options.expectStatus, dueMs, c).finally(() =>
          inFlight.delete(p),
        );
        inFlight.add(p);
      }
      index += 1;
    }
    const waitMs = started + index * intervalMs - performance.now();
    await new Promise((resolve) => (waitMs >= 1 ? setTimeout(resolve, waitMs) : setImmediate(resolve)));
  }
  await Promise.all(inFlight);
  return c.result(total, (performance.now() - started) / 1000);
}

/** Resident set size of a process in MiB (Linux /proc). */
export async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (match === null) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** CPU seconds (user + system) used so far by the processes whose process group is `pgid`, or by one pid (Linux /proc). */
export async function cpuSeconds(target: { pid: number } | { pgid: number }): Promise<number> {
  const { readFile, readdir } = await import('node:fs/promises');
  const ticksPerSecond = 100;
  const pids = 'pid' in target ? [String(target.pid)] : (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    // Fields after the parenthesised command: state(3) ppid(4) pgrp(5) … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if ('pgid' in target && Number(fields[2]) !== target.pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}
