import { describe, expect, it } from 'vitest';
import { lcgUniforms } from '../../tests/support/oracle/recipes.js';
import { type Cell, columnMap, type DataTable } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { estimateWindowPerformance, realizedWindowPerformance } from './estimate-window-performance.js';
import { parseReferenceProfile } from './parse-reference-profile.js';

/** Scores uniform in [lo, hi), label 1 with probability = score (calibrated), predicted 1 above 0.5. */
function scored(n: number, seed: number, lo = 0, hi = 1) {
  const u = lcgUniforms(seed, 3 * n);
  const score = Array.from({ length: n }, (_, i) => lo + (hi - lo) * u[3 * i]);
  return {
    x: Array.from({ length: n }, (_, i) => u[3 * i + 2] * 10) as Cell[],
    score,
    label: score.map((s, i) => (u[3 * i + 1] < s ? 1 : 0)) as Cell[],
    predicted: score.map((s) => (s > 0.5 ? 1 : 0)) as Cell[],
  };
}

function table(columns: Record<string, Cell[]>): DataTable {
  const names = Object.keys(columns);
  return { columnNames: names, rowCount: columns[names[0]].length, columns: columnMap(columns) };
}

function profileOf(n: number) {
  const r = scored(n, 7);
  const t = table({ x: r.x, score: r.score, label: r.label, predicted: r.predicted });
  const schema = inferSchema(t, {
    target: 'label',
    prediction: 'predicted',
    predictionScore: 'score',
    task: 'classification',
  });
  return buildReferenceProfile(t, schema);
}

describe('estimation sample in the reference profile', () => {
  it('keeps a bounded, ordered (score, predicted, label) sample that survives the JSON round trip', () => {
    const p = parseReferenceProfile(JSON.parse(JSON.stringify(profileOf(30_000))));
    const s = p.estimationSample!;
    expect(s.classes).toEqual(['0', '1']);
    expect(s.usableRows).toBe(30_000);
    expect(s.scores.length).toBe(20_000);
    expect(s.labels.length).toBe(20_000);
    expect(p.estimationSampleUnavailableReason).toBeNull();
  });

  it('says why there is none without a score column, and old profiles still parse', () => {
    const r = scored(500, 3);
    const t = table({ x: r.x, label: r.label, predicted: r.predicted });
    const p = buildReferenceProfile(
      t,
      inferSchema(t, { target: 'label', prediction: 'predicted', task: 'classification' }),
    );
    expect(p.estimationSample).toBeNull();
    expect(p.estimationSampleUnavailableReason).toMatch(/score/);
    const { estimationSample: _s, estimationSampleUnavailableReason: _r, ...old } = profileOf(500);
    const parsed = parseReferenceProfile(JSON.parse(JSON.stringify(old)));
    const outcome = estimateWindowPerformance(parsed, { scores: [0.2], predictions: [0] });
    expect(outcome.estimate).toBeNull();
    expect(outcome.reason).toMatch(/upload the reference again/);
  });

  it('refuses a malformed sample naming the field', () => {
    const p = JSON.parse(JSON.stringify(profileOf(500)));
    p.estimationSample.labels[3] = 2;
    expect(() => parseReferenceProfile(p)).toThrow(/profile\.estimationSample\.labels/);
  });
});

describe('estimateWindowPerformance', () => {
  const profile = profileOf(10_000);

  it('estimates a window like the reference within its band and without alert', () => {
    const w = scored(2000, 11);
    const { estimate } = estimateWindowPerformance(profile, { scores: w.score, predictions: w.predicted });
    expect(estimate).not.toBeNull();
    const auc = estimate!.metrics.find((m) => m.metric === 'rocAuc')!;
    expect(auc.value!).toBeGreaterThan(auc.lower!);
    expect(auc.value!).toBeLessThan(auc.upper!);
    expect(auc.threshold!).toBeLessThan(auc.reference!);
    expect(estimate!.alert).toBe(false);
    expect(estimate!.referenceChunkSize).toBe(2000);
    const realized = realizedWindowPerformance(estimate!, {
      scores: w.score,
      predictions: w.predicted,
      labels: w.label,
    })!;
    expect(realized.labelledRows).toBe(2000);
    expect(Math.abs(realized.values.rocAuc! - auc.value!)).toBeLessThan(0.03);
  });

  it('calls a realized value outside the band a concept shift only on evidence: a few labels widen the band', () => {
    const w = scored(2000, 11);
    const { estimate } = estimateWindowPerformance(profile, { scores: w.score, predictions: w.predicted });
    const flipped = (p: Cell) => (p === 1 ? 0 : 1);
    const accuracyShift = (labels: Cell[]) =>
      realizedWindowPerformance(estimate!, { scores: w.score, predictions: w.predicted, labels })!.warnings.filter(
        (x) => x.code === 'concept-shift' && x.metric === 'accuracy',
      );
    // 10 labelled rows, 6 right: accuracy 0.6 is far below the 2,000-row band but not evidence on 10 rows.
    const few = w.predicted.map((p, i) => (i < 6 ? p : i < 10 ? flipped(p) : null));
    expect(accuracyShift(few)).toEqual([]);
    // Every row labelled against its prediction: a concept shift.
    expect(accuracyShift(w.predicted.map(flipped))).toHaveLength(1);
  });

  it('alerts when the scores move to where the model ranks badly (covariate shift)', () => {
    // Scores crowded in [0.4, 0.6): calibrated probabilities near 0.5, expected accuracy and ROC AUC fall.
    const w = scored(2000, 13, 0.4, 0.6);
    const { estimate } = estimateWindowPerformance(profile, { scores: w.score, predictions: w.predicted });
    expect(estimate!.alert).toBe(true);
    expect(estimate!.metrics.every((m) => m.alert)).toBe(true);
  });

  it('counts rows without a score or with an unknown class as skipped, never silently', () => {
    const { estimate } = estimateWindowPerformance(profile, {
      scores: [0.9, null, 0.1, 0.8, ...scored(300, 5).score],
      predictions: [1, 1, 'maybe', 1, ...scored(300, 5).predicted],
    });
    expect(estimate!.skippedRows).toBe(2);
    expect(estimate!.rows).toBe(302);
  });
});
