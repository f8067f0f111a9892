/**
 * A retraining job (its JSON and states: docs/retraining.md, "Job states") and its pure state machine:
 *
 *   deferred ──(sufficiency met)──▶ queued ──▶ training ──▶ evaluating ──▶ tracking ──▶ promoted | rejected
 *   deferred ──────────────────────────────▶ training
 *   any non-final state ──▶ failed          deferred ──▶ deferred (re-evaluated, new reason)
 *
 * Every transition appends one step (status, time, message) to the job's story. Restart rule: a job found in
 * `training`, `evaluating` or `tracking` after a restart is FAILED with "interrupted by restart" (its in-memory
 * model is gone and a half-tracked run must not be promoted); `queued` and `deferred` jobs simply resume.
 */
import type { RetrainingTrigger, SufficiencyResult } from './retraining-policy.js';

export type RetrainingJobStatus =
  | 'deferred'
  | 'queued'
  | 'training'
  | 'evaluating'
  | 'tracking'
  | 'promoted'
  | 'rejected'
  | 'failed';

/** Classification metrics of one model on one set (rocAuc / logLoss null when undefined, e.g. one class). */
export interface JobMetricSet {
  readonly accuracy: number;
  readonly rocAuc: number | null;
  readonly logLoss: number | null;
  readonly f1: number;
}

/** Why a job waits: the sufficiency verdict's numbers and its exact reason. */
export type RetrainingDeferral = Omit<SufficiencyResult, 'met'>;

export interface RetrainingJobStep {
  readonly status: RetrainingJobStatus;
  readonly atMs: number;
  readonly message: string;
}

export interface RetrainingJobData {
  readonly trainRows: number;
  readonly validationRows: number;
  readonly testRows: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly referenceRows: number;
}

export interface RetrainingJobMetrics {
  readonly challenger: { readonly validation: JobMetricSet | null; readonly test: JobMetricSet };
  readonly champion: { readonly test: JobMetricSet } | null;
  /** Both models on a held-out slice of the old reference: what the challenger forgot. */
  readonly referenceHoldout?: { readonly challenger: JobMetricSet; readonly champion: JobMetricSet | null };
}

export interface RetrainingDecision {
  readonly promote: boolean;
  readonly reason: string;
}

export interface RetrainingTracking {
  readonly runId: string;
  readonly runUrl?: string;
  readonly registeredVersion?: string;
  readonly experimentId?: string;
}

export interface RetrainingJob {
  readonly id: string;
  readonly model: string;
  readonly status: RetrainingJobStatus;
  readonly trigger: RetrainingTrigger;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly finishedAtMs?: number;
  readonly deferral?: RetrainingDeferral;
  /** The story, oldest first. */
  readonly steps: readonly RetrainingJobStep[];
  readonly data?: RetrainingJobData;
  readonly metrics?: RetrainingJobMetrics;
  readonly decision?: RetrainingDecision;
  readonly tracking?: RetrainingTracking;
  /** Set when `failed`. */
  readonly error?: string;
}

/** What a transition may add to the job besides the new status and step. */
export type RetrainingJobPatch = Partial<
  Pick<RetrainingJob, 'deferral' | 'data' | 'metrics' | 'decision' | 'tracking' | 'error'>
>;

export const FINAL_STATUSES: readonly RetrainingJobStatus[] = ['promoted', 'rejected', 'failed'];
/** States in which a job holds the model's single "running" slot. */
export const ACTIVE_STATUSES: readonly RetrainingJobStatus[] = ['queued', 'training', 'evaluating', 'tracking'];
/** States whose work lives in memory only: a restart fails them. */
export const IN_FLIGHT_STATUSES: readonly RetrainingJobStatus[] = ['training', 'evaluating', 'tracking'];

const ALLOWED: Readonly<Record<RetrainingJobStatus, readonly RetrainingJobStatus[]>> = {
  deferred: ['deferred', 'queued', 'training', 'failed'],
  queued: ['training', 'failed'],
  training: ['evaluating', 'failed'],
  evaluating: ['tracking', 'failed'],
  tracking: ['promoted', 'rejected', 'failed'],
  promoted: [],
  rejected: [],
  failed: [],
};

export const RESTART_FAILURE = 'interrupted by restart';

/** A transition the state machine does not allow (a programming error of the caller, or a lost race). */
export class RetrainingJobTransitionError extends Error {
  override readonly name: string = 'RetrainingJobTransitionError';

  constructor(
    readonly from: RetrainingJobStatus,
    readonly to: RetrainingJobStatus,
  ) {
    super(
      `retraining job cannot go from ${from} to ${to}${FINAL_STATUSES.includes(from) ? ` (${from} is final)` : ''}`,
    );
  }
}

export function isFinal(status: RetrainingJobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isActive(status: RetrainingJobStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export function canTransition(from: RetrainingJobStatus, to: RetrainingJobStatus): boolean {
  return ALLOWED[from].includes(to);
}

export interface NewRetrainingJob {
  readonly id: string;
  readonly model: string;
  readonly trigger: RetrainingTrigger;
  readonly nowMs: number;
  /** When given, the job starts `deferred` with it; otherwise `queued`. */
  readonly deferral?: RetrainingDeferral;
}

/** A new job, `queued` (or `deferred` when a deferral is given), with its first step. */
export function createRetrainingJob(input: NewRetrainingJob): RetrainingJob {
  const { id, model, trigger, nowMs, deferral } = input;
  const status: RetrainingJobStatus = deferral === undefined ? 'queued' : 'deferred';
  const message =
    deferral === undefined
      ? `queued (${trigger.kind}: ${trigger.reason})`
      : `deferred (${trigger.kind}: ${trigger.reason}): ${deferral.reason}`;
  return {
    id,
    model,
    status,
    trigger,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    ...(deferral === undefined ? {} : { deferral }),
    steps: [{ status, atMs: nowMs, message }],
  };
}

/**
 * Moves the job to `to` at `atMs`, appending a step with `message` and merging `patch`. Final states get
 * `finishedAtMs`; leaving `deferred` drops the deferral. Disallowed → RetrainingJobTransitionError.
 */
export function transitionJob(
  job: RetrainingJob,
  to: RetrainingJobStatus,
  atMs: number,
  message: string,
  patch: RetrainingJobPatch = {},
): RetrainingJob {
  if (!canTransition(job.status, to)) throw new RetrainingJobTransitionError(job.status, to);
  const next: { -readonly [K in keyof RetrainingJob]: RetrainingJob[K] } = {
    ...job,
    ...patch,
    status: to,
    updatedAtMs: atMs,
    steps: [...job.steps, { status: to, atMs, message }],
  };
  if (job.status === 'deferred' && to !== 'deferred' && patch.deferral === undefined) delete next.deferral;
  if (isFinal(to)) next.finishedAtMs = atMs;
  return next;
}

/** Ends the job as `failed` with its cause (from any non-final state). */
export function failJob(job: RetrainingJob, atMs: number, cause: string): RetrainingJob {
  return transitionJob(job, 'failed', atMs, `failed: ${cause}`, { error: cause });
}

/**
 * Re-evaluates a deferred job as labels arrive: `met` → queued; otherwise it stays deferred, and a step is added
 * only when the reason changed (so the story does not grow by one line per label).
 */
export function reevaluateDeferral(
  job: RetrainingJob,
  atMs: number,
  sufficiency: RetrainingDeferral & { readonly met: boolean },
): RetrainingJob {
  if (job.status !== 'deferred')
    throw new RetrainingJobTransitionError(job.status, sufficiency.met ? 'queued' : 'deferred');
  const { met, ...deferral } = sufficiency;
  if (met) return transitionJob(job, 'queued', atMs, `labelled data sufficient (${deferral.labeledRows} rows): queued`);
  if (job.deferral?.reason === deferral.reason) return { ...job, deferral, updatedAtMs: atMs };
  return transitionJob(job, 'deferred', atMs, `still deferred: ${deferral.reason}`, { deferral });
}

/** The restart rule: in-flight jobs fail with "interrupted by restart"; every other job is returned unchanged. */
export function recoverAfterRestart(job: RetrainingJob, atMs: number): RetrainingJob {
  return IN_FLIGHT_STATUSES.includes(job.status) ? failJob(job, atMs, RESTART_FAILURE) : job;
}
