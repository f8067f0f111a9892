import type { FeatureKind } from '../domain/feature-schema.js';
import type { DriftEngineConfig, EffectSizeName } from './drift-config.js';
import { DriftConfigError } from './drift-config-error.js';
import { findStatTest } from './stat-tests/all-stat-tests.js';
import type { StatTest } from './stat-tests/stat-test.js';

/** Evidently's switch from small-sample tests to distances: reference sizes above this use distances. */
export const EVIDENTLY_SMALL_REFERENCE_ROWS = 1000;
/** Evidently's cardinality cut-offs: ≤ 2 distinct values → z, ≤ 5 → treated as categorical. */
export const EVIDENTLY_BINARY_VALUES = 2;
export const EVIDENTLY_FEW_VALUES = 5;

/** The test, threshold and effect size used for one column. */
export interface TestChoice {
  readonly test: StatTest;
  readonly threshold: number;
  readonly effectSizeName: EffectSizeName;
  /** driftguard mode and p-value tests only; null otherwise. */
  readonly effectSizeThreshold: number | null;
}

/** What the choice depends on. */
export interface ChoiceContext {
  readonly kind: FeatureKind;
  /** Valid reference values (after dropping missing ones, as Evidently does). */
  readonly referenceCount: number;
  /** Distinct valid values over reference and current together (Evidently's n_values). */
  readonly distinctValueCount: number;
  /** Per-feature overrides from the schema. */
  readonly test?: string;
  readonly threshold?: number;
  readonly effectSizeThreshold?: number;
}

/**
 * Evidently 0.7 `_get_default_stattest`: reference ≤ 1000 rows → numeric: z (≤ 2 values), chisquare (≤ 5), else ks;
 * categorical: chisquare (> 2 values) else z. Reference > 1000 rows → numeric: jensenshannon (≤ 5 values) else
 * wasserstein; categorical: jensenshannon. Booleans are categorical for Evidently.
 */
export function evidentlyDefaultTestName(
  kind: FeatureKind,
  referenceCount: number,
  distinctValueCount: number,
): string {
  const n = distinctValueCount;
  if (referenceCount <= EVIDENTLY_SMALL_REFERENCE_ROWS) {
    if (kind === 'numeric') return n <= EVIDENTLY_BINARY_VALUES ? 'z' : n <= EVIDENTLY_FEW_VALUES ? 'chisquare' : 'ks';
    return n > EVIDENTLY_BINARY_VALUES ? 'chisquare' : 'z';
  }
  if (kind === 'numeric') return n <= EVIDENTLY_FEW_VALUES ? 'jensenshannon' : 'wasserstein';
  return 'jensenshannon';
}

/** driftguard default: numeric → ks (chi2_contingency when ≤ 5 distinct values); categorical / boolean → chi2_contingency. */
export function driftguardDefaultTestName(kind: FeatureKind, distinctValueCount: number): string {
  return kind === 'numeric' && distinctValueCount > EVIDENTLY_FEW_VALUES ? 'ks' : 'chi2_contingency';
}

/**
 * Picks the test of a column: the schema override if any, else the mode's default rule. Thresholds: the override,
 * else in driftguard mode the engine's `pValueThreshold` for p-value tests, else the test's default. The effect size
 * is the configured one for the kind; its floor applies in driftguard mode to p-value tests.
 */
export function chooseStatTest(context: ChoiceContext, config: DriftEngineConfig, field = 'test'): TestChoice {
  const name =
    context.test ??
    (config.mode === 'evidently'
      ? evidentlyDefaultTestName(context.kind, context.referenceCount, context.distinctValueCount)
      : driftguardDefaultTestName(context.kind, context.distinctValueCount));
  const test = findStatTest(name);
  if (test === undefined) throw new DriftConfigError(field, `unknown test '${name}'`);
  if (!test.kinds.includes(context.kind)) {
    throw new DriftConfigError(
      field,
      `test '${name}' does not apply to ${context.kind} columns (it takes ${test.kinds.join(', ')})`,
    );
  }
  const effectSizeName = config.effectSizes[context.kind === 'numeric' ? 'numeric' : 'categorical'];
  const guarded = config.mode === 'driftguard' && test.score === 'p_value';
  return {
    test,
    threshold: context.threshold ?? (guarded ? config.pValueThreshold : test.defaultThreshold),
    effectSizeName,
    effectSizeThreshold: guarded ? (context.effectSizeThreshold ?? config.effectSizeFloors[effectSizeName]) : null,
  };
}
