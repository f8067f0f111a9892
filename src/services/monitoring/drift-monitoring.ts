import { randomUUID } from 'node:crypto';
import type { AlertKind } from '../../domain/alert.js';
import {
  type AlertObservation,
  type AlertPolicy,
  applyObservation,
  createAlertPolicy,
} from '../../domain/alert-policy.js';
import type { StoredPrediction } from '../../domain/prediction-record.js';
import type { Severity } from '../../domain/severity.js';
import type { DriftEngineOptions, DriftReport, WindowOptions } from '../../drift/index.js';
import type { Clock } from '../../ports/clock.js';
import type { DriftEvaluator, DriftWindowRequest } from '../../ports/drift-evaluator.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { MetricsRegistry } from '../../ports/metrics.js';
import type {
  AlertRepository,
  DriftReportRepository,
  PredictionLog,
  ReferenceProfileRepository,
  StoredDriftReport,
} from '../../ports/store.js';
import type { AlertDispatcher } from '../alerting/alert-dispatcher.js';
import type { MonitoredModelDefinition } from '../config/monitored-model-definition.js';
import type { MonitoredModels } from '../monitored-models.js';
import { createInThreadDriftEvaluator } from './drift-window-evaluation.js';
import { cadenceOf, planMultivariate } from './multivariate-cadence.js';
import { multivariateSummary } from './multivariate-summary.js';
import {
  estimatedPerformanceSeverity,
  estimationRequestOf,
  impactGradedDataDrift,
  impactPolicyOf,
  withImpact,
} from './window-impact.js';

/** Window of a model without one in its definition: the last 1,000 events, evaluated every 500. */
export const DEFAULT_WINDOW: WindowOptions = { type: 'count', windowSize: 1000, step: 500 };
/** Evaluate at the latest this often even when few events arrive (seconds). */
export const DEFAULT_EVALUATE_EVERY_SECONDS = 60;

/** The alert severity of each kind in a report (data drift follows the graded severity). */
export function alertSeverities(report: DriftReport): Record<AlertKind, Severity> {
  const errors = report.dataQuality.filter((f) => f.severity === 'error').length;
  return {
    data_drift: impactGradedDataDrift(report),
    prediction_drift: report.predictionDrift?.drifted === true ? 'medium' : 'none',
    performance_drift: report.performance?.drifted === true ? 'high' : 'none',
    data_quality: errors > 0 ? 'medium' : 'none',
    multivariate_drift: report.multivariate?.drifted === true ? 'medium' : 'none',
    estimated_performance: estimatedPerformanceSeverity(report),
  };
}

/** Kinds a report has no verdict on (the multivariate test did not run on it): their alerts are left as they are. */
function withoutVerdict(report: DriftReport): ReadonlySet<AlertKind> {
  return new Set<AlertKind>(report.multivariate === undefined ? ['multivariate_drift'] : []);
}

function summaryOf(kind: AlertKind, report: DriftReport): string {
  if (kind === 'multivariate_drift' && report.multivariate !== undefined)
    return multivariateSummary(report.multivariate);
  if (kind === 'data_drift') {
    const noImpact = report.impact?.grade === 'no-measurable-impact' ? ` — ${report.impact.reason}` : '';
    return `${report.driftedFeatureCount} of ${report.testedFeatureCount} features drifted (share ${report.driftShare.toFixed(2)})${noImpact}`;
  }
  if (kind === 'estimated_performance') return report.impact?.reason ?? 'estimated performance';
  if (kind === 'prediction_drift') return `prediction distribution drifted (${report.predictionDrift?.test ?? 'test'})`;
  if (kind === 'performance_drift' && report.performance !== null) {
    const { metric, reference, current, labelledCount } = report.performance;
    return `${metric} ${reference.toFixed(3)} → ${current.toFixed(3)} on ${labelledCount} labelled rows (label coverage ${labelledCount} of ${report.currentRowCount})`;
  }
  const errors = report.dataQuality.filter((f) => f.severity === 'error');
  return `${errors.length} data-quality error(s): ${errors
    .slice(0, 3)
    .map((f) => f.message)
    .join('; ')}`;
}

export interface DriftMonitoringOptions {
  readonly store: PredictionLog & DriftReportRepository & AlertRepository & ReferenceProfileRepository;
  readonly models: MonitoredModels;
  readonly clock: Clock;
  readonly dispatcher: AlertDispatcher;
  readonly events: EventBus;
  readonly metrics?: MetricsRegistry;
  readonly alertPolicy?: Partial<AlertPolicy>;
  /** Base URL of the dashboard for links in alerts. */
  readonly publicUrl?: string | null;
  readonly newId?: () => string;
  /** Where the drift engine runs; default: on the calling thread. The service passes a worker-thread evaluator. */
  readonly evaluator?: DriftEvaluator;
}

/**
 * Continuous monitoring of one model at a time: the current window from the prediction log against the newest
 * reference profile → a stored drift report → alert transitions → sink notifications and dashboard events.
 * Stateless between calls (everything is rebuilt from the store), so any replica holding the model's lease can run it.
 */
export function createDriftMonitoring(options: DriftMonitoringOptions) {
  const { store, clock, events } = options;
  const policy = createAlertPolicy(options.alertPolicy);
  const newId = options.newId ?? randomUUID;
  const evaluator = options.evaluator ?? createInThreadDriftEvaluator();
  const driftShare = options.metrics?.gauge(
    'driftguard_drift_share',
    'Share of drifted features in the latest window.',
    ['model'],
  );
  const featureScore = options.metrics?.gauge(
    'driftguard_feature_drift_score',
    'Per-feature drift score (p-value or distance) in the latest window.',
    ['model', 'feature'],
  );
  const multivariateStatistic = options.metrics?.gauge(
    'driftguard_multivariate_statistic',
    'Statistic of the latest multivariate drift test (classifier: ROC AUC; pca: reconstruction error; mmd: MMD²).',
    ['model', 'method'],
  );
  const firing = options.metrics?.gauge('driftguard_alerts_firing', 'Open alerts by model and kind (1 = firing).', [
    'model',
    'kind',
  ]);

  async function windowRows(name: string, window: WindowOptions): Promise<StoredPrediction[] | null> {
    if (window.type === 'count') {
      const rows = await store.latestPredictions(name, window.windowSize);
      return rows.length < window.windowSize ? null : rows;
    }
    const end = clock.nowMs();
    const rows = await store.predictionsBetween(name, end - window.windowSeconds * 1000, end + 1);
    return rows.length === 0 ? null : rows;
  }

  async function raiseAlerts(name: string, report: DriftReport, stored: StoredDriftReport): Promise<void> {
    const skipped = withoutVerdict(report);
    for (const [kind, severity] of Object.entries(alertSeverities(report)) as [AlertKind, Severity][]) {
      if (skipped.has(kind)) continue;
      const open = await store.openAlert(name, kind);
      const observation: AlertObservation = {
        model: name,
        kind,
        severity,
        summary: summaryOf(kind, report),
        atMs: stored.createdAtMs,
        driftReportId: stored.id,
      };
      const { alert, event } = applyObservation(open, observation, policy, newId);
      if (alert === null || (alert === open && event === null)) continue;
      await store.saveAlert(alert);
      firing?.set({ model: name, kind }, alert.status === 'resolved' ? 0 : 1);
      if (event !== null) {
        const alertUrl = options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}/#/alerts/${alert.id}` : null;
        options.dispatcher.dispatch({ event, alert, alertUrl, sentAtMs: clock.nowMs() });
        events.publish({
          type: 'alert',
          model: name,
          atMs: clock.nowMs(),
          data: { event, id: alert.id, kind, severity: alert.severity, status: alert.status },
        });
      }
    }
  }

  return {
    /** Evaluates the model's current window; null when it has no reference profile or not enough data yet. */
    async evaluate(name: string): Promise<StoredDriftReport | null> {
      const definition: MonitoredModelDefinition = (await options.models.get(name)).definition;
      const reference = await store.latestReferenceProfile(name);
      if (reference === null) return null;
      const window = definition.drift?.window ?? DEFAULT_WINDOW;
      const rows = await windowRows(name, window);
      if (rows === null) return null;
      const previous = await store.latestDriftReport(name);
      const { multivariate: _multivariate, ...driftSettings } = definition.drift ?? {};
      const engineOptions: DriftEngineOptions = { ...driftSettings, window };
      const plan = planMultivariate(definition.drift?.multivariate, previous?.report ?? null);
      let multivariate: DriftWindowRequest['multivariate'];
      let multivariateNotRun: DriftReport['multivariateNotRun'];
      if (plan?.due === true) {
        const sample = reference.rowSampleRowCount === null ? null : await store.referenceRowSample(name, reference.id);
        if (sample === null)
          multivariateNotRun = {
            method: plan.options.method ?? 'classifier',
            reason: `the reference in force (id ${reference.id}, ${reference.source}) has no row sample: it was stored before driftguard kept one; upload the reference again or promote a version trained since`,
          };
        else multivariate = { referenceRows: sample, options: plan.options };
      }
      const evaluated = await evaluator.evaluate({
        ...(multivariate === undefined ? {} : { multivariate }),
        profile: reference.profile,
        rows,
        options: engineOptions,
        overrides: definition.features,
        estimation: estimationRequestOf(definition),
        state: {
          previousHighStreak: previous?.report.highStreak ?? 0,
          window:
            window.type === 'count'
              ? { type: 'count', start: rows[0].sequence, end: rows[rows.length - 1].sequence }
              : { type: 'time', start: rows[0].timestampMs / 1000, end: rows[rows.length - 1].timestampMs / 1000 },
        },
      });
      const report = withImpact(
        plan === null
          ? evaluated
          : {
              ...evaluated,
              ...(multivariateNotRun === undefined ? {} : { multivariateNotRun }),
              multivariateCadence: cadenceOf(plan, evaluated),
            },
        impactPolicyOf(definition),
      );
      const stored = await store.saveDriftReport(
        {
          model: name,
          windowStartMs: rows[0].timestampMs,
          windowEndMs: rows[rows.length - 1].timestampMs,
          createdAtMs: clock.nowMs(),
          severity: report.severity,
          driftShare: report.driftShare,
        },
        report,
      );
      driftShare?.set({ model: name }, report.driftShare);
      if (report.multivariate !== undefined)
        multivariateStatistic?.set({ model: name, method: report.multivariate.method }, report.multivariate.statistic);
      for (const f of report.features) {
        const score = f.pValue ?? f.distance;
        if (typeof score === 'number') featureScore?.set({ model: name, feature: f.name }, score);
      }
      await raiseAlerts(name, report, stored);
      events.publish({
        type: 'drift_report',
        model: name,
        atMs: stored.createdAtMs,
        data: { id: stored.id, severity: report.severity, driftShare: report.driftShare },
      });
      return stored;
    },
  };
}

export type DriftMonitoring = ReturnType<typeof createDriftMonitoring>;
