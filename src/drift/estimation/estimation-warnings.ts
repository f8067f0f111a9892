import type { MetricEstimate } from './metric-estimate.js';

/** Why an estimate may not be trusted. */
export type EstimationWarningCode =
  | 'calibration-unreliable'
  | 'scores-outside-reference'
  | 'undefined-estimate'
  | 'concept-shift';

export interface EstimationWarning {
  readonly code: EstimationWarningCode;
  readonly message: string;
  /** The chunk it concerns (absent: the whole estimation). */
  readonly chunk?: number;
  readonly metric?: string;
}

/** Above this expected calibration error of the probabilities in use, estimates are flagged as unreliable. */
export const DEFAULT_MAX_CALIBRATION_ERROR = 0.05;
/** Above this share of a chunk's scores outside the reference's score range, the chunk is flagged. */
export const DEFAULT_MAX_SHARE_OUTSIDE_REFERENCE = 0.01;

const fixed = (x: number): string => x.toFixed(4);

/**
 * CBPE is only as good as the probabilities: when their calibration error on the reference (out-of-fold after
 * isotonic calibration, or raw) exceeds `maxError`, every estimate inherits that bias.
 */
export function calibrationWarnings(
  calibration: { readonly method: string; readonly eceUsed: number; readonly noiseFloor: number },
  maxError = DEFAULT_MAX_CALIBRATION_ERROR,
): EstimationWarning[] {
  if (calibration.eceUsed <= maxError) return [];
  const what = calibration.method === 'isotonic' ? 'after isotonic calibration' : 'of the raw scores';
  return [
    {
      code: 'calibration-unreliable',
      message: `the reference probabilities are poorly calibrated (expected calibration error ${fixed(calibration.eceUsed)} ${what}, above ${maxError}; noise floor ${fixed(calibration.noiseFloor)}): estimates can be biased by as much`,
    },
  ];
}

/**
 * Scores outside the range seen on the reference are calibrated by extrapolation (the end knots' probability):
 * flagged when more than `maxShare` of a chunk's rows fall there.
 */
export function scoreRangeWarnings(
  chunk: number,
  scores: ArrayLike<number>,
  range: { readonly min: number; readonly max: number },
  maxShare = DEFAULT_MAX_SHARE_OUTSIDE_REFERENCE,
): EstimationWarning[] {
  let outside = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] < range.min || scores[i] > range.max) outside++;
  if (outside / scores.length <= maxShare) return [];
  return [
    {
      code: 'scores-outside-reference',
      chunk,
      message: `${outside} of ${scores.length} scores lie outside the reference's range [${range.min}, ${range.max}]: their probabilities are extrapolated`,
    },
  ];
}

/** A metric whose estimate is undefined on a chunk (e.g. every probability 0) is reported, never silently dropped. */
export function undefinedEstimateWarnings(
  chunk: number,
  metrics: Readonly<Record<string, MetricEstimate>>,
): EstimationWarning[] {
  return Object.entries(metrics)
    .filter(([, m]) => m.value === null)
    .map(([metric]) => ({
      code: 'undefined-estimate',
      chunk,
      metric,
      message: `${metric} cannot be estimated on this chunk (undefined for its probabilities)`,
    }));
}

/**
 * When labels do arrive: a realized value outside the estimate's confidence band means the relation between
 * scores and labels changed since the reference (concept shift) — the reference calibration no longer holds and
 * the estimates of the following chunks cannot be trusted either.
 */
export function conceptShiftWarnings(
  chunk: number,
  metrics: Readonly<Record<string, MetricEstimate>>,
  realized: Readonly<Record<string, number | null>>,
): EstimationWarning[] {
  const warnings: EstimationWarning[] = [];
  for (const [metric, m] of Object.entries(metrics)) {
    const value = realized[metric];
    if (value === null || value === undefined || m.value === null || m.lower === null || m.upper === null) continue;
    if (value >= m.lower && value <= m.upper) continue;
    warnings.push({
      code: 'concept-shift',
      chunk,
      metric,
      message: `realized ${metric} ${fixed(value)} is outside the estimated band [${fixed(m.lower)}, ${fixed(m.upper)}] (estimate ${fixed(m.value)}): the scores no longer mean what they meant on the reference`,
    });
  }
  return warnings;
}
