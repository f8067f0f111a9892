import type { AlertSeverity } from '../../domain/alert.js';
import {
  DEFAULT_IMPACT_POLICY,
  type EstimatedMetric,
  gradePerformanceImpact,
  type ImpactPolicy,
} from '../../domain/performance-impact.js';
import type { Severity } from '../../domain/severity.js';
import type { BinaryMetric } from '../../drift/estimation/index.js';
import { DEFAULT_WINDOW_METRICS, type DriftReport, type WindowImpact } from '../../drift/index.js';
import type { MonitoredModelDefinition } from '../config/monitored-model-definition.js';

/** What the window evaluation estimates for the model: undefined when its definition turns estimation off. */
export function estimationRequestOf(
  definition: MonitoredModelDefinition,
): { readonly metrics: readonly BinaryMetric[] } | undefined {
  if (definition.estimation?.enabled === false) return undefined;
  return { metrics: definition.estimation?.metrics ?? DEFAULT_WINDOW_METRICS };
}

/** The model's impact policy: `estimation.impactAware` (default true) and `estimation.dropWhen` (default `estimate`). */
export function impactPolicyOf(definition: MonitoredModelDefinition): ImpactPolicy {
  return {
    enabled: definition.estimation?.impactAware ?? DEFAULT_IMPACT_POLICY.enabled,
    dropWhen: definition.estimation?.dropWhen ?? DEFAULT_IMPACT_POLICY.dropWhen,
  };
}

/** The estimates of a report in the form the impact rule reads (empty when the window was not estimated). */
export function estimatedMetricsOf(report: DriftReport): EstimatedMetric[] {
  return (report.estimatedPerformance?.metrics ?? []).map((m) => ({
    metric: m.metric,
    value: m.value,
    lower: m.lower,
    upper: m.upper,
    threshold: m.threshold,
    betterWhen: m.betterWhen,
  }));
}

/** Grades the window's impact (src/domain/performance-impact.ts) and keeps the verdict, with its policy, in the report. */
export function withImpact(report: DriftReport, policy: ImpactPolicy): DriftReport & { readonly impact: WindowImpact } {
  const verdict = gradePerformanceImpact(report.severity, estimatedMetricsOf(report), policy);
  const impact: WindowImpact = { ...verdict, policy };
  return { ...report, impact };
}

/**
 * The data-drift alert's severity under impact awareness: high data drift with no measurable impact is graded
 * `medium` (it still alerts, labelled, but is not a high-severity window).
 */
export function impactGradedDataDrift(report: DriftReport): Severity {
  const impact = report.impact;
  if (impact === undefined || !impact.policy.enabled) return report.severity;
  return impact.grade === 'no-measurable-impact' && report.severity === 'high' ? 'medium' : report.severity;
}

/** Severity of the `estimated_performance` alert: high when the estimate crosses its threshold. */
export function estimatedPerformanceSeverity(report: DriftReport): AlertSeverity | 'none' {
  return report.impact?.grade === 'performance-drop' ? 'high' : 'none';
}
