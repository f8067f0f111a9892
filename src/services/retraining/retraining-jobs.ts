import { randomUUID } from 'node:crypto';
import {
  createRetrainingJob,
  isActive,
  type RetrainingJob,
  type RetrainingJobPatch,
  type RetrainingJobStatus,
  reevaluateDeferral,
  transitionJob,
} from '../../domain/retraining-job.js';
import {
  checkSufficiency,
  createRetrainingPolicy,
  manualTrigger,
  type RetrainingPolicy,
  type RetrainingTrigger,
} from '../../domain/retraining-policy.js';
import { SchemaError } from '../../domain/schema-error.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { MetricsRegistry } from '../../ports/metrics.js';
import type { PredictionLog, RetrainingJobRepository } from '../../ports/store.js';
import type { MonitoredModels } from '../monitored-models.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../service-errors.js';
import type { ServingModels } from '../serving/serving-models.js';
import { labelCountsOf } from './label-counts.js';

export interface RetrainingJobPage {
  readonly limit: number;
  /** Cursor: the id of the last job of the previous page. */
  readonly before?: string;
}

/** The model's retraining policy: its definition's `retraining` overrides over the documented defaults. */
export async function retrainingPolicyOf(models: MonitoredModels, name: string): Promise<RetrainingPolicy> {
  const { definition } = await models.get(name);
  // `trainer` says who trains (retraining-trainer.ts), not when: it is no policy setting.
  const { trainer: _trainer, ...overrides } = definition.retraining ?? {};
  try {
    return createRetrainingPolicy(overrides);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    throw new UnprocessableError(`model ${name} has an invalid retraining policy: ${error.field}: ${error.reason}`, [
      { path: `/${error.field.replace(/\./g, '/')}`, reason: error.reason },
    ]);
  }
}

export interface RetrainingJobsOptions {
  readonly store: PredictionLog & RetrainingJobRepository;
  readonly models: MonitoredModels;
  readonly serving: ServingModels;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly newId?: () => string;
  /** Called after a job was created or changed (the runner wakes up). */
  readonly onChange?: (job: RetrainingJob) => void;
  readonly metrics?: MetricsRegistry;
}

/**
 * Retraining jobs as the service keeps them: every change is persisted first and then published as an SSE
 * `retraining` event `{ model, job }`; a new job starts `deferred` (with the exact reason) or `queued` after the
 * sufficiency check; at most one unfinished job per model (the store enforces it across replicas).
 */
export function createRetrainingJobs(options: RetrainingJobsOptions) {
  const { store, clock, events } = options;
  const transitions = options.metrics?.counter(
    'driftguard_retraining_transitions_total',
    'Retraining job state changes by model and new status (deferred, queued, …, promoted, rejected, failed).',
    ['model', 'status'],
  );
  const newId = options.newId ?? randomUUID;

  async function save(job: RetrainingJob): Promise<RetrainingJob> {
    await store.saveRetrainingJob(job);
    transitions?.inc({ model: job.model, status: job.status });
    events.publish({ type: 'retraining', model: job.model, atMs: job.updatedAtMs, data: { model: job.model, job } });
    options.onChange?.(job);
    return job;
  }

  async function sufficiency(name: string, policy: RetrainingPolicy) {
    // The champion's classes, so a class with no label yet is named in the reason; unknown when it cannot be loaded.
    const champion =
      options.serving.get(name) ?? (await options.serving.refresh(name).catch(() => null))?.serving ?? null;
    const classes = champion?.model.classLabels?.map(String);
    return checkSufficiency(policy, await labelCountsOf(store, name, policy.horizonRows, classes));
  }

  return {
    save,
    /** Persists and publishes a transition of `job`. */
    transition(
      job: RetrainingJob,
      to: RetrainingJobStatus,
      message: string,
      patch: RetrainingJobPatch = {},
    ): Promise<RetrainingJob> {
      return save(transitionJob(job, to, clock.nowMs(), message, patch));
    },
    /**
     * Persists a fact learnt inside a step (no transition, no new step, published with the next transition) — e.g.
     * the version a job just registered, recorded before the champion may move so that a crash cannot lose it.
     */
    async record(job: RetrainingJob, patch: RetrainingJobPatch): Promise<RetrainingJob> {
      const next: RetrainingJob = { ...job, ...patch, updatedAtMs: clock.nowMs() };
      await store.saveRetrainingJob(next);
      return next;
    },
    /** Opens a job for `trigger`: `queued` when the labelled data suffices, else `deferred` with the reason. */
    async open(name: string, trigger: RetrainingTrigger, policy: RetrainingPolicy): Promise<RetrainingJob> {
      const check = await sufficiency(name, policy);
      const { met, ...deferral } = check;
      const job = createRetrainingJob({
        id: newId(),
        model: name,
        trigger,
        nowMs: clock.nowMs(),
        ...(met ? {} : { deferral }),
      });
      try {
        return await save(job);
      } catch (error) {
        const open = await store.openRetrainingJob(name);
        if (open !== null)
          throw new ConflictError(`a retraining job (${open.id}, ${open.status}) is already open for model ${name}`, [
            { path: '/name', reason: 'job already open' },
          ]);
        throw error;
      }
    },
    /** A deferred job looked at again (labels may have arrived): queued when sufficient, else its new reason. */
    async reevaluate(job: RetrainingJob, policy: RetrainingPolicy): Promise<RetrainingJob> {
      const check = await sufficiency(job.model, policy);
      const next = reevaluateDeferral(job, clock.nowMs(), check);
      if (next.status === job.status && next.deferral?.reason === job.deferral?.reason) {
        await store.saveRetrainingJob(next);
        return next;
      }
      return save(next);
    },
    /**
     * The manual trigger (POST /v1/models/{name}/retraining): a new job, or the open deferred one looked at again.
     * 409 when a job is already queued or running.
     */
    async trigger(name: string, reason: string | undefined, by: string): Promise<RetrainingJob> {
      const policy = await retrainingPolicyOf(options.models, name);
      const open = await store.openRetrainingJob(name);
      if (open !== null && isActive(open.status)) {
        throw new ConflictError(`retraining job ${open.id} of model ${name} is already ${open.status}`, [
          { path: '/name', reason: 'a job is already running' },
        ]);
      }
      if (open !== null) return this.reevaluate(open, policy);
      const trigger = manualTrigger(reason);
      return this.open(name, { ...trigger, reason: `${trigger.reason} (by ${by})` }, policy);
    },
    async list(name: string, page: RetrainingJobPage): Promise<RetrainingJob[]> {
      await options.models.get(name);
      return await store.listRetrainingJobs(name, {
        limit: page.limit,
        ...(page.before === undefined ? {} : { beforeId: page.before }),
      });
    },
    async get(name: string, id: string): Promise<RetrainingJob> {
      await options.models.get(name);
      const job = await store.getRetrainingJob(name, id);
      if (job === null)
        throw new NotFoundError(`model ${name} has no retraining job ${id}`, [{ path: '/id', reason: 'unknown job' }]);
      return job;
    },
    /** The model's unfinished job (deferred, queued or running), if any. */
    async current(name: string): Promise<RetrainingJob | null> {
      return store.openRetrainingJob(name);
    },
  };
}

export type RetrainingJobs = ReturnType<typeof createRetrainingJobs>;
