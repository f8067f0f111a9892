import type { Cell } from '../domain/data-table.js';
import type { FeatureSchema } from '../domain/feature-schema.js';
import { mannWhitneyU, zTestProportions } from '../stats/index.js';
import type { DriftEngineConfig } from './drift-config.js';
import type { PerformanceDriftResult } from './drift-report.js';
import { measurePerformance, type PerformanceMeasurement } from './measure-performance.js';
import type { ReferencePerformance } from './reference-profile.js';

/** Either a result or why there is none. */
export type PerformanceComparison =
  | { readonly result: PerformanceDriftResult; readonly reason: null }
  | { readonly result: null; readonly reason: string };

function metricsOf(m: ReferencePerformance | PerformanceMeasurement): Record<string, number | null> {
  return m.task === 'classification'
    ? { accuracy: m.accuracy, errorRate: m.errorRate, auc: m.auc }
    : { mae: m.mae, rmse: m.rmse };
}

/**
 * Performance drift of the current rows against the reference performance.
 * Classification: pooled two-proportion z-test of the error rates (statsmodels `proportions_ztest`); drift when
 * p < `performance.pValueThreshold` and the error rate rose by ≥ `minErrorRateIncrease` (absolute).
 * Regression: Mann–Whitney U of current vs reference absolute errors; drift when p < threshold and the MAE rose by
 * ≥ `minRelativeMaeIncrease` (relative). Improvements never count as drift.
 */
export function comparePerformance(
  reference: ReferencePerformance | null,
  columns: {
    target: readonly Cell[] | undefined;
    prediction: readonly Cell[] | undefined;
    score: readonly Cell[] | null;
  },
  schema: FeatureSchema,
  config: DriftEngineConfig,
): PerformanceComparison {
  if (schema.target === null && schema.prediction === null)
    return { result: null, reason: 'no target or prediction column declared; performance drift needs both' };
  if (schema.prediction === null)
    return {
      result: null,
      reason: `no prediction column declared (the target is '${schema.target?.name}'); performance drift needs both`,
    };
  if (schema.target === null)
    return {
      result: null,
      reason: `no target column declared (the prediction is '${schema.prediction.name}'); performance drift needs both`,
    };
  if (reference === null) return { result: null, reason: 'the reference has no labelled row' };
  if (columns.target === undefined)
    return { result: null, reason: `no target column '${schema.target.name}' in the current data` };
  if (columns.prediction === undefined)
    return { result: null, reason: `no prediction column '${schema.prediction.name}' in the current data` };
  const current = measurePerformance(
    { target: columns.target, prediction: columns.prediction, score: columns.score },
    schema,
  );
  const labelled = current?.labelledCount ?? 0;
  const { pValueThreshold, minLabelledRows, minErrorRateIncrease, minRelativeMaeIncrease } = config.performance;
  if (current === null || labelled < minLabelledRows) {
    const rows = columns.target.length;
    return {
      result: null,
      reason: `insufficient labels: ${labelled} of ${rows} row(s) labelled, fewer than performance.minLabelledRows = ${minLabelledRows}`,
    };
  }
  const common = {
    task: current.task,
    labelledCount: labelled,
    referenceMetrics: metricsOf(reference),
    currentMetrics: metricsOf(current),
    threshold: pValueThreshold,
  };
  if (
    current.task === 'classification' &&
    reference.errorCount !== null &&
    reference.errorRate !== null &&
    current.errorCount !== null &&
    current.errorRate !== null
  ) {
    const degradation = current.errorRate - reference.errorRate;
    const bothTrivial =
      (reference.errorCount === 0 && current.errorCount === 0) ||
      (reference.errorCount === reference.labelledCount && current.errorCount === labelled);
    const { statistic, pValue } = bothTrivial
      ? { statistic: 0, pValue: 1 }
      : zTestProportions(current.errorCount, labelled, reference.errorCount, reference.labelledCount);
    return {
      reason: null,
      result: {
        ...common,
        metric: 'error_rate',
        reference: reference.errorRate,
        current: current.errorRate,
        test: 'z',
        statistic,
        pValue,
        degradation,
        minDegradation: minErrorRateIncrease,
        drifted: pValue < pValueThreshold && degradation >= minErrorRateIncrease,
      },
    };
  }
  if (
    current.task === 'regression' &&
    reference.mae !== null &&
    reference.absoluteErrorSample !== null &&
    current.mae !== null &&
    current.absoluteErrors !== null
  ) {
    const degradation = (current.mae - reference.mae) / Math.max(reference.mae, Number.MIN_VALUE);
    const { statistic, pValue } = mannWhitneyU(
      current.absoluteErrors,
      Float64Array.from(reference.absoluteErrorSample),
    );
    return {
      reason: null,
      result: {
        ...common,
        metric: 'mae',
        reference: reference.mae,
        current: current.mae,
        test: 'mannw',
        statistic,
        pValue,
        degradation,
        minDegradation: minRelativeMaeIncrease,
        drifted: pValue < pValueThreshold && degradation >= minRelativeMaeIncrease,
      },
    };
  }
  return { result: null, reason: `reference task ${reference.task} does not match current task ${current.task}` };
}
