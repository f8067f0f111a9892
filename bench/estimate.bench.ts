/**
 * Performance estimation benchmark (issue 17): driftguard's CBPE (`driftguard estimate`) next to NannyML 0.13.1
 * CBPE on the same files and the same chunks, measured in one run: mean absolute error of the estimated metrics
 * against the realized ones per chunk, and time.
 *
 * usage: npx tsx bench/estimate.bench.ts --data <datasets> [--only car_loan,synthetic,speed] [--json-out file]
 * Datasets:
 *   car_loan   <datasets>/nannyml_car_loan: reference.csv → monitoring.csv, 10 chunks of 5,000 rows (the covariate
 *              shift starts at chunk 5, SOURCE.md)
 *   synthetic  a seeded stream (written to the OS temp directory): 50,000 reference rows, then 15 chunks of 5,000 —
 *              0–4 as the reference, 5–9 a covariate shift (inputs crowd towards the decision boundary: accuracy
 *              drops, P(y | x) unchanged), 10–14 a concept shift (P(y | x) changes, inputs do not: no
 *              score-based estimator can see it)
 *   speed      50 chunks of 5,000 rows after a 50,000-row reference: time of fit and of estimating all chunks
 * "largest estimate gap" is the largest |driftguard − NannyML| estimate over the chunks of the row.
 * Realized values are computed from the current file's labels (they equal NannyML's realized values, see
 * src/drift/estimation/binary-performance-estimator.oracle.test.ts). The NannyML peer runs in .venv-nannyml
 * (npm run bench:setup, or tests/oracle/nannyml/setup.sh); without it its columns say "n/a".
 * Targets: MAE of estimated ROC AUC and accuracy ≤ NannyML's on car loan, no worse after the covariate shift;
 * 50 chunks of 5,000 rows estimated in under a second.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDataDir } from '../scripts/require-data-dir.js';
import { createTableReader } from '../src/compose.js';
import { requireCells } from '../src/domain/data-table.js';
import { BINARY_METRICS, type BinaryMetric, fitBinaryEstimator } from '../src/drift/estimation/index.js';
import { createSeededRandom } from '../src/models/index.js';
import { createPerformanceEstimationService } from '../src/services/estimation/estimate-performance.js';
import { NANNYML_METRIC_NAMES } from '../tests/support/drift/estimation-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const NANNYML_NAME = NANNYML_METRIC_NAMES;

interface Dataset {
  readonly name: string;
  readonly reference: string;
  readonly current: string;
  readonly score: string;
  readonly prediction: string;
  readonly target: string;
  readonly chunkSize: number;
  /** Named groups of chunk indexes the errors are reported for. */
  readonly segments: Readonly<Record<string, readonly number[]>>;
}

interface PeerResult {
  readonly chunks: { start: number; end: number; estimated: Record<string, number> }[];
  readonly needsCalibration: boolean;
  readonly seconds: { read: number; fit: number; estimate: number };
  readonly versions: Record<string, string>;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Two inputs, a model that is over-confident (score σ(1.6·z)) about the truth P(y = 1 | x) = σ(z), z = 1.5·x1 + x2 − 0.3;
 * `shift` moves the inputs (covariate) or the truth (concept).
 */
function writeSyntheticCsv(
  path: string,
  segments: { rows: number; shift: 'none' | 'covariate' | 'concept' }[],
  seed: number,
): void {
  const random = createSeededRandom(seed);
  const normal = (): number => (random() + random() + random() + random() - 2) * Math.sqrt(3);
  const lines = ['x1,x2,score,prediction,label'];
  for (const segment of segments) {
    for (let i = 0; i < segment.rows; i++) {
      const x1 = segment.shift === 'covariate' ? 0.15 + 0.35 * normal() : normal();
      const x2 = segment.shift === 'covariate' ? 0.35 * normal() : normal();
      const z = 1.5 * x1 + x2 - 0.3;
      const truth = segment.shift === 'concept' ? sigmoid(0.6 * x1 - 1.2 * x2) : sigmoid(z);
      const score = Math.round(sigmoid(1.6 * z) * 1e6) / 1e6;
      const label = random() < truth ? 1 : 0;
      lines.push(`${x1.toFixed(5)},${x2.toFixed(5)},${score},${score > 0.5 ? 1 : 0},${label}`);
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function runPeer(d: Dataset): PeerResult | string {
  const python = join(root, '.venv-nannyml', 'bin', 'python');
  if (!existsSync(python)) return 'n/a (.venv-nannyml missing: npm run bench:setup)';
  const args = [
    join(here, 'estimate_nannyml.py'),
    ...[
      '--reference',
      d.reference,
      '--current',
      d.current,
      '--score',
      d.score,
      '--prediction',
      d.prediction,
      '--target',
      d.target,
    ],
    ...['--chunk-size', String(d.chunkSize)],
  ];
  const result = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) return `n/a (python failed: ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''})`;
  return JSON.parse(result.stdout) as PeerResult;
}

const fmt = (x: number | null | undefined, digits = 4): string =>
  x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

interface DatasetResult {
  readonly dataset: string;
  readonly calibration: { driftguard: string; nannyml: string };
  readonly seconds: { driftguard: number; nannyml: number | null };
  readonly errors: {
    segment: string;
    metric: BinaryMetric;
    chunks: number;
    nannyml: number | null;
    driftguard: number;
    largestGap: number | null;
  }[];
}

async function compare(d: Dataset): Promise<DatasetResult> {
  const service = createPerformanceEstimationService({ tableReader: createTableReader() });
  const t0 = performance.now();
  const ours = await service.estimate({
    referencePath: d.reference,
    currentPath: d.current,
    score: d.score,
    prediction: d.prediction,
    target: d.target,
    chunkSize: d.chunkSize,
    realized: true,
  });
  const ourSeconds = (performance.now() - t0) / 1000;
  const peer = runPeer(d);
  const errors: DatasetResult['errors'] = [];
  for (const [segment, indexes] of Object.entries(d.segments)) {
    for (const metric of BINARY_METRICS) {
      const ourErrors: number[] = [];
      const peerErrors: number[] = [];
      let largestGap = 0;
      for (const k of indexes) {
        const chunk = ours.chunks[k];
        const realized = chunk.realized?.[metric];
        if (realized === null || realized === undefined) continue;
        ourErrors.push(Math.abs((chunk.estimated[metric] ?? Number.NaN) - realized));
        if (typeof peer !== 'string') {
          const theirs = peer.chunks[k].estimated[NANNYML_NAME[metric]];
          peerErrors.push(Math.abs(theirs - realized));
          largestGap = Math.max(largestGap, Math.abs(theirs - (chunk.estimated[metric] ?? Number.NaN)));
        }
      }
      const peerless = typeof peer === 'string';
      errors.push({
        segment,
        metric,
        chunks: ourErrors.length,
        driftguard: mean(ourErrors),
        nannyml: peerless ? null : mean(peerErrors),
        largestGap: peerless ? null : largestGap,
      });
    }
  }
  if (typeof peer === 'string') console.log(`${d.name}: NannyML ${peer}`);
  return {
    dataset: d.name,
    calibration: {
      driftguard: ours.calibration !== null && 'method' in ours.calibration ? String(ours.calibration.method) : 'n/a',
      nannyml: typeof peer === 'string' ? 'n/a' : peer.needsCalibration ? 'isotonic' : 'none',
    },
    seconds: {
      driftguard: ourSeconds,
      nannyml: typeof peer === 'string' ? null : peer.seconds.read + peer.seconds.fit + peer.seconds.estimate,
    },
    errors,
  };
}

/** Fit on 50,000 rows and estimate 50 chunks of 5,000 in memory (no file reading): the speed target. */
async function speed(
  csv: string,
): Promise<{ fitSeconds: number; estimateSeconds: number; chunks: number; peer: PeerResult | string }> {
  const table = await createTableReader().read(csv);
  const column = (name: string) => Float64Array.from(requireCells(table, name) as number[]);
  const scores = column('score');
  const predictions = column('prediction');
  const labels = column('label');
  const referenceRows = 50_000;
  const reference = {
    scores: scores.subarray(0, referenceRows),
    predictions: predictions.subarray(0, referenceRows),
    labels: labels.subarray(0, referenceRows),
  };
  const t0 = performance.now();
  const estimator = fitBinaryEstimator(reference, { chunkSize: 5000 });
  const t1 = performance.now();
  let chunks = 0;
  for (let start = referenceRows; start < scores.length; start += 5000) {
    const estimate = estimator.estimate({
      scores: scores.subarray(start, start + 5000),
      predictions: predictions.subarray(start, start + 5000),
    });
    if (estimate.metrics.rocAuc.value === null) throw new Error('undefined estimate');
    chunks++;
  }
  const t2 = performance.now();
  // the same split as files for the peer
  const dir = dirname(csv);
  const lines = (await import('node:fs')).readFileSync(csv, 'utf8').split('\n');
  writeFileSync(join(dir, 'speed-reference.csv'), `${lines.slice(0, referenceRows + 1).join('\n')}\n`);
  writeFileSync(
    join(dir, 'speed-current.csv'),
    `${[lines[0], ...lines.slice(referenceRows + 1).filter((l) => l !== '')].join('\n')}\n`,
  );
  const peer = runPeer({
    name: 'speed',
    reference: join(dir, 'speed-reference.csv'),
    current: join(dir, 'speed-current.csv'),
    score: 'score',
    prediction: 'prediction',
    target: 'label',
    chunkSize: 5000,
    segments: {},
  });
  return { fitSeconds: (t1 - t0) / 1000, estimateSeconds: (t2 - t1) / 1000, chunks, peer };
}

async function main(): Promise<void> {
  const only = argument('only', 'car_loan,synthetic,speed').split(',');
  const needsData = only.some((name) => name !== 'synthetic' && name !== 'speed');
  const dataDir = needsData ? resolve(requireDataDir(argument('data', ''))) : '';
  const tmp = join(tmpdir(), 'driftguard-bench-estimate');
  const results: DatasetResult[] = [];
  if (only.includes('car_loan')) {
    const car = join(dataDir, 'nannyml_car_loan');
    results.push(
      await compare({
        name: 'car_loan',
        reference: join(car, 'reference.csv'),
        current: join(car, 'monitoring.csv'),
        score: 'y_pred_proba',
        prediction: 'y_pred',
        target: 'repaid',
        chunkSize: 5000,
        segments: { 'all 10 chunks': range(0, 10), 'after the covariate shift (5–9)': range(5, 10) },
      }),
    );
  }
  if (only.includes('synthetic')) {
    const reference = join(tmp, 'synthetic-reference.csv');
    const current = join(tmp, 'synthetic-current.csv');
    writeSyntheticCsv(reference, [{ rows: 50_000, shift: 'none' }], 17);
    writeSyntheticCsv(
      current,
      [
        { rows: 25_000, shift: 'none' },
        { rows: 25_000, shift: 'covariate' },
        { rows: 25_000, shift: 'concept' },
      ],
      18,
    );
    results.push(
      await compare({
        name: 'synthetic',
        reference,
        current,
        score: 'score',
        prediction: 'prediction',
        target: 'label',
        chunkSize: 5000,
        segments: {
          'no shift (0–4)': range(0, 5),
          'covariate shift (5–9)': range(5, 10),
          'concept shift (10–14)': range(10, 15),
        },
      }),
    );
  }
  console.log('\n| dataset | chunks | metric | NannyML CBPE MAE | driftguard MAE | largest estimate gap |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    for (const e of r.errors.filter(
      (x) =>
        x.metric === 'rocAuc' ||
        x.metric === 'accuracy' ||
        x.segment.startsWith('all') ||
        x.segment.startsWith('no shift'),
    )) {
      console.log(
        `| ${r.dataset} | ${e.segment} | ${e.metric} | ${fmt(e.nannyml)} | ${fmt(e.driftguard)} | ${e.largestGap === null ? 'n/a' : e.largestGap.toExponential(1)} |`,
      );
    }
  }
  console.log(
    '\n| dataset | calibration NannyML / driftguard | NannyML read + fit + estimate | driftguard estimate (read + fit + estimate) |',
  );
  console.log('|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.dataset} | ${r.calibration.nannyml} / ${r.calibration.driftguard} | ${fmt(r.seconds.nannyml, 2)} s | ${fmt(r.seconds.driftguard, 2)} s |`,
    );
  let speedResult: Awaited<ReturnType<typeof speed>> | null = null;
  if (only.includes('speed')) {
    const csv = join(tmp, 'speed.csv');
    writeSyntheticCsv(csv, [{ rows: 300_000, shift: 'none' }], 19);
    speedResult = await speed(csv);
    const p = speedResult.peer;
    console.log(`\n50,000-row reference, ${speedResult.chunks} chunks of 5,000 rows (in memory, no file reading):`);
    console.log('| | fit | estimate all chunks | per chunk |');
    console.log('|---|---|---|---|');
    if (typeof p !== 'string')
      console.log(
        `| NannyML CBPE | ${fmt(p.seconds.fit, 3)} s | ${fmt(p.seconds.estimate, 3)} s | ${fmt((p.seconds.estimate / speedResult.chunks) * 1000, 1)} ms |`,
      );
    else console.log(`| NannyML CBPE | ${p} | | |`);
    console.log(
      `| driftguard | ${fmt(speedResult.fitSeconds, 3)} s | ${fmt(speedResult.estimateSeconds, 3)} s | ${fmt((speedResult.estimateSeconds / speedResult.chunks) * 1000, 1)} ms |`,
    );
  }
  const jsonOut = argument('json-out', '');
  if (jsonOut !== '') writeFileSync(jsonOut, JSON.stringify({ results, speed: speedResult }, null, 1));
}

await main();
