import { type FittedModel, ModelError } from '../../models/index.js';
import { InferenceModelError } from '../../models/inference/inference-mapping.js';
import type { Clock } from '../../ports/clock.js';
import { type InferencePrediction, InferenceUnavailableError } from '../../ports/inference-model.js';
import type { MetricsRegistry } from '../../ports/metrics.js';
import type { PredictionInput, PredictionLogging } from '../ingestion/prediction-logging.js';
import type { MonitoredModels } from '../monitored-models.js';
import {
  ConflictError,
  type ErrorDetail,
  rebaseDetailPaths,
  ServiceError,
  UnavailableError,
  UnprocessableError,
} from '../service-errors.js';
import { predictedClassOf, type ServedModel } from './served-model.js';
import type { ServingModels } from './serving-models.js';

export interface PredictRow {
  readonly id?: string;
  readonly timestamp?: string | number;
  readonly features: PredictionInput['features'];
}

export interface ServedPrediction {
  readonly id: string;
  /** The predicted class label (binary) or value (regression). */
  readonly class: string | number;
  /** P(positive class) for binary models; null for regression. */
  readonly score: number | null;
  readonly modelVersion: string;
}

export interface PredictionServingOptions {
  readonly serving: ServingModels;
  readonly logging: PredictionLogging;
  readonly clock: Clock;
  readonly models: MonitoredModels;
  readonly metrics?: MetricsRegistry;
}

/**
 * The champion, loaded now: a version that cannot be served (no onnx flavor and no endpoint declared, a graph
 * driftguard cannot map) is a 503 saying why — the service's set-up, not the request, is at fault.
 */
async function loadChampion(serving: ServingModels, name: string) {
  try {
    return (await serving.refresh(name))?.serving ?? null;
  } catch (error) {
    if (error instanceof InferenceModelError || error instanceof InferenceUnavailableError)
      throw new UnavailableError(`model ${name}: the champion cannot be served: ${error.message}`, [
        { path: '/serving', reason: error.message },
      ]);
    throw error;
  }
}

interface Scored {
  readonly class: string | number;
  readonly score: number | null;
}

/** A driftguard model, natively (no ONNX round trip): every row's problem is collected. */
function scoreNatively(model: FittedModel, rows: readonly PredictRow[], problems: ErrorDetail[]): (Scored | null)[] {
  return rows.map((row, index) => {
    try {
      if (model.schema.task === 'binary') {
        const score = model.predictProba(row.features);
        const labels = model.schema.classLabels!;
        return { class: labels[model.predict(row.features) === 1 ? 1 : 0], score };
      }
      return { class: model.predict(row.features), score: null };
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      problems.push({ path: `/rows/${index}/features/${error.field}`, reason: error.reason });
      return null;
    }
  });
}

/**
 * A model driftguard did not train (its ONNX graph or the user's endpoint), one call for the batch: a refused row is
 * a 422 naming the feature, a model that cannot answer now a 503 with the reason.
 */
async function scoreThroughInference(
  model: ServedModel,
  version: string,
  rows: readonly PredictRow[],
  problems: ErrorDetail[],
): Promise<(Scored | null)[]> {
  if (problems.length > 0) return [];
  let predictions: InferencePrediction[];
  try {
    predictions = await model.inference.predict(rows.map((r) => r.features));
  } catch (error) {
    if (error instanceof InferenceModelError) {
      const row = /^row (\d+): /.exec(error.reason);
      problems.push({
        path: row === null ? `/rows/features/${error.field}` : `/rows/${row[1]}/features/${error.field}`,
        reason: row === null ? error.reason : error.reason.slice(row[0].length),
      });
      return [];
    }
    if (error instanceof InferenceUnavailableError)
      throw new UnavailableError(`model version ${version} cannot answer now: ${error.reason}`, [
        { path: '/serving', reason: error.reason },
      ]);
    throw error;
  }
  return predictions.map((p, index) => {
    const predicted = predictedClassOf(model, p);
    if (predicted === null) {
      problems.push({ path: `/rows/${index}`, reason: 'the model answered neither a class nor a probability' });
      return null;
    }
    return { class: predicted, score: model.task === 'binary' ? p.probability : null };
  });
}

/**
 * Serving the champion — a driftguard model natively, any other through its InferenceModel — scores every row, then
 * logs the batch through the prediction log (score = P(positive class), class = the label as the model emits it):
 * a reply means the predictions are committed. A batch is scored and logged as a whole or refused with
 * per-row reasons.
 */
export function createPredictionServing(options: PredictionServingOptions) {
  const served = options.metrics?.counter(
    'driftguard_predictions_total',
    'Predictions served by /predict, by model and version.',
    ['model', 'version'],
  );
  return {
    /** Detail paths of a refusal name the rows as `/rows/<i>/…`, as in the batch body. */
    async predict(modelName: string, rows: readonly PredictRow[]): Promise<ServedPrediction[]> {
      await options.models.get(modelName); // an unknown model is a 404, as on every route of a model
      const current = options.serving.get(modelName) ?? (await loadChampion(options.serving, modelName));
      if (current === null) {
        throw new ConflictError(
          `model ${modelName} has no champion version to serve; register one (driftguard train … --register ${modelName} --alias champion) or log predictions made elsewhere with POST /v1/models/${modelName}/predictions`,
        );
      }
      const model = current.model;
      const known = new Set(model.features);
      const problems: ErrorDetail[] = [];
      rows.forEach((row, index) => {
        for (const name of Object.keys(row.features)) {
          if (!known.has(name))
            problems.push({
              path: `/rows/${index}/features/${name}`,
              reason: `unknown feature; model version ${current.version} uses: ${[...known].join(', ')}`,
            });
        }
      });
      const outputs =
        model.fitted === null
          ? await scoreThroughInference(model, current.version, rows, problems)
          : scoreNatively(model.fitted, rows, problems);
      if (problems.length > 0) throw new UnprocessableError(`rows refused; nothing was scored or logged`, problems);
      const logged = await options.logging
        .logPredictions(
          modelName,
          rows.map((row, i) => ({
            id: row.id,
            timestamp: row.timestamp,
            modelVersion: current.version,
            features: row.features,
            prediction: outputs[i]!.class,
            score: outputs[i]!.score,
          })),
        )
        .catch((error: unknown) => {
          throw error instanceof ServiceError ? rebaseDetailPaths(error, /^\/predictions\//, '/rows/') : error;
        });
      served?.inc({ model: modelName, version: current.version }, rows.length);
      return rows.map((_, i) => ({
        id: logged.ids[i],
        class: outputs[i]!.class,
        score: outputs[i]!.score,
        modelVersion: current.version,
      }));
    },
  };
}

export type PredictionServing = ReturnType<typeof createPredictionServing>;
