import { type Cell, type DataTable, dataTableOf, ownCell } from '../../domain/data-table.js';
import type { StoredPrediction } from '../../domain/prediction-record.js';
import { failJob, IN_FLIGHT_STATUSES, type RetrainingJob, recoverAfterRestart } from '../../domain/retraining-job.js';
import {
  decideAutomaticStep,
  formatDuration,
  isOutOfTime,
  type RetrainingPolicy,
  trainingHorizons,
  type WindowSignal,
  windowsSinceDriftBegan,
} from '../../domain/retraining-policy.js';
import type { EstimatorKind, FittedModel } from '../../models/index.js';
import type { ChallengerExecutor, ChallengerResult } from '../../ports/challenger-executor.js';
import type { ChallengerTrainer } from '../../ports/challenger-trainer.js';
import type { Clock } from '../../ports/clock.js';
import type { OnnxCodec } from '../../ports/onnx-codec.js';
import type {
  DriftReportRepository,
  LeaseRepository,
  PredictionLog,
  ReferenceProfileRepository,
  RetrainingJobRepository,
  StoredDriftReport,
} from '../../ports/store.js';
import type { TableWriter } from '../../ports/table-writer.js';
import type { TrackingBackend } from '../../ports/tracking-backend.js';
import type { ChampionChanges } from '../champion/champion-changes.js';
import type { CommandTrainerDeclaration, WebhookTrainerDeclaration } from '../config/trainer-schema.js';
import type { MonitoredModels } from '../monitored-models.js';
import { createPerModelLoop } from '../monitoring/per-model-loop.js';
import type { ServingModel, ServingModels } from '../serving/serving-models.js';
import { createInThreadChallengerExecutor, InsufficientDataError } from './challenger-pipeline.js';
import { type RetrainingJobs, retrainingPolicyOf } from './retraining-jobs.js';
import { runExternalJob } from './run-external-job.js';
import { RETRAINER, trackChallenger } from './track-challenger.js';

/** A trainer that is the user's pipeline. */
export type ExternalTrainerDeclaration = CommandTrainerDeclaration | WebhookTrainerDeclaration;

/** Labelled rows older than the training horizon held out to show what a challenger forgot (at most). */
export const REFERENCE_HOLDOUT_ROWS = 1000;

export interface RetrainingRunnerOptions {
  readonly store: PredictionLog &
    DriftReportRepository &
    LeaseRepository &
    ReferenceProfileRepository &
    RetrainingJobRepository;
  readonly models: MonitoredModels;
  readonly jobs: RetrainingJobs;
  readonly serving: ServingModels;
  readonly champions: ChampionChanges;
  readonly backend: TrackingBackend;
  /** Encodes the ONNX graph of the challengers driftguard trains. */
  readonly codec: OnnxCodec;
  readonly clock: Clock;
  /** This replica's identity for leases. */
  readonly holder: string;
  /** How often the runner looks at each model (default 1000 ms). */
  readonly tickMs?: number;
  /** How long a replica keeps a model's retraining lease without renewing it (default 60 s; renewed at every step). */
  readonly leaseMs?: number;
  /** Experiment of the retraining runs (default `driftguard-retraining-<model>`). */
  readonly experimentName?: (model: string) => string;
  /** A link to the run in the tracking UI (e.g. MLflow's), when there is one. */
  readonly runUrl?: (experimentId: string, runId: string) => string | undefined;
  readonly onError?: (model: string, error: unknown) => void;
  /** Where challengers are trained (default: on the calling thread; the service uses a worker thread per job). */
  readonly executor?: ChallengerExecutor;
  /** The user's pipeline a definition declares as `retraining.trainer` (absent: only the built-in trainers run). */
  readonly trainerFor?: (declaration: ExternalTrainerDeclaration) => ChallengerTrainer;
  /** Writes the Parquet files handed to the user's pipeline. */
  readonly tableWriter?: TableWriter;
}

/** A job that ran past `maxTrainingMs`. */
class OutOfTimeError extends Error {}

const causeOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The labelled prediction-log rows as a table of the champion's features and target, oldest first. */
function labelledTable(rows: readonly StoredPrediction[], champion: FittedModel): DataTable {
  const names = [...champion.schema.features.map((f) => f.name), champion.schema.target];
  const columns = new Map<string, readonly Cell[]>();
  for (const f of champion.schema.features)
    columns.set(
      f.name,
      rows.map((r) => ownCell(r.features, f.name)),
    );
  columns.set(
    champion.schema.target,
    rows.map((r) => r.label),
  );
  return dataTableOf(
    names.map((name) => [name, columns.get(name) as readonly Cell[]] as const),
    rows.length,
  );
}

/**
 * Closes the loop for every monitored model, off the request path, once per model across replicas (the holder of
 * the model's `retrain:<name>` lease does the work):
 * - after each stored drift report, the policy's trigger (persistence of `high` windows, or the schedule) and guards
 *   (cooldown, one open job) decide whether a job opens — `queued`, or `deferred` with the exact reason;
 * - a deferred job is looked at again whenever labels arrive, and queued once the data suffices;
 * - a queued job runs: challenger pipeline (train, evaluate champion and challenger on the same test rows and the
 *   older hold-out) → tracked run + registered version with alias `challenger` → on promotion the champion moves,
 *   the serving model is swapped and the challenger's training data becomes the reference; rejection keeps the
 *   champion with the reason. Any failure (trainer, tracking outage, time-out) ends the job `failed` with its cause;
 *   the trigger fires again after the cooldown (the retry).
 * Every step is persisted before it is published. A job found in flight without a runner in this process (restart,
 * or a replica that died) is failed cleanly ("interrupted by restart"); queued and deferred jobs simply resume.
 */
export function createRetrainingRunner(options: RetrainingRunnerOptions) {
  const { store, clock, jobs } = options;
  const tickMs = options.tickMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const executor = options.executor ?? createInThreadChallengerExecutor({ clock });
  const experimentName = options.experimentName ?? ((model: string) => `driftguard-retraining-${model}`);
  /** Jobs whose work runs in this process. */
  const runningHere = new Set<string>();
  /** Labelled-row count at the last look at a deferred job, per job id. */
  const labelledAtLastLook = new Map<string, number>();

  const leaseName = (model: string) => `retrain:${model}`;
  const renew = (model: string) => store.tryAcquireLease(leaseName(model), options.holder, leaseMs, clock.nowMs());

  const signalOf = (r: StoredDriftReport): WindowSignal => ({
    severity: r.severity,
    performanceDrifted: r.report.performance?.drifted === true,
    multivariateDrifted: (r.report.multivariate?.drifted ?? r.report.multivariateCadence?.lastDrifted) === true,
    driftShare: r.driftShare,
    driftReportId: r.id,
    ...(r.report.impact === undefined
      ? {}
      : {
          dataDriftTriggers: r.report.impact.dataDriftTriggers,
          estimatedPerformanceDrop: r.report.impact.countsAsPerformanceDrift,
        }),
  });

  /**
   * Labelled rows logged since the drift of a drift-triggered job began: from the start of the trailing run of
   * performance-drifted windows (when the triggering window shows it: labels date a concept change best), else of
   * high windows, up to the triggering report. `reports`: the triggering report and those before it, newest first
   * (null for a manual or scheduled job: every row counts).
   */
  function labelledSinceDriftBegan(
    reports: readonly StoredDriftReport[] | null,
    policy: RetrainingPolicy,
    rows: readonly StoredPrediction[],
  ): number {
    if (reports === null) return rows.length;
    const run = windowsSinceDriftBegan(policy, reports.map(signalOf).reverse());
    const beganMs = run === 0 ? Infinity : reports[run - 1].windowStartMs;
    return rows.filter((r) => r.timestampMs >= beganMs).length;
  }

  /** Opens a job when the trigger fires and the guards allow it; the opened job, else null. */
  async function considerTrigger(name: string, policy: RetrainingPolicy): Promise<RetrainingJob | null> {
    const last = (await store.listRetrainingJobs(name, { limit: 1 }))[0] ?? null;
    const lastFinishedAtMs = last?.finishedAtMs ?? null;
    const reference = await store.latestReferenceProfile(name);
    // Windows count from the later of: the reference in force (the champion put in place) and the last job's end.
    const sinceMs = Math.max(reference?.createdAtMs ?? -Infinity, lastFinishedAtMs ?? -Infinity);
    // One read serves both the trigger (the last persistWindows) and the cooldown count (up to cooldownWindows + 1).
    const recent = await store.listDriftReports(name, {
      limit: Math.max(policy.persistWindows, policy.cooldownWindows + 1),
    });
    const windows = recent
      .filter((r) => r.createdAtMs > sinceMs)
      .reverse()
      .map(signalOf);
    const step = decideAutomaticStep(policy, {
      windows,
      nowMs: clock.nowMs(),
      lastTrainingAtMs: Number.isFinite(sinceMs) ? sinceMs : null,
      lastFinishedAtMs,
      ...(lastFinishedAtMs === null
        ? {}
        : { windowsSinceLastFinished: recent.filter((r) => r.createdAtMs > lastFinishedAtMs).length }),
    });
    if (step.kind !== 'open') return null;
    // Without a champion in the registry (predictions made elsewhere) there is nothing to retrain from.
    if ((options.serving.get(name) ?? (await options.serving.refresh(name))?.serving ?? null) === null) return null;
    return jobs.open(name, step.trigger, policy);
  }

  /** The labelled rows a job trains on (the horizon, and older rows for the reference holdout) and its horizons. */
  async function gatherTrainingData(job: RetrainingJob, policy: RetrainingPolicy) {
    const name = job.model;
    const rows = await store.latestLabeledPredictions(name, policy.horizonRows + REFERENCE_HOLDOUT_ROWS);
    const split = Math.max(0, rows.length - policy.horizonRows);
    const recentRows = rows.slice(split);
    const olderRows = rows.slice(0, split);
    const { total, labeled } = await store.countPredictions(name);
    const triggerId = job.trigger.driftReportId;
    const triggerReports =
      triggerId === undefined ? null : await store.listDriftReports(name, { limit: 200, beforeId: triggerId + 1 });
    const horizons = trainingHorizons(
      policy,
      job.trigger.kind,
      labelledSinceDriftBegan(triggerReports, policy, recentRows),
    );
    return {
      recentRows,
      olderRows,
      coverage: { recentPredictions: total, recentLabeled: labeled },
      triggerReports,
      horizons,
    };
  }

  /** Trains and evaluates the challenger off the event loop, within the job's deadline. */
  async function trainChallenger(
    champion: FittedModel,
    data: Awaited<ReturnType<typeof gatherTrainingData>>,
    policy: RetrainingPolicy,
    estimator: EstimatorKind | undefined,
  ): Promise<ChallengerResult> {
    const startedMs = clock.nowMs();
    const { recentRows, olderRows } = data;
    await new Promise((resolve) => setImmediate(resolve));
    let result: ChallengerResult;
    try {
      result = await executor.run(
        {
          champion,
          ...(estimator === undefined ? {} : { estimator }),
          recent: labelledTable(recentRows, champion),
          reference: olderRows.length === 0 ? null : labelledTable(olderRows, champion),
          referenceHoldoutRows: REFERENCE_HOLDOUT_ROWS,
          horizons: data.horizons,
          policy,
          span: { fromMs: recentRows[0]?.timestampMs ?? 0, toMs: recentRows.at(-1)?.timestampMs ?? 0 },
          coverage: data.coverage,
        },
        startedMs + policy.maxTrainingMs - clock.nowMs(),
      );
    } catch (error) {
      if (error instanceof InsufficientDataError)
        throw new Error(`the labelled data no longer suffices: ${error.sufficiency.reason}`);
      throw error;
    }
    if (isOutOfTime(policy, startedMs, clock.nowMs()))
      throw new OutOfTimeError(
        `out of time after training (${formatDuration(clock.nowMs() - startedMs)} > ${formatDuration(policy.maxTrainingMs)})`,
      );
    return result;
  }

  /** Logs the run and registers the challenger; the registered version is on the job before the champion can move. */
  async function trackAndRegister(
    job: RetrainingJob,
    result: ChallengerResult,
    triggerReports: readonly StoredDriftReport[] | null,
  ) {
    const name = job.model;
    const driftReport = triggerReports?.[0]?.report ?? null;
    // Tracking is not cut off at the deadline (a run stopped half-way could still register a version); it is bounded by
    // the tracking client's own timeouts, and a failure before registration leaves nothing registered.
    const tracked = await trackChallenger({
      backend: options.backend,
      codec: options.codec,
      job,
      result,
      driftReport,
      experimentName: experimentName(name),
      nowMs: () => clock.nowMs(),
    });
    const version = tracked.version?.version;
    if (version === undefined) throw new Error('the tracked run registered no version');
    const runUrl = options.runUrl?.(tracked.experimentId, tracked.runId);
    const recorded = await jobs.record(job, {
      tracking: {
        runId: tracked.runId,
        experimentId: tracked.experimentId,
        registeredVersion: version,
        ...(runUrl === undefined ? {} : { runUrl }),
      },
    });
    return { job: recorded, version };
  }

  /** The built-in trainers' steps up to `tracking`: train and judge in the executor, then log and register. */
  async function advanceBuiltinJob(
    queued: RetrainingJob,
    policy: RetrainingPolicy,
    champion: ServingModel,
    estimator: EstimatorKind | undefined,
  ) {
    const name = queued.model;
    const fitted = champion.model.fitted;
    if (fitted === null)
      throw new Error(
        `model ${name}'s champion version ${champion.version} was not trained by driftguard (${champion.model.flavor}): the built-in trainers cannot retrain it; declare "retraining": {"trainer": {"type": "command", …}} or {"type": "webhook", …} (docs/bring-your-own-model.md)`,
      );
    let job = await jobs.transition(
      queued,
      'training',
      `training a ${estimator ?? fitted.estimator} challenger of version ${champion.version} on up to ${policy.horizonRows} labelled rows`,
    );
    const data = await gatherTrainingData(job, policy);
    const result = await trainChallenger(fitted, data, policy, estimator);
    const c = result.metrics.challenger.test;
    const h = result.metrics.champion?.test;
    job = await jobs.transition(
      job,
      'evaluating',
      `challenger trained on ${result.data.trainRows} rows in ${result.challenger.fitSeconds.toFixed(1)} s; on the same ${result.data.testRows} test rows accuracy ${c.accuracy.toFixed(3)} vs champion ${h?.accuracy.toFixed(3) ?? 'n/a'}`,
      { data: result.data, metrics: result.metrics },
    );
    job = await jobs.transition(
      job,
      'tracking',
      `${result.decision.promote ? 'promote' : 'reject'}: ${result.decision.reason}; logging the run to ${options.backend.location}`,
      {
        decision: result.decision,
      },
    );
    const registered = await trackAndRegister(job, result, data.triggerReports);
    return { job: registered.job, version: registered.version, decision: result.decision };
  }

  /** The user's pipeline's steps up to `tracking` (retraining.trainer command / webhook). */
  async function advanceExternalJob(
    queued: RetrainingJob,
    policy: RetrainingPolicy,
    champion: ServingModel,
    declaration: ExternalTrainerDeclaration,
    target: string,
  ) {
    if (options.trainerFor === undefined || options.tableWriter === undefined)
      throw new Error(`model ${queued.model} declares a ${declaration.type} trainer, and this service runs none`);
    const { job, version, judgement } = await runExternalJob(
      {
        jobs,
        serving: options.serving,
        backend: options.backend,
        tableWriter: options.tableWriter,
        clock,
        experimentName: experimentName(queued.model),
        runUrl: options.runUrl,
        referenceHoldoutRows: REFERENCE_HOLDOUT_ROWS,
      },
      {
        queued,
        policy,
        champion,
        trainer: options.trainerFor(declaration),
        ...(declaration.timeoutMs === undefined ? {} : { trainerTimeoutMs: declaration.timeoutMs }),
        target,
        gather: (job) => gatherTrainingData(job, policy),
      },
    );
    return { job, version, decision: judgement.decision };
  }

  /** A job's work from `training` to `promoted` / `rejected`; each step is recorded on the job as it happens. */
  async function advanceJob(queued: RetrainingJob, policy: RetrainingPolicy): Promise<RetrainingJob> {
    const name = queued.model;
    const champion = options.serving.get(name) ?? (await options.serving.refresh(name))?.serving ?? null;
    if (champion === null) throw new Error(`model ${name} has no champion version to retrain from`);
    const { definition } = await options.models.get(name);
    const declaration = definition.retraining?.trainer;
    const { job, version, decision } =
      declaration === undefined || declaration.type === 'builtin'
        ? await advanceBuiltinJob(queued, policy, champion, declaration?.model)
        : await advanceExternalJob(queued, policy, champion, declaration, definition.target ?? 'label');
    if (!decision.promote) {
      return jobs.transition(
        job,
        'rejected',
        `rejected version ${version} (kept champion ${champion.version}): ${decision.reason}`,
      );
    }
    const change = await options.champions.promote(name, version, {
      by: RETRAINER,
      reason: `retraining job ${job.id}: ${decision.reason}`,
    });
    return jobs.transition(
      job,
      'promoted',
      `promoted version ${version} (champion was ${change.fromVersion ?? 'unset'})`,
    );
  }

  /** Runs a queued job holding the model's lease; any failure fails the job with its cause (never left in flight). */
  async function runJob(queued: RetrainingJob, policy: RetrainingPolicy): Promise<void> {
    const name = queued.model;
    runningHere.add(queued.id);
    // Keep the model's lease while the job runs (training may outlast it), so no other replica takes the job for dead.
    const renewal = setInterval(() => void renew(name).catch(() => undefined), Math.max(1000, leaseMs / 3));
    renewal.unref();
    try {
      await advanceJob(queued, policy);
    } catch (error) {
      const latest = (await store.getRetrainingJob(name, queued.id)) ?? queued;
      if (!IN_FLIGHT_STATUSES.includes(latest.status) && latest.status !== 'queued') throw error;
      await jobs.save(failJob(latest, clock.nowMs(), causeOf(error)));
    } finally {
      clearInterval(renewal);
      runningHere.delete(queued.id);
    }
  }

  async function tickModel(name: string): Promise<void> {
    if (!(await renew(name))) return;
    const policy = await retrainingPolicyOf(options.models, name);
    let open = await jobs.current(name);
    if (open !== null && IN_FLIGHT_STATUSES.includes(open.status) && !runningHere.has(open.id)) {
      await jobs.save(recoverAfterRestart(open, clock.nowMs()));
      open = null;
    }
    open ??= await considerTrigger(name, policy);
    if (open?.status === 'deferred') {
      const { labeled } = await store.countPredictions(name);
      if (labelledAtLastLook.get(open.id) === labeled) return;
      labelledAtLastLook.set(open.id, labeled);
      open = await jobs.reevaluate(open, policy);
    }
    if (open?.status === 'queued') {
      labelledAtLastLook.delete(open.id);
      await runJob(open, policy);
    }
  }

  const loop = createPerModelLoop({
    models: options.models,
    leases: store,
    holder: options.holder,
    leaseName,
    tickMs,
    tickModel,
    onError: options.onError,
  });
  return {
    ...loop,
    /** Wakes the runner now (a drift report was stored, labels or a manual trigger arrived). */
    wake(): void {
      void loop.runOnce();
    },
  };
}

export type RetrainingRunner = ReturnType<typeof createRetrainingRunner>;
