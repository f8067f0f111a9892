/**
 * A retraining job whose challenger the user's own pipeline trains (issue 15), in three steps the runner records on
 * the job: hand over (the job's training and validation rows as Parquet files, also logged as artifacts of the job's
 * tracked run, then the trainer port), judge (the version the pipeline registered is loaded exactly as serving would
 * load it, and champion and challenger are both scored by driftguard on the same held-out labelled rows and the
 * reference holdout — the test rows never leave driftguard — then the promotion rule), and track (metrics, the
 * evaluation report, the trainer's output and the drift reference built from the training rows are logged to the run;
 * the version gets alias `challenger` and tags naming the job, its decision and its reference).
 */
import { type Cell, dataTableFromRows } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import type { StoredPrediction } from '../../domain/prediction-record.js';
import type {
  RetrainingDecision,
  RetrainingJob,
  RetrainingJobData,
  RetrainingJobMetrics,
} from '../../domain/retraining-job.js';
import type { RetrainingPolicy } from '../../domain/retraining-policy.js';
import { buildReferenceProfile, type ReferenceProfile, withReferenceRowSample } from '../../drift/index.js';
import { binaryClassificationMetrics, type ComparisonDecision, compareChampionChallenger } from '../../models/index.js';
import type { ChallengerTrainer, TrainerJob, TrainerOutcome } from '../../ports/challenger-trainer.js';
import { JOB_ID_TAG, TrainerError } from '../../ports/challenger-trainer.js';
import type { ModelVersion } from '../../ports/model-registry.js';
import type { TableColumn, TableColumnType, TableWriter } from '../../ports/table-writer.js';
import type { TrackingBackend } from '../../ports/tracking-backend.js';
import type { RunInfo } from '../../ports/tracking-store.js';
import { promoteVersion } from '../champion/alias-moves.js';
import { type FeatureValueType, positiveScores, predictedClassOf, type ServedModel } from '../serving/served-model.js';
import {
  REFERENCE_PROFILE_ARTIFACT,
  REFERENCE_RUN_TAG,
  type ServingModel,
  type ServingModels,
} from '../serving/serving-models.js';
import { SCORED_COLUMNS, withHeldOutPerformance } from '../training/monitoring-profile.js';
import { jobMetricSet } from './challenger-pipeline.js';
import type { ExternalRows } from './external-challenger-rows.js';
import { CHALLENGER_ALIAS, RETRAINER } from './track-challenger.js';

/** The time column of the files handed to a trainer. */
export const TIMESTAMP_COLUMN = 'timestamp';
export const DATA_ARTIFACTS = { train: 'data/train.parquet', validation: 'data/validation.parquet' } as const;
export const OUTPUT_ARTIFACT = 'trainer/output.log';

/** A version the pipeline registered that driftguard cannot judge (wrong classes, not servable …). */
export class ChallengerVersionError extends Error {
  override readonly name = 'ChallengerVersionError';
}

const VALUE_TYPES: Readonly<Record<FeatureValueType, TableColumnType>> = {
  number: 'double',
  integer: 'bigint',
  string: 'varchar',
  boolean: 'boolean',
};

/** A column's type from its cells, when the model does not say: booleans, integers, numbers, else text. */
export function typeOfCells(cells: readonly Cell[]): TableColumnType {
  const present = cells.filter((c) => c !== null);
  if (present.length > 0 && present.every((c) => typeof c === 'boolean')) return 'boolean';
  if (present.length > 0 && present.every((c) => typeof c === 'number' && Number.isSafeInteger(c))) return 'bigint';
  if (present.length > 0 && present.every((c) => typeof c === 'number')) return 'double';
  return 'varchar';
}

export interface HandOverOptions {
  readonly job: RetrainingJob;
  readonly champion: ServingModel;
  /** The label column's name in the files (the definition's `target`, default `label`). */
  readonly target: string;
  readonly rows: ExternalRows;
  readonly tableWriter: TableWriter;
  readonly backend: TrackingBackend;
  readonly experimentName: string;
  readonly trainer: ChallengerTrainer;
  readonly nowMs: () => number;
}

/** The files and the job's run, ready for the trainer (the run is RUNNING; `failRun` ends it when anything fails). */
export async function handOver(
  options: HandOverOptions,
): Promise<{ run: RunInfo; trainerJob: Omit<TrainerJob, 'timeoutMs'> }> {
  const { job, champion, target, rows, backend } = options;
  const features = [...champion.model.features];
  const clash = [target, TIMESTAMP_COLUMN].find((c) => features.includes(c));
  if (clash !== undefined || target === TIMESTAMP_COLUMN)
    throw new TrainerError(
      `the files' ${clash === target ? 'label' : 'time'} column "${clash ?? target}" is also a feature of model ${job.model}: set the definition's "target" to another name`,
    );
  const labels = [...rows.train, ...rows.validation].map((r) => r.label);
  const columns: TableColumn[] = [
    ...features.map((name) => {
      const known = champion.model.featureTypes[name];
      return {
        name,
        type: known === undefined ? typeOfCells(rows.train.map((r) => r.features[name] ?? null)) : VALUE_TYPES[known],
      };
    }),
    { name: target, type: typeOfCells(labels) },
    { name: TIMESTAMP_COLUMN, type: 'timestamp' },
  ];
  const asRow = (r: StoredPrediction): Record<string, Cell> => ({
    ...Object.fromEntries(features.map((f) => [f, r.features[f] ?? null])),
    [target]: r.label,
    [TIMESTAMP_COLUMN]: r.timestampMs,
  });
  const train = await options.tableWriter.write(columns, rows.train.map(asRow));
  const validation = await options.tableWriter.write(columns, rows.validation.map(asRow));
  const experiment = await backend.tracking.ensureExperiment(options.experimentName);
  const run = await backend.tracking.createRun({
    experimentId: experiment.experimentId,
    runName: `retrain ${job.model} (${job.trigger.kind}) with ${options.trainer.description}`.slice(0, 250),
    startTimeMs: options.nowMs(),
    tags: [
      { key: 'driftguard.retraining_job', value: job.id },
      { key: 'driftguard.trigger', value: job.trigger.kind },
      { key: 'driftguard.trainer', value: options.trainer.description.slice(0, 5000) },
    ],
  });
  try {
    await backend.tracking.logBatch(run.runId, {
      params: Object.entries({
        trainer: options.trainer.description.slice(0, 500),
        trigger: job.trigger.kind,
        trigger_reason: job.trigger.reason.slice(0, 500),
        job_id: job.id,
        champion_version: champion.version,
        rows_train: rows.train.length,
        rows_validation: rows.validation.length,
        rows_test: rows.test.length,
        rows_reference_mixed: rows.referenceRows,
        rows_reference_holdout: rows.holdout.length,
      }).map(([key, value]) => ({ key, value: String(value) })),
    });
    await backend.tracking.logArtifacts(run.runId, [
      { path: DATA_ARTIFACTS.train, content: train },
      { path: DATA_ARTIFACTS.validation, content: validation },
    ]);
  } catch (error) {
    await failRun(backend, run.runId, error, '', options.nowMs);
    throw error;
  }
  return {
    run,
    trainerJob: {
      jobId: job.id,
      model: job.model,
      trigger: job.trigger,
      target,
      features,
      timestampColumn: TIMESTAMP_COLUMN,
      train: { name: 'train.parquet', bytes: train, rows: rows.train.length },
      validation: { name: 'validation.parquet', bytes: validation, rows: rows.validation.length },
      run: {
        runId: run.runId,
        experimentId: run.experimentId,
        artifactUri: run.artifactUri,
        artifacts: { ...DATA_ARTIFACTS },
      },
      trackingUri: backend.kind === 'mlflow' ? backend.location : null,
    },
  };
}

/** Ends the job's run FAILED with the cause (and the trainer's output, when there is some); never throws. */
export async function failRun(
  backend: TrackingBackend,
  runId: string,
  error: unknown,
  output: string,
  nowMs: () => number,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await backend.tracking
    .logBatch(runId, { tags: [{ key: 'driftguard.error', value: message.slice(0, 4000) }] })
    .catch(() => undefined);
  if (output !== '')
    await backend.tracking.logArtifacts(runId, [{ path: OUTPUT_ARTIFACT, content: output }]).catch(() => undefined);
  await backend.tracking.terminateRun(runId, 'FAILED', nowMs()).catch(() => undefined);
}

export interface JudgeOptions {
  readonly champion: ServingModel;
  readonly version: ModelVersion;
  readonly serving: ServingModels;
  readonly rows: ExternalRows;
  readonly policy: RetrainingPolicy;
  readonly span: { readonly fromMs: number; readonly toMs: number };
  readonly bootstrapResamples?: number;
  readonly seed?: number;
}

export interface ExternalJudgement {
  readonly challenger: ServedModel;
  readonly data: RetrainingJobData;
  readonly metrics: RetrainingJobMetrics;
  readonly decision: RetrainingDecision;
  readonly comparison: ComparisonDecision;
}

const sameClasses = (a: readonly unknown[] | null, b: readonly unknown[] | null) =>
  a !== null && b !== null && [...a].map(String).sort().join('\u0000') === [...b].map(String).sort().join('\u0000');

/** 1 where the row's label is the positive class, else 0 (labels compared in string form, as logged). */
const outcomes = (rows: readonly StoredPrediction[], positive: unknown) =>
  Float64Array.from(rows, (r) => (String(r.label) === String(positive) ? 1 : 0));

const featureRows = (rows: readonly StoredPrediction[]) => rows.map((r) => r.features);

/** Loads the registered version as serving would and scores both models on the same held-out rows. */
export async function judgeExternalChallenger(options: JudgeOptions): Promise<ExternalJudgement> {
  const { champion, rows } = options;
  const name = champion.name;
  let challenger: ServedModel;
  try {
    challenger = await options.serving.loadVersion(name, options.version);
  } catch (error) {
    throw new ChallengerVersionError(
      `version ${options.version.version} of ${name} cannot be served: ${(error as Error).message}`,
    );
  }
  try {
    if (champion.model.task !== 'binary' || challenger.task !== 'binary')
      throw new ChallengerVersionError(
        `retraining compares binary classifiers; version ${options.version.version} is a ${challenger.task} model and the champion a ${champion.model.task} one`,
      );
    if (!sameClasses(champion.model.classLabels, challenger.classLabels))
      throw new ChallengerVersionError(
        `version ${options.version.version} predicts the classes ${JSON.stringify(challenger.classLabels)}, the champion ${JSON.stringify(champion.model.classLabels)}`,
      );
    const positive = champion.model.positiveClass;
    if (String(challenger.positiveClass) !== String(positive))
      throw new ChallengerVersionError(
        `version ${options.version.version} scores class ${JSON.stringify(challenger.positiveClass)}, the champion ${JSON.stringify(positive)}: declare serving.positiveClass`,
      );
    const yTest = outcomes(rows.test, positive);
    const championTest = await positiveScores(champion.model, featureRows(rows.test));
    const challengerTest = await positiveScores(challenger, featureRows(rows.test));
    const comparison = compareChampionChallenger({
      yTrue: yTest,
      championScores: championTest,
      challengerScores: challengerTest,
      rule: options.policy.promotion,
      bootstrap: { resamples: options.bootstrapResamples ?? 200, seed: options.seed ?? 0 },
    });
    const validation =
      rows.validation.length === 0
        ? null
        : binaryClassificationMetrics(
            outcomes(rows.validation, positive),
            await positiveScores(challenger, featureRows(rows.validation)),
          );
    const yHoldout = outcomes(rows.holdout, positive);
    const holdout =
      rows.holdout.length === 0
        ? null
        : {
            challenger: jobMetricSet(
              binaryClassificationMetrics(yHoldout, await positiveScores(challenger, featureRows(rows.holdout))),
            ),
            champion: jobMetricSet(
              binaryClassificationMetrics(yHoldout, await positiveScores(champion.model, featureRows(rows.holdout))),
            ),
          };
    const promote = comparison.decision === 'promote';
    return {
      challenger,
      comparison,
      data: {
        trainRows: rows.train.length,
        validationRows: rows.validation.length,
        testRows: rows.test.length,
        fromMs: options.span.fromMs,
        toMs: options.span.toMs,
        referenceRows: rows.referenceRows,
      },
      metrics: {
        challenger: {
          validation: validation === null ? null : jobMetricSet(validation),
          test: jobMetricSet(comparison.challenger),
        },
        champion: { test: jobMetricSet(comparison.champion) },
        ...(holdout === null ? {} : { referenceHoldout: holdout }),
      },
      decision: { promote, reason: comparison.reasons.join('; ') },
    };
  } catch (error) {
    await challenger.inference.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The drift reference of the challenger: its training rows' features, the label, and the predicted class and score
 * as /predict will log them (scored through the serving path), with the reference performance on the held-out rows.
 */
export async function externalReferenceProfile(challenger: ServedModel, rows: ExternalRows): Promise<ReferenceProfile> {
  const scored = async (part: readonly StoredPrediction[]) => {
    const predictions = await challenger.inference.predict(featureRows(part));
    return dataTableFromRows(
      part.map((r, i) => ({
        ...Object.fromEntries(challenger.features.map((f) => [f, r.features[f] ?? null])),
        [SCORED_COLUMNS.label]: r.label,
        [SCORED_COLUMNS.prediction]: predictedClassOf(challenger, predictions[i]),
        [SCORED_COLUMNS.score]: predictions[i].probability,
      })),
    );
  };
  const train = await scored(rows.train);
  const schema = inferSchema(train, {
    target: SCORED_COLUMNS.label,
    prediction: SCORED_COLUMNS.prediction,
    predictionScore: SCORED_COLUMNS.score,
    positiveClass: String(challenger.positiveClass),
    task: 'classification',
  });
  const profile = withReferenceRowSample(buildReferenceProfile(train, schema), train);
  if (rows.test.length === 0) return profile;
  // Held-out rows give the reference performance and the estimation sample, as for a challenger driftguard trains.
  return withHeldOutPerformance(profile, buildReferenceProfile(await scored(rows.test), schema));
}

export interface TrackExternalOptions {
  readonly backend: TrackingBackend;
  readonly run: RunInfo;
  readonly job: RetrainingJob;
  readonly version: ModelVersion;
  readonly outcome: TrainerOutcome;
  readonly judgement: ExternalJudgement;
  readonly reference: ReferenceProfile;
  readonly driftReport: unknown;
  readonly nowMs: () => number;
}

function flatten(prefix: string, values: object | null | undefined, into: Record<string, number>): void {
  for (const [key, value] of Object.entries(values ?? {}))
    if (typeof value === 'number' && Number.isFinite(value)) into[`${prefix}${key}`] = value;
}

/**
 * Logs the judgement to the job's run and ends it FINISHED; tags the version (job, decision, the run holding its
 * reference) and points `challenger` at it.
 */
export async function trackExternalChallenger(options: TrackExternalOptions): Promise<void> {
  const { backend, run, job, version, judgement } = options;
  const timestampMs = options.nowMs();
  const metrics: Record<string, number> = {};
  flatten('validation.', judgement.metrics.challenger.validation, metrics);
  flatten('test.', judgement.metrics.challenger.test, metrics);
  flatten('champion.test.', judgement.metrics.champion?.test, metrics);
  flatten('reference_holdout.', judgement.metrics.referenceHoldout?.challenger, metrics);
  flatten('champion.reference_holdout.', judgement.metrics.referenceHoldout?.champion, metrics);
  const decision = judgement.decision.promote ? 'promote' : 'reject';
  const evaluationReport = {
    job: job.id,
    challengerVersion: version.version,
    data: judgement.data,
    metrics: judgement.metrics,
    decision: judgement.decision,
    comparison: judgement.comparison,
  };
  await backend.tracking.logBatch(run.runId, {
    metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, timestampMs, step: 0 })),
    params: [{ key: 'challenger_version', value: version.version }],
    tags: [
      { key: 'driftguard.decision', value: decision },
      { key: 'driftguard.registered_version', value: `${job.model}/${version.version}` },
    ],
  });
  await backend.tracking.logArtifacts(run.runId, [
    { path: 'reports/evaluation-report.json', content: JSON.stringify(evaluationReport, null, 2) },
    { path: REFERENCE_PROFILE_ARTIFACT, content: JSON.stringify(options.reference) },
    { path: OUTPUT_ARTIFACT, content: options.outcome.output },
    ...(options.driftReport === null
      ? []
      : [{ path: 'reports/drift-report.json', content: JSON.stringify(options.driftReport, null, 2) }]),
  ]);
  const registry = backend.registry;
  await registry.setModelVersionTag(job.model, version.version, 'driftguard.retraining_job', job.id);
  await registry.setModelVersionTag(job.model, version.version, 'driftguard.decision', decision);
  await registry.setModelVersionTag(job.model, version.version, REFERENCE_RUN_TAG, run.runId);
  await promoteVersion(registry, job.model, version.version, {
    alias: CHALLENGER_ALIAS,
    by: RETRAINER,
    reason: `retraining job ${job.id} (${job.trigger.kind}: ${job.trigger.reason}); trained by the user's pipeline (${JOB_ID_TAG})`,
    atMs: options.nowMs(),
  });
  await backend.tracking.terminateRun(run.runId, 'FINISHED', options.nowMs());
}
