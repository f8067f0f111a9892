import { ModelError } from '../../models/index.js';
import type { Clock } from '../../ports/clock.js';
import type { PredictionInput, PredictionLogging } from '../ingestion/prediction-logging.js';
import type { MetricsRegistry } from '../metrics-registry.js';
import { ConflictError, type ErrorDetail, UnprocessableError } from '../service-errors.js';
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
  readonly metrics?: MetricsRegistry;
}

/**
 * Serving the champion natively (no ONNX round trip): scores every row, then logs the batch through the prediction
 * log — a reply means the predictions are committed. A batch is scored and logged as a whole or refused with
 * per-row reasons.
 */
export function createPredictionServing(options: PredictionServingOptions) {
  const served = options.metrics?.counter(
    'driftguard_predictions_total',
    'Predictions served by /predict, by model and version.',
  );
  return {
    async predict(modelName: string, rows: readonly PredictRow[]): Promise<ServedPrediction[]> {
      const current = options.serving.get(modelName) ?? (await options.serving.refresh(modelName))?.serving ?? null;
      if (current === null) {
        throw new ConflictError(
          `model ${modelName} has no champion version to serve; register one (driftguard train … --register ${modelName} --alias champion) or log predictions made elsewhere with POST /v1/models/${modelName}/predictions`,
        );
      }
      const { model } = current;
      const known = new Set(model.schema.features.map((f) => f.name));
      const problems: ErrorDetail[] = [];
      const outputs = rows.map((row, index) => {
        for (const name of Object.keys(row.features)) {
          if (!known.has(name))
            problems.push({
              path: `/rows/${index}/features/${name}`,
              reason: `unknown feature; model version ${current.version} uses: ${[...known].join(', ')}`,
            });
        }
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
      if (problems.length > 0) throw new UnprocessableError(`rows refused; nothing was scored or logged`, problems);
      const logged = await options.logging.logPredictions(
        modelName,
        rows.map((row, i) => ({
          id: row.id,
          timestamp: row.timestamp,
          modelVersion: current.version,
          features: row.features,
          prediction: outputs[i]!.class,
          score: outputs[i]!.score,
        })),
      );
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
