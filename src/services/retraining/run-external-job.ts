/**
 * A retraining job's steps when the user's pipeline trains the challenger (retraining.trainer command / webhook):
 * `training` (rows handed over, the trainer runs) → `evaluating` (the version it registered judged by driftguard) →
 * `tracking` (the decision logged, the version tagged, alias `challenger`). The runner then promotes or rejects as for
 * any job. Any failure ends the job's run FAILED with the cause and the trainer's output.
 */
import type { StoredPrediction } from '../../domain/prediction-record.js';
import type { RetrainingJob } from '../../domain/retraining-job.js';
import type { RetrainingPolicy } from '../../domain/retraining-policy.js';
import { type ChallengerTrainer, TrainerError, type TrainerOutcome } from '../../ports/challenger-trainer.js';
import type { Clock } from '../../ports/clock.js';
import type { StoredDriftReport } from '../../ports/store.js';
import type { TableWriter } from '../../ports/table-writer.js';
import type { TrackingBackend } from '../../ports/tracking-backend.js';
import type { ServingModel, ServingModels } from '../serving/serving-models.js';
import { InsufficientDataError } from './challenger-pipeline.js';
import {
  type ExternalJudgement,
  externalReferenceProfile,
  failRun,
  handOver,
  judgeExternalChallenger,
  trackExternalChallenger,
} from './external-challenger.js';
import { planExternalRows } from './external-challenger-rows.js';
import type { RetrainingJobs } from './retraining-jobs.js';

export interface ExternalJobData {
  readonly recentRows: readonly StoredPrediction[];
  readonly olderRows: readonly StoredPrediction[];
  readonly coverage: { readonly recentPredictions: number; readonly recentLabeled: number };
  readonly triggerReports: readonly StoredDriftReport[] | null;
  readonly horizons: readonly number[];
}

export interface ExternalJobOptions {
  readonly jobs: RetrainingJobs;
  readonly serving: ServingModels;
  readonly backend: TrackingBackend;
  readonly tableWriter: TableWriter;
  readonly clock: Clock;
  readonly experimentName: string;
  readonly runUrl?: (experimentId: string, runId: string) => string | undefined;
  readonly referenceHoldoutRows: number;
}

export interface ExternalJobInput {
  readonly queued: RetrainingJob;
  readonly policy: RetrainingPolicy;
  readonly champion: ServingModel;
  readonly trainer: ChallengerTrainer;
  /** The trainer's own time-out (declared), within the job's maxTrainingMs. */
  readonly trainerTimeoutMs?: number;
  /** The label column's name in the files. */
  readonly target: string;
  readonly gather: (job: RetrainingJob) => Promise<ExternalJobData>;
}

/** The last lines of a trainer's output, for a step message. */
function tail(output: string, lines = 8): string {
  const last = output.trimEnd().split('\n').slice(-lines).join('\n').slice(-1500);
  return last === '' ? '' : `; output (last lines):\n${last}`;
}

/** Runs the job up to `tracking`; resolves with the job, the registered version and the judgement. */
export async function runExternalJob(
  options: ExternalJobOptions,
  input: ExternalJobInput,
): Promise<{ job: RetrainingJob; version: string; judgement: ExternalJudgement }> {
  const { jobs, clock, backend } = options;
  const { champion, policy, trainer } = input;
  const nowMs = () => clock.nowMs();
  const deadlineMs = nowMs() + policy.maxTrainingMs;
  let job = await jobs.transition(
    input.queued,
    'training',
    `handing the labelled rows to ${trainer.description} (champion version ${champion.version}, ${champion.model.flavor})`,
  );
  const data = await input.gather(job);
  let rows: ReturnType<typeof planExternalRows>;
  try {
    rows = planExternalRows({
      recent: data.recentRows,
      older: data.olderRows,
      policy,
      horizons: data.horizons,
      classes: champion.model.classLabels?.map(String) ?? [],
      coverage: data.coverage,
      referenceHoldoutRows: options.referenceHoldoutRows,
    });
  } catch (error) {
    if (error instanceof InsufficientDataError)
      throw new Error(`the labelled data no longer suffices: ${error.sufficiency.reason}`);
    throw error;
  }
  const { run, trainerJob } = await handOver({
    job,
    champion,
    target: input.target,
    rows,
    tableWriter: options.tableWriter,
    backend,
    experimentName: options.experimentName,
    trainer,
    nowMs,
  });
  const runUrl = options.runUrl?.(run.experimentId, run.runId);
  job = await jobs.record(job, {
    tracking: { runId: run.runId, experimentId: run.experimentId, ...(runUrl === undefined ? {} : { runUrl }) },
  });
  let outcome: TrainerOutcome | null = null;
  let judgement: ExternalJudgement | null = null;
  try {
    outcome = await trainer.train({
      ...trainerJob,
      timeoutMs: Math.max(0, Math.min(input.trainerTimeoutMs ?? Infinity, deadlineMs - nowMs())),
    });
    judgement = await judgeExternalChallenger({
      champion,
      version: outcome.version,
      serving: options.serving,
      rows,
      policy,
      span: { fromMs: data.recentRows[0]?.timestampMs ?? 0, toMs: data.recentRows.at(-1)?.timestampMs ?? 0 },
    });
    const c = judgement.metrics.challenger.test;
    const h = judgement.metrics.champion?.test;
    job = await jobs.transition(
      job,
      'evaluating',
      `${outcome.summary}; trained on ${rows.train.length} rows (validation ${rows.validation.length}); on the same ${rows.test.length} held-out test rows accuracy ${c.accuracy.toFixed(3)} vs champion ${h?.accuracy.toFixed(3) ?? 'n/a'}${tail(outcome.output)}`,
      { data: judgement.data, metrics: judgement.metrics },
    );
    job = await jobs.transition(
      job,
      'tracking',
      `${judgement.decision.promote ? 'promote' : 'reject'}: ${judgement.decision.reason}; logging the run to ${backend.location}`,
      { decision: judgement.decision },
    );
    await trackExternalChallenger({
      backend,
      run,
      job,
      version: outcome.version,
      outcome,
      judgement,
      reference: await externalReferenceProfile(judgement.challenger, rows),
      driftReport: data.triggerReports?.[0]?.report ?? null,
      nowMs,
    });
  } catch (error) {
    const output = outcome?.output ?? (error instanceof TrainerError ? error.outputTail : '');
    await failRun(backend, run.runId, error, output, nowMs);
    throw error;
  } finally {
    await judgement?.challenger.inference.close().catch(() => undefined);
  }
  const version = outcome.version.version;
  job = await jobs.record(job, { tracking: { ...job.tracking, runId: run.runId, registeredVersion: version } });
  return { job, version, judgement };
}
