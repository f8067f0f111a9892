import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCaptured } from '../../tests/support/cli/cli-capture.js';
import { tableToCsv, trainingTable } from '../../tests/support/services/training-table.js';
import { createTrainCommand, parseParams, runTrain, type TrainCommandOptions } from './train-command.js';

const dir = mkdtempSync(join(tmpdir(), 'dg-train-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);

const train = (options: TrainCommandOptions) => runCaptured(runTrain, options);

beforeAll(() => {
  writeFileSync(path('loans.csv'), tableToCsv(trainingTable(400, 3)));
  writeFileSync(path('one-class.csv'), 'x,y\n1,a\n2,a\n3,a\n4,a\n');
  const rows = Array.from({ length: 120 }, (_, i) => `${i === 77 ? 'n/a?' : i},${i % 2}`);
  writeFileSync(path('stray.csv'), `x,y\n${rows.join('\n')}\n`);
  writeFileSync(path('empty.csv'), '');
  writeFileSync(path('header-only.csv'), 'x,y\n');
});

describe('driftguard train', () => {
  it('trains, writes the model directory and prints the JSON summary with exactly the documented keys', async () => {
    const out = path('model-logistic');
    const result = await train({
      data: path('loans.csv'),
      target: 'default',
      model: 'logistic',
      timeColumn: 'ts',
      exclude: 'id',
      out,
      json: true,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['modelDir', 'model', 'rows', 'metrics', 'fitSeconds']);
    expect(summary).toMatchObject({ modelDir: out, model: 'logistic', rows: { train: 280, validation: 60, test: 60 } });
    const metrics = summary.metrics as Record<string, Record<string, number>>;
    expect(Object.keys(metrics)).toEqual(['validation', 'test']);
    expect(Object.keys(metrics.test)).toEqual(['rocAuc', 'prAuc', 'accuracy', 'f1', 'logLoss', 'brier']);
    expect(metrics.test.rocAuc).toBeGreaterThan(0.6);
    expect(typeof summary.fitSeconds).toBe('number');
    expect(readdirSync(out).sort()).toEqual([
      'metrics.json',
      'model.json',
      'model.onnx',
      'reference-profile.json',
      'schema.json',
    ]);
    const schema = JSON.parse(readFileSync(join(out, 'schema.json'), 'utf8')) as { timeColumn: string; target: string };
    expect(schema).toMatchObject({ timeColumn: 'ts', target: 'default' });
  });

  it('prints a text summary without --json and takes --params', async () => {
    const out = path('model-gbdt');
    const result = await train({
      data: path('loans.csv'),
      target: 'default',
      exclude: 'id,ts',
      params: 'maxIterations=20,learningRate=0.2',
      out,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^trained gbdt on 280 rows \(validation 60, test 60\) in \d+\.\d\d s\ntest: ROC AUC 0\.\d+/,
    );
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as {
      training: { params: Record<string, unknown> };
    };
    expect(model.training.params).toMatchObject({ maxIterations: 20, learningRate: 0.2 });
  });

  it('exits 2 with one line for each kind of bad input', async () => {
    const data = path('loans.csv');
    expectOneLineError(await train({ target: 'default' }), /^driftguard train: --data <file> is required$/m);
    expectOneLineError(
      await train({ data, target: 'missing' }),
      /target: no column "missing"; columns: id, ts, income/,
    );
    expectOneLineError(
      await train({ data: path('one-class.csv'), target: 'y' }),
      /y: binary target needs two classes, found only "a"/,
    );
    expectOneLineError(
      await train({ data: path('stray.csv'), target: 'y' }),
      /x: non-numeric value "n\/a\?" in row 78 of a numeric column/,
    );
    expectOneLineError(await train({ data: path('empty.csv'), target: 'y' }), /empty\.csv/);
    expectOneLineError(
      await train({ data: path('header-only.csv'), target: 'y' }),
      /data: the table has no rows|header-only\.csv/,
    );
    expectOneLineError(await train({ data: path('nope.csv'), target: 'y' }), /nope\.csv/);
    expectOneLineError(
      await train({ data, target: 'default', model: 'forest' }),
      /--model: "forest" is not a model \(valid: logistic, gbdt\)/,
    );
    expectOneLineError(
      await train({ data, target: 'default', params: 'maxLeaves' }),
      /--params: "maxLeaves" is not key=value/,
    );
    expectOneLineError(await train({ data, target: 'default', params: 'maxLeaves=-3' }), /maxLeaves/);
    expectOneLineError(await train({ data, target: 'default', params: 'bogus=1' }), /bogus/);
    expectOneLineError(
      await train({ data, target: 'default', exclude: 'id,,ts' }),
      /--exclude: "id,,ts" has an empty column name/,
    );
    expectOneLineError(
      await train({ data, target: 'default', timeColumn: 'income2' }),
      /timeColumn: no column "income2"/,
    );
  });

  it('parses --params values as numbers, booleans, null or text', () => {
    expect(parseParams('C=0.5,classWeight=balanced,flag=true,x=null,n=1e-3')).toEqual({
      C: 0.5,
      classWeight: 'balanced',
      flag: true,
      x: null,
      n: 0.001,
    });
    expect(() => parseParams('a=1,a=2')).toThrow('--params: "a" is given twice');
    expect(() => parseParams('=1')).toThrow('is not key=value');
  });
});

describe('driftguard train as a process', () => {
  it('exits 2 with exactly one line on stderr for bad data', { timeout: 60_000 }, async () => {
    const cli = join(import.meta.dirname, 'main.ts');
    const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
    const run = async (args: string[]) => {
      try {
        await promisify(execFile)(tsx, [cli, 'train', ...args]);
        return { code: 0, stderr: '' };
      } catch (error) {
        const e = error as { code: number; stderr: string };
        return { code: e.code, stderr: e.stderr };
      }
    };
    const bad = await run(['--data', path('one-class.csv'), '--target', 'y']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('driftguard train: y: binary target needs two classes, found only "a"\n');
  });

  it('without --out writes driftguard-model/ in the working directory, says so, and git ignores it (issue 14 item 21)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'dg-train-cwd-'));
    const before = process.cwd();
    try {
      process.chdir(work);
      const result = await train({ data: path('loans.csv'), target: 'default', model: 'logistic', exclude: 'id' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `model directory: ${join(realpathSync(work), 'driftguard-model')} (the default, in the working directory; --out <dir> to choose)`,
      );
      expect(readdirSync(join(work, 'driftguard-model'))).toContain('model.json');
    } finally {
      process.chdir(before);
      rmSync(work, { recursive: true, force: true });
    }
    const ignored = readFileSync(new URL('../../.gitignore', import.meta.url), 'utf8').split('\n');
    expect(ignored).toContain('driftguard-model/');
  });

  it('--help names the default trainer shared with backtest', () => {
    expect(createTrainCommand().helpInformation().replace(/\s+/g, ' ')).toContain(
      'logistic | gbdt (default gbdt, as for backtest)',
    );
  });
});
