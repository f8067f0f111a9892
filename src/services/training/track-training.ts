import type { OnnxCodec } from '../../ports/onnx-codec.js';
import type { TrackingBackend } from '../../ports/tracking-backend.js';
import { datasetInput } from '../tracking/dataset-input.js';
import { buildDriftguardModelDirectory } from '../tracking/driftguard-model-directory.js';
import { type TrackedModelRun, trackModelRun } from '../tracking/track-model-run.js';
import { referenceProfileOf } from './reference-profile-of.js';
import type { HyperParamValue, TrainedModel } from './train-model.js';

export interface TrackTrainingOptions {
  readonly backend: TrackingBackend;
  /** Encodes the model's ONNX graph. */
  readonly codec: OnnxCodec;
  readonly trained: TrainedModel;
  readonly estimator: string;
  readonly params: Readonly<Record<string, HyperParamValue>>;
  readonly dataFile: string;
  readonly experiment: string;
  /** Register the model under this name (and point `alias` at the new version). */
  readonly registerAs?: string;
  readonly alias?: string;
  readonly nowMs: number;
  readonly by: string;
}

/**
 * Logs a `driftguard train` run (params, validation / test metrics, dataset digests of the train and test windows,
 * the MLflow model directory with the reference profile and the evaluation report) and, when asked, registers the
 * version — only after every upload succeeded.
 */
export async function trackTraining(options: TrackTrainingOptions): Promise<TrackedModelRun> {
  const { trained } = options;
  const metrics: Record<string, number> = {};
  for (const [split, values] of Object.entries(trained.metrics)) {
    for (const [key, value] of Object.entries(values ?? {}))
      if (typeof value === 'number' && Number.isFinite(value)) metrics[`${split}.${key}`] = value;
  }
  const params: Record<string, string | number | boolean> = {
    estimator: options.estimator,
    rows_train: trained.rows.train,
    rows_validation: trained.rows.validation,
    rows_test: trained.rows.test,
    time_column: trained.timeColumn ?? '(file order)',
  };
  for (const [key, value] of Object.entries(options.params)) params[key] = value === null ? 'null' : value;
  const evaluationReport = { rows: trained.rows, metrics: trained.metrics, fitSeconds: trained.fitSeconds };
  return trackModelRun({
    tracking: options.backend.tracking,
    registry: options.backend.registry,
    experimentName: options.experiment,
    runName: `train ${options.estimator}`,
    nowMs: () => options.nowMs,
    params,
    metrics: { ...metrics, fit_seconds: trained.fitSeconds },
    tags: { 'driftguard.trigger': 'manual', 'driftguard.data': options.dataFile },
    datasets: [
      datasetInput({
        name: 'train',
        context: 'training',
        table: trained.trainTable,
        source: { file: options.dataFile, split: 'train' },
      }),
      datasetInput({
        name: 'test',
        context: 'testing',
        table: trained.testTable,
        source: { file: options.dataFile, split: 'test' },
      }),
    ],
    modelFiles: buildDriftguardModelDirectory({
      model: trained.serialized,
      codec: options.codec,
      createdAtMs: options.nowMs,
      referenceProfile: referenceProfileOf(trained),
      evaluationReport,
    }),
    register:
      options.registerAs === undefined
        ? undefined
        : {
            modelName: options.registerAs,
            alias: options.alias,
            by: options.by,
            reason: `driftguard train on ${options.dataFile}`,
          },
  });
}
