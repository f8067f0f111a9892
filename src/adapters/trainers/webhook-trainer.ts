/**
 * The webhook trainer: POSTs the job to the user's pipeline (Airflow, Argo, Kubeflow, GitHub Actions …), signed like
 * the alert webhook (HMAC-SHA256 over `${timestamp}.${body}`, headers X-Driftguard-Timestamp / -Signature), then waits
 * for a version of the model tagged `driftguard.job_id=<job id>`. The payload (`version: 1`, documented in
 * docs/bring-your-own-model.md) says where the rows are: artifacts of the job's tracked run, and — when driftguard
 * knows its public URL — links it serves with a one-job token until the job ends.
 */
import {
  type ChallengerTrainer,
  JOB_ID_TAG,
  type JobDataLinks,
  NEEDS_MLFLOW,
  TrainerError,
  type TrainerJob,
  type TrainerOutcome,
} from '../../ports/challenger-trainer.js';
import type { ModelRegistry } from '../../ports/model-registry.js';
import { signWebhook } from '../alerts/webhook-sink.js';
import { waitForTaggedVersion } from './tagged-version.js';

export interface WebhookTrainerOptions {
  readonly url: string;
  /** The HMAC secret (resolved from the environment variable the definition names); unsigned without it. */
  readonly secret?: string;
  readonly registry: ModelRegistry;
  /** Download links of the job's files (absent: the payload names the run artifacts only). */
  readonly links?: JobDataLinks;
  /** How often the registry is asked for the version (default 5 s). */
  readonly pollMs?: number;
  /** Time-out of the POST itself (default 10 s). */
  readonly postTimeoutMs?: number;
  readonly nowMs?: () => number;
}

/** The JSON body of a retraining job webhook (version 1). */
export function retrainingWebhookBody(
  job: TrainerJob,
  urls: Readonly<Record<string, string>> | null,
  sentAtMs: number,
): string {
  const { run } = job;
  const file = (f: TrainerJob['train'], artifact: 'train' | 'validation') => ({
    format: 'parquet',
    rows: f.rows,
    artifact:
      run === null
        ? null
        : { runId: run.runId, path: run.artifacts[artifact], uri: `runs:/${run.runId}/${run.artifacts[artifact]}` },
    url: urls?.[f.name] ?? null,
  });
  return JSON.stringify({
    version: 1,
    event: 'retraining_job',
    job: {
      id: job.jobId,
      model: job.model,
      trigger: job.trigger,
      deadline: new Date(sentAtMs + job.timeoutMs).toISOString(),
    },
    data: {
      target: job.target,
      features: job.features,
      timestampColumn: job.timestampColumn,
      train: file(job.train, 'train'),
      validation: file(job.validation, 'validation'),
    },
    tracking: {
      uri: job.trackingUri,
      experimentId: run?.experimentId ?? null,
      runId: run?.runId ?? null,
      artifactUri: run?.artifactUri ?? null,
    },
    register: { model: job.model, tags: { [JOB_ID_TAG]: job.jobId } },
    sentAt: new Date(sentAtMs).toISOString(),
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function createWebhookTrainer(options: WebhookTrainerOptions): ChallengerTrainer {
  const nowMs = options.nowMs ?? Date.now;
  return {
    description: `webhook ${options.url}`,
    async train(job: TrainerJob): Promise<TrainerOutcome> {
      if (job.trackingUri === null) throw new TrainerError(`the pipeline behind ${options.url} ${NEEDS_MLFLOW}`);
      const started = nowMs();
      const links = options.links?.publish(job.jobId, [job.train, job.validation]) ?? null;
      try {
        const body = retrainingWebhookBody(job, links?.urls ?? null, started);
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'x-driftguard-event': 'retraining_job',
        };
        if (options.secret !== undefined) {
          headers['x-driftguard-timestamp'] = String(started);
          headers['x-driftguard-signature'] = signWebhook(options.secret, started, body);
        }
        let status: number;
        let text: string;
        try {
          const response = await fetch(options.url, {
            method: 'POST',
            headers,
            body,
            signal: AbortSignal.timeout(options.postTimeoutMs ?? 10_000),
          });
          status = response.status;
          text = await response.text();
        } catch (error) {
          throw new TrainerError(`POST ${options.url} failed: ${(error as Error).message}`);
        }
        if (status < 200 || status >= 300)
          throw new TrainerError(`POST ${options.url} answered HTTP ${status}`, text.slice(0, 2000));
        const version = await waitForTaggedVersion(options.registry, job.model, job.jobId, {
          deadlineMs: started + job.timeoutMs,
          pollMs: options.pollMs ?? 5000,
          nowMs,
        });
        if (version === null)
          throw new TrainerError(
            `${options.url} accepted the job (HTTP ${status}) but no version of ${job.model} tagged ${JOB_ID_TAG}=${job.jobId} appeared within ${seconds(job.timeoutMs)}`,
          );
        return {
          version,
          output: text.slice(0, 64 * 1024),
          summary: `${options.url} accepted the job (HTTP ${status}); version ${version.version} appeared after ${seconds(nowMs() - started)}`,
        };
      } finally {
        links?.revoke();
      }
    },
  };
}
