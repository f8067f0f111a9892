import { describe, expect, it } from 'vitest';
import { formatCount } from '../../domain/retraining-policy.js';
import { jobLine } from './demo-stages.js';

const job = (status: string, extra: Record<string, unknown> = {}) => ({ id: 'j1', status, ...extra });

describe('jobLine', () => {
  it('names each retraining step the demo shows, with what the job carries', () => {
    const reason = `${formatCount(412)} of ${formatCount(1000)} labelled rows; class 1 has 17 of 50`;
    expect(jobLine(job('deferred', { deferral: { reason } }))).toBe(
      'retraining deferred: 412 of 1,000 labelled rows; class 1 has 17 of 50',
    );
    expect(jobLine(job('training'))).toBe('retraining: training');
    expect(jobLine(job('training', { data: { trainRows: 1050 } }))).toBe(
      'retraining: training a challenger on 1,050 recent labelled rows',
    );
    expect(jobLine(job('evaluating'))).toMatch(/^retraining: evaluating/);
    const steps = [
      { status: 'queued', message: 'drift trigger' },
      { status: 'training', message: 'training a gbdt challenger of version 1 on up to 1500 labelled rows' },
    ];
    expect(jobLine(job('training', { steps }))).toBe(
      'retraining: training a gbdt challenger of version 1 on up to 1500 labelled rows',
    );
    expect(jobLine(job('evaluating', { steps }))).toBe(
      'retraining: evaluating challenger vs champion on the same test rows',
    );
    const evaluated = [...steps, { status: 'evaluating', message: 'challenger trained on 1050 rows in 0.4 s' }];
    expect(jobLine(job('evaluating', { steps: evaluated }))).toBe(
      'retraining: evaluating — challenger trained on 1050 rows in 0.4 s',
    );
    expect(jobLine(job('tracking'))).toMatch(/^retraining: tracking/);
    expect(
      jobLine(
        job('promoted', {
          tracking: { runId: 'r9', registeredVersion: '2' },
          metrics: {
            challenger: { test: { accuracy: 0.951, rocAuc: 0.99 } },
            champion: { test: { accuracy: 0.547, rocAuc: null } },
          },
        }),
      ),
    ).toBe('retraining: promoted version 2 (test accuracy 0.547 → 0.951, ROC AUC n/a → 0.990, run r9)');
    expect(
      jobLine(job('promoted', { tracking: { registeredVersion: '3' }, decision: { promote: true, reason: 'better' } })),
    ).toBe('retraining: promoted version 3 (better)');
    expect(jobLine(job('rejected', { decision: { promote: false, reason: 'rocAuc 0.80 < 0.81' } }))).toBe(
      'retraining: rejected (rocAuc 0.80 < 0.81)',
    );
    expect(jobLine(job('failed', { error: 'MLflow unreachable' }))).toBe('retraining: failed (MLflow unreachable)');
    expect(jobLine(job('queued'))).toBeNull();
  });
});
