import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../tests/support/oracle/oracle.js';
import { buildSample, lcgUniforms, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { type Cell, columnMap, type DataTable, projectTable, requireCells, withColumn } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { evaluateDrift } from './evaluate-drift.js';
import { measurePerformance, rocAucFromScores } from './measure-performance.js';

function tableOf(columns: Record<string, Cell[]>): DataTable {
  const names = Object.keys(columns);
  return { columnNames: names, rowCount: columns[names[0]].length, columns: columnMap(columns) };
}

/**
 * SEA concepts (Street & Kim 2001): f1, f2, f3 uniform in [0, 10], y = 1 iff f1 + f2 ≤ b, 10 % label noise.
 * The monitored model always predicts with b = 8, so only the concept (b) changes, never the inputs.
 */
function sea(n: number, seed: number, b: number): DataTable {
  const u = lcgUniforms(seed, 4 * n);
  const f1 = Array.from({ length: n }, (_, i) => 10 * u[4 * i]);
  const f2 = Array.from({ length: n }, (_, i) => 10 * u[4 * i + 1]);
  const f3 = Array.from({ length: n }, (_, i) => 10 * u[4 * i + 2]);
  const y = f1.map((x, i) => (x + f2[i] <= b !== u[4 * i + 3] < 0.1 ? 1 : 0));
  const pred = f1.map((x, i) => (x + f2[i] <= 8 ? 1 : 0));
  const score = f1.map((x, i) => Math.min(1, Math.max(0, (9 - x - f2[i]) / 2)));
  return tableOf({ f1, f2, f3, y, pred, score });
}

describe('performance drift', () => {
  const reference = sea(10000, 1, 8);
  const profile = buildReferenceProfile(
    reference,
    inferSchema(reference, { target: 'y', prediction: 'pred', predictionScore: 'score' }),
  );

  it('measures the reference performance (accuracy ≈ 0.9, AUC) from the labelled rows', () => {
    expect(profile.performance?.task).toBe('classification');
    expect(profile.performance?.accuracy).toBeGreaterThan(0.88);
    expect(profile.performance?.auc).toBeGreaterThan(0.85);
  });

  it('catches SEA-style concept drift while the inputs show no drift', () => {
    for (const [seed, b] of [
      [11, 9],
      [12, 7],
      [13, 9.5],
    ]) {
      const report = evaluateDrift(profile, sea(1000, seed, b));
      expect(report.features.filter((f) => f.drifted)).toEqual([]);
      expect(report.severity).toBe('none');
      expect(report.performance).toMatchObject({ metric: 'error_rate', test: 'z', drifted: true });
      expect(report.performance!.degradation).toBeGreaterThanOrEqual(0.05);
      expect(report.performance!.pValue).toBeLessThan(0.01);
    }
  });

  it('a significant degradation below minErrorRateIncrease is not drift', () => {
    const report = evaluateDrift(profile, sea(3000, 14, 9), { performance: { minErrorRateIncrease: 0.15 } });
    expect(report.performance!.pValue).toBeLessThan(0.01);
    expect(report.performance).toMatchObject({ minDegradation: 0.15, drifted: false });
  });

  it('stays quiet on the same concept', () => {
    for (const seed of [21, 22, 23, 24, 25]) {
      const report = evaluateDrift(profile, sea(1000, seed, 8));
      expect(report.performance?.drifted).toBe(false);
      expect(report.predictionDrift?.drifted).toBe(false);
    }
  });

  it('explains why performance is unavailable', () => {
    const unlabelled = sea(500, 31, 8);
    const report = evaluateDrift(
      profile,
      withColumn(
        unlabelled,
        'y',
        requireCells(unlabelled, 'y').map(() => null),
      ),
    );
    expect(report.performance).toBeNull();
    expect(report.performanceUnavailableReason).toMatch(
      /insufficient labels: 0 of 500 row\(s\) labelled, fewer than performance.minLabelledRows = 30/,
    );
    expect(
      evaluateDrift(
        profile,
        projectTable(
          unlabelled,
          unlabelled.columnNames.filter((c) => c !== 'y'),
        ),
      ).performanceUnavailableReason,
    ).toMatch(/no target column 'y'/);
    const bare = buildReferenceProfile(reference, inferSchema(reference));
    expect(evaluateDrift(bare, unlabelled).performanceUnavailableReason).toBe(
      'no target or prediction column declared; performance drift needs both',
    );
  });

  it('reports prediction, score and target drift as separate results', () => {
    const report = evaluateDrift(profile, sea(2000, 41, 9.5));
    // positive rate 0.35 → 0.46: p ≈ 0 but JS ≈ 0.076 is under the default 0.1 floor; a lower floor flags it
    expect(report.targetDrift).toMatchObject({ name: 'y', test: 'chi2_contingency', drifted: false });
    expect(report.targetDrift!.pValue).toBeLessThan(1e-10);
    expect(report.targetDrift!.effectSize).toBeGreaterThan(0.05);
    const lowFloor = evaluateDrift(profile, sea(2000, 41, 9.5), { effectSizeFloors: { jensen_shannon: 0.05 } });
    expect(lowFloor.targetDrift).toMatchObject({ drifted: true, effectSizeThreshold: 0.05 });
    expect(report.predictionDrift).toMatchObject({ name: 'pred', drifted: false });
    expect(report.predictionScoreDrift).toMatchObject({ name: 'score', kind: 'numeric', test: 'ks' });
  });

  it('regression: a relative MAE increase with a Mann–Whitney test on absolute errors', () => {
    const n = 3000;
    const u = lcgUniforms(5, 2 * n);
    const make = (noise: number, offset: number) =>
      tableOf({
        x: Array.from({ length: n }, (_, i) => 10 * u[2 * i] + offset),
        y: Array.from({ length: n }, (_, i) => 3 * (10 * u[2 * i] + offset) + noise * (u[2 * i + 1] - 0.5)),
        yhat: Array.from({ length: n }, (_, i) => 3 * (10 * u[2 * i] + offset)),
      });
    const ref = make(2, 0);
    const p = buildReferenceProfile(ref, inferSchema(ref, { target: 'y', prediction: 'yhat' }));
    expect(p.performance).toMatchObject({ task: 'regression' });
    expectClose(p.performance!.mae!, 0.5, 0.02, 0, 'reference MAE ≈ noise/4');
    const worse = evaluateDrift(p, make(4, 0));
    expect(worse.performance).toMatchObject({ metric: 'mae', test: 'mannw', drifted: true });
    expect(evaluateDrift(p, make(2, 0)).performance?.drifted).toBe(false);
  });
});

describe('ROC AUC', () => {
  it('matches sklearn roc_auc_score with ties', () => {
    const c = loadOracle<{ labels: SampleRecipe }, { auc: number; scores: number[] }>('drift_engine').cases.find(
      (x) => x.id === 'auc/binary-with-ties',
    )!;
    const labels = buildSample(c.inputs.labels);
    const pos = Float64Array.from(c.expected.scores.filter((_, i) => labels[i] === 1));
    const neg = Float64Array.from(c.expected.scores.filter((_, i) => labels[i] === 0));
    expectClose(rocAucFromScores(pos, neg)!, c.expected.auc, 1e-12, 0, 'auc');
    expect(rocAucFromScores(pos, new Float64Array(0))).toBeNull();
  });
  it('measurePerformance infers the positive class of 0/1 and boolean labels', () => {
    const schema = inferSchema(tableOf({ y: [true, false], p: [true, true], s: [0.9, 0.2] }), {
      target: 'y',
      prediction: 'p',
      predictionScore: 's',
    });
    const m = measurePerformance(
      { target: ['True', 'False', true, null], prediction: [true, 'true', 1, true], score: [0.9, 0.2, 0.7, 0.1] },
      schema,
    );
    expect(m).toMatchObject({ labelledCount: 3, errorCount: 1, auc: 1 });
  });
});
