/**
 * Backtest: replays a labelled table window by window through the very code of live retraining — drift engine
 * (windows, tests, severity, performance drift), the retraining policy (trigger, guards, sufficiency), the
 * challenger pipeline and the promotion rule — with a simulated clock and no HTTP, next to two baselines run in the
 * same pass: `static` (never retrain) and `periodic` (retrain after every window on the same horizon, always swap).
 *
 * Labels of a window become known right after it is served: its performance drift is evaluated with them and a
 * retrained model serves from the next window on.
 */
import {
  type Cell,
  cellAt,
  cellsOfColumn,
  concatTables,
  type DataTable,
  projectTable,
} from '../../../domain/data-table.js';
import { DEFAULT_IMPACT_POLICY, type ImpactGrade, type ImpactPolicy } from '../../../domain/performance-impact.js';
import {
  decideAutomaticStep,
  type RetrainingPolicy,
  rowsSinceDriftBegan,
  trainingHorizons,
  type WindowSignal,
} from '../../../domain/retraining-policy.js';
import type { Severity } from '../../../domain/severity.js';
import { createDriftEngineConfig } from '../../../drift/create-drift-engine-config.js';
import type { DriftEngineOptions } from '../../../drift/drift-config.js';
import {
  DEFAULT_WINDOW_METRICS,
  estimateWindowPerformance,
  type WindowMetricEstimate,
} from '../../../drift/estimate-window-performance.js';
import type { BinaryMetric } from '../../../drift/estimation/index.js';
import { evaluateDrift } from '../../../drift/evaluate-drift.js';
import {
  binaryClassificationMetrics,
  DEFAULT_ESTIMATOR,
  type EstimatorKind,
  type HyperParamValue,
  ModelError,
  selectRows,
} from '../../../models/index.js';
import type { Clock } from '../../../ports/clock.js';
import { estimatedPerformanceSeverity, impactGradedDataDrift, withImpact } from '../../monitoring/window-impact.js';
import { InsufficientDataError } from '../challenger-pipeline.js';
import type { BacktestServing, BacktestTrainer } from './backtest-trainer.js';
import { createBuiltinBacktestTrainer } from './builtin-backtest-trainer.js';

export interface BacktestRequest {
  /** The labelled rows to replay, in time order (or sorted by `orderColumn`). */
  readonly table: DataTable;
  readonly target: string;
  /** Time column: rows are replayed in its order, it gives the simulated clock and is never a feature. */
  readonly orderColumn?: string;
  /** Columns that are not features (ids, scores of another model …). */
  readonly exclude?: readonly string[];
  /** The initial model is trained on the first `initialRows` rows (default 5,000) unless `reference` is given. */
  readonly initialRows?: number;
  /** Initial training rows given apart (e.g. a reference file): then every row of `table` is replayed. */
  readonly reference?: DataTable | null;
  /** Rows per window (default 1,000); a last partial window is dropped. */
  readonly windowRows?: number;
  /** Estimator of the initial model and of every retraining (default `logistic`). */
  readonly estimator?: EstimatorKind;
  readonly params?: Readonly<Record<string, HyperParamValue>>;
  readonly policy: RetrainingPolicy;
  /** Drift engine options of the monitoring (default: the engine's defaults). */
  readonly drift?: DriftEngineOptions;
  /**
   * Performance estimation and impact-aware grading of the `drift` policy (default: on, rocAuc and accuracy, drop
   * when the estimate crosses its threshold); `driftWithoutImpact` replays the same policy with impact awareness off.
   */
  readonly estimation?: { readonly metrics?: readonly BinaryMetric[]; readonly impact?: ImpactPolicy };
  readonly seed?: number;
  /** Called after every window (progress). */
  readonly onWindow?: (done: number, total: number) => void;
}

/** One serving model's quality on one window. */
export interface WindowScore {
  readonly accuracy: number;
  readonly rocAuc: number | null;
}

export interface BacktestWindow extends WindowScore {
  readonly index: number;
  readonly rows: number;
  /** Of the drift policy's serving model against its reference. */
  readonly driftShare: number;
  readonly severity: Severity;
  readonly performanceDrift: boolean;
  /**
   * Alerts this window raises: `data_drift:<severity>` at medium or above (graded `medium` when high drift had no
   * measurable impact and impact awareness is on), `performance_drift`, `estimated_performance`.
   */
  readonly alerts: readonly string[];
  /** Impact-aware grade of the window (src/domain/performance-impact.ts). */
  readonly impact: ImpactGrade;
  /** The performance estimated from the scores before the labels, with band and threshold; null when not estimated. */
  readonly estimated: readonly WindowMetricEstimate[] | null;
  /** The same policy with impact awareness off (its own model in service, its own retrains). */
  readonly withoutImpact: WindowScore & {
    readonly retrained: boolean;
    readonly decision: string | null;
    readonly alerts: readonly string[];
  };
  /** A challenger was trained after this window. */
  readonly retrained: boolean;
  /** What the policy did after the window, in words (trigger, deferral, promotion or rejection). */
  readonly decision: string | null;
  readonly baselines: { readonly static: WindowScore; readonly periodic: WindowScore };
}

export interface PolicySummary {
  readonly meanAccuracy: number;
  readonly meanRocAuc: number | null;
  /** Models trained after the initial one. */
  readonly retrains: number;
  /** Retrained models put into service. */
  readonly promotions: number;
  /** Seconds spent fitting those models. */
  readonly fitSeconds: number;
}

export interface BacktestResult {
  readonly windows: readonly BacktestWindow[];
  readonly policies: {
    /** The retraining policy as configured (impact-aware by default). */
    readonly drift: PolicySummary;
    /** The same policy without impact awareness, in the same pass. */
    readonly driftWithoutImpact: PolicySummary;
    readonly static: PolicySummary;
    readonly periodic: PolicySummary;
  };
  readonly setup: {
    /** What trained the models: the built-in estimator, or the user's pipeline (`command …`). */
    readonly estimator: string;
    readonly initialRows: number;
    readonly windowRows: number;
    readonly features: readonly string[];
    readonly policy: RetrainingPolicy;
  };
}

/** One simulated window of one hour when the data has no time column. */
export const SIMULATED_WINDOW_MS = 3_600_000;

export interface BacktestOptions {
  /** The real clock, to time the fits (the policy runs on the simulated clock). */
  readonly clock: Clock;
  /**
   * Who trains the initial model, the challengers and the periodic baseline (default: driftguard's trainer
   * `request.estimator`); `driftguard backtest --trainer-command` passes the user's pipeline.
   */
  readonly trainer?: BacktestTrainer;
}

function timeOf(cell: Cell): number | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  if (typeof cell === 'string') {
    const t = Date.parse(
      /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(cell) ? `${cell.replace(' ', 'T')}Z` : cell,
    );
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

function sortedBy(table: DataTable, column: string): DataTable {
  const cells = cellsOfColumn(table, column);
  if (cells === undefined)
    throw new ModelError('orderColumn', `no column "${column}"; columns: ${table.columnNames.join(', ')}`);
  const keys = cells.map((c, i) => {
    const t = timeOf(c);
    if (t === null)
      throw new ModelError(
        `${column}[${i}]`,
        `order column values must be numbers or date-times, got ${JSON.stringify(c)}`,
      );
    return t;
  });
  const order = Array.from({ length: table.rowCount }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  return selectRows(table, order);
}

function sliceRows(table: DataTable, start: number, end: number): DataTable {
  return selectRows(
    table,
    Array.from({ length: end - start }, (_, i) => start + i),
  );
}

async function scoreWindow(
  serving: BacktestServing,
  window: DataTable,
): Promise<{ score: WindowScore; scores: Float64Array }> {
  const scores = await serving.scores(window);
  const m = binaryClassificationMetrics(serving.outcomes(window), scores);
  return { score: { accuracy: m.accuracy, rocAuc: m.rocAuc }, scores };
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

interface FitCounts {
  retrains: number;
  promotions: number;
  fit: number;
}

/** What to replay: the rows in time order, the initial training rows and the windows; bad arguments → ModelError. */
function planReplay(request: BacktestRequest) {
  const windowRows = request.windowRows ?? 1000;
  if (!Number.isInteger(windowRows) || windowRows < 2)
    throw new ModelError('window', `must be an integer ≥ 2, got ${windowRows}`);
  if (!request.table.columnNames.includes(request.target)) {
    throw new ModelError('target', `no column "${request.target}"; columns: ${request.table.columnNames.join(', ')}`);
  }
  const order = request.orderColumn;
  const table = order === undefined ? request.table : sortedBy(request.table, order);
  const reference =
    request.reference == null ? null : order === undefined ? request.reference : sortedBy(request.reference, order);
  const initialRows = reference === null ? (request.initialRows ?? 5000) : reference.rowCount;
  if (!Number.isInteger(initialRows) || initialRows < 10)
    throw new ModelError('initialRows', `must be an integer ≥ 10, got ${initialRows}`);
  const initial = reference ?? sliceRows(table, 0, Math.min(initialRows, table.rowCount));
  const replayStart = reference === null ? initialRows : 0;
  const windowCount = Math.floor((table.rowCount - replayStart) / windowRows);
  if (windowCount < 1) {
    throw new ModelError(
      'data',
      `${table.rowCount} rows leave no window of ${windowRows} rows after the ${reference === null ? `${initialRows} initial rows` : 'reference'}`,
    );
  }
  const exclude = [...(request.exclude ?? []), ...(order === undefined ? [] : [order])];
  /** The window's rows and its simulated time (the order column's last value, else one hour per window). */
  const window = (w: number) => {
    const start = replayStart + w * windowRows;
    const rows = sliceRows(table, start, start + windowRows);
    const orderColumn = order === undefined ? undefined : rows.columns.get(order);
    const lastTime = orderColumn === undefined ? null : timeOf(cellAt(orderColumn, rows.rowCount - 1));
    return { rows, nowMs: lastTime ?? (w + 1) * SIMULATED_WINDOW_MS };
  };
  return { initial, windowRows, windowCount, exclude, window };
}

/** Every labelled row seen so far (the initial rows, then each replayed window); the most recent ones train. */
function createLabelledHistory(initial: DataTable, columns: readonly string[], horizonRows: number) {
  const history: DataTable[] = [initial];
  const labelled = (t: DataTable): DataTable => projectTable(t, columns);
  return {
    labelled,
    push(window: DataTable): void {
      history.push(window);
    },
    /** The most recent `horizonRows` labelled rows, oldest first. */
    recent(): DataTable {
      const needed: DataTable[] = [];
      let rows = 0;
      for (let i = history.length - 1; i >= 0 && rows < horizonRows; i--) {
        needed.unshift(history[i]);
        rows += history[i].rowCount;
      }
      const merged = needed.map(labelled);
      const all = concatTables(merged);
      return rows > horizonRows ? sliceRows(all, rows - horizonRows, rows) : all;
    },
  };
}

/**
 * The drift policy in service: the model it serves, its monitoring against the served model's reference, and after
 * each window the automatic step of the live runner (trigger, guards, sufficiency, challenger, promotion rule).
 */
function createDriftPolicyArm(options: {
  readonly first: BacktestServing;
  readonly policy: RetrainingPolicy;
  readonly driftConfig: ReturnType<typeof createDriftEngineConfig>;
  readonly trainer: BacktestTrainer;
  readonly history: ReturnType<typeof createLabelledHistory>;
  readonly seed: number;
  readonly impact: ImpactPolicy;
  readonly metrics: readonly BinaryMetric[];
}) {
  const { policy, history } = options;
  let serving = options.first;
  const counts: FitCounts = { retrains: 0, promotions: 0, fit: 0 };
  let signals: WindowSignal[] = [];
  let signalRows: number[] = [];
  let lastFinishedAtMs: number | null = null;
  let lastRetrainWindow: number | null = null;

  /** Serves and monitors one window; its signal joins the policy's history. */
  async function serve(window: DataTable) {
    const served = await scoreWindow(serving, window);
    const scored = serving.scoredTable(window, served.scores);
    const report = evaluateDrift(serving.profile, scored, options.driftConfig);
    const performanceDrift = report.performance?.drifted === true;
    const predictionColumn = serving.profile.schema.prediction?.name;
    const predictions = predictionColumn === undefined ? [] : (cellsOfColumn(scored, predictionColumn) ?? []);
    const estimate = estimateWindowPerformance(
      serving.profile,
      { scores: Array.from(served.scores), predictions },
      options.metrics,
    ).estimate;
    // Graded and alerted by the rules of the live monitoring (src/services/monitoring/window-impact.ts).
    const graded = withImpact({ ...report, estimatedPerformance: estimate }, options.impact);
    const verdict = graded.impact;
    signals.push({
      severity: report.severity,
      performanceDrifted: performanceDrift,
      driftShare: report.driftShare,
      dataDriftTriggers: verdict.dataDriftTriggers,
      estimatedPerformanceDrop: verdict.countsAsPerformanceDrift,
    });
    signalRows.push(window.rowCount);
    const alerts = [
      ...alertsOf(impactGradedDataDrift(graded), performanceDrift),
      ...(estimatedPerformanceSeverity(graded) === 'none' ? [] : ['estimated_performance']),
    ];
    return { score: served.score, report, performanceDrift, verdict, estimate, alerts };
  }

  /** After window `w`'s labels are in: what the live runner would do; null when it does nothing. */
  async function decide(w: number, nowMs: number): Promise<{ retrained: boolean; decision: string | null }> {
    const step = decideAutomaticStep(policy, {
      windows: signals,
      nowMs,
      lastTrainingAtMs: lastFinishedAtMs,
      lastFinishedAtMs,
      ...(lastRetrainWindow === null ? {} : { windowsSinceLastFinished: w - lastRetrainWindow }),
    });
    if (step.kind === 'none') return { retrained: false, decision: null };
    if (step.kind === 'held') return { retrained: false, decision: `held: ${step.reason}` };
    const { trigger } = step;
    try {
      const horizons = trainingHorizons(policy, trigger.kind, rowsSinceDriftBegan(policy, signals, signalRows));
      const result = await options.trainer.challenger({
        champion: serving,
        recent: history.recent(),
        policy,
        horizons,
        seed: options.seed,
      });
      counts.retrains++;
      counts.fit += result.fitSeconds;
      lastFinishedAtMs = nowMs;
      lastRetrainWindow = w;
      signals = [];
      signalRows = [];
      if (!result.promote) return { retrained: true, decision: `${trigger.reason}: rejected (${result.reason})` };
      counts.promotions++;
      serving = result.serving;
      return { retrained: true, decision: `${trigger.reason}: promoted` };
    } catch (error) {
      if (!(error instanceof InsufficientDataError)) throw error;
      return { retrained: false, decision: `${trigger.reason}: deferred (${error.sufficiency.reason})` };
    }
  }

  return { serve, decide, counts };
}

function alertsOf(severity: Severity, performanceDrift: boolean): string[] {
  return [
    ...(severity === 'medium' || severity === 'high' ? [`data_drift:${severity}`] : []),
    ...(performanceDrift ? ['performance_drift'] : []),
  ];
}

function summarize(scores: readonly WindowScore[], c: FitCounts): PolicySummary {
  return {
    meanAccuracy: mean(scores.map((s) => s.accuracy)) as number,
    meanRocAuc: mean(scores.map((s) => s.rocAuc)),
    retrains: c.retrains,
    promotions: c.promotions,
    fitSeconds: c.fit,
  };
}

/** Runs the backtest; bad arguments → ModelError naming the field. */
export async function runBacktest(request: BacktestRequest, options: BacktestOptions): Promise<BacktestResult> {
  const { policy, target } = request;
  const seed = request.seed ?? 0;
  const plan = planReplay(request);
  const trainer =
    options.trainer ??
    createBuiltinBacktestTrainer({
      clock: options.clock,
      target,
      estimator: request.estimator ?? DEFAULT_ESTIMATOR,
      ...(request.params === undefined ? {} : { params: request.params }),
      exclude: plan.exclude,
      seed,
    });
  const first = await trainer.initial(plan.initial);
  const features = [...first.features];
  const history = createLabelledHistory(plan.initial, [...features, target], policy.horizonRows);
  const armOptions = {
    first: first.serving,
    policy,
    driftConfig: createDriftEngineConfig({ ...request.drift, persistenceWindows: 1 }),
    trainer,
    history,
    seed,
    metrics: request.estimation?.metrics ?? DEFAULT_WINDOW_METRICS,
  };
  const impact = request.estimation?.impact ?? DEFAULT_IMPACT_POLICY;
  const drift = createDriftPolicyArm({ ...armOptions, impact });
  const unaware = createDriftPolicyArm({ ...armOptions, impact: { ...impact, enabled: false } });
  let periodic = first.serving;
  const periodicCounts: FitCounts = { retrains: 0, promotions: 0, fit: 0 };

  const windows: BacktestWindow[] = [];
  for (let w = 0; w < plan.windowCount; w++) {
    const { rows: window, nowMs } = plan.window(w);
    const served = await drift.serve(window);
    const servedUnaware = await unaware.serve(window);
    const staticScore = (await scoreWindow(first.serving, window)).score;
    const periodicScore = (await scoreWindow(periodic, window)).score;
    history.push(window);
    const isLast = w === plan.windowCount - 1;
    const { retrained, decision } = isLast ? { retrained: false, decision: null } : await drift.decide(w, nowMs);
    const withoutImpact = isLast ? { retrained: false, decision: null } : await unaware.decide(w, nowMs);
    if (!isLast) {
      const refit = await trainer.refit(history.recent());
      periodic = refit.serving;
      periodicCounts.retrains++;
      periodicCounts.promotions++;
      periodicCounts.fit += refit.fitSeconds;
    }
    windows.push({
      index: w,
      rows: window.rowCount,
      accuracy: served.score.accuracy,
      rocAuc: served.score.rocAuc,
      driftShare: served.report.driftShare,
      severity: served.report.severity,
      performanceDrift: served.performanceDrift,
      alerts: served.alerts,
      impact: served.verdict.grade,
      estimated: served.estimate?.metrics ?? null,
      withoutImpact: { ...servedUnaware.score, ...withoutImpact, alerts: servedUnaware.alerts },
      retrained,
      decision,
      baselines: { static: staticScore, periodic: periodicScore },
    });
    request.onWindow?.(w + 1, plan.windowCount);
  }
  return {
    windows,
    policies: {
      drift: summarize(windows, drift.counts),
      driftWithoutImpact: summarize(
        windows.map((w) => w.withoutImpact),
        unaware.counts,
      ),
      static: summarize(
        windows.map((w) => w.baselines.static),
        { retrains: 0, promotions: 0, fit: 0 },
      ),
      periodic: summarize(
        windows.map((w) => w.baselines.periodic),
        periodicCounts,
      ),
    },
    setup: {
      estimator: trainer.description,
      initialRows: plan.initial.rowCount,
      windowRows: plan.windowRows,
      features,
      policy,
    },
  };
}
