/**
 * Where a model's monitoring stands, in one sentence the API and the dashboard show: no reference yet (and how to
 * give one), collecting the first window, or monitoring (the latest report). A model driftguard did not train has no
 * training profile to start from: like Evidently's `reference_data` and NannyML's reference period, its reference is
 * the data the user says is normal — uploaded with PUT /v1/models/{name}/reference — until a retraining job promotes
 * a challenger, whose training rows become the reference (docs/bring-your-own-model.md).
 */
import type { Severity } from '../../domain/severity.js';
import type { DriftReportRepository, PredictionLog, ReferenceProfileRepository } from '../../ports/store.js';
import type { MonitoredModels } from '../monitored-models.js';
import { DEFAULT_WINDOW } from './drift-monitoring.js';

export type MonitoringState = 'no_reference' | 'collecting' | 'monitoring';

export interface MonitoringStatus {
  readonly model: string;
  readonly state: MonitoringState;
  /** What is going on and, when waiting, what would move it on. */
  readonly message: string;
  readonly reference: {
    readonly source: string;
    readonly createdAtMs: number;
    readonly rows: number;
    readonly features: readonly { readonly name: string; readonly kind: string }[];
  } | null;
  readonly predictions: { readonly total: number; readonly labeled: number };
  readonly latestReport: { readonly id: number; readonly createdAtMs: number; readonly severity: Severity } | null;
}

export interface MonitoringStatusOptions {
  readonly store: PredictionLog & ReferenceProfileRepository & DriftReportRepository;
  readonly models: MonitoredModels;
}

export function createMonitoringStatus(options: MonitoringStatusOptions) {
  const { store } = options;
  return {
    async status(name: string): Promise<MonitoringStatus> {
      const { definition } = await options.models.get(name);
      const [reference, predictions, latest] = await Promise.all([
        store.latestReferenceProfile(name),
        store.countPredictions(name),
        store.latestDriftReport(name),
      ]);
      const base = {
        model: name,
        predictions,
        latestReport:
          latest === null ? null : { id: latest.id, createdAtMs: latest.createdAtMs, severity: latest.severity },
        reference:
          reference === null
            ? null
            : {
                source: reference.source,
                createdAtMs: reference.createdAtMs,
                rows: reference.profile.rowCount,
                features: reference.profile.schema.features.map((f) => ({ name: f.name, kind: f.kind })),
              },
      };
      if (reference === null)
        return {
          ...base,
          state: 'no_reference',
          message: `no reference yet: drift is measured against the data the model is known to be good on, and model ${name} has none (${predictions.total} prediction(s) logged meanwhile). Upload your training or validation rows with PUT /v1/models/${name}/reference (JSON rows or CSV); a champion driftguard trains, or a challenger a retraining job promotes, brings its training rows as the reference itself.`,
        };
      if (latest === null) {
        const window = definition.drift?.window ?? DEFAULT_WINDOW;
        const needs =
          window.type === 'count'
            ? `the first window needs ${window.windowSize} predictions (${predictions.total} logged)`
            : `the first window is evaluated after ${window.stepSeconds} s with predictions in it (${predictions.total} logged)`;
        return {
          ...base,
          state: 'collecting',
          message: `reference from ${reference.source} (${reference.profile.rowCount} rows); ${needs}`,
        };
      }
      return {
        ...base,
        state: 'monitoring',
        message: `monitoring against the reference from ${reference.source}; latest report #${latest.id}: severity ${latest.severity}, drift share ${latest.driftShare.toFixed(2)}`,
      };
    },
  };
}

export type MonitoringStatusQueries = ReturnType<typeof createMonitoringStatus>;
