import { describe, expect, it } from 'vitest';
import { loanRows } from '../../tests/support/services/retraining-fixture.js';
import { dataTableFromRows } from '../domain/data-table.js';
import { createRetrainingPolicy } from '../domain/retraining-policy.js';
import { type ChallengerRequest, ChallengerTimeoutError } from '../ports/challenger-executor.js';
import { createInThreadChallengerExecutor, InsufficientDataError } from '../services/retraining/challenger-pipeline.js';
import { createTrainModelService } from '../services/training/train-model.js';
import { createWorkerChallengerExecutor } from './challenger-worker.js';
import { locateThreadEntry } from './worker-thread.js';

const clock = { nowMs: () => Date.now() };
const champion = createTrainModelService({ clock }).train({
  table: dataTableFromRows(loanRows(1000, 1, 'before')),
  target: 'label',
  estimator: 'logistic',
}).model;
const request = (rows: number): ChallengerRequest => ({
  champion,
  recent: dataTableFromRows(loanRows(rows, 2, 'after')),
  policy: createRetrainingPolicy({ minLabeledRows: 300, minPerClass: 30, horizonRows: 3000 }),
});

describe('challenger execution in a worker thread', () => {
  const entry = locateThreadEntry('challenger-thread');
  if (entry.kind !== 'worker') throw new Error(`no worker entry: ${entry.reason}`);
  const worker = createWorkerChallengerExecutor(entry);

  it('gives the result of the calling thread (same challenger, metrics and decision) without blocking the event loop', async () => {
    const inThread = await createInThreadChallengerExecutor({ clock }).run(request(3000), 60_000);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const started = performance.now();
    const threaded = await worker.run(request(3000), 60_000);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(threaded.metrics).toEqual(inThread.metrics);
    expect(threaded.decision).toEqual(inThread.decision);
    expect(threaded.challenger.serialized.estimator).toEqual(inThread.challenger.serialized.estimator);
    expect(threaded.challenger.model.predictProba({ x1: 1, x2: -1, region: 'b' })).toBe(
      inThread.challenger.model.predictProba({ x1: 1, x2: -1, region: 'b' }),
    );
    // A blocked loop would fire the 5 ms timer about once; a free one about elapsed / 5 times (loose bound for a loaded machine).
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });

  it('stops a run at its deadline and carries the deferral across the thread', async () => {
    await expect(worker.run(request(3000), 1)).rejects.toBeInstanceOf(ChallengerTimeoutError);
    const error = await worker.run(request(100), 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientDataError);
    expect((error as InsufficientDataError).sufficiency.reason).toBe('100 of 300 labelled rows');
  });
});
