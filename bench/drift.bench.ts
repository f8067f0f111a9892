/**
 * `npm run bench:drift` — the one-shot drift report, driftguard vs Evidently 0.7.23's DataDriftPreset (pandas read +
 * report), measured in one run on 50 mixed features (35 numeric, 10 categorical, 5 boolean; seeded LCG,
 * bench/drift-dataset.ts), CSV and Parquet (Snappy, as pandas writes it): process wall, read, report and peak RSS of
 * each tool, and how many per-feature verdicts agree in `evidently` mode. The driftguard side is
 * bench/drift-bench-runner.mjs on the compiled code (what `driftguard report --out` does, both files read at once in
 * worker threads); it is built first. Then a memory run of driftguard alone on two 10 M-row CSV files.
 * Options: `--rows 100000,500000,1000000` (sizes), `--formats csv,parquet`, `--memory-rows 10000000` (0 to skip),
 * `--keep` (keep the files). Python peer: bench/drift_evidently.py in .venv-bench (bench/setup.sh).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { writeDataset, writeRepeated } from './drift-dataset.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    formats: { type: 'string', default: 'csv,parquet' },
    'memory-rows': { type: 'string', default: '10000000' },
    keep: { type: 'boolean', default: false },
  },
});
const root = join(import.meta.dirname, '..');
const python = join(root, '.venv-bench/bin/python');
const run = promisify(execFile);

interface Side {
  readonly tool: string;
  readonly readSeconds: number;
  readonly reportSeconds: number;
  readonly peakRssMiB: number;
  readonly wallSeconds: number;
  readonly sampled?: boolean;
  readonly columns: Record<string, { drifted: boolean; value: number | null }>;
}

async function timed(command: string, argv: string[]): Promise<Side> {
  const started = performance.now();
  const { stdout } = await run(command, argv, { maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = (performance.now() - started) / 1000;
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(line) as Omit<Side, 'wallSeconds'>), wallSeconds };
}

const fmt = (x: number): string => x.toFixed(2);
const dir = mkdtempSync(join(tmpdir(), 'driftguard-bench-'));
const driftguard = (reference: string, current: string, mode: string, extra: string[] = []) =>
  timed(process.execPath, [
    join(root, 'bench/drift-bench-runner.mjs'),
    reference,
    current,
    mode,
    join(dir, 'report.json'),
    ...extra,
  ]);
try {
  let started = performance.now();
  await run('npx', ['tsc', '-p', join(root, 'tsconfig.build.json')], { cwd: root });
  console.log(`built dist/ in ${fmt((performance.now() - started) / 1000)} s`);
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores visible), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; date ${new Date().toISOString()}\n`,
  );
  const rows = [
    '| rows × 50 | format | Evidently: read / report / process wall (s) | Evidently peak RSS (MiB) | driftguard: read / report / process wall (s) | driftguard peak RSS (MiB) | process speed-up | verdicts agreeing (evidently mode) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  let exitCode = 0;
  for (const size of args.rows.split(',').map(Number)) {
    const files: Record<string, { reference: string; current: string }> = {};
    started = performance.now();
    files.csv = { reference: join(dir, `reference-${size}.csv`), current: join(dir, `current-${size}.csv`) };
    writeDataset(files.csv.reference, size, 1, false);
    writeDataset(files.csv.current, size, 2, true);
    if (args.formats.includes('parquet')) {
      files.parquet = {
        reference: join(dir, `reference-${size}.parquet`),
        current: join(dir, `current-${size}.parquet`),
      };
      for (const side of ['reference', 'current'] as const) {
        await run(python, [
          '-c',
          'import sys, pandas as pd; pd.read_csv(sys.argv[1]).to_parquet(sys.argv[2])',
          files.csv[side],
          files.parquet[side],
        ]);
      }
    }
    console.log(
      `generated ${size.toLocaleString('en-US')} × 50 reference + current (${(statSync(files.csv.reference).size / 2 ** 20).toFixed(0)} MiB CSV each) in ${fmt((performance.now() - started) / 1000)} s`,
    );
    for (const format of args.formats.split(',')) {
      const { reference, current } = files[format];
      const evidently = await timed(python, [join(root, 'bench/drift_evidently.py'), reference, current]);
      const evidentlyMode = await driftguard(reference, current, 'evidently');
      const names = Object.keys(evidently.columns);
      const agree = names.filter((name) => evidentlyMode.columns[name]?.drifted === evidently.columns[name].drifted);
      for (const name of names.filter((n) => !agree.includes(n))) {
        console.log(
          `  ${size} ${format} disagree ${name}: evidently ${JSON.stringify(evidently.columns[name])} vs driftguard ${JSON.stringify(evidentlyMode.columns[name])}`,
        );
      }
      if (agree.length !== names.length) exitCode = 1;
      const line =
        `| ${size.toLocaleString('en-US')} | ${format === 'csv' ? 'CSV' : 'Parquet'} | ${fmt(evidently.readSeconds)} / ${fmt(evidently.reportSeconds)} / ${fmt(evidently.wallSeconds)} | ${evidently.peakRssMiB.toFixed(0)} ` +
        `| ${fmt(evidentlyMode.readSeconds)} / ${fmt(evidentlyMode.reportSeconds)} / ${fmt(evidentlyMode.wallSeconds)} | ${evidentlyMode.peakRssMiB.toFixed(0)} ` +
        `| ${fmt(evidently.wallSeconds / evidentlyMode.wallSeconds)}× | ${agree.length} / ${names.length} |`;
      rows.push(line);
      console.log(line);
    }
    if (!args.keep)
      for (const pair of Object.values(files)) for (const path of Object.values(pair)) rmSync(path, { force: true });
  }
  console.log(`\n${rows.join('\n')}`);

  const memoryRows = Number(args['memory-rows']);
  if (memoryRows > 0) {
    const reference = join(dir, `reference-${memoryRows}.csv`);
    const current = join(dir, `current-${memoryRows}.csv`);
    started = performance.now();
    // Generated as 1 M rows repeated (a memory run: what matters is the size, and generating 10 M rows takes minutes).
    const block = Math.min(memoryRows, 1_000_000);
    for (const [path, seed, drift] of [
      [reference, 1, false],
      [current, 2, true],
    ] as const) {
      writeDataset(`${path}.block`, block, seed, drift);
      writeRepeated(path, `${path}.block`, Math.ceil(memoryRows / block));
      rmSync(`${path}.block`);
    }
    console.log(
      `\ngenerated ${memoryRows.toLocaleString('en-US')} × 50 reference + current (${(statSync(reference).size / 2 ** 30).toFixed(2)} GiB CSV each, ${block.toLocaleString('en-US')} rows repeated) in ${fmt((performance.now() - started) / 1000)} s`,
    );
    const side = await driftguard(reference, current, 'driftguard');
    console.log(
      '\n| rows × 50 (2 CSV files) | driftguard: read / report / process wall (s) | peak RSS (MiB) | rows tested per file |',
    );
    console.log('|---|---|---|---|');
    console.log(
      `| ${memoryRows.toLocaleString('en-US')} | ${fmt(side.readSeconds)} / ${fmt(side.reportSeconds)} / ${fmt(side.wallSeconds)} | ${side.peakRssMiB.toFixed(0)} | ${side.sampled === true ? 'a seeded uniform sample of 1,000,000 (default --sample-rows)' : 'all'} |`,
    );
    if (side.peakRssMiB >= 2048) exitCode = 1;
  }
  process.exitCode = exitCode;
} finally {
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
