import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../tests/support/oracle/oracle.js';
import { buildSample, lcgUniforms, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { type Cell, columnMap, type DataTable, projectTable, requireCells, withColumn } from '../domain/data-table.js';
import type { FeatureKind } from '../domain/feature-schema.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { DriftConfigError } from './drift-config-error.js';
import type { DriftReport } from './drift-report.js';
import { evaluateDrift } from './evaluate-drift.js';

interface ColumnInput {
  recipe: SampleRecipe;
  labels?: string[];
}

function cellsOf(col: ColumnInput): Cell[] {
  const raw = Array.from(buildSample(col.recipe));
  return col.labels === undefined ? raw : raw.map((v) => col.labels![Math.trunc(v)]);
}

function tableOf(columns: Record<string, Cell[]>): DataTable {
  const names = Object.keys(columns);
  return { columnNames: names, rowCount: columns[names[0]].length, columns: columnMap(columns) };
}

const oracle = loadOracle('drift_engine');

describe('evidently mode reproduces Evidently 0.7 default tests (scipy oracle)', () => {
  const cases = oracle.cases.filter((c) => c.id.startsWith('evidently/'));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const inputs = c.inputs as { kind: FeatureKind; reference: ColumnInput; current: ColumnInput };
    const expected = c.expected as {
      test: string;
      statistic?: number | null;
      pValue?: number;
      distance?: number;
      drifted: boolean;
    };
    const ref = tableOf({ x: cellsOf(inputs.reference) });
    const profile = buildReferenceProfile(ref, inferSchema(ref, { overrides: { x: { kind: inputs.kind } } }));
    const [f] = evaluateDrift(profile, tableOf({ x: cellsOf(inputs.current) }), { mode: 'evidently' }).features;
    expect(f.test).toBe(expected.test);
    if (expected.pValue !== undefined) {
      expectClose(f.pValue!, expected.pValue, 1e-9, 1e-300, 'pValue');
      expect(f.direction).toBe('p_value_below');
      expect(f.threshold).toBe(0.05);
    }
    if (typeof expected.statistic === 'number') expectClose(f.statistic!, expected.statistic, 1e-9, 0, 'statistic');
    if (expected.statistic === null) expect(f.statistic).toBe(Infinity);
    if (expected.distance !== undefined) {
      expectClose(f.distance!, expected.distance, 1e-9, 0, 'distance');
      expect(f.direction).toBe('distance_above');
      expect(f.threshold).toBe(0.1);
    }
    expect(f.drifted).toBe(expected.drifted);
    expect(f.effectSizeThreshold).toBeUndefined();
  });
});

describe('driftguard mode: test rejects after BH correction AND effect size ≥ floor (scipy oracle)', () => {
  const c = oracle.cases.find((x) => x.id === 'driftguard/three-features-bh')!;
  const inputs = c.inputs as {
    columns: Record<string, { kind: FeatureKind; reference: ColumnInput; current: ColumnInput }>;
  };
  const expected = c.expected as Record<
    string,
    { test: string; statistic: number; pValue: number; adjustedPValue: number; effectSize: number; drifted: boolean }
  >;
  it('matches test, p-values, adjusted p-values, effect sizes and verdicts', () => {
    const names = Object.keys(inputs.columns);
    const ref = tableOf(Object.fromEntries(names.map((n) => [n, cellsOf(inputs.columns[n].reference)])));
    const cur = tableOf(Object.fromEntries(names.map((n) => [n, cellsOf(inputs.columns[n].current)])));
    const overrides = Object.fromEntries(names.map((n) => [n, { kind: inputs.columns[n].kind }]));
    const profile = buildReferenceProfile(ref, inferSchema(ref, { overrides }));
    // the oracle applies the fixed 0.1 floor; the default sample-size-aware floor is checked against it below
    const report = evaluateDrift(profile, cur, { noiseFloorProbability: null });
    for (const f of report.features) {
      const e = expected[f.name];
      expect(f.test).toBe(e.test);
      expectClose(f.statistic!, e.statistic, 1e-9, 0, `${f.name} statistic`);
      expectClose(f.pValue!, e.pValue, 1e-9, 1e-300, `${f.name} pValue`);
      expectClose(f.adjustedPValue!, e.adjustedPValue, 1e-9, 1e-300, `${f.name} adjusted`);
      expectClose(f.effectSize!, e.effectSize, 1e-9, 0, `${f.name} effect`);
      expect(f.drifted, f.name).toBe(e.drifted);
      expect(f.effectSizeThreshold).toBe(0.1);
    }
    // colour: p ≈ 1e-17 but JS 0.076 < 0.1 — a large-sample rejection the floor stops
    expect(report.features.find((f) => f.name === 'colour')).toMatchObject({
      drifted: false,
      effectSizeName: 'jensen_shannon',
    });
    expect(report).toMatchObject({
      testedFeatureCount: 3,
      driftedFeatureCount: 1,
      severity: 'medium',
      datasetDrift: false,
    });
    expectClose(report.driftShare, 1 / 3, 1e-15, 0, 'share');
    // defaults: the floor is raised to the noise floor where that is higher; the verdicts here do not change
    const sized = evaluateDrift(profile, cur);
    for (const [i, f] of sized.features.entries()) {
      expect(f.effectSizeNoiseFloor, f.name).toBeGreaterThan(0);
      expect(f.effectSizeThreshold, f.name).toBe(Math.max(0.1, f.effectSizeNoiseFloor!));
      expect(f.drifted, f.name).toBe(report.features[i].drifted);
    }
  });
});

/** A synthetic monitored model: 3 numeric, 2 categorical, 1 boolean feature, i.i.d. rows from one LCG stream. */
function synthetic(n: number, seed: number, shift = 0): DataTable {
  const u = lcgUniforms(seed, 10 * n);
  const col = <T extends Cell>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  const normal = (i: number, k: number) =>
    u[10 * i + k] + u[10 * i + k + 1] + u[10 * i + k + 2] + u[10 * i + k + 3] - 2;
  return tableOf({
    income: col((i) => 50 + 10 * normal(i, 0) + shift * 5),
    age: col((i) => 18 + 60 * u[10 * i + 4] * (1 + shift * 0.5)),
    score: col((i) => Math.exp(normal(i, 5))),
    plan: col((i) => ['basic', 'plus', 'pro'][Math.floor(u[10 * i + 9] * (3 - shift)) % 3]),
    region: col((i) => `r${Math.floor(u[10 * i + 6] * 8)}`),
    active: col((i) => u[10 * i + 8] < 0.4 + shift * 0.3),
  });
}

describe('driftguard mode at large n', () => {
  const reference = synthetic(20000, 1);
  const profile = buildReferenceProfile(reference, inferSchema(reference));

  it('raises no medium/high over many i.i.d. windows of 5,000 rows', () => {
    const severities: string[] = [];
    for (let w = 0; w < 20; w++) severities.push(evaluateDrift(profile, synthetic(5000, 100 + w)).severity);
    expect(severities.filter((s) => s === 'medium' || s === 'high')).toEqual([]);
  });

  it('flags a clear shift of every feature as high dataset drift', () => {
    const report = evaluateDrift(profile, synthetic(5000, 999, 1));
    expect(
      report.features
        .filter((f) => f.drifted)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['active', 'age', 'income', 'plan'].sort());
    expect(report).toMatchObject({ datasetDrift: true, severity: 'high', rawSeverity: 'high', highStreak: 1 });
    for (const f of report.features) {
      expect(f.status).toBe('tested');
      expect(f.summary).not.toBeNull();
    }
  });

  it('importance weights change the share; persistence delays high', () => {
    const drifted = synthetic(5000, 999, 1);
    const weighted = buildReferenceProfile(
      reference,
      inferSchema(reference, { overrides: { region: { importanceWeight: 10 }, score: { importanceWeight: 10 } } }),
    );
    const r = evaluateDrift(weighted, drifted, { useImportanceWeights: true });
    expectClose(r.driftShare, 4 / 24, 1e-15, 0, 'weighted share');
    expect(r.severity).toBe('low');
    const first = evaluateDrift(profile, drifted, { persistenceWindows: 2 });
    expect(first).toMatchObject({ severity: 'medium', rawSeverity: 'high', highStreak: 1 });
    const second = evaluateDrift(profile, drifted, { persistenceWindows: 2 }, { previousHighStreak: first.highStreak });
    expect(second).toMatchObject({ severity: 'high', highStreak: 2 });
  });

  it('reports a missing column as not tested plus a finding, outside the share denominator', () => {
    const cur = synthetic(3000, 5);
    const report = evaluateDrift(
      profile,
      projectTable(
        cur,
        cur.columnNames.filter((c) => c !== 'income'),
      ),
    );
    expect(report.features.find((f) => f.name === 'income')).toMatchObject({
      status: 'not_tested',
      reason: 'column absent from the current data',
      drifted: false,
      pValue: null,
    });
    expect(report.testedFeatureCount).toBe(5);
    expect(report.dataQuality.find((d) => d.column === 'income')).toMatchObject({
      kind: 'missing_column',
      count: 3000,
    });
  });

  it('a reference column without valid values is not tested, with its reason', () => {
    const ref = tableOf({ x: [null, null, 'n/a', null], y: ['a', 'b', 'a', 'b'] });
    const p = buildReferenceProfile(ref, inferSchema(ref, { overrides: { x: { kind: 'numeric' } } }));
    const report = evaluateDrift(p, tableOf({ x: [1.5, 2.5, 3.5], y: ['a', 'a', 'b'] }));
    expect(report.features[0]).toMatchObject({
      name: 'x',
      status: 'not_tested',
      reason: 'no valid value in the reference',
      drifted: false,
    });
    expect(report.testedFeatureCount).toBe(1);
  });

  it('excluded features get data-quality checks but no drift result', () => {
    const p = buildReferenceProfile(reference, inferSchema(reference, { exclude: ['age'] }));
    const cur = synthetic(2000, 6);
    const report = evaluateDrift(
      p,
      withColumn(
        cur,
        'age',
        requireCells(cur, 'age').map(() => 'oops'),
      ),
    );
    expect(report.features.map((f) => f.name)).not.toContain('age');
    expect(report.dataQuality.filter((d) => d.column === 'age').map((d) => d.kind)).toEqual([
      'empty_column',
      'type_violation',
    ]);
  });

  it('is JSON-serializable without NaN', () => {
    const text = JSON.stringify(evaluateDrift(profile, synthetic(1000, 7)));
    expect(text).not.toMatch(/NaN|null,"pValue":NaN/);
    expect((JSON.parse(text) as DriftReport).formatVersion).toBe(1);
  });
});

describe('bad inputs and configuration', () => {
  const ref = synthetic(500, 1);
  it.each([
    [{ overrides: { income: { test: 'nope' } } }, 'features.income.test', /unknown test 'nope'/],
    [{ overrides: { plan: { test: 'ks' } } }, 'features.plan.test', /does not apply to categorical/],
  ])('rejects schema override %j', (options, field, message) => {
    const profile = buildReferenceProfile(ref, inferSchema(ref, options));
    expect(() => evaluateDrift(profile, ref)).toThrow(
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    );
  });
  it('rejects a profile of another format version and bad options', () => {
    const profile = buildReferenceProfile(ref, inferSchema(ref));
    expect(() => evaluateDrift({ ...profile, formatVersion: 9 as 1 }, ref)).toThrow(DriftConfigError);
    expect(() => evaluateDrift(profile, ref, { mode: 'fast' as never })).toThrow(
      expect.objectContaining({ field: 'mode' }),
    );
    expect(() => evaluateDrift(profile, withColumn(ref, 'age', [1]))).toThrow(
      expect.objectContaining({ field: 'current.age' }),
    );
  });
  it('honours per-feature test and threshold overrides', () => {
    const profile = buildReferenceProfile(
      ref,
      inferSchema(ref, { overrides: { income: { test: 'psi', threshold: 0.3 }, plan: { test: 'g_test' } } }),
    );
    const report = evaluateDrift(profile, synthetic(500, 2));
    expect(report.features.find((f) => f.name === 'income')).toMatchObject({
      test: 'psi',
      threshold: 0.3,
      score: 'distance',
      direction: 'distance_above',
    });
    expect(report.features.find((f) => f.name === 'plan')).toMatchObject({
      test: 'g_test',
      threshold: 0.05,
      score: 'p_value',
    });
  });
});

describe('the target column: labels arrive later', () => {
  const n = 400;
  const u = lcgUniforms(17, 2 * n);
  const reference = tableOf({
    x: Array.from({ length: n }, (_, i) => u[i]),
    y: Array.from({ length: n }, (_, i) => (u[n + i] < 0.3 ? 'yes' : 'no')),
  });
  const profile = buildReferenceProfile(reference, inferSchema(reference, { target: 'y' }));

  it('an unlabelled window raises no data-quality finding on the target and leaves target drift untested', () => {
    for (const current of [
      tableOf({ x: [...requireCells(reference, 'x')], y: new Array<Cell>(n).fill(null) }),
      tableOf({ x: [...requireCells(reference, 'x')] }),
    ]) {
      const report = evaluateDrift(profile, current);
      expect(report.dataQuality.filter((f) => f.column === 'y')).toEqual([]);
      expect(report.targetDrift).toMatchObject({ name: 'y', status: 'not_tested', drifted: false });
      expect(report.features.map((f) => f.name)).toEqual(['x']);
    }
  });

  it('measures target drift from the labels that arrived (a window partly labelled)', () => {
    const labels: Cell[] = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? null : i % 3 === 0 ? 'no' : 'yes'));
    const report = evaluateDrift(profile, tableOf({ x: [...requireCells(reference, 'x')], y: labels }));
    expect(report.dataQuality.filter((f) => f.column === 'y' && f.severity === 'error')).toEqual([]);
    expect(report.targetDrift).toMatchObject({ name: 'y', status: 'tested', drifted: true });
  });
});
