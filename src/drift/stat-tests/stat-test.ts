import type { FeatureKind } from '../../domain/feature-schema.js';
import type { ColumnProfile } from '../reference-profile.js';

/** Which side of the threshold means drift: a p-value below it, or a distance at or above it. */
export type DriftDirection = 'p_value_below' | 'distance_above';

/** What a test's threshold applies to. */
export type TestScore = 'p_value' | 'distance';

/**
 * What a stat test receives. Sample tests (ks, wasserstein …) read `referenceSample` / `current`; count tests
 * (chisquare, jensenshannon, psi …) read `categories` with aligned `referenceCounts` / `currentCounts` (for a numeric
 * column: its distinct values when few, otherwise the reference quantile bins). Values are finite: missing cells and
 * type violations never reach a test.
 */
export interface StatTestInput {
  readonly kind: FeatureKind;
  readonly reference: ColumnProfile;
  /** Numeric columns: sorted reference sample and the current window's valid values. */
  readonly referenceSample: Float64Array | null;
  readonly current: Float64Array | null;
  /** Bin / category labels aligned with the two count vectors. */
  readonly categories: readonly string[];
  readonly referenceCounts: Float64Array;
  readonly currentCounts: Float64Array;
}

/** Raw output of a test; a p-value test fills statistic + pValue, a distance test fills distance. */
export interface StatTestOutcome {
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly distance: number | null;
}

/**
 * One drift test: `{ name, kinds, score, defaultThreshold, compute }`. Tests live one per file in `drift/tests/`
 * and are collected in the explicit list `STAT_TESTS` (no registration by import side effect).
 */
export interface StatTest {
  readonly name: string;
  readonly description: string;
  readonly kinds: readonly FeatureKind[];
  readonly score: TestScore;
  readonly defaultThreshold: number;
  /** p-value tests: drift when p ≤ threshold instead of p < threshold (Evidently's ks). */
  readonly pValueInclusive?: boolean;
  readonly compute: (input: StatTestInput) => StatTestOutcome;
}
