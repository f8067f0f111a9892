/**
 * `npm run bench:drift` — the one-shot drift report on 100,000 × 50 mixed features (35 numeric, 10 categorical,
 * 5 boolean; seeded LCG, written as two CSV files), driftguard vs Evidently 0.7.23's DataDriftPreset in the same run:
 * wall time (read + report, and report alone), peak memory, and how many per-feature verdicts agree in `evidently`
 * mode. Options: `--rows N` (default 100000), `--keep` (keep the CSVs). Python peer: bench/drift_evidently.py in
 * .venv-bench (bench/setup.sh).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { writeDataset } from './drift-dataset.js';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } } });
const rows = Number(args.rows);
const root = join(import.meta.dirname, '..');
const python = join(root, '.venv-bench/bin/python');
const tsx = join(root, 'node_modules/.bin/tsx');
const run = promisify(execFile);

interface Side {
  readonly tool: string;
  readonly breakdownSeconds?: Record<string, number>;
  readonly readSeconds: number;
  readonly reportSeconds: number;
  readonly peakRssMiB: number;
  readonly wallSeconds: number;
  readonly columns: Record<string, { drifted: boolean; value: number | null }>;
}

async function timed(command: string, argv: string[]): Promise<Side> {
  const started = performance.now();
  const { stdout } = await run(command, argv, { maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = (performance.now() - started) / 1000;
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(line) as Omit<Side, 'wallSeconds'>), wallSeconds };
}

const dir = mkdtempSync(join(tmpdir(), 'driftguard-bench-'));
try {
  const reference = join(dir, 'reference.csv');
  const current = join(dir, 'current.csv');
  let started = performance.now();
  writeDataset(reference, rows, 1, false);
  writeDataset(current, rows, 2, true);
  console.log(`generated ${rows.toLocaleString('en-US')} × 50 reference + current CSV in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir})`);

  // Warm the OS file cache so the first tool is not penalised.
  started = performance.now();
  const evidently = await timed(python, [join(root, 'bench/drift_evidently.py'), reference, current]);
  const evidentlyMode = await timed(tsx, [join(root, 'bench/drift-bench-runner.ts'), reference, current, 'evidently']);
  const driftguardMode = await timed(tsx, [join(root, 'bench/drift-bench-runner.ts'), reference, current, 'driftguard']);
  // Exact variant: the reference sample holds every value, so distances equal Evidently's up to rounding.
  const exact = await timed(tsx, [join(root, 'bench/drift-bench-runner.ts'), reference, current, 'evidently', String(rows)]);

  const names = Object.keys(evidently.columns);
  const agreeing = (side: Side): string[] => names.filter((name) => side.columns[name]?.drifted === evidently.columns[name].drifted);
  const maxGap = (side: Side): number =>
    Math.max(...names.map((name) => Math.abs((evidently.columns[name].value ?? NaN) - (side.columns[name]?.value ?? NaN))).filter((gap) => !Number.isNaN(gap)));
  const agree = agreeing(evidentlyMode);
  const disagreements = names.filter((name) => !agree.includes(name) || !agreeing(exact).includes(name));

  const fmt = (x: number): string => x.toFixed(2);
  console.log(`\nmachine: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores visible), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}; date ${new Date().toISOString()}\n`);
  console.log('| tool | read CSV (s) | drift report (s) | process wall (s) | peak RSS (MiB) | drifted features |');
  console.log('|---|---|---|---|---|---|');
  for (const side of [evidently, evidentlyMode, exact, driftguardMode]) {
    const drifted = Object.values(side.columns).filter((c) => c.drifted).length;
    console.log(`| ${side.tool} | ${fmt(side.readSeconds)} | ${fmt(side.reportSeconds)} | ${fmt(side.wallSeconds)} | ${side.peakRssMiB.toFixed(0)} | ${drifted} / ${Object.keys(side.columns).length} |`);
  }
  for (const side of [evidentlyMode, exact, driftguardMode]) {
    const parts = Object.entries(side.breakdownSeconds ?? {}).map(([step, seconds]) => `${step} ${fmt(seconds)} s`);
    console.log(`${side.tool} report breakdown: ${parts.join(', ')}`);
  }
  console.log(
    `\nspeed-up of driftguard (evidently mode) over Evidently: report ${fmt(evidently.reportSeconds / evidentlyMode.reportSeconds)}×, ` +
      `read + report ${fmt((evidently.readSeconds + evidently.reportSeconds) / (evidentlyMode.readSeconds + evidentlyMode.reportSeconds))}×, ` +
      `process wall ${fmt(evidently.wallSeconds / evidentlyMode.wallSeconds)}×`,
  );
  console.log(`per-feature verdicts agreeing with Evidently (evidently mode): ${agree.length} / ${names.length}; exact profile: ${agreeing(exact).length} / ${names.length}`);
  for (const name of disagreements) {
    console.log(`  disagree ${name}: evidently ${JSON.stringify(evidently.columns[name])} vs driftguard ${JSON.stringify(evidentlyMode.columns[name])}`);
  }
  console.log(`largest |distance difference| vs Evidently: default profile ${maxGap(evidentlyMode).toExponential(2)}, exact profile ${maxGap(exact).toExponential(2)}`);
  process.exitCode = disagreements.length === 0 ? 0 : 1;
} finally {
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
