import { describe, expect, it } from 'vitest';
import {
  canTransition,
  createRetrainingJob,
  failJob,
  isActive,
  isFinal,
  type JobMetricSet,
  RESTART_FAILURE,
  type RetrainingJob,
  type RetrainingJobStatus,
  RetrainingJobTransitionError,
  recoverAfterRestart,
  reevaluateDeferral,
  transitionJob,
} from './retraining-job.js';
import { checkSufficiency, createRetrainingPolicy, manualTrigger } from './retraining-policy.js';

const trigger = {
  kind: 'drift' as const,
  reason: 'performance drift for 2 consecutive windows',
  severity: 'high',
  driftShare: 0.1,
};
const queued = () => createRetrainingJob({ id: 'j1', model: 'credit', trigger, nowMs: 1000 });
const m = (accuracy: number): JobMetricSet => ({ accuracy, rocAuc: accuracy, logLoss: 0.4, f1: accuracy });
const policy = createRetrainingPolicy();

function runTo(job: RetrainingJob, promote: boolean): RetrainingJob {
  let j = transitionJob(job, 'training', 2000, 'training on 5,000 rows', {
    data: { trainRows: 3500, validationRows: 750, testRows: 750, fromMs: 0, toMs: 1000, referenceRows: 0 },
  });
  j = transitionJob(j, 'evaluating', 3000, 'evaluating', {
    metrics: { challenger: { validation: m(0.8), test: m(0.81) }, champion: { test: m(0.7) } },
  });
  j = transitionJob(j, 'tracking', 4000, 'tracking', {
    decision: { promote, reason: promote ? 'better' : 'not better' },
  });
  return transitionJob(
    j,
    promote ? 'promoted' : 'rejected',
    5000,
    promote ? 'promoted version 2' : 'rejected (not better)',
    {
      tracking: { runId: 'r1', registeredVersion: '2' },
    },
  );
}

describe('retraining job state machine', () => {
  it('creates a queued job with its first step', () => {
    expect(queued()).toEqual({
      id: 'j1',
      model: 'credit',
      status: 'queued',
      trigger,
      createdAtMs: 1000,
      updatedAtMs: 1000,
      steps: [{ status: 'queued', atMs: 1000, message: 'queued (drift: performance drift for 2 consecutive windows)' }],
    });
    expect(isActive('queued')).toBe(true);
  });

  it('goes queued → training → evaluating → tracking → promoted, one step per transition', () => {
    const j = runTo(queued(), true);
    expect(j.status).toBe('promoted');
    expect(j.steps.map((s) => s.status)).toEqual(['queued', 'training', 'evaluating', 'tracking', 'promoted']);
    expect(j).toMatchObject({
      finishedAtMs: 5000,
      updatedAtMs: 5000,
      decision: { promote: true },
      tracking: { runId: 'r1' },
      data: { trainRows: 3500 },
    });
    expect(isFinal(j.status)).toBe(true);
  });

  it('ends rejected, keeping the metrics and the reason', () => {
    const j = runTo(queued(), false);
    expect(j.status).toBe('rejected');
    expect(j.decision).toEqual({ promote: false, reason: 'not better' });
    expect(j.metrics?.champion?.test.accuracy).toBe(0.7);
  });

  it('fails from any non-final state with the cause, and final states are final', () => {
    for (const status of ['queued', 'training', 'evaluating', 'tracking'] as RetrainingJobStatus[]) {
      let j = queued();
      const path: RetrainingJobStatus[] = ['training', 'evaluating', 'tracking'];
      for (const s of path.slice(0, path.indexOf(status) + 1)) j = transitionJob(j, s, 1500, s);
      const failed = failJob(j, 9000, 'trainer error: boom');
      expect(failed).toMatchObject({ status: 'failed', error: 'trainer error: boom', finishedAtMs: 9000 });
      expect(failed.steps.at(-1)).toEqual({ status: 'failed', atMs: 9000, message: 'failed: trainer error: boom' });
    }
    const done = runTo(queued(), true);
    expect(() => failJob(done, 1, 'x')).toThrow(new RetrainingJobTransitionError('promoted', 'failed'));
    expect(() => failJob(done, 1, 'x')).toThrow('retraining job cannot go from promoted to failed (promoted is final)');
  });

  it('refuses skipped states', () => {
    expect(() => transitionJob(queued(), 'evaluating', 1, 'x')).toThrow(
      'retraining job cannot go from queued to evaluating',
    );
    expect(() => transitionJob(queued(), 'promoted', 1, 'x')).toThrow(RetrainingJobTransitionError);
    expect(canTransition('training', 'tracking')).toBe(false);
    expect(canTransition('tracking', 'rejected')).toBe(true);
  });
});

describe('deferral', () => {
  const insufficient = checkSufficiency(policy, {
    labeledRows: 412,
    perClass: { '0': 395, '1': 17 },
    recentPredictions: 1000,
    recentLabeled: 412,
  });
  const deferred = () =>
    createRetrainingJob({ id: 'j2', model: 'credit', trigger: manualTrigger(), nowMs: 0, deferral: insufficient });

  it('starts deferred with the exact reason', () => {
    const j = deferred();
    expect(j.status).toBe('deferred');
    expect(j.deferral?.reason).toBe('412 of 1,000 labelled rows; class 1 has 17 of 50');
    expect(j.steps[0].message).toBe('deferred (manual: manual): 412 of 1,000 labelled rows; class 1 has 17 of 50');
    expect(isActive('deferred')).toBe(false);
  });

  it('stays deferred as labels arrive: a new step only when the reason changes', () => {
    const same = reevaluateDeferral(deferred(), 10, insufficient);
    expect(same.steps).toHaveLength(1);
    expect(same.updatedAtMs).toBe(10);
    const better = checkSufficiency(policy, {
      labeledRows: 900,
      perClass: { '0': 800, '1': 100 },
      recentPredictions: 1000,
      recentLabeled: 900,
    });
    const j = reevaluateDeferral(same, 20, better);
    expect(j.status).toBe('deferred');
    expect(j.steps.at(-1)).toEqual({
      status: 'deferred',
      atMs: 20,
      message: 'still deferred: 900 of 1,000 labelled rows',
    });
    expect(j.deferral?.labeledRows).toBe(900);
  });

  it('is queued once sufficiency is met, dropping the deferral', () => {
    const met = checkSufficiency(policy, {
      labeledRows: 1000,
      perClass: { '0': 900, '1': 100 },
      recentPredictions: 1000,
      recentLabeled: 1000,
    });
    const j = reevaluateDeferral(deferred(), 30, met);
    expect(j.status).toBe('queued');
    expect(j.deferral).toBeUndefined();
    expect(j.steps.at(-1)?.message).toBe('labelled data sufficient (1000 rows): queued');
    expect(() => reevaluateDeferral(j, 31, met)).toThrow('cannot go from queued to queued');
  });

  it('may go straight from deferred to training', () => {
    expect(transitionJob(deferred(), 'training', 5, 'training').status).toBe('training');
  });
});

describe('recoverAfterRestart', () => {
  it('fails in-flight jobs with "interrupted by restart"', () => {
    let j = transitionJob(queued(), 'training', 2, 'training');
    for (const status of ['training', 'evaluating', 'tracking'] as const) {
      if (j.status !== status) j = transitionJob(j, status, 3, status);
      const r = recoverAfterRestart(j, 100);
      expect(r).toMatchObject({ status: 'failed', error: RESTART_FAILURE, finishedAtMs: 100 });
      expect(r.steps.at(-1)?.message).toBe('failed: interrupted by restart');
    }
  });

  it('leaves queued, deferred and final jobs as they are (queued and deferred resume)', () => {
    const q = queued();
    expect(recoverAfterRestart(q, 100)).toBe(q);
    const d = createRetrainingJob({
      id: 'd',
      model: 'm',
      trigger,
      nowMs: 0,
      deferral: { reason: 'r', labeledRows: 0, minLabeledRows: 1, perClass: {}, minPerClass: 0, labelCoverage: 0 },
    });
    expect(recoverAfterRestart(d, 100)).toBe(d);
    const done = runTo(queued(), false);
    expect(recoverAfterRestart(done, 100)).toBe(done);
  });
});
