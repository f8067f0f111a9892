import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCaptured } from '../../tests/support/cli/cli-capture.js';
import { conceptTable, stackTables } from '../../tests/support/services/concept-table.js';
import { tableToCsv } from '../../tests/support/services/training-table.js';
import { type BacktestCommandOptions, runBacktestCommand } from './backtest-command.js';

const dir = mkdtempSync(join(tmpdir(), 'dg-backtest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);
const backtest = (options: BacktestCommandOptions) => runCaptured(runBacktestCommand, options);

beforeAll(() => {
  // 2,000 initial rows and 4 windows of 500 on one concept, then 6 windows of 500 on another
  writeFileSync(path('stream.csv'), tableToCsv(stackTables(conceptTable(4000, 8, 1), conceptTable(3000, 12, 2, 4000))));
  writeFileSync(
    path('policy.json'),
    JSON.stringify({ retraining: { minLabeledRows: 500, horizonRows: 1000, persistWindows: 1 } }),
  );
  writeFileSync(path('bad-policy.json'), JSON.stringify({ retraining: { persistWindows: 0 } }));
});

describe('driftguard backtest', () => {
  const base = {
    data: path('stream.csv'),
    target: 'label',
    orderColumn: 't',
    initialRows: '2000',
    window: '500',
    policy: path('policy.json'),
    model: 'logistic',
  };

  it('prints the documented JSON: windows and the four policies', async () => {
    const r = await backtest({ ...base, json: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      windows: Record<string, unknown>[];
      policies: Record<string, { meanAccuracy: number; meanRocAuc: number; retrains: number; fitSeconds: number }>;
    };
    expect(out.windows).toHaveLength(10);
    for (const key of ['index', 'rows', 'accuracy', 'rocAuc', 'driftShare', 'severity', 'retrained'])
      expect(out.windows[0]).toHaveProperty(key);
    expect(Object.keys(out.policies)).toEqual(['drift', 'driftWithoutImpact', 'static', 'periodic']);
    expect(out.windows[0]).toHaveProperty('impact');
    expect(out.windows[0]).toHaveProperty('withoutImpact');
    for (const p of Object.values(out.policies))
      for (const key of ['meanAccuracy', 'meanRocAuc', 'retrains', 'fitSeconds']) expect(p).toHaveProperty(key);
    expect(out.windows[4].retrained).toBe(true);
    expect(out.policies.periodic.retrains).toBe(9);
    expect(out.policies.drift.meanAccuracy).toBeGreaterThan(out.policies.static.meanAccuracy);
  });

  it('prints a text summary and writes the HTML report', async () => {
    const r = await backtest({ ...base, html: path('report.html') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^backtest: 10 windows of 500 rows after 2000 initial rows; trainer: logistic\ndrift {16}mean accuracy 0\.\d{4}.*\ndrift without impact mean accuracy 0\.\d{4}/,
    );
    expect(r.stdout).toContain(`report: ${path('report.html')}`);
    const html = readFileSync(path('report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('performance drift for 1 consecutive window: promoted');
  });

  it('trains the initial model on --reference and replays every row of --data', async () => {
    writeFileSync(path('reference.csv'), tableToCsv(conceptTable(2000, 8, 3)));
    writeFileSync(
      path('monitoring.csv'),
      tableToCsv(stackTables(conceptTable(1000, 8, 4, 2000), conceptTable(1000, 12, 5, 3000))),
    );
    const r = await backtest({
      data: path('monitoring.csv'),
      reference: path('reference.csv'),
      target: 'label',
      orderColumn: 't',
      window: '500',
      policy: path('policy.json'),
      json: true,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { windows: { retrained: boolean }[]; setup: { initialRows: number } };
    expect(out.windows).toHaveLength(4);
    expect(out.setup.initialRows).toBe(2000);
    expect(out.windows[2].retrained).toBe(true);
  });

  it('exits 2 with one line on bad input', async () => {
    expectOneLineError(await backtest({ target: 'label' }), /^driftguard backtest: --data <file> is required/);
    expectOneLineError(await backtest({ ...base, target: 'nope' }), /^driftguard backtest: target: no column "nope"/);
    expectOneLineError(
      await backtest({ ...base, window: '0' }),
      /^driftguard backtest: --window: "0" is not a positive integer/,
    );
    expectOneLineError(
      await backtest({ ...base, policy: path('bad-policy.json') }),
      /^driftguard backtest: retraining\.persistWindows: must be an integer ≥ 1/,
    );
    expectOneLineError(
      await backtest({ ...base, json: true, html: 'x.html' }),
      /^driftguard backtest: --json and --html exclude each other/,
    );
    expectOneLineError(
      await backtest({ ...base, policy: path('no-such-policy.json') }),
      /^driftguard backtest: --policy \S+no-such-policy\.json: cannot read \(no such file or directory\)$/m,
    );
    expectOneLineError(
      await backtest({ ...base, html: path('no-such-dir/report.html') }),
      /^driftguard backtest: --html \S+report\.html: cannot write \(its directory does not exist\)$/m,
    );
    expectOneLineError(await backtest({ ...base, data: path('missing.csv') }), /^driftguard backtest: .*missing\.csv/);
  });

  it('trains with the default of train (gbdt) without --model, says so, and explains retrains / in service (issue 14 item 21)', async () => {
    const { model: _model, ...withoutModel } = base;
    const r = await backtest(withoutModel);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'backtest: 10 windows of 500 rows after 2000 initial rows; trainer: gbdt (the default, as for train; --model to choose)',
    );
    expect(r.stdout).toMatch(/retrains \d+ \(\d+ in service\)/);
    expect(r.stdout).toContain(
      'retrains: challengers trained; in service: those promoted because they beat the champion on the same test rows (the rest were rejected)',
    );
  }, 120_000);
});
