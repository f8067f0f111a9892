/**
 * gbdt fit time next to LightGBM and sklearn HistGradientBoosting on the same synthetic rows (30k train × 10
 * numeric features by default, ROWS / FEATURES env to change), same hyper-parameters, same run. Numeric features
 * only so every library sees identical inputs. Needs .venv-bench (bench/setup.sh). Run: npx tsx bench/gbdt-fit.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Column, cellAt, cellsOfColumn, type DataTable } from '../src/domain/data-table.js';
import { gbdtTrainer } from '../src/models/gbdt-trainer.js';
import { rocAuc } from '../src/models/metrics/roc-auc.js';
import { sliceTable, syntheticTable } from '../tests/support/models/synthetic-data.js';

const ROWS = Number(process.env.ROWS ?? 30_000);
const FEATURES = Number(process.env.FEATURES ?? 10);
const THREADS = Number(process.env.THREADS ?? 1);
const PYTHON = fileURLToPath(new URL('../.venv-bench/bin/python', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./gbdt_fit_lightgbm.py', import.meta.url));

function toCsv(t: DataTable): string {
  const lines = [t.columnNames.join(',')];
  for (let i = 0; i < t.rowCount; i++)
    lines.push(
      t.columnNames
        .map((c) =>
          cellAt(t.columns.get(c) as Column, i) === null ? '' : String(cellAt(t.columns.get(c) as Column, i)),
        )
        .join(','),
    );
  return lines.join('\n');
}

const all = syntheticTable({ rows: Math.round(ROWS * 1.2), numericFeatures: FEATURES, seed: 17 });
const train = sliceTable(all, 0, ROWS);
const test = sliceTable(all, ROWS, all.rowCount);
const dir = mkdtempSync(join(tmpdir(), 'gbdt-bench-'));
try {
  writeFileSync(join(dir, 'train.csv'), toCsv(train));
  writeFileSync(join(dir, 'test.csv'), toCsv(test));
  const data = { table: train, target: 'label', task: 'binary' as const };
  gbdtTrainer.fit(data, null, { maxIterations: 5 }, 0); // warm-up (JIT)
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { model } = gbdtTrainer.fit(data, null, { earlyStoppingRounds: 0 }, 0);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const ours = {
    fitSeconds: wall,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    testAuc: rocAuc(
      (cellsOfColumn(test, 'label') ?? []).map((v) => (v === 'yes' ? 1 : 0)),
      model.predictProbaBatch(test),
    ),
  };
  const peers = JSON.parse(
    execFileSync(PYTHON, [SCRIPT, join(dir, 'train.csv'), join(dir, 'test.csv'), String(THREADS)], {
      encoding: 'utf8',
    }),
  ) as Record<string, typeof ours>;
  console.log(`${ROWS} rows × ${FEATURES} features, 100 rounds, 31 leaves, lr 0.1; LightGBM n_jobs=${THREADS}`);
  console.log('| model | fit wall s | fit CPU s | test ROC AUC |');
  console.log('|---|---|---|---|');
  for (const [name, r] of [['driftguard gbdt', ours], ...Object.entries(peers)] as const) {
    console.log(`| ${name} | ${r.fitSeconds.toFixed(3)} | ${r.cpuSeconds.toFixed(3)} | ${r.testAuc.toFixed(4)} |`);
  }
  console.log(`ratio driftguard / LightGBM (CPU): ${(ours.cpuSeconds / peers.lightgbm.cpuSeconds).toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
