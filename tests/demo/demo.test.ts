import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDemoDataDir } from '../../src/cli/demo/demo-data-dir.js';
import { DEFAULT_DEMO_SCENARIO } from '../../src/cli/demo/demo-scenario.js';
import { runDemo } from '../../src/cli/demo/run-demo.js';
import { scenarioFromFlags } from '../../src/cli/demo-command.js';
import { createTrackingBackend } from '../../src/compose.js';
import { CHAMPION_ALIAS } from '../../src/ports/model-registry.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { mlflowServer, mlflowTrackingUri } from '../support/components/mlflow-server.js';

const workDir = mkdtempSync(join(tmpdir(), 'driftguard-demo-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The stages of issue 9, in the order the service must report them. */
const STAGES = [
  /^dashboard: http:\/\/127\.0\.0\.1:\d+\/( \(not built: run npm run build; the API docs are at \/docs\))?$/,
  /^admin key: [0-9a-f]{48} /,
  /^model: [a-z0-9-]+ version \d+ /,
  /^reference: /,
  /^stationary: /,
  /^drift: medium — /,
  /^drift: high — /,
  /^retraining deferred: .*labelled rows/,
  /^labels arrived: /,
  /^retraining: training/,
  /^retraining: promoted version \d+ /,
  /^alerts resolved — /,
  /^accuracy: /,
  /^demo complete in /,
];

/** Runs the scenario at speed 8 and checks every stage line in order; returns the lines. */
async function runScenario(options: { dir: string; trackingUri: string; modelName?: string }) {
  let text = '';
  const out = { isTTY: false, write: (chunk: string) => ((text += chunk), true) };
  const result = await runDemo({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(options.dir, 'data'),
    resume: false,
    trackingUri: options.trackingUri,
    modelName: options.modelName,
    scenario: {
      ...DEFAULT_DEMO_SCENARIO,
      speed: 8,
      trainingRows: 2000,
      stationaryRows: 750,
      gradualRows: 1500,
      abruptRows: 600,
    },
    exitWhenDone: true,
    out,
    signal: new AbortController().signal,
    stageTimeoutSeconds: 20, // a stage the service never reports fails the test within about a minute
  });
  const lines = text.split('\n').filter((l) => l !== '');
  let at = -1;
  for (const stage of STAGES) {
    const found = lines.findIndex((l, i) => i > at && stage.test(l));
    expect(found, `stage ${stage} after line ${at} in:\n${text}`).toBeGreaterThan(at);
    at = found;
  }
  expect(lines[0]).toMatch(STAGES[0]);
  expect(result.completed, text).toBe(true);
  return lines;
}

describe('driftguard demo', () => {
  it('runs the whole scenario at high speed: each stage line in order, promoted, alerts resolved, accuracy recovered', async () => {
    // Local tracking pinned by a file: URI, so a global MLFLOW_TRACKING_URI (CI) does not redirect it.
    const dir = join(workDir, 'local');
    const lines = await runScenario({ dir, trackingUri: `file:${join(dir, 'tracking')}` });
    expect(lines.find((l) => l.startsWith('model: '))).toMatch(/^model: credit-default version 1 /);
    expect(lines.find((l) => l.startsWith('retraining: promoted'))).toMatch(/^retraining: promoted version 2 /);
    const accuracy =
      /^accuracy: version 2 ([0-9.]+) on its [0-9,]+ predictions \(version 1: ([0-9.]+) after the shift, ([0-9.]+) before it\)/.exec(
        lines.find((l) => l.startsWith('accuracy: '))!,
      );
    expect(accuracy, lines.join('\n')).not.toBeNull();
    const [recovered, shifted, before] = accuracy!.slice(1).map(Number);
    expect(before).toBeGreaterThan(0.85);
    expect(shifted).toBeLessThan(before - 0.2);
    expect(recovered).toBeGreaterThan(0.85);
  }, 120_000);

  it('empties only a data directory it created; --resume keeps it', () => {
    const dir = join(workDir, 'foreign');
    prepareDemoDataDir(dir, false);
    writeFileSync(join(dir, 'kept.txt'), 'x');
    expect(prepareDemoDataDir(dir, true)).toEqual({ resumed: true });
    expect(prepareDemoDataDir(dir, false)).toEqual({ resumed: false });
    const foreign = join(workDir, 'real-data');
    prepareDemoDataDir(foreign, false);
    rmSync(join(foreign, '.driftguard-demo'));
    writeFileSync(join(foreign, 'precious.db'), 'x');
    expect(() => prepareDemoDataDir(foreign, false)).toThrow(/holds files the demo did not create/);
  });

  it('refuses bad scenario flags with one readable line', () => {
    const flags = {
      host: '127.0.0.1',
      port: '0',
      dataDir: 'x',
      speed: '1',
      trainingRows: '4000',
      stationaryRows: '1500',
      gradualRows: '3000',
      abruptRows: '1500',
      seed: '1',
    };
    expect(scenarioFromFlags(flags).speed).toBe(1);
    expect(() => scenarioFromFlags({ ...flags, speed: 'fast' })).toThrow(/--speed: "fast" is not a positive number/);
    expect(() => scenarioFromFlags({ ...flags, stationaryRows: '100' })).toThrow(
      /--stationary-rows: at least one window of 500/,
    );
    expect(() => scenarioFromFlags({ ...flags, gradualRows: '1.5' })).toThrow(
      /--gradual-rows: "1.5" is not a positive integer/,
    );
    expect(() => scenarioFromFlags({ ...flags, seed: 'x' })).toThrow(/--seed: "x" is not an integer/);
  });
});

describeWithComponent('driftguard demo on a real MLflow server', mlflowServer, () => {
  it('registers the initial champion and the promoted challenger in MLflow', async () => {
    const modelName = `credit-default-demo-${Date.now().toString(36)}`;
    const lines = await runScenario({ dir: join(workDir, 'mlflow'), trackingUri: mlflowTrackingUri, modelName });
    const modelLine = lines.find((l) => l.startsWith('model: '))!;
    expect(modelLine.startsWith(`model: ${modelName} version 1 `), modelLine).toBe(true);
    expect(modelLine).toContain(`champion in ${mlflowTrackingUri}`);
    expect(lines.find((l) => l.startsWith('retraining: promoted'))).toMatch(
      /^retraining: promoted version 2 .*run [0-9a-f]{32}\)$/,
    );
    const backend = createTrackingBackend({ trackingUri: mlflowTrackingUri, dataDir: join(workDir, 'unused') });
    try {
      expect((await backend.registry.getVersionByAlias(modelName, CHAMPION_ALIAS))?.version).toBe('2');
    } finally {
      await backend.close();
    }
  }, 120_000);
});
