import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { promtool, runPromtool } from '../support/components/promtool.js';
import { auth, createTestApp } from '../support/http/test-app.js';

const OPERATIONS_MD = new URL('../../docs/operations.md', import.meta.url);

/** The fenced YAML block of docs/operations.md that starts with `groups:` (the alert rules users copy). */
function documentedRules(): string {
  const blocks = [...readFileSync(OPERATIONS_MD, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  const rules = blocks.find((b) => b.startsWith('groups:'));
  if (rules === undefined) throw new Error('docs/operations.md has no ```yaml block starting with groups:');
  return rules;
}

describeWithComponent('Prometheus: the documented rules and the exported metrics pass promtool', promtool, () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftguard-promtool-'));
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload: { name: 'credit' } });
    await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit/predictions',
      headers: auth('ingest'),
      payload: { predictions: [{ id: 'p1', features: { x: 1 }, prediction: 1 }] },
    });
    await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit/labels',
      headers: auth('ingest'),
      payload: { labels: [{ predictionId: 'p1', label: 1 }] },
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('promtool check rules accepts the alert rules of docs/operations.md', () => {
    const file = join(dir, 'driftguard.rules.yml');
    writeFileSync(file, documentedRules());
    const run = runPromtool(['check', 'rules', file]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('promtool check metrics accepts GET /metrics, which has the metrics the rules use and the default ones', async () => {
    const res = await t.app.inject('/metrics');
    const run = runPromtool(['check', 'metrics'], res.body);
    // It parses (exit 1 and "error while linting" otherwise); the only lint findings allowed are prom-client's own
    // default gauges named *_total (nodejs_active_handles_total …), which promtool's naming lint dislikes.
    expect(run.output).not.toMatch(/error while linting/);
    const findings = run.output.split('\n').filter(Boolean);
    expect(
      findings.filter((f) => !/^nodejs_active_\w+_total non-counter metrics should not have "_total" suffix$/.test(f)),
      run.output,
    ).toEqual([]);
    expect([0, 3], run.output).toContain(run.status);
    for (const name of [
      'driftguard_prediction_rows_logged_total',
      'driftguard_labels_joined_total',
      'driftguard_http_request_duration_seconds_bucket',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(res.body).toContain(name);
    const used = [...documentedRules().matchAll(/driftguard_[a-z_]+/g)].map((m) => m[0]);
    const families = [...res.body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    const exportedNames = new Set(
      families
        .flatMap((f) => [f, `${f}_bucket`, `${f}_count`, `${f}_sum`])
        .concat(['driftguard_drift_share', 'driftguard_alerts_firing', 'driftguard_feature_drift_score']),
    );
    for (const name of used) expect(exportedNames.has(name), `${name} is exported`).toBe(true);
  });
});
