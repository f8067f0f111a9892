import type { FeatureKind } from '../domain/feature-schema.js';
import { buildTestInput } from './build-test-input.js';
import { categoricalChartSummary, numericChartSummary } from './chart-summary.js';
import { type ChoiceContext, chooseStatTest } from './choose-stat-test.js';
import type { ColumnValues } from './column-values.js';
import type { DriftEngineConfig, EffectSizeName } from './drift-config.js';
import type { FeatureDriftResult } from './drift-report.js';
import { effectSizeNoiseFloor } from './effect-size-noise-floor.js';
import { normedWassersteinEffect } from './normed-wasserstein-effect.js';
import type { ColumnProfile } from './reference-profile.js';
import { jensenShannonStatTest } from './stat-tests/jensen-shannon.js';
import { psiStatTest } from './stat-tests/psi.js';
import type { StatTest, StatTestInput } from './stat-tests/stat-test.js';

const EFFECT_SIZE_TESTS: Record<EffectSizeName, StatTest> = {
  normed_wasserstein: normedWassersteinEffect,
  jensen_shannon: jensenShannonStatTest,
  psi: psiStatTest,
};

/** Per-column settings from the schema. */
export interface ColumnSettings {
  readonly test?: string;
  readonly threshold?: number;
  readonly effectSizeThreshold?: number;
  readonly importanceWeight?: number;
}

function emptyValues(kind: FeatureKind): ColumnValues {
  const tally = { rowCount: 0, missingCount: 0, typeViolationCount: 0, typeViolationExamples: [] };
  return kind === 'numeric'
    ? { kind, values: new Float64Array(0), ...tally }
    : { kind, counts: new Map(), validCount: 0, ...tally };
}

function validCountOf(values: ColumnValues): number {
  return values.kind === 'numeric' ? values.values.length : values.validCount;
}

/** Decides `drifted` from a (possibly corrected) p-value or the distance, and the effect-size floor. */
export function isDrifted(
  result: Pick<
    FeatureDriftResult,
    'status' | 'score' | 'distance' | 'threshold' | 'effectSize' | 'effectSizeThreshold'
  >,
  adjustedPValue: number | null,
  inclusive: boolean,
): boolean {
  if (result.status !== 'tested') return false;
  if (result.score === 'distance') return result.distance !== null && result.distance >= result.threshold;
  if (adjustedPValue === null) return false;
  const rejects = inclusive ? adjustedPValue <= result.threshold : adjustedPValue < result.threshold;
  if (!rejects) return false;
  return (
    result.effectSizeThreshold === undefined ||
    (result.effectSize !== null && result.effectSize >= result.effectSizeThreshold)
  );
}

/**
 * Compares one column of the current data with its reference profile: picks the test (chooseStatTest), computes
 * statistic / p-value or distance, the effect size and the chart summary. `drifted` uses the raw p-value; the
 * caller re-decides it after a multiple-testing correction. A side without valid values is `not_tested`.
 */
export function compareColumn(
  profile: ColumnProfile,
  current: ColumnValues | null,
  settings: ColumnSettings,
  config: DriftEngineConfig,
  field: string,
): FeatureDriftResult {
  const values = current ?? emptyValues(profile.kind);
  const input = buildTestInput(profile, values);
  const context: ChoiceContext = {
    kind: profile.kind,
    referenceCount: profile.validCount,
    distinctValueCount: input.distinctValueCount,
    ...(settings.test === undefined ? {} : { test: settings.test }),
    ...(settings.threshold === undefined ? {} : { threshold: settings.threshold }),
    ...(settings.effectSizeThreshold === undefined ? {} : { effectSizeThreshold: settings.effectSizeThreshold }),
  };
  const choice = chooseStatTest(context, config, field);
  const currentCount = validCountOf(values);
  const reason =
    current === null
      ? 'column absent from the current data'
      : profile.validCount === 0
        ? 'no valid value in the reference'
        : currentCount === 0
          ? 'no valid value in the current data'
          : null;
  const base = {
    name: profile.name,
    kind: profile.kind,
    test: choice.test.name,
    score: choice.test.score,
    threshold: choice.threshold,
    direction: choice.test.score === 'p_value' ? ('p_value_below' as const) : ('distance_above' as const),
    effectSizeName: choice.effectSizeName,
    ...(choice.effectSizeThreshold === null ? {} : { effectSizeThreshold: choice.effectSizeThreshold }),
    importanceWeight: settings.importanceWeight ?? 1,
    referenceCount: profile.validCount,
    currentCount,
  };
  if (reason !== null) {
    return {
      ...base,
      status: 'not_tested',
      reason,
      statistic: null,
      pValue: null,
      adjustedPValue: null,
      distance: null,
      effectSize: null,
      drifted: false,
      summary: null,
    };
  }
  const outcome = choice.test.compute(input);
  const effectTest = EFFECT_SIZE_TESTS[choice.effectSizeName];
  const effectSize =
    effectTest === choice.test ? outcome.distance : effectTest.compute(input as StatTestInput).distance;
  // driftguard floors are sample-size-aware: never below what sampling noise reaches at this window's size
  const noiseFloor =
    choice.effectSizeThreshold === null || config.noiseFloorProbability === null
      ? null
      : effectSizeNoiseFloor(
          choice.effectSizeName,
          input,
          profile.validCount,
          currentCount,
          config.noiseFloorProbability[choice.effectSizeName],
        );
  const floor =
    choice.effectSizeThreshold === null || noiseFloor === null
      ? {}
      : { effectSizeThreshold: Math.max(choice.effectSizeThreshold, noiseFloor), effectSizeNoiseFloor: noiseFloor };
  const summary =
    input.referenceSample !== null && input.current !== null
      ? numericChartSummary(input.referenceSample, input.current, config.chartBins)
      : categoricalChartSummary(input.categories, input.referenceCounts, input.currentCounts);
  const result = {
    ...base,
    ...floor,
    status: 'tested' as const,
    reason: null,
    statistic: outcome.statistic,
    pValue: outcome.pValue,
    adjustedPValue: outcome.pValue,
    distance: outcome.distance,
    effectSize,
    summary,
  };
  return { ...result, drifted: isDrifted(result, outcome.pValue, choice.test.pValueInclusive === true) };
}
