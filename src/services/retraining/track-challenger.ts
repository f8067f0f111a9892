import type { RetrainingJob } from '../../domain/retraining-job.js';
import type { DriftReport } from '../../drift/index.js';
import type { ChallengerResult } from '../../ports/challenger-executor.js';
import type { OnnxCodec } from '../../ports/onnx-codec.js';
import type { TrackingBackend } from '../../ports/tracking-backend.js';
import { datasetInput } from '../tracking/dataset-input.js';
import { buildDriftguardModelDirectory } from '../tracking/driftguard-model-directory.js';
import { type TrackedModelRun, trackModelRun } from '../tracking/track-model-run.js';
import { referenceProfileOf } from '../training/reference-profile-of.js';

/** Who the registry records for moves the retraining job makes. */
export const RETRAINER = 'driftguard-retrainer';
/** The alias the job points at every version it registers. */
export const CHALLENGER_ALIAS = 'challenger';

export interface TrackChallengerOptions {
  readonly backend: TrackingBackend;
  /** Encodes the challenger's ONNX graph. */
  readonly codec: OnnxCodec;
  readonly job: RetrainingJob;
  readonly result: ChallengerResult;
  /** The drift report that fired the trigger (artifact `reports/drift-report.json`), when there is one. */
  readonly driftReport: DriftReport | null;
  readonly experimentName: string;
  readonly nowMs: () => number;
}

function flatten(prefix: string, values: object | null | undefined, into: Record<string, number>): void {
  for (const [key, value] of Object.entries(values ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value)) into[`${prefix}${key}`] = value;
  }
}

/**
 * Logs the challenger of a retraining job — params (trainer, hyper-parameters, data window, trigger, drift share),
 * metrics (validation and test, the champion's test metrics beside them, the reference hold-out), dataset digests,
 * the model directory with its training-data reference profile, the evaluation report and the triggering drift
 * report — and registers it as a new version with alias `challenger`. Registration happens only after every upload
 * succeeded (trackModelRun); any failure ends the run FAILED and rethrows.
 */
export async function trackChallenger(options: TrackChallengerOptions): Promise<TrackedModelRun> {
  const { job, result } = options;
  const { challenger } = result;
  const metrics: Record<string, number> = { fit_seconds: challenger.fitSeconds };
  flatten('validation.', result.metrics.challenger.validation, metrics);
  flatten('test.', result.metrics.challenger.test, metrics);
  flatten('champion.test.', result.metrics.champion?.test, metrics);
  flatten('reference_holdout.', result.metrics.referenceHoldout?.challenger, metrics);
  flatten('champion.reference_holdout.', result.metrics.referenceHoldout?.champion, metrics);
  const params: Record<string, string | number | boolean> = {
    trainer: challenger.model.estimator,
    trigger: job.trigger.kind,
    trigger_reason: job.trigger.reason.slice(0, 500),
    drift_share: job.trigger.driftShare ?? 'n/a',
    data_from: new Date(result.data.fromMs).toISOString(),
    data_to: new Date(result.data.toMs).toISOString(),
    rows_train: result.data.trainRows,
    rows_validation: result.data.validationRows,
    rows_test: result.data.testRows,
    rows_reference_mixed: result.data.referenceRows,
    job_id: job.id,
  };
  for (const [key, value] of Object.entries(challenger.serialized.training.params)) {
    if (['string', 'number', 'boolean'].includes(typeof value))
      params[`param.${key}`] = value as string | number | boolean;
  }
  const evaluationReport = {
    job: job.id,
    data: result.data,
    metrics: result.metrics,
    decision: result.decision,
    comparison: result.comparison,
  };
  const source = { model: job.model, job: job.id, fromMs: result.data.fromMs, toMs: result.data.toMs };
  const extraArtifacts = [
    { path: 'reports/evaluation-report.json', content: JSON.stringify(evaluationReport, null, 2) },
  ];
  if (options.driftReport !== null)
    extraArtifacts.push({ path: 'reports/drift-report.json', content: JSON.stringify(options.driftReport, null, 2) });
  return trackModelRun({
    tracking: options.backend.tracking,
    registry: options.backend.registry,
    experimentName: options.experimentName,
    runName: `retrain ${job.model} (${job.trigger.kind})`,
    nowMs: options.nowMs,
    params,
    metrics,
    tags: {
      'driftguard.trigger': job.trigger.kind,
      'driftguard.retraining_job': job.id,
      'driftguard.decision': result.decision.promote ? 'promote' : 'reject',
    },
    datasets: [
      datasetInput({
        name: `${job.model}/train`,
        context: 'training',
        table: challenger.trainTable,
        source: { ...source, split: 'train' },
      }),
      datasetInput({
        name: `${job.model}/test`,
        context: 'testing',
        table: challenger.testTable,
        source: { ...source, split: 'test' },
      }),
    ],
    modelFiles: buildDriftguardModelDirectory({
      model: challenger.serialized,
      codec: options.codec,
      createdAtMs: options.nowMs(),
      referenceProfile: referenceProfileOf(challenger),
      evaluationReport,
      ...(options.driftReport === null ? {} : { driftReport: options.driftReport }),
    }),
    extraArtifacts,
    register: {
      modelName: job.model,
      alias: CHALLENGER_ALIAS,
      by: RETRAINER,
      reason: `retraining job ${job.id} (${job.trigger.kind}: ${job.trigger.reason})`,
      versionTags: {
        'driftguard.retraining_job': job.id,
        'driftguard.decision': result.decision.promote ? 'promote' : 'reject',
      },
    },
  });
}
