import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput, expectOneLineError, runCaptured } from '../../tests/support/cli/cli-capture.js';
import { tableToCsv, trainingTable } from '../../tests/support/services/training-table.js';
import { type PredictCommandOptions, runPredict } from './predict-command.js';
import { runTrain } from './train-command.js';

const dir = mkdtempSync(join(tmpdir(), 'dg-predict-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);

const predict = (options: PredictCommandOptions) => runCaptured(runPredict, options);

beforeAll(async () => {
  writeFileSync(path('loans.csv'), tableToCsv(trainingTable(400, 3)));
  writeFileSync(path('header-only.csv'), 'x,y\n');
  const quiet = captureOutput();
  const code = await runTrain(
    { data: path('loans.csv'), target: 'default', model: 'logistic', exclude: 'id,ts', out: path('model-predict') },
    { stdout: quiet, stderr: quiet },
  );
  if (code !== 0) throw new Error(`training the test model failed: ${quiet.text()}`);
});

describe('driftguard predict', () => {
  it('scores a file with a trained model directory, to stdout or --out', async () => {
    const model = path('model-predict');
    const result = await predict({ model, data: path('loans.csv') });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('probability,prediction');
    expect(lines).toHaveLength(401);
    expect(lines[1]).toMatch(/^0\.\d+|^1|^0,(yes|no)$/);
    const out = path('predictions.csv');
    const toFile = await predict({ model, data: path('loans.csv'), out });
    expect(toFile.stdout).toBe(`400 predictions (positive class "yes") → ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
  });

  it('exits 2 with one line for a missing model, a bad model file or bad data', async () => {
    expectOneLineError(
      await predict({ model: path('no-model'), data: path('loans.csv') }),
      /no-model\/model\.json: cannot read: does not exist/,
    );
    writeFileSync(path('model.json'), '{"format":"driftguard-model","formatVersion":99}');
    expectOneLineError(await predict({ model: dir, data: path('loans.csv') }), /formatVersion|version/);
    writeFileSync(path('model.json'), '{oops');
    expectOneLineError(await predict({ model: dir, data: path('loans.csv') }), /model\.json: not valid JSON/);
    expectOneLineError(await predict({ data: path('loans.csv') }), /--model <dir> is required/);
    const model = path('model-predict');
    expectOneLineError(await predict({ model, data: path('header-only.csv') }), /header-only\.csv/);
    writeFileSync(path('bad-income.csv'), 'income,debt,region,owner\nlots,0.5,north,True\n');
    expectOneLineError(await predict({ model, data: path('bad-income.csv') }), /income/);
  });
});
