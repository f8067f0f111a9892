import { describe, expect, it } from 'vitest';
import { conceptTable, stackTables } from '../../../../tests/support/services/concept-table.js';
import { createRetrainingPolicy } from '../../../domain/retraining-policy.js';
import { runBacktest } from './backtest.js';
import { parseBacktestPolicy } from './backtest-policy.js';

const clock = { nowMs: () => performance.now() };
const policy = createRetrainingPolicy({ minLabeledRows: 500, horizonRows: 1000, persistWindows: 1 });

describe('runBacktest', () => {
  // 2,000 initial rows and 4 windows of 500 on concept a + b ≤ 8, then 6 windows of 500 on a + b ≤ 12
  const table = stackTables(conceptTable(4000, 8, 1), conceptTable(3000, 12, 2, 4000));

  it('retrains after the abrupt drift, beats static, and runs the baselines in the same pass', async () => {
    const r = await runBacktest(
      { table, target: 'label', orderColumn: 't', initialRows: 2000, windowRows: 500, policy },
      { clock },
    );
    expect(r.windows).toHaveLength(10);
    expect(r.windows[0]).toMatchObject({ index: 0, rows: 500, retrained: false });
    expect(r.windows.slice(0, 4).some((w) => w.retrained)).toBe(false);
    expect(r.windows[4].performanceDrift).toBe(true);
    expect(r.windows[4].alerts).toContain('performance_drift');
    expect(r.windows[4].retrained).toBe(true);
    expect(r.windows[4].decision).toMatch(/^performance drift for 1 consecutive window: promoted$/);
    expect(r.windows[5].accuracy).toBeGreaterThan(r.windows[5].baselines.static.accuracy + 0.1);
    expect(r.policies.static.retrains).toBe(0);
    expect(r.policies.periodic.retrains).toBe(9);
    expect(r.policies.drift.retrains).toBeLessThanOrEqual(3);
    expect(r.policies.drift.meanAccuracy).toBeGreaterThan(r.policies.static.meanAccuracy + 0.05);
    expect(r.policies.drift.fitSeconds).toBeGreaterThan(0);
    expect(r.setup.features).toEqual(['a', 'b', 'c']);
  });

  it('never retrains on i.i.d. windows', async () => {
    const iid = conceptTable(6000, 8, 3);
    const r = await runBacktest(
      { table: iid, target: 'label', exclude: ['t'], initialRows: 2000, windowRows: 1000, policy },
      { clock },
    );
    expect(r.policies.drift.retrains).toBe(0);
    expect(r.windows.every((w) => w.decision === null && !w.performanceDrift)).toBe(true);
    expect(Math.abs(r.policies.drift.meanAccuracy - r.policies.static.meanAccuracy)).toBe(0);
  });

  it('defers when the horizon lacks labelled rows of a class', async () => {
    const strict = createRetrainingPolicy({
      minLabeledRows: 500,
      horizonRows: 1000,
      persistWindows: 1,
      minPerClass: 300,
    });
    const r = await runBacktest(
      { table, target: 'label', orderColumn: 't', initialRows: 2000, windowRows: 500, policy: strict },
      { clock },
    );
    expect(r.windows[4].decision).toMatch(
      /^performance drift for 1 consecutive window: deferred \(class no has 177 of 300\)$/,
    );
    // re-evaluated as labels arrive: the next window's rows complete the class and the job runs
    expect(r.windows[5].retrained).toBe(true);
  });

  it('replays the policy with and without impact awareness side by side', async () => {
    // c (ignored by the label) jumps by 10 after 4 windows: data drift the model's performance does not feel
    const drifted = stackTables(conceptTable(4000, 8, 1), conceptTable(1500, 8, 2, 4000, 10));
    const r = await runBacktest(
      {
        table: drifted,
        target: 'label',
        orderColumn: 't',
        initialRows: 2000,
        windowRows: 500,
        policy,
        drift: { severity: { high: 0.3 } },
      },
      { clock },
    );
    expect(r.windows.slice(0, 4).every((w) => w.impact === 'no-drift')).toBe(true);
    expect(r.windows.slice(4).map((w) => w.impact)).toEqual(Array(3).fill('no-measurable-impact'));
    expect(r.windows[4]).toMatchObject({ severity: 'high', alerts: ['data_drift:medium'], retrained: false });
    expect(r.windows[4].withoutImpact.alerts).toEqual(['data_drift:high']);
    expect(r.windows[4].withoutImpact.decision).toMatch(/^data drift high \(share 0\.33\) for 1 consecutive window/);
    expect(r.windows[4].estimated!.map((m) => m.metric)).toEqual(['rocAuc', 'accuracy']);
    expect(r.policies.drift.retrains).toBe(0);
    expect(r.policies.driftWithoutImpact.retrains).toBe(1);
  });

  it('refuses bad set-ups with the field', async () => {
    await expect(runBacktest({ table, target: 'nope', policy }, { clock })).rejects.toThrow('target: no column "nope"');
    await expect(
      runBacktest({ table, target: 'label', initialRows: 6800, windowRows: 500, policy }, { clock }),
    ).rejects.toThrow('data: 7000 rows leave no window of 500 rows after the 6800 initial rows');
    await expect(runBacktest({ table, target: 'label', orderColumn: 'when', policy }, { clock })).rejects.toThrow(
      'orderColumn: no column "when"',
    );
  });
});

describe('parseBacktestPolicy', () => {
  it('reads retraining and drift settings and names bad ones', () => {
    expect(parseBacktestPolicy('{"estimation":{"impactAware":false,"metrics":["f1"]}}', 'p.json').estimation).toEqual({
      metrics: ['f1'],
      impact: { enabled: false, dropWhen: 'estimate' },
    });
    expect(() => parseBacktestPolicy('{"estimation":{"dropWhen":"always"}}', 'p.json')).toThrow(
      'p.json: estimation.dropWhen: must be "estimate" or "band"',
    );
    expect(() => parseBacktestPolicy('{"estimation":{"metrics":["auc"]}}', 'p.json')).toThrow(
      'p.json: estimation.metrics',
    );
    const p = parseBacktestPolicy('{"retraining":{"persistWindows":3},"drift":{"pValueThreshold":0.01}}', 'p.json');
    expect(p.retraining.persistWindows).toBe(3);
    expect(p.drift).toEqual({ pValueThreshold: 0.01 });
    expect(() => parseBacktestPolicy('{', 'p.json')).toThrow(
      /^p\.json: invalid JSON at line 1, column 2: expected a property name in double quotes, found the end of the text$/,
    );
    expect(() => parseBacktestPolicy('{"retrain":{}}', 'p.json')).toThrow(
      'p.json: retrain: unknown key; valid: retraining, drift, estimation',
    );
    expect(() => parseBacktestPolicy('{"retraining":{"minPerClass":-1}}', 'p.json')).toThrow(
      'retraining.minPerClass: must be an integer ≥ 0',
    );
  });
});
