/**
 * Retraining evaluation (issue 7): the backtest of src/services/retraining on the public datasets of docs/evaluation.md ("Public datasets")
 * (see each SOURCE.md), the drift policy next to `static` and `periodic` in the same pass.
 * Run: npm run eval:retraining -- --data <datasets> [--policy policy.json] [--json results.json] [--only elec2-logistic]
 *
 * Set-up (as the issue): initial model on the first 5,000 rows (car loan: on reference.csv), windows of 1,000 rows
 * (car loan: 5,000). Targets per dataset: drift mean accuracy ≥ static − 0.5 pt and ≥ periodic − 1 pt, retrains
 * ≤ periodic / 3; on the car-loan reference alone (i.i.d. windows) zero retrains.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTableReader } from '../src/compose.js';
import type { DataTable } from '../src/domain/data-table.js';
import { createRetrainingPolicy } from '../src/domain/retraining-policy.js';
import { type BacktestResult, runBacktest } from '../src/services/retraining/backtest/backtest.js';
import { parseBacktestPolicy } from '../src/services/retraining/backtest/backtest-policy.js';
import { requireDataDir } from './require-data-dir.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    json: { type: 'string' },
    policy: { type: 'string' },
    only: { type: 'string' },
  },
});
const dataDir = requireDataDir(args.data);
const reader = createTableReader();
const clock = { nowMs: () => performance.timeOrigin + performance.now() };
const settings =
  args.policy === undefined
    ? { retraining: createRetrainingPolicy(), drift: {} }
    : parseBacktestPolicy(readFileSync(args.policy, 'utf8'), args.policy);

interface Case {
  readonly name: string;
  readonly data: () => Promise<{ table: DataTable; reference?: DataTable }>;
  readonly target: string;
  readonly estimator: 'logistic' | 'gbdt';
  readonly orderColumn?: string;
  readonly exclude?: readonly string[];
  readonly windowRows: number;
  readonly iidOnly?: boolean;
}

const read = (path: string) => reader.read(join(dataDir, path));
const elec2 = async () => ({ table: await read('elec2/elec2.csv') });
const carLoan = async () => ({
  table: await read('nannyml_car_loan/monitoring.csv'),
  reference: await read('nannyml_car_loan/reference.csv'),
});
const carLoanColumns = { target: 'repaid', orderColumn: 'timestamp', exclude: ['y_pred_proba', 'y_pred'] };

const CASES: readonly Case[] = [
  // `date` is the normalised day counter: a time proxy, never a feature (it would "drift" in every window).
  { name: 'elec2, logistic', data: elec2, target: 'class', estimator: 'logistic', exclude: ['date'], windowRows: 1000 },
  { name: 'elec2, gbdt', data: elec2, target: 'class', estimator: 'gbdt', exclude: ['date'], windowRows: 1000 },
  {
    name: 'sea_abrupt, logistic',
    data: async () => ({ table: await read('sea_abrupt/sea.csv') }),
    target: 'y',
    estimator: 'logistic',
    windowRows: 1000,
  },
  { name: 'nannyml_car_loan, gbdt', data: carLoan, ...carLoanColumns, estimator: 'gbdt', windowRows: 5000 },
  {
    name: 'car-loan reference (i.i.d.), gbdt',
    data: async () => ({ table: await read('nannyml_car_loan/reference.csv') }),
    ...carLoanColumns,
    estimator: 'gbdt',
    windowRows: 5000,
    iidOnly: true,
  },
];

const pct = (x: number | null): string => (x === null ? '—' : x.toFixed(4));
const rows: string[] = [];
const results: Record<string, BacktestResult> = {};
const verdicts: string[] = [];

for (const c of CASES) {
  if (args.only !== undefined && !c.name.includes(args.only)) continue;
  const { table, reference } = await c.data();
  const started = performance.now();
  const result = await runBacktest(
    {
      table,
      reference: reference ?? null,
      target: c.target,
      orderColumn: c.orderColumn,
      exclude: c.exclude,
      initialRows: 5000,
      windowRows: c.windowRows,
      estimator: c.estimator,
      policy: settings.retraining,
      drift: settings.drift,
    },
    { clock },
  );
  results[c.name] = result;
  const { drift, static: fixed, periodic } = result.policies;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  rows.push(
    `| ${c.name} | ${result.windows.length} | ${pct(fixed.meanAccuracy)} | ${pct(periodic.meanAccuracy)} (${periodic.retrains}) | ` +
      `${pct(drift.meanAccuracy)} (${drift.retrains}, ${drift.promotions} promoted) | ${pct(drift.meanRocAuc)} / ${pct(fixed.meanRocAuc)} / ${pct(periodic.meanRocAuc)} | ${seconds} s |`,
  );
  if (c.iidOnly === true) {
    verdicts.push(`${c.name}: retrains ${drift.retrains} (target 0) → ${drift.retrains === 0 ? 'met' : 'MISSED'}`);
  } else {
    const vsStatic = (drift.meanAccuracy - fixed.meanAccuracy) * 100;
    const vsPeriodic = (drift.meanAccuracy - periodic.meanAccuracy) * 100;
    const budget = periodic.retrains / 3;
    const ok = vsStatic >= -0.5 && vsPeriodic >= -1 && drift.retrains <= budget;
    verdicts.push(
      `${c.name}: vs static ${vsStatic >= 0 ? '+' : ''}${vsStatic.toFixed(2)} pt (≥ −0.5), vs periodic ${vsPeriodic >= 0 ? '+' : ''}${vsPeriodic.toFixed(2)} pt (≥ −1), ` +
        `retrains ${drift.retrains} (≤ ${budget.toFixed(1)}) → ${ok ? 'met' : 'MISSED'}`,
    );
  }
  process.stderr.write(`${c.name}: done in ${seconds} s\n`);
}

process.stdout.write(
  [
    '| data, model | windows | static | periodic (retrains) | drift policy (retrains) | mean ROC AUC drift / static / periodic | time |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...verdicts.map((v) => `- ${v}`),
    '',
  ].join('\n'),
);
if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
