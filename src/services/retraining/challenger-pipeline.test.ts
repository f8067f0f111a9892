import { describe, expect, it } from 'vitest';
import { conceptTable, stackTables } from '../../../tests/support/services/concept-table.js';
import { requireCells, withColumn } from '../../domain/data-table.js';
import { createRetrainingPolicy } from '../../domain/retraining-policy.js';
import { createTrainModelService } from '../training/train-model.js';
import { createChallengerPipeline, InsufficientDataError, MissingColumnsError } from './challenger-pipeline.js';

const clock = { nowMs: () => 0 };

const train = createTrainModelService({ clock });
const reference = conceptTable(4000, 8, 1);
const champion = train.train({ table: reference, target: 'label', estimator: 'logistic', exclude: ['t'] }).model;
const pipeline = createChallengerPipeline({ clock });
const policy = createRetrainingPolicy({ minLabeledRows: 1000, minPerClass: 50, horizonRows: 3000 });

describe('challenger pipeline', () => {
  it('promotes a challenger trained on a drifted concept, evaluated with the champion on the same test rows', () => {
    const recent = conceptTable(5000, 12, 2);
    const r = pipeline.run({ champion, recent, reference, policy, span: { fromMs: 10, toMs: 20 } });
    expect(r.decision.promote).toBe(true);
    expect(r.data).toEqual({
      trainRows: 2100,
      validationRows: 450,
      testRows: 450,
      fromMs: 10,
      toMs: 20,
      referenceRows: 0,
    });
    expect(r.metrics.challenger.test.accuracy).toBeGreaterThan((r.metrics.champion?.test.accuracy ?? 1) + 0.05);
    expect(r.comparison.champion.rows).toBe(450);
    expect(r.comparison.challenger.rows).toBe(450);
    expect(r.decision.reason).toMatch(/^logLoss: challenger 0\.\d+ vs champion \d\.\d+/);
    // what was forgotten: on the old concept the champion is the better one
    const holdout = r.metrics.referenceHoldout;
    expect(holdout?.champion?.accuracy).toBeGreaterThan(holdout?.challenger.accuracy ?? 1);
    expect(r.challenger.model.estimator).toBe('logistic');
  });

  it('finds no significant gain on i.i.d. data, and rejects it when the rule requires one', () => {
    const recent = conceptTable(5000, 8, 3);
    const r = pipeline.run({ champion, recent, reference, policy });
    expect(r.comparison.significance.significantlyBetter).toBe(false);
    expect(Math.abs(r.comparison.improvement)).toBeLessThan(0.02);
    const strict = createRetrainingPolicy({ ...policy, promotion: { requireSignificantImprovement: true } });
    const s = pipeline.run({ champion, recent, reference, policy: strict });
    expect(s.decision.promote).toBe(false);
    expect(s.decision.reason).toMatch(/challenger is not significantly better/);
  });

  it('trains one challenger per horizon and keeps the best on the shared newest rows', () => {
    const recent = stackTables(conceptTable(2000, 8, 8), conceptTable(1000, 12, 9));
    const r = pipeline.run({ champion, recent, reference, policy, horizons: [3000, 1000] });
    expect(r.candidates.map((c) => c.horizonRows)).toEqual([1000, 3000]);
    expect(r.candidates[0].metric).toBeLessThan(r.candidates[1].metric as number);
    expect(r.data).toMatchObject({ trainRows: 700, validationRows: 150, testRows: 150 });
    expect(r.decision.reason).toMatch(/^best of 2 horizons: the last 1000 rows; logLoss/);
    expect(r.fitSeconds).toBeCloseTo(r.candidates[0].fitSeconds + r.candidates[1].fitSeconds, 12);
    expect(r.decision.promote).toBe(true);
  });

  it('mixes a sample of the reference into the training rows only', () => {
    const recent = conceptTable(2000, 12, 4);
    const r = pipeline.run({
      champion,
      recent,
      reference,
      policy: createRetrainingPolicy({ ...policy, referenceSampleRows: 500 }),
    });
    expect(r.data).toMatchObject({ trainRows: 1400 + 500, validationRows: 300, testRows: 300, referenceRows: 500 });
  });

  it('uses only labelled rows of the horizon and refuses too few with the deferral reason', () => {
    const recent = conceptTable(1500, 8, 5);
    const cells = requireCells(recent, 'label').map((c, i) => (i % 2 === 0 ? null : c));
    const halfLabelled = withColumn(recent, 'label', cells);
    let error: unknown;
    try {
      pipeline.run({ champion, recent: halfLabelled, reference, policy });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsufficientDataError);
    const sufficiency = (error as InsufficientDataError).sufficiency;
    expect(sufficiency.reason).toBe('750 of 1,000 labelled rows');
    expect(sufficiency.labelCoverage).toBe(0.5);
    const rare = conceptTable(1200, 8, 6);
    const fewYes = withColumn(
      rare,
      'label',
      requireCells(rare, 'label').map((_, i) => (i < 17 ? 'yes' : 'no')),
    );
    expect(() => pipeline.run({ champion, recent: fewYes, reference, policy })).toThrow(
      'not enough labelled data: class yes has 17 of 50',
    );
  });

  it('names the model columns the rows lack', () => {
    const recent = conceptTable(1200, 8, 7);
    const withoutB = { ...recent, columnNames: ['t', 'a', 'c', 'label'] };
    expect(() => pipeline.run({ champion, recent: withoutB, reference, policy })).toThrow(
      new MissingColumnsError(['b']),
    );
  });
});
