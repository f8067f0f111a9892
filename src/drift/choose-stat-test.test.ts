import { describe, expect, it } from 'vitest';
import { chooseStatTest, driftguardDefaultTestName, evidentlyDefaultTestName } from './choose-stat-test.js';
import { createDriftEngineConfig } from './create-drift-engine-config.js';
import { DriftConfigError } from './drift-config-error.js';

const evidently = createDriftEngineConfig({ mode: 'evidently' });
const driftguard = createDriftEngineConfig();

describe('evidently default choice (Evidently 0.7 _get_default_stattest)', () => {
  it.each([
    // kind, reference rows, distinct values (ref ∪ cur), expected
    ['numeric', 1000, 6, 'ks'],
    ['numeric', 1000, 5, 'chisquare'],
    ['numeric', 1000, 3, 'chisquare'],
    ['numeric', 1000, 2, 'z'],
    ['numeric', 1000, 1, 'z'],
    ['numeric', 1001, 6, 'wasserstein'],
    ['numeric', 1001, 5, 'jensenshannon'],
    ['categorical', 1000, 3, 'chisquare'],
    ['categorical', 1000, 2, 'z'],
    ['categorical', 1001, 2, 'jensenshannon'],
    ['categorical', 1001, 50, 'jensenshannon'],
    ['boolean', 10, 2, 'z'],
    ['boolean', 5000, 2, 'jensenshannon'],
  ] as const)('%s, %d reference rows, %d values → %s', (kind, rows, values, expected) => {
    expect(evidentlyDefaultTestName(kind, rows, values)).toBe(expected);
    const choice = chooseStatTest({ kind, referenceCount: rows, distinctValueCount: values }, evidently);
    expect(choice.test.name).toBe(expected);
    expect(choice.threshold).toBe(['wasserstein', 'jensenshannon'].includes(expected) ? 0.1 : 0.05);
    expect(choice.effectSizeThreshold).toBeNull();
  });
});

describe('driftguard default choice', () => {
  it.each([
    ['numeric', 6, 'ks', 'normed_wasserstein'],
    ['numeric', 5, 'chi2_contingency', 'normed_wasserstein'],
    ['categorical', 40, 'chi2_contingency', 'jensen_shannon'],
    ['boolean', 2, 'chi2_contingency', 'jensen_shannon'],
  ] as const)('%s with %d values → %s, effect size %s ≥ 0.1', (kind, values, test, effect) => {
    expect(driftguardDefaultTestName(kind, values)).toBe(test);
    for (const rows of [100, 1e6]) {
      const choice = chooseStatTest({ kind, referenceCount: rows, distinctValueCount: values }, driftguard);
      expect(choice).toMatchObject({ threshold: 0.05, effectSizeName: effect, effectSizeThreshold: 0.1 });
      expect(choice.test.name).toBe(test);
    }
  });
  it('uses the configured p-value threshold, effect sizes and floors', () => {
    const config = createDriftEngineConfig({
      pValueThreshold: 0.01,
      effectSizes: { numeric: 'psi' },
      effectSizeFloors: { psi: 0.2 },
    });
    expect(chooseStatTest({ kind: 'numeric', referenceCount: 10, distinctValueCount: 10 }, config)).toMatchObject({
      threshold: 0.01,
      effectSizeName: 'psi',
      effectSizeThreshold: 0.2,
    });
  });
});

describe('overrides', () => {
  it('a per-feature test, threshold and floor win in both modes', () => {
    const ctx = {
      kind: 'numeric' as const,
      referenceCount: 50,
      distinctValueCount: 50,
      test: 'cramer_von_mises',
      threshold: 0.01,
      effectSizeThreshold: 0.3,
    };
    expect(chooseStatTest(ctx, driftguard)).toMatchObject({ threshold: 0.01, effectSizeThreshold: 0.3 });
    expect(chooseStatTest(ctx, evidently)).toMatchObject({ threshold: 0.01, effectSizeThreshold: null });
    expect(chooseStatTest(ctx, evidently).test.name).toBe('cramer_von_mises');
  });
  it('a distance test has no effect-size floor and keeps its own default threshold', () => {
    const choice = chooseStatTest(
      { kind: 'categorical', referenceCount: 50, distinctValueCount: 4, test: 'hellinger' },
      driftguard,
    );
    expect(choice).toMatchObject({ threshold: 0.1, effectSizeThreshold: null });
  });
  it('rejects unknown tests and tests of another kind', () => {
    expect(() =>
      chooseStatTest(
        { kind: 'numeric', referenceCount: 1, distinctValueCount: 1, test: 'nope' },
        driftguard,
        'features.x.test',
      ),
    ).toThrow(new DriftConfigError('features.x.test', "unknown test 'nope'"));
    expect(() =>
      chooseStatTest({ kind: 'boolean', referenceCount: 1, distinctValueCount: 1, test: 'wasserstein' }, driftguard),
    ).toThrow(/does not apply to boolean/);
  });
});
