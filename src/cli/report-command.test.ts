import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStream, writeCreditCsv } from '../../tests/support/cli/report-fixtures.js';
import { type ReportCommandOptions, runReport } from './report-command.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);

let reference: string;
let stable: string;
let drifted: string;
beforeAll(() => {
  reference = writeCreditCsv(dir, 'reference.csv', 600, 1, 'none');
  stable = writeCreditCsv(dir, 'stable.csv', 500, 2, 'none');
  drifted = writeCreditCsv(dir, 'drifted.csv', 500, 3, 'drift');
});

async function run(options: ReportCommandOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runReport(options, { stdout, stderr, now: () => '2026-11-26T00:00:00.000Z' });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** An error run: exit 2, nothing on stdout, exactly one line on stderr matching `pattern`. */
async function expectError(options: ReportCommandOptions, pattern: RegExp): Promise<void> {
  const result = await run(options);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toHaveLength(2);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr).toMatch(pattern);
}

describe('driftguard report: verdicts and exit codes', () => {
  it('exits 0 with a JSON report when current looks like the reference', async () => {
    const result = await run({ reference, current: stable, target: 'label', prediction: 'prediction', exclude: 'id' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.kind).toBe('driftguard.drift-report');
    expect(json.datasetDrift).toBe(false);
    expect(json.features.map((f: { name: string }) => f.name).sort()).toEqual([
      'age',
      'debt',
      'income',
      'owner',
      'region',
    ]);
    expect(json.predictionDrift.name).toBe('prediction');
    expect(json.performance.drifted).toBe(false);
  });

  it('exits 1 on dataset drift, in both modes', async () => {
    for (const mode of ['driftguard', 'evidently']) {
      const result = await run({ reference, current: drifted, exclude: 'id', mode });
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout);
      expect(json.mode).toBe(mode);
      expect(json.datasetDrift).toBe(true);
      expect(json.driftedFeatureCount).toBe(json.testedFeatureCount);
    }
  });

  it('writes HTML and Markdown to --out (format from the extension or --format) and prints one verdict line', async () => {
    const html = await run({ reference, current: drifted, out: path('r.html') });
    expect(html.code).toBe(1);
    expect(html.stdout).toMatch(/^dataset drift: \d+ of \d+ tested features drifted .* → .*r\.html\n$/);
    expect(readFileSync(path('r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*Dataset drift detected[\s\S]*<svg /);
    const md = await run({ reference, current: stable, format: 'md', out: path('r.txt') });
    expect(md.code).toBe(0);
    expect(readFileSync(path('r.txt'), 'utf8')).toMatch(/^# Drift report\n/);
  });

  it('reads Parquet files (pyarrow-written fixtures, SNAPPY and GZIP) and mixes formats', async () => {
    const fixtures = join(import.meta.dirname, '../../tests/fixtures/tabular');
    const result = await run({
      reference: join(fixtures, 'mixed.parquet'),
      current: join(fixtures, 'mixed-gzip.parquet'),
      exclude: 'seen_at',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.referenceRowCount).toBe(6);
    expect(json.driftedFeatureCount).toBe(0);
  });

  it('a current file missing reference features exits 2 naming them; with --allow-missing they are reported as not tested and the verdict is incomplete (exit 3), never clean', async () => {
    writeFileSync(path('partial.csv'), readFileSync(stable, 'utf8').replace(/^income,/, 'revenue,'));
    await expectError(
      { reference, current: path('partial.csv'), exclude: 'id' },
      /partial\.csv: lacks 1 of the reference's \d+ features: income \(pass --allow-missing to report them as not tested\)/,
    );
    const partial = await run({ reference, current: path('partial.csv'), exclude: 'id', allowMissing: true });
    expect(partial.code).toBe(3);
    const json = JSON.parse(partial.stdout) as {
      dataQuality: { column: string; kind: string }[];
      features: { name: string; status: string }[];
    };
    expect(json.dataQuality).toContainEqual(expect.objectContaining({ column: 'income', kind: 'missing_column' }));
    expect(json.features).toContainEqual(expect.objectContaining({ name: 'income', status: 'not_tested' }));
    const written = await run({
      reference,
      current: path('partial.csv'),
      exclude: 'id',
      allowMissing: true,
      out: path('partial.json'),
    });
    expect(written.code).toBe(3);
    expect(written.stdout).toMatch(
      /^incomplete \(no drift among the tested features\): 0 of \d+ tested features drifted, 1 not tested \(income\)/,
    );
    writeFileSync(path('other.csv'), 'salary,city\n1,Oslo\n');
    await expectError(
      { reference, current: path('other.csv') },
      /other\.csv: none of the reference's features is a column here \(expected income, age, debt, region, owner, …; found salary, city\)/,
    );
  });

  it('reads the config file: roles, ignored columns, engine options', async () => {
    writeFileSync(
      path('config.json'),
      JSON.stringify({ target: 'label', ignore: ['id'], engine: { driftShareThreshold: 1 } }),
    );
    const result = await run({ reference, current: stable, config: path('config.json') });
    const json = JSON.parse(result.stdout);
    expect(json.driftShareThreshold).toBe(1);
    expect(json.targetDrift.name).toBe('label');
    expect(json.features.some((f: { name: string }) => f.name === 'id')).toBe(false);
  });
});

describe('driftguard report never passes on data it could not judge (issue 14 items 14 and 15)', () => {
  /** `amount`: numbers; the current file has 2 % stray strings ("high", "0,5"). */
  function writeAmounts(name: string, rows: number, strays: number, seed: number): string {
    const lines = ['amount,region'];
    for (let i = 0; i < rows; i++) {
      const step = strays > 0 ? Math.floor(rows / strays) : 0;
      const stray = strays > 0 && i % step === 0 && i / step < strays;
      lines.push(
        `${stray ? ((i / step) % 2 === 0 ? 'high' : '"0,5"') : (((i * 7919 + seed) % 10007) / 100).toFixed(2)},${['n', 's'][i % 2]}`,
      );
    }
    writeFileSync(path(name), `${lines.join('\n')}\n`);
    return path(name);
  }

  it('a mostly-numeric column with stray strings stays numeric: its test runs on the numbers, the strays are counted exactly with examples', async () => {
    const ref = writeAmounts('amount-ref.csv', 15_000, 0, 1);
    const cur = writeAmounts('amount-cur.csv', 15_000, 300, 2);
    const result = await run({ reference: ref, current: cur });
    const json = JSON.parse(result.stdout) as {
      features: { name: string; kind: string; status: string; test: string }[];
      dataQuality: { column: string; kind: string; count: number; examples: string[] }[];
    };
    expect(json.features.find((f) => f.name === 'amount')).toMatchObject({ kind: 'numeric', status: 'tested' });
    const violation = json.dataQuality.find((f) => f.column === 'amount' && f.kind === 'type_violation');
    expect(violation).toMatchObject({ count: 300 });
    expect(violation?.examples).toEqual(expect.arrayContaining(['"high"', '"0,5"']));
    expect(result.stderr).toMatch(
      /warning: .*amount-cur\.csv: column 'amount' read as numeric: 14,700 of 15,000 values \(98\.0 %\) are numbers; the other 300 count as invalid/,
    );
  });

  it('a column that cannot be tested makes the verdict incomplete (exit 3), counted on the summary line', async () => {
    const ref = writeAmounts('amount-ref2.csv', 2000, 0, 1);
    writeFileSync(
      path('amount-empty.csv'),
      `amount,region\n${Array.from({ length: 500 }, (_, i) => `,${['n', 's'][i % 2]}`).join('\n')}\n`,
    );
    const result = await run({ reference: ref, current: path('amount-empty.csv'), out: path('empty.json') });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /^incomplete \(no drift among the tested features\): 0 of 1 tested features drifted, 1 not tested \(amount\)/,
    );
  });

  it('a column named __proto__ is a column like any other', async () => {
    const lines = (seed: number) => [
      '__proto__,constructor,x',
      ...Array.from({ length: 400 }, (_, i) => `${((i * 37 + seed) % 101) / 10},${['a', 'b'][i % 2]},${i % 13}.5`),
    ];
    writeFileSync(path('proto-ref.csv'), `${lines(1).join('\n')}\n`);
    writeFileSync(path('proto-cur.csv'), `${lines(2).join('\n')}\n`);
    const result = await run({ reference: path('proto-ref.csv'), current: path('proto-cur.csv') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { features: { name: string; kind: string; status: string }[] };
    expect(json.features.map((f) => [f.name, f.kind, f.status])).toEqual([
      ['__proto__', 'numeric', 'tested'],
      ['constructor', 'categorical', 'tested'],
      ['x', 'numeric', 'tested'],
    ]);
  });
});

describe('driftguard report: every bad input exits 2 with one readable line', () => {
  it('missing required options', async () => {
    await expectError({ current: stable }, /--reference <file> is required/);
    await expectError({ reference }, /--current <file> is required/);
  });
  it('missing file', async () => {
    await expectError({ reference: path('nope.csv'), current: stable }, /nope\.csv: file not found$/m);
    await expectError({ reference, current: path('gone.parquet') }, /gone\.parquet: file not found$/m);
  });
  it('unknown extension', async () => {
    writeFileSync(path('data.xlsx'), 'x');
    await expectError(
      { reference: path('data.xlsx'), current: stable },
      /data\.xlsx: unknown extension "\.xlsx"; supported: \.csv, \.tsv, \.gz, \.parquet, \.pq/,
    );
  });
  it('empty file and header-only file', async () => {
    writeFileSync(path('empty.csv'), '');
    await expectError({ reference: path('empty.csv'), current: stable }, /empty\.csv: file is empty/);
    writeFileSync(path('header.csv'), 'income,age\n');
    await expectError(
      { reference, current: path('header.csv') },
      /header\.csv: the current file has a header but no data rows/,
    );
  });
  it('unknown column in --exclude / --target / --prediction', async () => {
    await expectError(
      { reference, current: stable, exclude: 'age,salary' },
      /^driftguard report: --exclude: column "salary": no such column in .*reference\.csv \(columns: income, age/,
    );
    await expectError({ reference, current: stable, target: 'repaid' }, /--target: column "repaid": no such column in/);
    await expectError(
      { reference, current: stable, prediction: 'y_hat' },
      /--prediction: column "y_hat": no such column/,
    );
    await expectError(
      { reference, current: stable, exclude: 'age,,debt' },
      /--exclude: "age,,debt" has an empty column name/,
    );
  });
  it('malformed CSV row', async () => {
    writeFileSync(path('bad-row.csv'), 'income,age\n1,2\n3\n');
    await expectError(
      { reference, current: path('bad-row.csv') },
      /bad-row\.csv: line 3: malformed row: expected 2 fields \(as in the header\), found 1/,
    );
  });
  it('bad --mode and --format', async () => {
    await expectError(
      { reference, current: stable, mode: 'strict' },
      /--mode: "strict" is not a mode \(valid: driftguard, evidently\)/,
    );
    await expectError(
      { reference, current: stable, format: 'pdf' },
      /--format: "pdf" is not a format \(valid: json, html, md\)/,
    );
  });
  it('bad config: invalid JSON, unknown key, wrong type, bad engine value, missing file', async () => {
    writeFileSync(path('broken.json'), '{\n  "target": "label",\n  "ignore": [id]\n}');
    await expectError(
      { reference, current: stable, config: path('broken.json') },
      /broken\.json: invalid JSON at line 3, column 14: expected a value, found "i"$/m,
    );
    writeFileSync(path('unknown.json'), '{"targt": "label"}');
    await expectError(
      { reference, current: stable, config: path('unknown.json') },
      /unknown\.json: unknown key "targt" \(valid: target, /,
    );
    writeFileSync(path('type.json'), '{"exclude": "id"}');
    await expectError(
      { reference, current: stable, config: path('type.json') },
      /type\.json: "exclude" must be an array of strings, got "id"/,
    );
    writeFileSync(path('engine.json'), '{"engine": {"pValueThreshold": 2}}');
    await expectError({ reference, current: stable, config: path('engine.json') }, /configuration: pValueThreshold: /);
    await expectError(
      { reference, current: stable, config: path('absent.json') },
      /absent\.json: config file not found/,
    );
  });
  it('unwritable --out', async () => {
    await expectError(
      { reference, current: stable, out: path('no-such-dir/r.json') },
      /--out .*r\.json: cannot write \(its directory does not exist\)/,
    );
  });
});

describe('driftguard report as a process', () => {
  const cli = join(import.meta.dirname, 'main.ts');
  const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
  const spawnCli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(tsx, [cli, 'report', ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('exits 1 on drift and 2 on an unknown option, with one line', async () => {
    const drift = await spawnCli(['--reference', reference, '--current', drifted, '--out', path('p.json')]);
    expect(drift.code).toBe(1);
    const unknown = await spawnCli(['--reference', reference, '--current', stable, '--fromat', 'md']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown option '--fromat'/);
  }, 180_000);
});
