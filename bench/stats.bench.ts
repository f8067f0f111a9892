/**
 * Benchmark of the driftguard/stats kernels against scipy on the same inputs, in the same run.
 * Run: `npx tsx bench/stats.bench.ts` (options: --repeats N, --warmup N). Python is DRIFTGUARD_PYTHON, else
 * ./.venv/bin/python, else python3; without scipy the scipy columns say "scipy not available".
 * Times are medians of the repeats after warm-up runs, driftguard and scipy runs interleaved so both see the
 * same machine load; inputs go to Python as float64 files in a temp dir, loaded once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as stats from '../src/stats/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const WARMUP = option('warmup', 3);
const REPEATS = option('repeats', 11);

/** Seeded normal-ish sample (xorshift32 + Box–Muller), so both languages see identical doubles via files. */
function normalSample(seed: number, n: number, loc = 0, scale = 1): Float64Array {
  let s = seed >>> 0 || 1;
  const uniform = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = loc + scale * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  return out;
}

function counts(seed: number, categories: number, total: number, tilt: number): Float64Array {
  const u = normalSample(seed, total);
  const out = new Float64Array(categories);
  for (const x of u) {
    const k = Math.min(categories - 1, Math.max(0, Math.floor(((x + tilt) / 6 + 0.5) * categories)));
    out[k]++;
  }
  return out;
}

type Fn = (...args: never[]) => unknown;
const api = stats as unknown as Record<string, Fn | undefined>;

const binRef = normalSample(11, 1_000_000);
const binCur = normalSample(12, 1_000_000, 0.05, 1.1);
const binEdges = stats.quantileBinEdges(binRef, 10);
const inputs: Record<string, Float64Array> = {
  ks_a: normalSample(1, 100_000),
  ks_b: normalSample(2, 100_000, 0.01),
  cvm_a: normalSample(3, 10_000),
  cvm_b: normalSample(4, 10_000, 0.02),
  bin_ref: binRef,
  bin_cur: binCur,
  bin_edges: binEdges,
  chi_ref: counts(5, 50, 100_000, 0),
  chi_cur: counts(6, 50, 80_000, 0.1),
  bh_p: normalSample(7, 10_000).map((x) => 1 / (1 + Math.exp(-x))),
};

interface Kernel {
  key: string;
  label: string;
  input: string;
  /** Name of the driftguard export the kernel needs (the row is skipped while it does not exist yet). */
  needs: string;
  run: () => unknown;
}

function call(name: string, ...args: unknown[]): unknown {
  return (api[name] as unknown as (...a: unknown[]) => unknown)(...args);
}

const binned = (): [Float64Array, Float64Array] => [
  stats.histogram(binRef, binEdges).counts,
  stats.histogram(binCur, binEdges).counts,
];

const kernels: Kernel[] = [
  {
    key: 'ks',
    label: 'KS two-sample',
    input: '1e5 vs 1e5',
    needs: 'ksTwoSample',
    run: () => call('ksTwoSample', inputs.ks_a, inputs.ks_b),
  },
  {
    key: 'cvm',
    label: 'Cramér–von Mises',
    input: '1e4 vs 1e4',
    needs: 'cramerVonMises',
    run: () => call('cramerVonMises', inputs.cvm_a, inputs.cvm_b),
  },
  {
    key: 'psi',
    label: 'PSI (binning + statistic)',
    input: '1e6 + 1e6 values, 10 precomputed edges',
    needs: 'psi',
    run: () => stats.psi(...binned()),
  },
  {
    key: 'js',
    label: 'Jensen–Shannon (binning + statistic)',
    input: '1e6 + 1e6 values, 10 precomputed edges',
    needs: 'jensenShannonDistance',
    run: () => stats.jensenShannonDistance(...binned()),
  },
  {
    key: 'chi2',
    label: 'chi-square contingency',
    input: '2 × 50 categories',
    needs: 'chiSquareTest',
    run: () => call('chiSquareTest', inputs.chi_ref, inputs.chi_cur),
  },
  {
    key: 'wasserstein',
    label: 'Wasserstein',
    input: '1e5 vs 1e5',
    needs: 'wassersteinDistance',
    run: () => stats.wassersteinDistance(inputs.ks_a, inputs.ks_b),
  },
  {
    key: 'energy',
    label: 'energy distance',
    input: '1e5 vs 1e5',
    needs: 'energyDistance',
    run: () => stats.energyDistance(inputs.ks_a, inputs.ks_b),
  },
  {
    key: 'quantile_edges',
    label: 'quantile bin edges',
    input: '1e6 values, 10 bins',
    needs: 'quantileBinEdges',
    run: () => stats.quantileBinEdges(binRef, 10),
  },
  {
    key: 'bh',
    label: 'Benjamini–Hochberg',
    input: '1e4 p-values',
    needs: 'benjaminiHochberg',
    run: () => stats.benjaminiHochberg(inputs.bh_p),
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function timeOnce(run: () => unknown): number {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function pythonPath(): string {
  if (process.env.DRIFTGUARD_PYTHON) return process.env.DRIFTGUARD_PYTHON;
  const venv = join(root, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

/** A Python process that has loaded the inputs and times scipy kernels on request (bench/stats_scipy.py). */
interface ScipyPeer {
  note: string;
  time(kernel: string, runs: number): Promise<number[]>;
  close(): void;
}

async function startScipy(dir: string): Promise<ScipyPeer | string> {
  const python = pythonPath();
  const child = spawn(python, [join(here, 'stats_scipy.py'), dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pending: Array<(line: string | null) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => pending.shift()?.(line));
  const finish = (): void => pending.splice(0).forEach((resolve) => resolve(null));
  child.on('error', (error) => {
    stderr += error.message;
    finish();
  });
  child.on('close', finish);
  const next = (): Promise<string | null> => new Promise((resolve) => pending.push(resolve));
  const ready = await next();
  if (!ready) return `scipy not available (${python}: ${stderr.trim().split('\n').pop() || 'no output'})`;
  const info = JSON.parse(ready) as { scipy: string; numpy: string };
  return {
    note: `scipy ${info.scipy}, numpy ${info.numpy} (${python})`,
    async time(kernel, runs) {
      child.stdin.write(`${kernel} ${runs}\n`);
      const line = await next();
      if (!line) throw new Error(`scipy peer exited: ${stderr.trim()}`);
      return (JSON.parse(line) as { seconds: number[] }).seconds;
    },
    close: () => child.stdin.end(),
  };
}

const ms = (seconds: number): string => (seconds * 1e3).toFixed(seconds < 0.01 ? 3 : 1);

async function main(): Promise<void> {
  const available = kernels.filter((k) => typeof api[k.needs] === 'function');
  const missing = kernels.filter((k) => typeof api[k.needs] !== 'function');
  const dir = mkdtempSync(join(tmpdir(), 'driftguard-bench-'));
  try {
    for (const [name, values] of Object.entries(inputs)) {
      writeFileSync(join(dir, `${name}.f64`), new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
    const peer = await startScipy(dir);
    const scipy = typeof peer === 'string' ? null : peer;
    const ours = new Map<string, number>();
    const theirs = new Map<string, number>();
    for (const k of available) {
      for (let i = 0; i < WARMUP; i++) k.run();
      await scipy?.time(k.key, WARMUP);
      // interleaved: one driftguard run, then one scipy run, so both see the same machine load
      const own: number[] = [];
      const peerTimes: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        own.push(timeOnce(k.run));
        if (scipy) peerTimes.push(...(await scipy.time(k.key, 1)));
      }
      ours.set(k.key, median(own));
      if (scipy) theirs.set(k.key, median(peerTimes));
    }
    scipy?.close();
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      `driftguard/stats vs scipy — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} CPUs (${cpu})`,
    );
    const note = typeof peer === 'string' ? peer : peer.note;
    console.log(`${note}; median of ${REPEATS} interleaved runs after ${WARMUP} warm-up runs\n`);
    console.log('| kernel | input | driftguard (ms) | scipy (ms) | scipy / driftguard |');
    console.log('|---|---|---:|---:|---:|');
    for (const k of available) {
      const t = ours.get(k.key) ?? NaN;
      const s = theirs.get(k.key);
      const scipyCell = s === undefined ? 'scipy not available' : ms(s);
      const ratio = s === undefined ? 'scipy not available' : `${(s / t).toFixed(2)}×`;
      console.log(`| ${k.label} | ${k.input} | ${ms(t)} | ${scipyCell} | ${ratio} |`);
    }
    for (const k of missing) console.log(`| ${k.label} | ${k.input} | not implemented yet (${k.needs}) | | |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
