/**
 * `driftguard backtest --trainer-command` with real components: every model of the replay — the initial one, the
 * drift policy's challengers, the periodic refits — is one run of a real program under the trainer contract, which
 * registers an ONNX version in a real MLflow server; the replay loads each version and scores it itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runCaptured } from '../../tests/support/cli/cli-capture.js';
import { describeWithComponent } from '../../tests/support/components/describe-with-component.js';
import { mlflowServer, mlflowTrackingUri } from '../../tests/support/components/mlflow-server.js';
import { conceptTable, stackTables } from '../../tests/support/services/concept-table.js';
import { tableToCsv } from '../../tests/support/services/training-table.js';
import { createMlflowBackend } from '../adapters/tracking/mlflow/mlflow-backend.js';
import { runBacktestCommand } from './backtest-command.js';

const PROGRAM = fileURLToPath(new URL('../../tests/support/cli/onnx-trainer-program.ts', import.meta.url));

describeWithComponent('driftguard backtest --trainer-command (the trainer contract, real MLflow)', mlflowServer, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dg-backtest-trainer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains every model with the command, loads what it registers, and retrains after the drift', async () => {
    // 2,000 initial rows and a window of 1,000 on concept a + b ≤ 8, then 2 windows on a + b ≤ 12
    writeFileSync(
      join(dir, 'stream.csv'),
      tableToCsv(stackTables(conceptTable(3000, 8, 1), conceptTable(2000, 12, 2, 3000))),
    );
    writeFileSync(
      join(dir, 'policy.json'),
      JSON.stringify({ retraining: { minLabeledRows: 500, horizonRows: 1000, persistWindows: 1 } }),
    );
    const modelName = `backtest-trainer-${Date.now().toString(36)}`;
    const r = await runCaptured(runBacktestCommand, {
      data: join(dir, 'stream.csv'),
      target: 'label',
      orderColumn: 't',
      initialRows: '2000',
      window: '1000',
      policy: join(dir, 'policy.json'),
      json: true,
      trainerCommand: `"${process.execPath}" --import tsx "${PROGRAM}"`,
      modelName,
      trackingUri: mlflowTrackingUri,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      windows: {
        retrained: boolean;
        decision: string | null;
        accuracy: number;
        baselines: { static: { accuracy: number } };
      }[];
      policies: Record<
        'drift' | 'driftWithoutImpact' | 'static' | 'periodic',
        { retrains: number; promotions: number }
      >;
      setup: { estimator: string; features: string[] };
    };
    expect(out.setup.estimator).toMatch(/^command .*onnx-trainer-program\.ts$/);
    expect(out.setup.features).toEqual(['a', 'b', 'c']);
    expect(out.windows).toHaveLength(3);
    expect(out.windows[1].retrained).toBe(true);
    expect(out.windows[1].decision).toMatch(/: promoted$/);
    expect(out.windows[2].accuracy).toBeGreaterThan(out.windows[2].baselines.static.accuracy + 0.05);
    expect(out.policies.periodic.retrains).toBe(2);
    // one version per run of the command: the initial model, the challengers of both drift policies (with and
    // without impact awareness), the periodic refits
    const backend = createMlflowBackend({ trackingUri: mlflowTrackingUri });
    const versions = await backend.registry.listModelVersions(modelName);
    await backend.close();
    expect(versions).toHaveLength(
      1 + out.policies.drift.retrains + out.policies.driftWithoutImpact.retrains + out.policies.periodic.retrains,
    );
    expect(versions.every((v) => v.tags['driftguard.job_id']?.startsWith('backtest-'))).toBe(true);
  }, 240_000);

  it('refuses --trainer-command without an MLflow server, and with --model', async () => {
    const base = { data: join(dir, 'stream.csv'), target: 'label', trainerCommand: 'python train.py' };
    const local = await runCaptured(runBacktestCommand, { ...base, trackingUri: 'file:/tmp/x' });
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/--trainer-command: the command registers its versions in MLflow/);
    const both = await runCaptured(runBacktestCommand, { ...base, trackingUri: mlflowTrackingUri, model: 'gbdt' });
    expect(both.stderr).toMatch(/--trainer-command trains every model itself: leave out --model and --params/);
  });
});
