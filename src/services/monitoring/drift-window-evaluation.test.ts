import { describe, expect, it } from 'vitest';
import { type Concept, featuresOf, loanRows } from '../../../tests/support/services/retraining-fixture.js';
import { dataTableFromRows } from '../../domain/data-table.js';
import type { StoredPrediction } from '../../domain/prediction-record.js';
import { referenceProfileOf } from '../training/reference-profile-of.js';
import { createTrainModelService } from '../training/train-model.js';
import { evaluateDriftWindow } from './drift-window-evaluation.js';

const trained = createTrainModelService({ clock: { nowMs: () => 0 } }).train({
  table: dataTableFromRows(loanRows(1500, 1, 'before')),
  target: 'label',
  estimator: 'logistic',
});
const classes = trained.model.schema.classLabels!;

/** Rows as `/predict` logs them (class label, P(classLabels[1])), the first `labelled` with their label joined. */
function logged(n: number, seed: number, concept: Concept, labelled = n): StoredPrediction[] {
  return loanRows(n, seed, concept).map((row, i) => {
    const score = trained.model.predictProba(featuresOf(row));
    return {
      id: `p${i}`,
      model: 'loans',
      modelVersion: '1',
      sequence: i + 1,
      timestampMs: i,
      features: featuresOf(row),
      predictedClass: classes[score >= 0.5 ? 1 : 0],
      score,
      label: i < labelled ? row.label : null,
      labelTimestampMs: i < labelled ? i : null,
    };
  });
}

const evaluate = (rows: StoredPrediction[]) =>
  evaluateDriftWindow({ profile: referenceProfileOf(trained), rows, options: {}, state: {} });

describe('a logged window against the champion reference', () => {
  it('measures the error rate of the labelled predictions against the held-out reference performance', () => {
    const rows = logged(400, 5, 'relabelled');
    const report = evaluate(rows);
    const errors = rows.filter((r) => r.label !== r.predictedClass).length;
    expect(report.performance).toMatchObject({
      metric: 'error_rate',
      labelledCount: 400,
      current: errors / 400,
      drifted: true,
    });
    expect(report.performance!.reference).toBeCloseTo(1 - trained.metrics.test.accuracy, 12);
    expect(report.performance!.currentMetrics.auc).toBeLessThan(0.5);
    expect(report.severity).toBe('none');
    expect(evaluate(logged(400, 6, 'before')).performance).toMatchObject({ labelledCount: 400, drifted: false });
  });

  it('says how many rows are labelled when too few are', () => {
    const report = evaluate(logged(400, 7, 'before', 20));
    expect(report.performance).toBeNull();
    expect(report.performanceUnavailableReason).toBe(
      'insufficient labels: 20 of 400 row(s) labelled, fewer than performance.minLabelledRows = 30',
    );
  });
});

describe('the multivariate test of a window against the champion reference’s row sample', () => {
  const profile = referenceProfileOf(trained) as { rowSample?: unknown };

  it('is kept with the champion’s training profile and runs on the window', () => {
    expect(profile.rowSample).toMatchObject({ seed: 1, columns: [{ name: 'x1' }, { name: 'x2' }, { name: 'region' }] });
    const report = evaluateDriftWindow({
      profile,
      rows: logged(400, 6, 'after'),
      options: {},
      state: {},
      multivariate: { referenceRows: profile.rowSample, options: { method: 'classifier' } },
    });
    expect(report.multivariate).toMatchObject({ method: 'classifier', drifted: true, currentRowCount: 400 });
    expect(report.multivariate!.topFeatures[0].name).toBe('x1');
    expect(report.multivariateNotRun).toBeUndefined();
  });

  it('says why it could not run — a malformed sample, too few rows — instead of passing', () => {
    const run = (referenceRows: unknown, rows = logged(400, 7, 'before')) =>
      evaluateDriftWindow({
        profile,
        rows,
        options: {},
        state: {},
        multivariate: { referenceRows, options: { method: 'pca' } },
      });
    expect(run({ sourceRowCount: 1, rowCount: 1, seed: 1, columns: [{ name: 'x1', cells: [] }] })).toMatchObject({
      multivariateNotRun: { method: 'pca', reason: expect.stringMatching(/rowSample\.columns\.0\.cells/) },
    });
    const tiny = {
      sourceRowCount: 3,
      rowCount: 3,
      seed: 1,
      columns: ['x1', 'x2', 'region'].map((name) => ({ name, cells: [1, 2, 3] })),
    };
    const report = run(tiny);
    expect(report.multivariate).toBeUndefined();
    expect(report.multivariateNotRun?.reason).toMatch(/needs at least \d+ reference rows|at least \d+ rows/);
  });
});
