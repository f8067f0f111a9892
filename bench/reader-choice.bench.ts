/**
 * `npm run bench:reader-choice` — the measurement behind docs/adr/0001-tabular-reader.md: read time and peak RSS of
 * the candidate readers on the 50-column benchmark data (bench/drift-dataset.ts), CSV and Parquet (Snappy, as
 * pandas writes it), beside pandas in the same run. Options: `--rows 100000,1000000`.
 * Candidates: the byte tokenizer (src/adapters/tabular/csv-reader.ts), DuckDB's Node API (bench/duckdb-table-reader.ts,
 * census + typed extraction), hyparquet + hyparquet-compressors (src/adapters/tabular/parquet-reader.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { writeDataset } from './drift-dataset.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const root = join(import.meta.dirname, '..');
const python = join(root, '.venv-bench/bin/python');
const tsx = join(root, 'node_modules/.bin/tsx');
const run = promisify(execFile);

interface Result {
  readonly seconds: number;
  readonly peakRssMiB: number;
}

async function measure(command: string, argv: string[]): Promise<Result> {
  const { stdout } = await run(command, argv, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Result;
}

const PANDAS = `
import json, resource, sys, time
import pandas as pd
path = sys.argv[1]
t = time.perf_counter()
df = pd.read_parquet(path) if path.endswith('.parquet') else pd.read_csv(path)
print(json.dumps({"seconds": time.perf_counter() - t, "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

const dir = mkdtempSync(join(tmpdir(), 'driftguard-reader-choice-'));
try {
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), node ${process.version}; ${new Date().toISOString()}`,
  );
  console.log('| rows × 50 | format | reader | read (s) | peak RSS (MiB) |');
  console.log('|---|---|---|---|---|');
  for (const rows of args.rows.split(',').map(Number)) {
    const csv = join(dir, `data-${rows}.csv`);
    const parquet = join(dir, `data-${rows}.parquet`);
    writeDataset(csv, rows, 1, false);
    await run(python, [
      '-c',
      'import sys, pandas as pd; pd.read_csv(sys.argv[1]).to_parquet(sys.argv[2])',
      csv,
      parquet,
    ]);
    const row = (format: string, reader: string, r: Result) =>
      console.log(
        `| ${rows.toLocaleString('en-US')} | ${format} | ${reader} | ${r.seconds.toFixed(2)} | ${r.peakRssMiB.toFixed(0)} |`,
      );
    row('CSV', 'pandas.read_csv', await measure(python, ['-c', PANDAS, csv]));
    row(
      'CSV',
      'driftguard byte tokenizer',
      await measure(tsx, [join(root, 'bench/reader-choice-runner.ts'), 'tokenizer', csv]),
    );
    row('CSV', 'DuckDB node-api', await measure(tsx, [join(root, 'bench/reader-choice-runner.ts'), 'duckdb', csv]));
    row('Parquet', 'pandas.read_parquet', await measure(python, ['-c', PANDAS, parquet]));
    row(
      'Parquet',
      'hyparquet + compressors',
      await measure(tsx, [join(root, 'bench/reader-choice-runner.ts'), 'hyparquet', parquet]),
    );
    row(
      'Parquet',
      'DuckDB node-api',
      await measure(tsx, [join(root, 'bench/reader-choice-runner.ts'), 'duckdb', parquet]),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
