import type { StoredPrediction } from '../../domain/prediction-record.js';
import {
  type EstimatedPerformance,
  type RealizedPerformance,
  realizedWindowPerformance,
  type WindowMetricEstimate,
} from '../../drift/index.js';
import type { DriftReportQuery, DriftReportRepository, PredictionLog, StoredDriftReport } from '../../ports/store.js';
import type { MonitoredModels } from '../monitored-models.js';
import { NotFoundError } from '../service-errors.js';

export interface DriftReportQueriesOptions {
  readonly store: DriftReportRepository & Pick<PredictionLog, 'predictionsBetween'>;
  readonly models: MonitoredModels;
}

/** A stored report with its number among its model's reports (1 = the model's first; ids are global). */
export type NumberedDriftReport = StoredDriftReport & { readonly sequence: number };

/** One window's estimated performance and, once labels arrived, the realized one beside it. */
export interface WindowPerformance {
  readonly driftReportId: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly severity: StoredDriftReport['severity'];
  /** Impact-aware grade and its reason (null: report written before impact grading). */
  readonly impact: { readonly grade: string; readonly reason: string; readonly dataDriftTriggers: boolean } | null;
  /** Null with `unavailableReason` when the window was not estimated. */
  readonly estimated: readonly WindowMetricEstimate[] | null;
  readonly unavailableReason: string | null;
  /** Computed from the labels joined to the window's predictions so far; null when none is labelled yet. */
  readonly realized: RealizedPerformance | null;
}

/**
 * Reading stored drift reports of a model: pages (newest first) and the latest one, each numbered per model, and
 * estimated vs realized performance.
 */
export function createDriftReportQueries(options: DriftReportQueriesOptions) {
  const { store, models } = options;
  /** Numbers a page (newest first): one count, then the page order, unless a time range may leave holes. */
  async function numbered(model: string, items: StoredDriftReport[], contiguous: boolean) {
    const newest = items[0];
    if (newest === undefined) return [];
    if (!contiguous)
      return Promise.all(items.map(async (r) => ({ ...r, sequence: await store.countDriftReports(model, r.id) })));
    const top = await store.countDriftReports(model, newest.id);
    return items.map((r, index) => ({ ...r, sequence: top - index }));
  }

  /**
   * The logged predictions of the estimated reports' windows: one read over the range they span (oldest first),
   * split per window in memory by {@link rowsOf}; empty when no report is estimated.
   */
  async function predictionsSpanning(model: string, reports: readonly StoredDriftReport[]) {
    const estimated = reports.filter((r) => r.report.estimatedPerformance != null);
    if (estimated.length === 0) return [];
    const fromMs = Math.min(...estimated.map((r) => r.windowStartMs));
    const toMs = Math.max(...estimated.map((r) => r.windowEndMs));
    return store.predictionsBetween(model, fromMs, toMs + 1);
  }

  /** A window's rows among `logged`: its time span, and for count windows its sequence range. */
  function rowsOf(report: StoredDriftReport, logged: readonly StoredPrediction[]) {
    const window = report.report.window;
    return logged.filter(
      (r) =>
        r.timestampMs >= report.windowStartMs &&
        r.timestampMs <= report.windowEndMs &&
        (window?.type !== 'count' || (r.sequence >= window.start && r.sequence <= window.end)),
    );
  }

  /** The realized metrics of an estimated window from its logged rows (labels arrive after the report). */
  function realizedOf(rows: readonly StoredPrediction[], estimate: EstimatedPerformance): RealizedPerformance | null {
    return realizedWindowPerformance(estimate, {
      scores: rows.map((r) => r.score),
      predictions: rows.map((r) => r.predictedClass),
      labels: rows.map((r) => r.label),
    });
  }

  return {
    async page(
      model: string,
      query: DriftReportQuery,
    ): Promise<{ items: NumberedDriftReport[]; nextBefore: number | null }> {
      await models.get(model);
      const items = await store.listDriftReports(model, query);
      const contiguous = query.fromMs === undefined && query.toMs === undefined;
      return {
        items: await numbered(model, items, contiguous),
        nextBefore: items.length === query.limit ? items[items.length - 1].id : null,
      };
    },
    async latest(model: string): Promise<NumberedDriftReport> {
      await models.get(model);
      const report = await store.latestDriftReport(model);
      if (report === null) throw new NotFoundError(`model ${model} has no drift report yet`);
      return { ...report, sequence: await store.countDriftReports(model, report.id) };
    },
    /** The newest `limit` windows, oldest first: estimated performance with band and threshold, realized beside it. */
    async performance(model: string, limit: number): Promise<WindowPerformance[]> {
      await models.get(model);
      const reports = await store.listDriftReports(model, { limit });
      const logged = await predictionsSpanning(model, reports);
      const out: WindowPerformance[] = [];
      for (const r of reports.reverse()) {
        const estimate = r.report.estimatedPerformance ?? null;
        const impact = r.report.impact;
        out.push({
          driftReportId: r.id,
          windowStartMs: r.windowStartMs,
          windowEndMs: r.windowEndMs,
          severity: r.severity,
          impact:
            impact === undefined
              ? null
              : { grade: impact.grade, reason: impact.reason, dataDriftTriggers: impact.dataDriftTriggers },
          estimated: estimate?.metrics ?? null,
          unavailableReason:
            estimate === null
              ? (r.report.estimatedPerformanceUnavailableReason ??
                'the window was not estimated (report written before performance estimation)')
              : null,
          realized: estimate === null ? null : realizedOf(rowsOf(r, logged), estimate),
        });
      }
      return out;
    },
  };
}

export type DriftReportQueries = ReturnType<typeof createDriftReportQueries>;
