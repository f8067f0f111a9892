/**
 * Drift engine timings (a script, not a test): `npx tsx bench/drift-engine.bench.ts [rows] [features]`.
 * 1. buildReferenceProfile on a synthetic reference (default 1,000,000 rows × 50 features: 35 numeric,
 *    10 categorical, 5 boolean), schema inference included;
 * 2. evaluateDrift of a 100,000-row window (same 50 features) in both modes.
 * Data come from a seeded LCG (no I/O, no Math.random); times are wall-clock medians of 3 runs.
 */
import { performance } from 'node:perf_hooks';
import { type Cell, type DataTable, dataTableFromColumns } from '../src/domain/data-table.js';
import { buildReferenceProfile, evaluateDrift, inferSchema } from '../src/drift/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const featureCount = Number(process.argv[3] ?? 50);

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function syntheticTable(n: number, seed: number, shift: number): DataTable {
  const next = lcg(seed);
  const columns: Record<string, Cell[]> = {};
  for (let f = 0; f < featureCount; f++) {
    const name = `f${f}`;
    const cells = new Array<Cell>(n);
    const kind = f % 10;
    for (let i = 0; i < n; i++) {
      if (kind < 7) cells[i] = 100 * (next() + next() + next() - 1.5) + f + (f % 5 === 0 ? shift * 30 : 0);
      else if (kind < 9) cells[i] = `cat${Math.floor(next() * next() * (5 + f))}`;
      else cells[i] = next() < 0.3 + (f % 3 === 0 ? shift * 0.2 : 0);
    }
    columns[name] = cells;
  }
  return dataTableFromColumns(columns, n);
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** Wall-clock and CPU (user + system) milliseconds, medians of `runs`; CPU time is what a busy shared machine distorts least. */
function time<T>(fn: () => T, runs = 3): { ms: number; cpuMs: number; value: T } {
  const times: number[] = [];
  const cpu: number[] = [];
  let value: T | undefined;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu), value: value as T };
}

const seconds = (t: { ms: number; cpuMs: number }) =>
  `${(t.ms / 1000).toFixed(2)} s wall, ${(t.cpuMs / 1000).toFixed(2)} s CPU`;

const reference = syntheticTable(rows, 1, 0);
const profiled = time(() => buildReferenceProfile(reference, inferSchema(reference)));
const profileBytes = JSON.stringify(profiled.value).length;
const window = syntheticTable(100_000, 2, 1);
const guard = time(() => evaluateDrift(profiled.value, window));
const evid = time(() => evaluateDrift(profiled.value, window, { mode: 'evidently' }));
console.log(`| step | size | median of 3 |`);
console.log(`|---|---|---|`);
console.log(
  `| inferSchema + buildReferenceProfile | ${rows.toLocaleString('en')} rows × ${featureCount} | ${seconds(profiled)} (profile JSON ${(profileBytes / 1024).toFixed(0)} KiB) |`,
);
console.log(
  `| evaluateDrift, driftguard mode | 100,000 rows × ${featureCount} | ${seconds(guard)} (${guard.value.driftedFeatureCount} drifted, severity ${guard.value.severity}) |`,
);
console.log(
  `| evaluateDrift, evidently mode | 100,000 rows × ${featureCount} | ${seconds(evid)} (${evid.value.driftedFeatureCount} drifted) |`,
);
console.log(
  `node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);
