/**
 * Backtest: replays a labelled table window by window through the very code of live retraining — drift engine
 * (windows, tests, severity, performance drift), the retraining policy (trigger, guards, sufficiency), the
 * challenger pipeline and the promotion rule — with a simulated clock and no HTTP, next to two baselines run in the
 * same pass: `static` (never retrain) and `periodic` (retrain after every window on the same horizon, always swap).
 *
 * Labels of a window become known right after it is served: its performance drift is evaluated with them and a
 * retrained model serves from the next window on.
 */
import { type Cell, cellAt, cellsOfColumn, type Column, concatTables, type DataTable, projectTable } from '../../domain/data-table.js';
import { decideAutomaticStep, rowsOfHighStreak, trainingHorizons, type RetrainingPolicy, type WindowSignal } from '../../domain/retraining-policy.js';
import type { Severity } from '../../domain/severity.js';
import type { DriftEngineOptions } from '../../drift/drift-config.js';
import { createDriftEngineConfig } from '../../drift/create-drift-engine-config.js';
import { evaluateDrift } from '../../drift/evaluate-drift.js';
import type { ReferenceProfile } from '../../drift/reference-profile.js';
import { binaryClassificationMetrics, encodeTarget, ModelError, selectRows, type EstimatorKind, type FittedModel, type HyperParamValue } from '../../models/index.js';
import type { Clock } from '../../ports/clock.js';
import { createTrainModelService, type TrainedModel } from '../train-model.js';
import { createChallengerPipeline, InsufficientDataError } from './challenger-pipeline.js';
import { monitoringProfile, scoredTable } from './monitoring-profile.js';

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
  /** Alerts this window raises: `data_drift:<severity>` at medium or above, `performance_drift`. */
  readonly alerts: readonly string[];
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
  readonly policies: { readonly drift: PolicySummary; readonly static: PolicySummary; readonly periodic: PolicySummary };
  readonly setup: {
    readonly estimator: EstimatorKind;
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
}

function timeOf(cell: Cell): number | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  if (typeof cell === 'string') {
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(cell) ? `${cell.replace(' ', 'T')}Z` : cell);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

function sortedBy(table: DataTable, column: string): DataTable {
  const cells = cellsOfColumn(table, column);
  if (cells === undefined) throw new ModelError('orderColumn', `no column "${column}"; columns: ${table.columnNames.join(', ')}`);
  const keys = cells.map((c, i) => {
    const t = timeOf(c);
    if (t === null) throw new ModelError(`${column}[${i}]`, `order column values must be numbers or date-times, got ${JSON.stringify(c)}`);
    return t;
  });
  const order = Array.from({ length: table.rowCount }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  return selectRows(table, order);
}

function sliceRows(table: DataTable, start: number, end: number): DataTable {
  return selectRows(table, Array.from({ length: end - start }, (_, i) => start + i));
}

function scoreWindow(model: FittedModel, window: DataTable): { score: WindowScore; scores: Float64Array } {
  const scores = model.predictProbaBatch(window);
  const m = binaryClassificationMetrics(encodeTarget(window, model.schema), scores);
  return { score: { accuracy: m.accuracy, rocAuc: m.rocAuc }, scores };
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** A model in service with what the drift policy monitors it against. */
interface Serving {
  readonly model: FittedModel;
  readonly trainTable: DataTable;
  readonly profile: ReferenceProfile | null;
}

/** Runs the backtest; bad arguments → ModelError naming the field. */
export function runBacktest(request: BacktestRequest, options: BacktestOptions): BacktestResult {
  const { policy, target } = request;
  const windowRows = request.windowRows ?? 1000;
  const estimator = request.estimator ?? 'logistic';
  const seed = request.seed ?? 0;
  if (!Number.isInteger(windowRows) || windowRows < 2) throw new ModelError('window', `must be an integer ≥ 2, got ${windowRows}`);
  if (!request.table.columnNames.includes(target)) throw new ModelError('target', `no column "${target}"; columns: ${request.table.columnNames.join(', ')}`);
  const order = request.orderColumn;
  const table = order === undefined ? request.table : sortedBy(request.table, order);
  const reference = request.reference == null ? null : order === undefined ? request.reference : sortedBy(request.reference, order);
  const initialRows = reference === null ? (request.initialRows ?? 5000) : reference.rowCount;
  if (!Number.isInteger(initialRows) || initialRows < 10) throw new ModelError('initialRows', `must be an integer ≥ 10, got ${initialRows}`);
  const initial = reference ?? sliceRows(table, 0, Math.min(initialRows, table.rowCount));
  const replayStart = reference === null ? initialRows : 0;
  const windowCount = Math.floor((table.rowCount - replayStart) / windowRows);
  if (windowCount < 1) {
    throw new ModelError('data', `${table.rowCount} rows leave no window of ${windowRows} rows after the ${reference === null ? `${initialRows} initial rows` : 'reference'}`);
  }
  const exclude = [...(request.exclude ?? []), ...(order === undefined ? [] : [order])];
  const trainService = createTrainModelService({ clock: options.clock });
  const pipeline = createChallengerPipeline({ clock: options.clock });
  const driftConfig = createDriftEngineConfig({ ...request.drift, persistenceWindows: 1 });

  const first = trainService.train({ table: initial, target, estimator, params: request.params, exclude, timeColumn: undefined, seed });
  const features = first.model.schema.features.map((f) => f.name);
  const history: DataTable[] = [initial];
  const profileOf = (t: TrainedModel): ReferenceProfile => monitoringProfile(t.model, t.trainTable, t.testTable);
  let drift: Serving = { model: first.model, trainTable: first.trainTable, profile: profileOf(first) };
  let periodic: FittedModel = first.model;
  const counts = { drift: { retrains: 0, promotions: 0, fit: 0 }, periodic: { retrains: 0, promotions: 0, fit: 0 } };
  let signals: WindowSignal[] = [];
  let signalRows: number[] = [];
  let lastFinishedAtMs: number | null = null;
  let lastRetrainWindow: number | null = null;
  const windows: BacktestWindow[] = [];
  const columnsForTraining = [...features, target];
  const labelled = (t: DataTable): DataTable => projectTable(t, columnsForTraining);
  const recentRows = (): DataTable => {
    const needed: DataTable[] = [];
    let rows = 0;
    for (let i = history.length - 1; i >= 0 && rows < policy.horizonRows; i--) {
      needed.unshift(history[i]);
      rows += history[i].rowCount;
    }
    const merged = needed.map(labelled);
    const all = concatTables(merged);
    return rows > policy.horizonRows ? sliceRows(all, rows - policy.horizonRows, rows) : all;
  };

  for (let w = 0; w < windowCount; w++) {
    const start = replayStart + w * windowRows;
    const window = sliceRows(table, start, start + windowRows);
    const lastTime = order === undefined ? null : timeOf(cellAt(window.columns.get(order) as Column, window.rowCount - 1));
    const nowMs = lastTime ?? (w + 1) * SIMULATED_WINDOW_MS;
    const served = scoreWindow(drift.model, window);
    const staticScore = scoreWindow(first.model, window).score;
    const periodicScore = scoreWindow(periodic, window).score;
    const report = evaluateDrift(drift.profile as ReferenceProfile, scoredTable(drift.model, window, served.scores), driftConfig);
    const performanceDrift = report.performance?.drifted === true;
    const signal: WindowSignal = { severity: report.severity, performanceDrifted: performanceDrift, driftShare: report.driftShare };
    signals.push(signal);
    signalRows.push(window.rowCount);
    history.push(window);
    const isLast = w === windowCount - 1;
    let retrained = false;
    let decision: string | null = null;

    if (!isLast) {
      const step = decideAutomaticStep(policy, {
        windows: signals,
        nowMs,
        lastTrainingAtMs: lastFinishedAtMs,
        lastFinishedAtMs,
        ...(lastRetrainWindow === null ? {} : { windowsSinceLastFinished: w - lastRetrainWindow }),
      });
      if (step.kind === 'held') decision = `held: ${step.reason}`;
      else if (step.kind === 'open') {
        const { trigger } = step;
        try {
          const horizons = trainingHorizons(policy, trigger.kind, rowsOfHighStreak(policy, signals, signalRows));
          const result = pipeline.run({ champion: drift.model, recent: recentRows(), reference: labelled(drift.trainTable), policy, horizons, seed });
          retrained = true;
          counts.drift.retrains++;
          counts.drift.fit += result.fitSeconds;
          lastFinishedAtMs = nowMs;
          lastRetrainWindow = w;
          signals = [];
          signalRows = [];
          if (result.decision.promote) {
            counts.drift.promotions++;
            drift = { model: result.challenger.model, trainTable: result.challenger.trainTable, profile: profileOf(result.challenger) };
            decision = `${trigger.reason}: promoted`;
          } else {
            decision = `${trigger.reason}: rejected (${result.decision.reason})`;
          }
        } catch (error) {
          if (!(error instanceof InsufficientDataError)) throw error;
          decision = `${trigger.reason}: deferred (${error.sufficiency.reason})`;
        }
      }
      const horizon = recentRows();
      const refit = trainService.train({ table: horizon, target, estimator, params: request.params, seed });
      periodic = refit.model;
      counts.periodic.retrains++;
      counts.periodic.promotions++;
      counts.periodic.fit += refit.fitSeconds;
    }
    const alerts = [
      ...(report.severity === 'medium' || report.severity === 'high' ? [`data_drift:${report.severity}`] : []),
      ...(performanceDrift ? ['performance_drift'] : []),
    ];
    windows.push({
      index: w,
      rows: window.rowCount,
      accuracy: served.score.accuracy,
      rocAuc: served.score.rocAuc,
      driftShare: report.driftShare,
      severity: report.severity,
      performanceDrift,
      alerts,
      retrained,
      decision,
      baselines: { static: staticScore, periodic: periodicScore },
    });
    request.onWindow?.(w + 1, windowCount);
  }

  const summary = (scores: readonly WindowScore[], c: { retrains: number; promotions: number; fit: number }): PolicySummary => ({
    meanAccuracy: mean(scores.map((s) => s.accuracy)) as number,
    meanRocAuc: mean(scores.map((s) => s.rocAuc)),
    retrains: c.retrains,
    promotions: c.promotions,
    fitSeconds: c.fit,
  });
  return {
    windows,
    policies: {
      drift: summary(windows, counts.drift),
      static: summary(windows.map((w) => w.baselines.static), { retrains: 0, promotions: 0, fit: 0 }),
      periodic: summary(windows.map((w) => w.baselines.periodic), counts.periodic),
    },
    setup: { estimator, initialRows: initial.rowCount, windowRows, features, policy },
  };
}
