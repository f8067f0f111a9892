/**
 * Impact-aware grading of a monitoring window (issue 17): data drift only matters when it hurts the model. Pure: the
 * caller passes the window's data-drift severity and the estimated performance (CBPE / DLE) with its band and
 * alert threshold. Phase 2 wires it into drift monitoring, alerting and the retraining trigger.
 */
import type { Severity } from './severity.js';

/** One metric's estimate on the window, as src/drift/estimation reports it. */
export interface EstimatedMetric {
  readonly metric: string;
  /** Null: the metric could not be estimated on this window. */
  readonly value: number | null;
  /** The estimate's confidence band (± 3 sampling errors). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The reference's alert threshold on the side that means worse (lower for ROC AUC, upper for MAE). */
  readonly threshold: number | null;
  readonly betterWhen: 'higher' | 'lower';
}

/** How data drift and estimated performance combine. */
export interface ImpactPolicy {
  /** Impact awareness on (default true): drifted windows whose estimate holds are "no measurable impact". */
  readonly enabled: boolean;
  /**
   * `estimate` (default): a drop counts when the estimate itself crosses the threshold (NannyML's rule);
   * `band`: only when the whole confidence band is past it (fewer, surer performance alerts).
   */
  readonly dropWhen: 'estimate' | 'band';
}

export const DEFAULT_IMPACT_POLICY: ImpactPolicy = { enabled: true, dropWhen: 'estimate' };

/**
 * `performance-drop`: the estimated performance is worse than the reference allows — counts as performance drift;
 * `no-measurable-impact`: data drifted but every estimate stays within its threshold;
 * `no-drift`: neither; `not-estimated`: no estimate (no scores, or every metric undefined) — data drift is judged
 * on its own, as without impact awareness.
 */
export type ImpactGrade = 'performance-drop' | 'no-measurable-impact' | 'no-drift' | 'not-estimated';

export interface ImpactVerdict {
  readonly grade: ImpactGrade;
  /** The window counts as performance drift for the retraining trigger (labels are still needed to train). */
  readonly countsAsPerformanceDrift: boolean;
  /** The window's data drift may trigger retraining on its own. */
  readonly dataDriftTriggers: boolean;
  /** Metrics estimated worse than their threshold. */
  readonly droppedMetrics: readonly string[];
  /** One sentence for the alert / dashboard. */
  readonly reason: string;
}

function isDrop(m: EstimatedMetric, policy: ImpactPolicy): boolean {
  if (m.value === null || m.threshold === null) return false;
  const edge = policy.dropWhen === 'band' ? (m.betterWhen === 'higher' ? m.upper : m.lower) : m.value;
  if (edge === null) return false;
  return m.betterWhen === 'higher' ? edge < m.threshold : edge > m.threshold;
}

const shown = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));

/**
 * Grades a window by the estimated impact of its drift. With impact awareness off, data drift triggers as before
 * and estimates only add performance drift when they drop.
 */
export function gradePerformanceImpact(
  dataDriftSeverity: Severity,
  estimates: readonly EstimatedMetric[],
  policy: ImpactPolicy = DEFAULT_IMPACT_POLICY,
): ImpactVerdict {
  const dataDrift = dataDriftSeverity === 'high';
  const defined = estimates.filter((m) => m.value !== null);
  const dropped = defined.filter((m) => isDrop(m, policy));
  const droppedMetrics = dropped.map((m) => m.metric);
  if (dropped.length > 0) {
    const detail = dropped
      .map(
        (m) =>
          `${m.metric} ${shown(m.value)} [${shown(m.lower)}, ${shown(m.upper)}] vs threshold ${shown(m.threshold)}`,
      )
      .join('; ');
    return {
      grade: 'performance-drop',
      countsAsPerformanceDrift: true,
      dataDriftTriggers: dataDrift,
      droppedMetrics,
      reason: `estimated performance dropped: ${detail}`,
    };
  }
  if (defined.length === 0) {
    return {
      grade: 'not-estimated',
      countsAsPerformanceDrift: false,
      dataDriftTriggers: dataDrift,
      droppedMetrics,
      reason: 'no performance estimate for this window',
    };
  }
  if (!dataDrift) {
    return {
      grade: 'no-drift',
      countsAsPerformanceDrift: false,
      dataDriftTriggers: false,
      droppedMetrics,
      reason: 'no high data drift; estimated performance within its thresholds',
    };
  }
  const held = defined.map((m) => `${m.metric} ${shown(m.value)}`).join(', ');
  return {
    grade: 'no-measurable-impact',
    countsAsPerformanceDrift: false,
    dataDriftTriggers: !policy.enabled,
    droppedMetrics,
    reason: `data drift with no measurable impact: estimated ${held} within the reference thresholds`,
  };
}
