import { describe, expect, it } from 'vitest';
import { conceptTable } from '../../../tests/support/services/concept-table.js';
import { columnMap, requireCells } from '../../domain/data-table.js';
import { monitoringProfile, SCORED_COLUMNS, scoredTable } from './monitoring-profile.js';
import { createTrainModelService } from './train-model.js';

const trained = createTrainModelService({ clock: { nowMs: () => 0 } }).train({
  table: conceptTable(3000, 8, 1),
  target: 'label',
  estimator: 'gbdt',
  exclude: ['t'],
});

describe('monitoring profile', () => {
  it('scores rows into features + label, predicted class (as /predict logs them) and score columns', () => {
    const window = conceptTable(10, 8, 2);
    const t = scoredTable(trained.model, window);
    expect(t.columnNames).toEqual([
      'a',
      'b',
      'c',
      SCORED_COLUMNS.label,
      SCORED_COLUMNS.prediction,
      SCORED_COLUMNS.score,
    ]);
    expect(requireCells(t, SCORED_COLUMNS.label)).toEqual(requireCells(window, 'label'));
    const scores = requireCells(t, SCORED_COLUMNS.score) as number[];
    expect(requireCells(t, SCORED_COLUMNS.prediction)).toEqual(scores.map((p) => (p > 0.5 ? 'yes' : 'no')));
    const unlabelled = { ...window, columnNames: ['t', 'a', 'b', 'c'] };
    expect(requireCells(scoredTable(trained.model, unlabelled), SCORED_COLUMNS.label).every((c) => c === null)).toBe(
      true,
    );
  });

  it('profiles the training rows and takes the reference performance from the held-out test rows', () => {
    const profile = monitoringProfile(trained.model, trained.trainTable, trained.testTable);
    expect(profile.rowCount).toBe(trained.trainTable.rowCount);
    expect(profile.schema.features.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(profile.performance?.labelledCount).toBe(trained.testTable.rowCount);
    expect(profile.performance?.accuracy).toBeCloseTo(trained.metrics.test.accuracy, 12);
    expect(profile.performance?.auc).toBeCloseTo(trained.metrics.test.rocAuc!, 12);
    const { target, prediction, predictionScore, positiveClass } = profile.schema;
    expect([target?.name, prediction?.name, predictionScore?.name]).toEqual([
      SCORED_COLUMNS.label,
      SCORED_COLUMNS.prediction,
      SCORED_COLUMNS.score,
    ]);
    expect(positiveClass).toBe(trained.model.schema.classLabels![1]);
  });

  it('measures the reference performance on the training rows when there are no held-out rows', () => {
    const empty = {
      ...trained.testTable,
      rowCount: 0,
      columns: columnMap(Object.fromEntries(trained.testTable.columnNames.map((c) => [c, []]))),
    };
    const profile = monitoringProfile(trained.model, trained.trainTable, empty);
    expect(profile.performance?.labelledCount).toBe(trained.trainTable.rowCount);
  });
});
