/**
 * Training benchmark (issue 4): driftguard `gbdt` and `logistic` next to LightGBM, scikit-learn
 * HistGradientBoostingClassifier and LogisticRegression, on the same time-ordered 70/15/15 split of the same CSV
 * files, in the same run: fit seconds and test ROC AUC; plus driftguard's single-row native inference p50/p99.
 *
 * usage: npx tsx bench/train.bench.ts --data <datasets> [--synthetic-rows 100000] [--only elec2,car_loan,synthetic]
 *                                     [--json-out file] [--threads 1]
 * Python peers: bench/train_peers.py in .venv-bench (npm run bench:setup); without it the peer columns say "n/a".
 * Targets: gbdt test AUC within 0.005 of LightGBM's on each dataset; gbdt fit time within 3x LightGBM's;
 * single-row inference p99 < 50 µs. The synthetic CSV (100k x 20, seeded) is written to the OS temp directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDataDir } from '../scripts/require-data-dir.js';
import { createTableReader } from '../src/compose.js';
import { type Cell, type Column, cellAt, type DataTable } from '../src/domain/data-table.js';
import { createSeededRandom, type FeatureRow, type FittedModel } from '../src/models/index.js';
import { createTrainModelService } from '../src/services/training/train-model.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

interface Dataset {
  readonly name: string;
  readonly csv: string;
  readonly target: string;
  readonly timeColumn?: string;
  readonly exclude: readonly string[];
}

/** 100k x 20 numeric features; y ~ Bernoulli(sigmoid(f(x))) with linear, interaction, threshold and smooth terms. */
function writeSyntheticCsv(path: string, rows: number): void {
  const random = createSeededRandom(20261126);
  const normal = (): number => random() + random() + random() + random() - 2;
  const lines: string[] = [`${Array.from({ length: 20 }, (_, j) => `x${j}`).join(',')},y`];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: 20 }, () => Math.round(normal() * 1e6) / 1e6);
    const logit =
      1.5 * x[0] -
      1.2 * x[1] +
      2 * x[2] * x[3] +
      (x[4] > 0.3 ? 1 : -0.5) -
      1.5 * Math.abs(x[5]) +
      Math.sin(3 * x[6]) +
      0.8 * x[7] -
      0.6 * x[8] +
      0.4 * x[9] * x[10] +
      0.3;
    const y = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    lines.push(`${x.join(',')},${y}`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Single-row predictProba latency over the file's last 5000 rows (row objects built beforehand), after a warm-up. */
function inferenceLatency(model: FittedModel, table: DataTable, calls: number): { p50Us: number; p99Us: number } {
  const rows: FeatureRow[] = [];
  const n = Math.min(table.rowCount, 5000);
  const first = table.rowCount - n;
  for (let i = 0; i < n; i++) {
    const row: Record<string, Cell> = {};
    for (const f of model.schema.features) row[f.name] = cellAt(table.columns.get(f.name) as Column, first + i);
    rows.push(row);
  }
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += model.predictProba(rows[i % n]);
  const times = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const row = rows[i % n];
    const t0 = process.hrtime.bigint();
    sink += model.predictProba(row);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  if (!Number.isFinite(sink)) throw new Error('non-finite prediction');
  times.sort();
  return { p50Us: percentile(times, 0.5), p99Us: percentile(times, 0.99) };
}

interface PeerResult {
  readonly fitSeconds: number;
  readonly testRocAuc: number;
  readonly iterations?: number;
}

function runPeers(
  d: Dataset,
  threads: number,
): { models: Record<string, PeerResult>; versions: Record<string, string> } | string {
  const python = join(root, '.venv-bench', 'bin', 'python');
  if (!existsSync(python)) return 'n/a (.venv-bench missing: npm run bench:setup)';
  const args = [join(here, 'train_peers.py'), '--csv', d.csv, '--target', d.target, '--exclude', d.exclude.join(',')];
  if (d.timeColumn !== undefined) args.push('--time-column', d.timeColumn);
  const result = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: String(threads) },
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) return `n/a (python failed: ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''})`;
  return JSON.parse(result.stdout) as { models: Record<string, PeerResult>; versions: Record<string, string> };
}

const fmt = (x: number | null | undefined, digits = 4): string =>
  x === null || x === undefined ? 'n/a' : x.toFixed(digits);

async function main(): Promise<void> {
  const syntheticRows = Number(argument('synthetic-rows', '100000'));
  const only = argument('only', 'elec2,car_loan,synthetic').split(',');
  const needsData = only.some((name) => name !== 'synthetic' && name !== 'speed');
  const dataDir = needsData ? resolve(requireDataDir(argument('data', ''))) : '';
  const threads = Number(argument('threads', '1'));
  const syntheticCsv = join(tmpdir(), 'driftguard-bench-train', `synthetic-${syntheticRows}x20.csv`);
  const datasets: Dataset[] = [
    { name: 'elec2', csv: join(dataDir, 'elec2', 'elec2.csv'), target: 'class', exclude: [] },
    {
      name: 'car_loan',
      csv: join(dataDir, 'nannyml_car_loan', 'reference.csv'),
      target: 'repaid',
      timeColumn: 'timestamp',
      exclude: ['y_pred_proba', 'y_pred'],
    },
    { name: 'synthetic', csv: syntheticCsv, target: 'y', exclude: [] },
  ].filter((d) => only.includes(d.name));
  if (datasets.some((d) => d.name === 'synthetic') && !existsSync(syntheticCsv))
    writeSyntheticCsv(syntheticCsv, syntheticRows);

  const reader = createTableReader();
  const service = createTrainModelService({ clock: { nowMs: () => performance.timeOrigin + performance.now() } });
  const report: Record<string, unknown>[] = [];
  const lines: string[] = [
    `# driftguard train benchmark — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), node ${process.version}, peers with ${threads} thread(s)`,
    '',
    '| dataset | rows (train/val/test) | model | fit s | test ROC AUC | rounds | p50 µs | p99 µs |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ];
  const verdicts: string[] = [];
  for (const d of datasets) {
    if (!existsSync(d.csv)) {
      lines.push(`| ${d.name} | file missing: ${d.csv} | | | | | | |`);
      continue;
    }
    const readStarted = performance.now();
    const table = await reader.read(d.csv);
    const readSeconds = (performance.now() - readStarted) / 1000;
    const ours: Record<
      string,
      { fitSeconds: number; rocAuc: number | null; rounds: number; p50Us: number; p99Us: number }
    > = {};
    let rows = '';
    for (const estimator of ['gbdt', 'logistic'] as const) {
      const trained = service.train({
        table,
        target: d.target,
        estimator,
        timeColumn: d.timeColumn,
        exclude: d.exclude,
      });
      rows = `${trained.rows.train}/${trained.rows.validation}/${trained.rows.test}`;
      const latency = inferenceLatency(trained.model, table, 50_000);
      ours[estimator] = {
        fitSeconds: trained.fitSeconds,
        rocAuc: trained.metrics.test.rocAuc,
        rounds: trained.log.bestIteration,
        ...latency,
      };
      lines.push(
        `| ${d.name} | ${rows} | driftguard ${estimator} | ${fmt(trained.fitSeconds, 2)} | ${fmt(trained.metrics.test.rocAuc)} | ${trained.log.bestIteration} | ${fmt(latency.p50Us, 1)} | ${fmt(latency.p99Us, 1)} |`,
      );
    }
    // Issue 16: reading the file must cost under a third of the gbdt fit.
    verdicts.push(
      `${d.name}: read ${table.rowCount.toLocaleString('en-US')} × ${table.columnNames.length} in ${readSeconds.toFixed(2)} s = ${(readSeconds / ours.gbdt.fitSeconds).toFixed(3)} × the gbdt fit (target < 1/3: ${readSeconds < ours.gbdt.fitSeconds / 3 ? 'MET' : 'MISSED'})`,
    );
    const peers = runPeers(d, threads);
    if (typeof peers === 'string') {
      lines.push(`| ${d.name} | ${rows} | Python peers | ${peers} | | | | |`);
    } else {
      for (const [name, r] of Object.entries(peers.models)) {
        lines.push(
          `| ${d.name} | ${rows} | ${name} | ${fmt(r.fitSeconds, 2)} | ${fmt(r.testRocAuc)} | ${r.iterations ?? ''} | | |`,
        );
      }
      const lgbm = peers.models.lightgbm;
      const gbdt = ours.gbdt;
      const aucGap = (gbdt.rocAuc ?? 0) - lgbm.testRocAuc;
      const fitRatio = gbdt.fitSeconds / lgbm.fitSeconds;
      verdicts.push(
        `${d.name}: gbdt AUC − LightGBM AUC = ${aucGap >= 0 ? '+' : ''}${aucGap.toFixed(4)} (target ≥ −0.005: ${aucGap >= -0.005 ? 'MET' : 'MISSED'}); ` +
          `fit time ${fitRatio.toFixed(2)}× LightGBM (target ≤ 3×: ${fitRatio <= 3 ? 'MET' : 'MISSED'}); ` +
          `gbdt p99 ${gbdt.p99Us.toFixed(1)} µs (target < 50: ${gbdt.p99Us < 50 ? 'MET' : 'MISSED'})`,
      );
    }
    report.push({ dataset: d.name, csv: d.csv, rows, readSeconds, driftguard: ours, peers });
  }
  lines.push('', ...verdicts.map((v) => `- ${v}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  const jsonOut = argument('json-out', '');
  if (jsonOut !== '') writeFileSync(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
}

await main();
