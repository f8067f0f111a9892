import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCaptured } from '../../tests/support/cli/cli-capture.js';
import { describeWithComponent } from '../../tests/support/components/describe-with-component.js';
import { mlflowServer, mlflowTrackingUri } from '../../tests/support/components/mlflow-server.js';
import { tableToCsv, trainingTable } from '../../tests/support/services/training-table.js';
import { createLocalBackend } from '../adapters/tracking/local/local-backend.js';
import { createTrackingBackend } from '../compose.js';
import { CHAMPION_ALIAS } from '../ports/model-registry.js';
import { runTrain, type TrainCommandOptions } from './train-command.js';

const dir = mkdtempSync(join(tmpdir(), 'dg-train-register-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);
const train = (options: TrainCommandOptions) => runCaptured(runTrain, options);

beforeAll(() => writeFileSync(path('loans.csv'), tableToCsv(trainingTable(400, 3))));

describe('driftguard train --register (local tracking store)', () => {
  it('logs the run, registers the version with the alias, and prints the identifiers', async () => {
    const dataDir = path('store');
    // An explicit file: URI, so a MLFLOW_TRACKING_URI in the environment (as in CI) does not redirect the run.
    const base = {
      data: path('loans.csv'),
      target: 'default',
      model: 'logistic',
      timeColumn: 'ts',
      exclude: 'id',
      trackingUri: `file:${dataDir}`,
    };
    const result = await train({
      ...base,
      out: path('m1'),
      register: 'credit-default',
      alias: 'champion',
      experiment: 'credit',
      json: true,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { tracking: Record<string, unknown> };
    expect(summary.tracking).toMatchObject({
      registeredModel: 'credit-default',
      version: '1',
      alias: 'champion',
      runId: expect.any(String),
    });
    const text = await train({ ...base, out: path('m2'), register: 'credit-default' });
    expect(text.stdout).toMatch(/tracked: run \S+ in experiment \S+ \(.*\); registered credit-default version 2\n/);

    const backend = createLocalBackend({ dataDir });
    try {
      expect((await backend.registry.getVersionByAlias('credit-default', CHAMPION_ALIAS))?.version).toBe('1');
      const run = await backend.tracking.getRun(summary.tracking.runId as string);
      expect(run.params).toMatchObject({ estimator: 'logistic', rows_train: '280', time_column: 'ts' });
      expect(run.metrics['test.rocAuc']).toBeGreaterThan(0.6);
      expect(run.inputs.map((d) => d.name)).toEqual(['train', 'test']);
      const files = (await backend.tracking.listArtifacts(run.info.runId, 'model')).map((f) => f.path.split('/').pop());
      expect(files).toEqual(
        expect.arrayContaining([
          'MLmodel',
          'model.onnx',
          'driftguard-model.json',
          'reference-profile.json',
          'evaluation-report.json',
        ]),
      );
    } finally {
      await backend.close();
    }
  });

  it('refuses --alias without --register, an unsupported tracking URI and an unreachable MLflow with one line and exit 2', async () => {
    const base = {
      data: path('loans.csv'),
      target: 'default',
      model: 'logistic',
      out: path('m3'),
      dataDir: path('store2'),
    };
    expectOneLineError(await train({ ...base, alias: 'champion' }), /--alias needs --register/);
    expectOneLineError(await train({ ...base, trackingUri: 'ftp://x' }), /tracking URI scheme "ftp:" is not supported/);
    const unreachable = await train({ ...base, trackingUri: 'http://127.0.0.1:9', register: 'm' });
    expectOneLineError(unreachable, /127\.0\.0\.1:9/);
  });
});

describeWithComponent('driftguard train --register against a real MLflow server', mlflowServer, () => {
  it('logs the run and registers the version with the alias in MLflow', async () => {
    const name = `train-cli-${Date.now().toString(36)}`;
    const result = await train({
      data: path('loans.csv'),
      target: 'default',
      model: 'logistic',
      out: path('m-mlflow'),
      trackingUri: mlflowTrackingUri,
      experiment: name,
      register: name,
      alias: 'champion',
      json: true,
    });
    expect(result.stderr).toBe('');
    const tracking = (JSON.parse(result.stdout) as { tracking: Record<string, unknown> }).tracking;
    expect(tracking).toMatchObject({ registeredModel: name, version: '1', alias: 'champion' });
    const backend = createTrackingBackend({ trackingUri: mlflowTrackingUri, dataDir: path('unused') });
    try {
      const champion = await backend.registry.getVersionByAlias(name, 'champion');
      expect(champion).toMatchObject({ version: '1', runId: tracking.runId });
      expect((await backend.tracking.getRun(tracking.runId as string)).metrics['test.rocAuc']).toBeGreaterThan(0.6);
    } finally {
      await backend.close();
    }
  });
});
