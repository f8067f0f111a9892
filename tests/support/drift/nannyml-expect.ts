/** Comparison of driftguard's estimates with NannyML's oracle fixtures (tests/oracle/nannyml/). */
import { expect } from 'vitest';
import type { BinaryMetric, ChunkEstimate, MetricValues } from '../../../src/drift/estimation/index.js';
import { expectClose } from '../oracle/oracle.js';
import { NANNYML_METRIC_NAMES } from './estimation-data.js';

/** One chunk of a NannyML CBPE result as the generators write it (tests/oracle/nannyml/cbpe_results.py). */
export type NannymlField =
  | 'value'
  | 'sampling_error'
  | 'realized'
  | 'upper_confidence_boundary'
  | 'lower_confidence_boundary'
  | 'upper_threshold'
  | 'lower_threshold'
  | 'alert';
export interface NannymlChunk {
  period: 'reference' | 'analysis';
  start: number;
  end: number;
  metrics: Record<string, Record<NannymlField, number | boolean | null>>;
}

/** The same method in the same summation order: equal up to float rounding. */
export const SAME_METHOD = 1e-12;

/**
 * Our estimate and realized values of one chunk equal NannyML's: values, thresholds and realized within
 * SAME_METHOD; sampling errors and bands within `samplingTolerance(metric)`. NannyML also alerts above the upper
 * threshold (an improvement); driftguard alerts on drops only.
 */
export function expectSameAsNannyml(
  estimate: ChunkEstimate<BinaryMetric>,
  realized: MetricValues<BinaryMetric>,
  chunk: NannymlChunk,
  samplingTolerance: (metric: BinaryMetric) => number,
): void {
  for (const metric of Object.keys(NANNYML_METRIC_NAMES) as BinaryMetric[]) {
    const e = chunk.metrics[NANNYML_METRIC_NAMES[metric]];
    const ours = estimate.metrics[metric];
    const tolerance = samplingTolerance(metric);
    expectClose(ours.value!, e.value as number, SAME_METHOD, 0, `${metric} estimate`);
    expectClose(ours.samplingError!, e.sampling_error as number, tolerance, 0, `${metric} sampling error`);
    expectClose(ours.lower!, e.lower_confidence_boundary as number, tolerance, 1e-15, `${metric} lower bound`);
    expectClose(ours.upper!, e.upper_confidence_boundary as number, tolerance, 1e-15, `${metric} upper bound`);
    expectClose(ours.thresholds.lower!, e.lower_threshold as number, SAME_METHOD, 1e-15, `${metric} lower threshold`);
    expectClose(ours.thresholds.upper!, e.upper_threshold as number, SAME_METHOD, 1e-15, `${metric} upper threshold`);
    expect(ours.alert, `${metric} alert`).toBe(e.alert === true && (e.value as number) < (e.lower_threshold as number));
    if (e.realized === null) expect(realized[metric]).toBeNull();
    else expectClose(realized[metric]!, e.realized as number, SAME_METHOD, 0, `${metric} realized`);
  }
}
