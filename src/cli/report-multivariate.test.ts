import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStream } from '../../tests/support/cli/report-fixtures.js';
import { type JointShiftOptions, jointShiftTable } from '../../tests/support/drift/joint-shift-table.js';
import { cellAt } from '../domain/data-table.js';
import { type ReportCommandOptions, runReport } from './report-command.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-report-mv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A jointShiftTable as CSV (empty field = missing). */
function writeCsv(name: string, options: JointShiftOptions): string {
  const table = jointShiftTable(options);
  const lines = [table.columnNames.join(',')];
  for (let i = 0; i < table.rowCount; i++)
    lines.push(table.columnNames.map((c) => String(cellAt(table.columns.get(c)!, i) ?? '')).join(','));
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

let reference: string;
let decoupled: string;
let iid: string;
beforeAll(() => {
  reference = writeCsv('reference.csv', { rows: 1500, seed: 61 });
  decoupled = writeCsv('decoupled.csv', { rows: 1000, seed: 62, shuffleShare: 1 });
  iid = writeCsv('iid.csv', { rows: 1000, seed: 63 });
});

async function run(options: ReportCommandOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runReport(options, { stdout, stderr, now: () => '2026-12-01T00:00:00.000Z' });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('driftguard report --multivariate', () => {
  it('exits 1 on a joint-only shift every univariate test misses, and names the features behind it', async () => {
    const univariate = await run({ reference, current: decoupled });
    expect(univariate.code).toBe(0);
    const plain = JSON.parse(univariate.stdout);
    expect(plain.datasetDrift).toBe(false);
    expect(plain.topFeatures).toEqual([]);
    expect(plain).not.toHaveProperty('multivariate');

    const result = await run({ reference, current: decoupled, multivariate: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.datasetDrift).toBe(false);
    expect(json.multivariate).toMatchObject({
      method: 'classifier',
      statisticName: 'roc_auc',
      drifted: true,
      threshold: 0.05,
      aucFloor: 0.53,
    });
    expect(
      json.multivariate.topFeatures
        .slice(0, 2)
        .map((f: { name: string }) => f.name)
        .sort(),
    ).toEqual(['x0', 'x1']);
    for (const f of json.multivariate.topFeatures) expect(Object.keys(f).sort()).toEqual(['importance', 'name']);
  });

  it('runs the method --multivariate-method names and exits 0 when neither test drifts', async () => {
    for (const method of ['pca', 'mmd']) {
      const drifted = await run({ reference, current: decoupled, multivariateMethod: method });
      expect(drifted.code).toBe(1);
      expect(JSON.parse(drifted.stdout).multivariate).toMatchObject({ method, drifted: true });
    }
    const quiet = await run({ reference, current: iid, multivariate: true, out: join(dir, 'iid.md') });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/^no dataset drift: .*; no multivariate drift \(classifier\) → .*iid\.md\n$/);
    expect(readFileSync(join(dir, 'iid.md'), 'utf8')).toMatch(
      /- \*\*Multivariate drift:\*\* no \(domain classifier: ROC AUC 0\.\d+, p=/,
    );
  });

  it('writes the multivariate verdict and its features to HTML and Markdown, and a one-line verdict', async () => {
    const html = await run({ reference, current: decoupled, multivariate: true, out: join(dir, 'r.html') });
    expect(html.code).toBe(1);
    expect(html.stdout).toMatch(/^no dataset drift: .*; multivariate drift \(classifier: x[01], x[01]/);
    const page = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(page).toContain('<div class="verdict drift">Multivariate drift detected</div>');
    expect(page).toMatch(
      /<h2>Multivariate drift: features behind it <small>\(ROC AUC 0\.\d+\)<\/small><\/h2>\n<table><thead><tr><th>feature<\/th><th>AUC drop when permuted<\/th>/,
    );
    const md = await run({ reference, current: decoupled, multivariateMethod: 'pca', format: 'md' });
    expect(md.stdout).toMatch(
      /## Multivariate drift: features behind it \(reconstruction error [\d.]+\)\n\n\| feature \| residual increase \|/,
    );
  });

  it('takes the options of the config file and lets --multivariate-method win over its method', async () => {
    const config = join(dir, 'mv.json');
    writeFileSync(
      config,
      JSON.stringify({ multivariate: { method: 'mmd', seed: 5, mmd: { permutations: 19, maxRowsPerSide: 200 } } }),
    );
    const fromConfig = JSON.parse((await run({ reference, current: decoupled, config })).stdout).multivariate;
    expect(fromConfig).toMatchObject({
      method: 'mmd',
      permutations: 19,
      referenceRowCount: 200,
      pValue: 0.05,
      drifted: false,
    });
    const overridden = JSON.parse(
      (await run({ reference, current: decoupled, config, multivariateMethod: 'classifier' })).stdout,
    ).multivariate;
    expect(overridden.method).toBe('classifier');
  });

  it('refuses a bad method, a bad config value and too few rows with exit 2 and one line', async () => {
    const bad = await run({ reference, current: decoupled, multivariateMethod: 'lsdd' });
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'driftguard report: --multivariate-method: "lsdd" is not a method (valid: classifier, pca, mmd)\n',
    });
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ multivariate: { classifier: { aucFloor: 2 } } }));
    const badConfig = await run({ reference, current: decoupled, config });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toBe(
      `driftguard report: ${config}: multivariate.classifier.aucFloor: must be in [0.5, 1], got 2\n`,
    );
    const tiny = writeCsv('tiny.csv', { rows: 3, seed: 64 });
    const small = await run({ reference, current: tiny, multivariate: true });
    expect(small.code).toBe(2);
    expect(small.stderr).toBe(
      'driftguard report: configuration: multivariate: the classifier test needs at least 5 rows on each side; the current has 3\n',
    );
  });
});
