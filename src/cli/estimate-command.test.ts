import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCaptured } from '../../tests/support/cli/cli-capture.js';
import {
  type BinaryStream,
  buildMulticlassStream,
  buildRegressionStream,
  buildStream,
  type MulticlassSegment,
  type RegressionSegment,
  type StreamSegment,
} from '../../tests/support/drift/estimation-data.js';
import type { EstimationReport } from '../services/estimation/estimation-report.js';
import { type EstimateCommandOptions, runEstimate } from './estimate-command.js';

const dir = mkdtempSync(join(tmpdir(), 'dg-estimate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);
const estimate = (options: EstimateCommandOptions) => runCaptured(runEstimate, options);

const uniform = (seed: number, n: number, loc = 0, scale = 1) => ({ kind: 'uniform' as const, seed, n, loc, scale });
const segment = (seed: number, n: number, truth: StreamSegment['truth'], loc = 0, scale = 1): StreamSegment => ({
  scores: uniform(seed, n, loc, scale),
  noise: uniform(seed + 1, n),
  truth,
});

/** CSV with the score `p`, predicted class `y_pred`, label `y` and an hourly time `t` from 2024-01-01. */
function writeStream(name: string, stream: BinaryStream): void {
  const lines = ['p,y_pred,y,t'];
  for (let i = 0; i < stream.scores.length; i++) {
    const t = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${stream.scores[i]},${stream.predictions[i]},${stream.labels[i]},${t}`);
  }
  writeFileSync(path(name), `${lines.join('\n')}\n`);
}

function writeMulticlass(name: string, segments: MulticlassSegment[]): void {
  const s = buildMulticlassStream(segments);
  const classes = ['a', 'b', 'c'];
  const lines = ['pa,pb,pc,y_pred,y'];
  for (let i = 0; i < s.labels.length; i++)
    lines.push(
      `${s.scores[0][i]},${s.scores[1][i]},${s.scores[2][i]},${classes[s.predictions[i]]},${classes[s.labels[i]]}`,
    );
  writeFileSync(path(name), `${lines.join('\n')}\n`);
}

function writeRegression(name: string, segments: RegressionSegment[]): void {
  const s = buildRegressionStream(segments);
  const lines = ['id,x1,x2,y_pred,y'];
  for (let i = 0; i < s.targets.length; i++)
    lines.push(`${i},${s.x1[i]},${s.x2[i]},${s.predictions[i]},${s.targets[i]}`);
  writeFileSync(path(name), `${lines.join('\n')}\n`);
}

const multiclassSegment = (seed: number, n: number, loc = 0): MulticlassSegment => ({
  scores: [uniform(seed, n, loc), uniform(seed * 7919 + 101, n), uniform(seed * 104729 + 211, n)],
  noise: uniform(seed * 1299709 + 307, n),
});
const regressionSegment = (seed: number, n: number, loc = 0): RegressionSegment => ({
  x1: uniform(seed, n, loc),
  x2: uniform(seed * 7919 + 101, n),
  noise: uniform(seed * 104729 + 211, n),
});

beforeAll(() => {
  writeMulticlass('multiclass-reference.csv', [multiclassSegment(71, 3000)]);
  writeMulticlass('multiclass-current.csv', [multiclassSegment(81, 1000)]);
  writeFileSync(path('multiclass-odd.csv'), 'pa,pb,pc,y_pred,y\n0.5,0.3,0.2,a,a\n0.2,0.5,0.3,b,d\n');
  writeRegression('regression-reference.csv', [regressionSegment(5, 3000)]);
  // the inputs move to where the model's errors are larger
  writeRegression('regression-current.csv', [regressionSegment(6, 1000), regressionSegment(7, 1000, 0.5)]);
  writeStream('reference.csv', buildStream([segment(101, 4000, 'identity')]));
  writeStream('stable.csv', buildStream([segment(201, 2500, 'identity')]));
  // scores crowd around 0.5: the model is unsure, its accuracy must drop
  writeStream('unsure.csv', buildStream([segment(301, 1000, 'identity'), segment(401, 1000, 'identity', 0.35, 0.3)]));
  // same scores, different meaning: concept shift only labels can reveal
  writeStream('concept.csv', buildStream([segment(501, 1000, 'identity'), segment(601, 1000, 'affine')]));
  writeFileSync(
    path('letters.csv'),
    'p,y_pred,y,t\n0.2,no,no,2024-01-01\n0.8,yes,yes,2024-01-02\n0.3,no,no,2024-01-03\n0.9,yes,yes,2024-01-04\n',
  );
  writeFileSync(path('bad-score.csv'), 'p,y_pred,y,t\n0.2,0,0,2024-01-01\nhigh,1,1,2024-01-02\n');
  writeFileSync(path('missing-label.csv'), 'p,y_pred,y,t\n0.2,0,0,2024-01-01\n0.8,1,,2024-01-02\n');
  writeFileSync(path('one-class.csv'), 'p,y_pred,y,t\n0.2,0,1,2024-01-01\n0.8,1,1,2024-01-02\n');
  writeFileSync(path('odd-prediction.csv'), 'p,y_pred,y,t\n0.2,0,0,2024-01-01\n0.8,2,1,2024-01-02\n');
  writeFileSync(path('tiny.csv'), 'p,y_pred,y,t\n0.2,0,0,2024-01-01\n0.8,1,1,2024-01-02\n0.3,0,0,2024-01-03\n');
  writeFileSync(path('no-label.csv'), 'p,y_pred\n0.2,0\n0.8,1\n');
  writeFileSync(path('header-only.csv'), 'p,y_pred,y,t\n');
  writeFileSync(path('unordered.csv'), 'p,y_pred,y,t\n0.2,0,0,2024-01-02\n0.8,1,1,2024-01-01\n');
  writeFileSync(path('bad-time.csv'), 'p,y_pred,y,t\n0.2,0,0,yesterday\n0.8,1,1,2024-01-01\n');
});

const base = { reference: path('reference.csv'), score: 'p', prediction: 'y_pred', target: 'y' };
const multiclassBase = {
  reference: path('multiclass-reference.csv'),
  current: path('multiclass-current.csv'),
  score: 'a=pa,b=pb,c=pc',
  target: 'y',
};

describe('driftguard estimate', () => {
  it('prints the documented JSON and exits 0 when no chunk drops', async () => {
    const r = await estimate({ ...base, current: path('stable.csv'), chunkSize: '1000', json: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.version).toBe(1);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'chunks',
        'reference',
        'calibration',
        'thresholds',
        'metrics',
        'warnings',
        'alert',
        'classes',
        'decision',
      ]),
    );
    expect(report.metrics).toEqual(['rocAuc', 'accuracy', 'precision', 'recall', 'f1', 'specificity']);
    expect(report.chunks.map((c) => [c.index, c.start, c.rows])).toEqual([
      [0, 0, 1000],
      [1, 1000, 1000],
      [2, 2000, 500],
    ]);
    for (const c of report.chunks) {
      for (const key of ['index', 'start', 'rows', 'estimated', 'lower', 'upper', 'alert'])
        expect(c).toHaveProperty(key);
      expect(c.alert).toBe(false);
      expect(c.realized).toBeUndefined();
      expect(c.lower.rocAuc!).toBeLessThan(c.estimated.rocAuc!);
      expect(c.upper.rocAuc!).toBeGreaterThan(c.estimated.rocAuc!);
    }
    expect(report.calibration).toMatchObject({ method: 'none' }); // the identity truth: the scores are calibrated already
    expect(report.reference.rocAuc).toBeGreaterThan(0.7);
  });

  it('exits 1 when a chunk’s estimate falls below its alert threshold', async () => {
    const r = await estimate({
      ...base,
      current: path('unsure.csv'),
      chunkSize: '1000',
      metrics: 'accuracy,rocAuc',
      json: true,
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.chunks.map((c) => c.alert)).toEqual([false, true]);
    expect(report.chunks[1].alertMetrics).toEqual(['accuracy', 'rocAuc']);
    expect(Object.keys(report.chunks[1].estimated)).toEqual(['accuracy', 'rocAuc']);
  });

  it('--max-drop sets the alert threshold at the reference value minus the drop', async () => {
    const r = await estimate({
      ...base,
      current: path('unsure.csv'),
      chunkSize: '1000',
      metrics: 'accuracy',
      maxDrop: '0.5',
      json: true,
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.thresholds.accuracy!.lower).toBeCloseTo(report.reference.accuracy! - 0.5, 12);
    expect(report.alertRule).toEqual({ kind: 'max-drop', maxDrop: 0.5 });
  });

  it('--realized puts realized beside estimated and flags concept shift', async () => {
    const r = await estimate({ ...base, current: path('concept.csv'), chunkSize: '1000', realized: true, json: true });
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.chunks[0].realized?.accuracy).toBeGreaterThan(0.6);
    const shifted = report.warnings.filter((w) => w.code === 'concept-shift');
    expect(shifted.length).toBeGreaterThan(0);
    expect(shifted.every((w) => w.chunk === 1)).toBe(true);
    // without --realized the current labels are ignored
    const blind = JSON.parse(
      (await estimate({ ...base, current: path('concept.csv'), chunkSize: '1000', json: true })).stdout,
    ) as EstimationReport;
    expect(blind.chunks[1].realized).toBeUndefined();
    expect(blind.warnings.some((w) => w.code === 'concept-shift')).toBe(false);
  });

  it('--window cuts chunks by time', async () => {
    const r = await estimate({ ...base, current: path('stable.csv'), window: '30d', timeColumn: 't', json: true });
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.chunking).toEqual({ kind: 'time', window: '30d', timeColumn: 't' });
    expect(report.chunks.map((c) => c.rows)).toEqual([720, 720, 720, 340]);
    expect(report.chunks[1].from).toBe('2024-01-31T00:00:00.000Z');
  });

  it('without --prediction the class is score > --threshold', async () => {
    const r = await estimate({
      ...base,
      prediction: undefined,
      threshold: '0.7',
      current: path('stable.csv'),
      chunkSize: '2500',
      json: true,
    });
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.decision).toEqual({ kind: 'threshold', threshold: 0.7 });
    expect(report.chunks[0].estimated.recall!).toBeLessThan(0.7);
  });

  it('labels that are words: class 1 from --positive-class or the yes / true / 1 rule', async () => {
    const r = await estimate({
      reference: path('letters.csv'),
      current: path('letters.csv'),
      score: 'p',
      prediction: 'y_pred',
      target: 'y',
      chunkSize: '2',
      json: true,
    });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as EstimationReport).classes).toEqual(['no', 'yes']);
  });

  it('a multiclass model: one score column per class, macro-averaged estimates, per-class calibration', async () => {
    const r = await estimate({ ...multiclassBase, chunkSize: '500', realized: true, json: true });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.task).toBe('multiclass');
    expect(report.classes).toEqual(['a', 'b', 'c']);
    expect(report.decision).toEqual({ kind: 'arg-max' });
    expect(Object.keys(report.calibration ?? {})).toEqual(['a', 'b', 'c']);
    for (const c of report.chunks) expect(Math.abs(c.estimated.accuracy! - c.realized!.accuracy!)).toBeLessThan(0.06);
  });

  it('a regression model: estimated MAE / RMSE from the inputs and the prediction, alerting when the loss rises', async () => {
    const r = await estimate({
      reference: path('regression-reference.csv'),
      current: path('regression-current.csv'),
      prediction: 'y_pred',
      target: 'y',
      exclude: 'id',
      chunkSize: '1000',
      realized: true,
      json: true,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as EstimationReport;
    expect(report.task).toBe('regression');
    expect(report.metrics).toEqual(['mae', 'rmse']);
    expect(report.calibration).toBeNull();
    expect(report.chunks.map((c) => c.alert)).toEqual([false, true]);
    expect(report.chunks[1].estimated.mae!).toBeGreaterThan(report.thresholds.mae.upper!);
    expect(Math.abs(report.chunks[0].estimated.mae! - report.chunks[0].realized!.mae!)).toBeLessThan(0.02);
  });

  it('writes Markdown and HTML to --out and prints a verdict line', async () => {
    const md = await estimate({ ...base, current: path('unsure.csv'), chunkSize: '1000', out: path('report.md') });
    expect(md.code).toBe(1);
    expect(md.stdout).toBe(
      `estimated performance drop: 1 of 2 chunks worse than the alert threshold, 0 warnings → ${path('report.md')}\n`,
    );
    expect(readFileSync(path('report.md'), 'utf8')).toContain('| 1 (rows 1000–1999, 1000 rows) |');
    const html = await estimate({ ...base, current: path('unsure.csv'), chunkSize: '1000', format: 'html' });
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<tr class="alert">');
  });
});

describe('driftguard estimate refuses bad input with one line and exit 2', () => {
  const ok = { ...base, current: path('stable.csv') };
  const cases: [string, EstimateCommandOptions, RegExp][] = [
    ['no --reference', { ...ok, reference: undefined }, /--reference <file> is required/],
    ['no --current', { ...ok, current: undefined }, /--current <file> is required/],
    [
      'no --score and no --prediction',
      { ...ok, score: undefined, prediction: undefined },
      /--score <column> is required \(a classifier's score; a regression model gives --prediction <column> alone\)/,
    ],
    ['no --target', { ...ok, target: undefined }, /--target <column> is required/],
    [
      'an unknown metric',
      { ...ok, metrics: 'rocAuc,auc' },
      /--metrics: "auc" is not a metric of a binary model \(valid: rocAuc, accuracy/,
    ],
    [
      'a classifier metric for a regression model',
      { ...ok, score: undefined, metrics: 'rocAuc' },
      /--metrics: "rocAuc" is not a metric of a regression model \(valid: mae, rmse\)/,
    ],
    [
      'two class=column pairs',
      { ...ok, score: 'a=pa,b=pb' },
      /--score: a multiclass model needs at least 3 class=column pairs/,
    ],
    [
      'a malformed class=column list',
      { ...ok, score: 'a=pa,b=,c=pc' },
      /--score: "a=pa,b=,c=pc" is neither a column nor class=column pairs/,
    ],
    ['a class named twice', { ...ok, score: 'a=pa,a=pb,c=pc' }, /--score: "a=pa,a=pb,c=pc" names a class twice/],
    [
      '--features for a classifier',
      { ...ok, features: 'x1' },
      /--features applies to regression models only \(this is a binary model\)/,
    ],
    [
      '--calibration for a regression model',
      { ...ok, score: undefined, calibration: 'isotonic' },
      /--calibration applies to binary and multiclass models only/,
    ],
    [
      'a regression feature missing from the current file',
      { reference: path('regression-reference.csv'), current: path('stable.csv'), prediction: 'y_pred', target: 'y' },
      /stable\.csv: no feature column "id" \(the reference has it; use --features or --exclude\)/,
    ],
    [
      'a multiclass label that is no class of --score',
      { ...multiclassBase, reference: path('multiclass-odd.csv') },
      /multiclass-odd\.csv: column "y", row 2: target "d" is not one of the classes of --score \(a, b, c\)/,
    ],
    ['a chunk size of 0', { ...ok, chunkSize: '0' }, /--chunk-size: "0" is not a positive integer/],
    ['a chunk size that is not a number', { ...ok, chunkSize: '1e3' }, /--chunk-size: "1e3" is not a positive integer/],
    [
      'a threshold above 1',
      { ...ok, prediction: undefined, threshold: '2' },
      /--threshold: "2" is not a number in \[0, 1\]/,
    ],
    ['--threshold with --prediction', { ...ok, threshold: '0.5' }, /--threshold applies only without --prediction/],
    ['a negative --max-drop', { ...ok, maxDrop: '-0.1' }, /--max-drop: "-0.1" is not a number in \[0, 1\]/],
    [
      '--chunk-size with --window',
      { ...ok, chunkSize: '10', window: '1d', timeColumn: 't' },
      /--chunk-size and --window exclude each other/,
    ],
    ['--window without --time-column', { ...ok, window: '1d' }, /--window needs --time-column/],
    ['--time-column without --window', { ...ok, timeColumn: 't' }, /--time-column needs --window/],
    [
      'a window that is not a duration',
      { ...ok, window: '7x', timeColumn: 't' },
      /--window: "7x" is not a time window/,
    ],
    ['an unknown calibration', { ...ok, calibration: 'platt' }, /--calibration: "platt" is not a mode/],
    ['--json with --format md', { ...ok, json: true, format: 'md' }, /--json and --format md exclude each other/],
    ['an unknown format', { ...ok, format: 'pdf' }, /--format: "pdf" is not a format/],
    ['a missing file', { ...ok, current: path('nope.csv') }, /nope\.csv/],
    [
      'a missing score column',
      { ...ok, score: 'proba' },
      /reference\.csv: no score column "proba" \(columns: p, y_pred, y, t\)/,
    ],
    [
      'a score that is not a number',
      { ...ok, current: path('bad-score.csv') },
      /bad-score\.csv: column "p", row 2: score must be a finite number, got "high"/,
    ],
    [
      'a missing reference label',
      { ...ok, reference: path('missing-label.csv') },
      /missing-label\.csv: column "y", row 2: target is missing/,
    ],
    [
      'a reference of 3 rows',
      { ...ok, reference: path('tiny.csv') },
      /reference: has 3 rows; measuring calibration needs at least 4/,
    ],
    [
      'a one-class reference',
      { ...ok, reference: path('one-class.csv') },
      /one-class\.csv: .*needs two classes, found only "1"/,
    ],
    [
      'a prediction that is no class',
      { ...ok, current: path('odd-prediction.csv') },
      /odd-prediction\.csv: column "y_pred", row 2: prediction "2" is not a class of the reference target \(0, 1\)/,
    ],
    ['a current file without rows', { ...ok, current: path('header-only.csv') }, /header-only\.csv: no data rows/],
    [
      'rows out of time order',
      { ...ok, current: path('unordered.csv'), window: '1d', timeColumn: 't' },
      /unordered\.csv: column "t", row 2: rows are not in time order/,
    ],
    [
      'a time that is no date',
      { ...ok, current: path('bad-time.csv'), window: '1d', timeColumn: 't' },
      /bad-time\.csv: column "t", row 1: time must be a date string, got "yesterday"/,
    ],
    [
      '--realized without labels in the current file',
      { ...ok, current: path('no-label.csv'), realized: true },
      /no-label\.csv: no target column "y" \(columns: p, y_pred\)/,
    ],
    [
      'an unwritable --out',
      { ...ok, out: path('missing-dir/report.json') },
      /--out .*missing-dir\/report\.json: cannot write \(its directory does not exist\)/,
    ],
  ];
  for (const [name, options, pattern] of cases) {
    it(name, async () => expectOneLineError(await estimate(options), pattern));
  }
});
