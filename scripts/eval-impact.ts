/**
 * Impact-aware grading on the NannyML car-loan stream (issue 17): does grading data drift by its estimated impact
 * lose any high-severity window whose realized ROC AUC dropped, and how many drifted windows whose realized
 * performance held does it mark "no measurable impact"?
 * Run: npm run eval:impact -- --data <datasets>/nannyml_car_loan [--windows 5000,2500,1000] [--drop 0.02]
 *   [--drop-when estimate|band] [--json results.json]
 *
 * The very code of the service: the reference profile of reference.csv (features, label `repaid`, prediction
 * `y_pred`, score `y_pred_proba`, so its estimation sample), each window of monitoring.csv (consecutive rows in file
 * order) graded by the drift engine alone (persistence 1), its performance estimated from the scores (CBPE fitted
 * on the sample) and its impact graded by src/domain/performance-impact.ts. The labels of monitoring.csv are used
 * only to judge: realized ROC AUC of each window vs the reference's.
 *
 * High-severity window — without impact awareness: data drift `high`; with it: data drift `high` not graded "no
 * measurable impact", or an estimated performance drop. Lost: a window whose realized ROC AUC dropped more than
 * --drop below the reference's, high without impact awareness and not high with it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTableReader } from '../src/compose.js';
import { cellsOfColumn, type DataTable } from '../src/domain/data-table.js';
import { inferSchema } from '../src/domain/infer-schema.js';
import { gradePerformanceImpact, type ImpactPolicy } from '../src/domain/performance-impact.js';
import { realizedBinaryMetrics } from '../src/drift/estimation/index.js';
import {
  buildReferenceProfile,
  createDriftEngineConfig,
  estimateWindowPerformance,
  evaluateDrift,
} from '../src/drift/index.js';
import { selectRows } from '../src/models/index.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    windows: { type: 'string', default: '5000,2500,1000' },
    drop: { type: 'string', default: '0.02' },
    'drop-when': { type: 'string', default: 'estimate' },
    json: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`eval-impact: ${message}\n`);
  process.exit(2);
}

const dataDir = args.data ?? fail('--data <folder of the nannyml_car_loan dataset> is required (docs/evaluation.md)');
const dropWhen = args['drop-when'];
if (dropWhen !== 'estimate' && dropWhen !== 'band') fail(`--drop-when must be estimate or band, got ${dropWhen}`);
const maxDrop = Number(args.drop);
if (!(maxDrop > 0)) fail(`--drop must be a positive number, got ${args.drop}`);
const windowSizes = (args.windows ?? '').split(',').map(Number);
if (windowSizes.some((w) => !Number.isInteger(w) || w < 100))
  fail(`--windows must be integers ≥ 100, got ${args.windows}`);
const policy: ImpactPolicy = { enabled: true, dropWhen: dropWhen as ImpactPolicy['dropWhen'] };

const COLUMNS = { target: 'repaid', prediction: 'y_pred', score: 'y_pred_proba', time: 'timestamp' };

function numbers(table: DataTable, column: string): number[] {
  const cells = cellsOfColumn(table, column) ?? fail(`no column ${column}`);
  return cells.map((c, i) => {
    const v = typeof c === 'boolean' ? Number(c) : Number(c);
    if (!Number.isFinite(v)) fail(`${column}[${i}] is not a number: ${JSON.stringify(c)}`);
    return v;
  });
}

function rows(table: DataTable, start: number, end: number): DataTable {
  return selectRows(
    table,
    Array.from({ length: end - start }, (_, i) => start + i),
  );
}

interface WindowResult {
  readonly index: number;
  readonly start: number;
  readonly rows: number;
  readonly severity: string;
  readonly driftShare: number;
  readonly grade: string;
  readonly estimatedRocAuc: number | null;
  readonly rocAucBand: readonly [number | null, number | null];
  readonly rocAucThreshold: number | null;
  readonly realizedRocAuc: number | null;
  readonly realizedDrop: number | null;
  readonly highWithout: boolean;
  readonly highWith: boolean;
  readonly droppedMetrics: readonly string[];
}

async function main() {
  const reader = createTableReader();
  const reference = await reader.read(join(dataDir, 'reference.csv'));
  const monitoring = await reader.read(join(dataDir, 'monitoring.csv'));
  const schema = inferSchema(reference, {
    target: COLUMNS.target,
    prediction: COLUMNS.prediction,
    predictionScore: COLUMNS.score,
    task: 'classification',
    ignore: [COLUMNS.time],
  });
  const profile = buildReferenceProfile(reference, schema);
  if (profile.estimationSample == null) fail(`no estimation sample: ${profile.estimationSampleUnavailableReason}`);
  const referenceAuc = realizedBinaryMetrics({
    scores: numbers(reference, COLUMNS.score),
    predictions: numbers(reference, COLUMNS.prediction),
    labels: numbers(reference, COLUMNS.target),
  }).rocAuc as number;
  const config = createDriftEngineConfig({ persistenceWindows: 1 });
  const scores = numbers(monitoring, COLUMNS.score);
  const predictions = numbers(monitoring, COLUMNS.prediction);
  const labels = numbers(monitoring, COLUMNS.target);
  const results: Record<string, unknown> = { referenceRocAuc: referenceAuc, maxDrop, dropWhen, runs: [] };
  for (const size of windowSizes) {
    const windows: WindowResult[] = [];
    const count = Math.floor(monitoring.rowCount / size);
    for (let w = 0; w < count; w++) {
      const start = w * size;
      const end = start + size;
      const table = rows(monitoring, start, end);
      const report = evaluateDrift(profile, table, config);
      const estimate = estimateWindowPerformance(profile, {
        scores: scores.slice(start, end),
        predictions: predictions.slice(start, end),
      }).estimate;
      const verdict = gradePerformanceImpact(report.severity, estimate?.metrics ?? [], policy);
      const realized = realizedBinaryMetrics({
        scores: scores.slice(start, end),
        predictions: predictions.slice(start, end),
        labels: labels.slice(start, end),
      }).rocAuc;
      const auc = estimate?.metrics.find((m) => m.metric === 'rocAuc');
      windows.push({
        index: w,
        start,
        rows: size,
        severity: report.severity,
        driftShare: report.driftShare,
        grade: verdict.grade,
        estimatedRocAuc: auc?.value ?? null,
        rocAucBand: [auc?.lower ?? null, auc?.upper ?? null],
        rocAucThreshold: auc?.threshold ?? null,
        realizedRocAuc: realized,
        realizedDrop: realized === null ? null : referenceAuc - realized,
        highWithout: report.severity === 'high',
        highWith: (report.severity === 'high' && verdict.dataDriftTriggers) || verdict.countsAsPerformanceDrift,
        droppedMetrics: verdict.droppedMetrics,
      });
    }
    const dropped = windows.filter((w) => w.realizedDrop !== null && w.realizedDrop > maxDrop);
    const held = windows.filter((w) => w.realizedDrop !== null && w.realizedDrop <= maxDrop);
    const summary = {
      windowRows: size,
      windows: windows.length,
      droppedWindows: dropped.length,
      droppedHighWithout: dropped.filter((w) => w.highWithout).length,
      droppedHighWith: dropped.filter((w) => w.highWith).length,
      lost: dropped.filter((w) => w.highWithout && !w.highWith).length,
      driftedWindows: windows.filter((w) => w.highWithout).length,
      driftedHeld: held.filter((w) => w.highWithout).length,
      driftedHeldNoImpact: held.filter((w) => w.highWithout && w.grade === 'no-measurable-impact').length,
      driftedRealizedAboveThreshold: windows.filter(
        (w) =>
          w.highWithout &&
          w.realizedRocAuc !== null &&
          w.rocAucThreshold !== null &&
          w.realizedRocAuc >= w.rocAucThreshold,
      ).length,
      noImpactButDropped: dropped.filter((w) => w.grade === 'no-measurable-impact').length,
      highWithout: windows.filter((w) => w.highWithout).length,
      highWith: windows.filter((w) => w.highWith).length,
      grades: Object.fromEntries(
        ['performance-drop', 'no-measurable-impact', 'no-drift', 'not-estimated'].map((g) => [
          g,
          windows.filter((w) => w.grade === g).length,
        ]),
      ),
    };
    (results.runs as unknown[]).push({ summary, windows });
    const f = (x: number | null) => (x === null ? '   —  ' : x.toFixed(4));
    process.stdout.write(
      `\nwindows of ${size} rows (reference ROC AUC ${referenceAuc.toFixed(4)}, drop > ${maxDrop}, drop when the ${dropWhen} crosses)\n`,
    );
    process.stdout.write(
      ' #  severity share  grade                 est AUC  [band]            thresh   realized  drop    high w/o  high with  estimated drop in\n',
    );
    for (const w of windows)
      process.stdout.write(
        `${String(w.index).padStart(2)}  ${w.severity.padEnd(8)} ${w.driftShare.toFixed(2)}  ${w.grade.padEnd(21)} ${f(w.estimatedRocAuc)}  [${f(w.rocAucBand[0])}, ${f(w.rocAucBand[1])}]  ${f(w.rocAucThreshold)}  ${f(w.realizedRocAuc)}    ${f(w.realizedDrop)}  ${w.highWithout ? 'high' : '    '}      ${w.highWith ? 'high' : '    '}  ${w.droppedMetrics.join(',')}\n`,
      );
    process.stdout.write(
      `realized ROC AUC dropped > ${maxDrop}: ${summary.droppedWindows} window(s); high without impact awareness ${summary.droppedHighWithout}, with ${summary.droppedHighWith}; lost ${summary.lost}\n` +
        `drifted (data drift high) windows: ${summary.driftedWindows}; of them realized performance held: ${summary.driftedHeld}, marked no measurable impact: ${summary.driftedHeldNoImpact}\n` +
        `drifted windows whose realized ROC AUC stayed at or above its threshold (reference variation): ${summary.driftedRealizedAboveThreshold}\n` +
        `no measurable impact although realized ROC AUC dropped: ${summary.noImpactButDropped}; high windows ${summary.highWithout} → ${summary.highWith}\n`,
    );
  }
  if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
}

await main();
