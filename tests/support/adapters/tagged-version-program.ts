/**
 * Test helper: a "user's training program" for the command trainer's tests, run as its own process
 * (`node --import tsx tagged-version-program.ts <mode> <tracking dir>`). It records what it was given (environment,
 * the rows of the Parquet files) in `$DRIFTGUARD_JOB_DIR/../<job id>.json`, then per mode:
 * `register` registers a version of $DRIFTGUARD_MODEL_NAME tagged driftguard.job_id=$DRIFTGUARD_JOB_ID in the local
 * tracking store at <tracking dir>; `fail` prints lines and exits 3; `hang` spawns a grandchild and sleeps;
 * `nothing` exits 0 without registering.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createParquetReader } from '../../../src/adapters/tabular/parquet-reader.js';
import { createLocalBackend } from '../../../src/adapters/tracking/local/local-backend.js';
import { requireCells } from '../../../src/domain/data-table.js';

const [mode, trackingDir] = process.argv.slice(2);
const env = process.env;
const reader = createParquetReader();
const train = await reader.read(env.DRIFTGUARD_TRAIN_DATA as string);
const validation = await reader.read(env.DRIFTGUARD_VALIDATION_DATA as string);
writeFileSync(
  join(dirname(env.DRIFTGUARD_JOB_DIR as string), `${env.DRIFTGUARD_JOB_ID}.json`),
  JSON.stringify({
    env: Object.fromEntries(
      Object.entries(env).filter(([k]) => k.startsWith('DRIFTGUARD_') || k.startsWith('MLFLOW_')),
    ),
    cwd: process.cwd(),
    train: {
      columns: train.columnNames,
      rows: train.rowCount,
      first: Object.fromEntries(train.columnNames.map((c) => [c, requireCells(train, c)[0]])),
    },
    validation: { rows: validation.rowCount },
  }),
);
console.log(`training on ${train.rowCount} rows`);
if (mode === 'fail') {
  for (let i = 1; i <= 30; i++) console.error(`step ${i}`);
  console.error('ValueError: the label column has one class');
  process.exit(3);
}
if (mode === 'hang') {
  // a grandchild in the same process group: the time-out must stop it too
  const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  writeFileSync(
    join(dirname(env.DRIFTGUARD_JOB_DIR as string), `${env.DRIFTGUARD_JOB_ID}.grandchild`),
    String(grandchild.pid),
  );
  setInterval(() => console.log('still training'), 200);
} else if (mode === 'register') {
  const backend = createLocalBackend({ dataDir: trackingDir });
  const name = env.DRIFTGUARD_MODEL_NAME as string;
  await backend.registry.ensureRegisteredModel(name);
  await backend.registry.createModelVersion({
    name,
    source: 'file:///nowhere/model',
    runId: '',
    tags: [{ key: 'driftguard.job_id', value: env.DRIFTGUARD_JOB_ID as string }],
  });
  await backend.close();
  console.log('registered');
}
