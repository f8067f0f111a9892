import { type Column, type DataTable, dataTableOf, numberColumn } from '../../domain/data-table.js';
import { gbdtTrainer } from '../../models/gbdt-trainer.js';
import type { FittedModel, GbdtParams, ModelFeature } from '../../models/model-types.js';
import {
  type AlertThresholds,
  maxDropThresholds,
  standardDeviationThresholds,
  type ValueLimits,
} from './alert-thresholds.js';
import type { ChunkEstimate, MetricValues } from './binary-performance-estimator.js';
import { type ChunkRange, chunkRanges } from './chunk-ranges.js';
import { EstimationInputError } from './estimation-input-error.js';
import { metricEstimate } from './metric-estimate.js';
import { numpyMean, numpyStd } from './numpy-reductions.js';
import { requireFiniteArray, requireSameLength } from './validate-estimation-input.js';

/** The losses direct loss estimation estimates for a regression model. */
export const REGRESSION_METRICS = ['mae', 'rmse'] as const;
export type RegressionMetric = (typeof REGRESSION_METRICS)[number];

/** Labelled reference rows: the model's inputs (columns of `table` named by `features`), prediction and target. */
export interface RegressionReferenceData {
  readonly table: DataTable;
  readonly features: readonly ModelFeature[];
  readonly predictions: ArrayLike<number>;
  readonly targets: ArrayLike<number>;
}

export interface RegressionChunkData {
  readonly table: DataTable;
  readonly predictions: ArrayLike<number>;
}

export interface DirectLossEstimatorOptions {
  readonly chunkSize: number | readonly ChunkRange[];
  readonly metrics?: readonly RegressionMetric[];
  /** Hyper-parameters of the loss models (driftguard's gbdt; default its defaults, as NannyML uses LightGBM's). */
  readonly params?: Partial<GbdtParams>;
  readonly seed?: number;
  /** Instead of the reference's 3-std band: alert when an estimated loss exceeds the reference value by more than this. */
  readonly maxDrop?: number;
}

/** A fitted DLE estimator: estimates a chunk's MAE / RMSE from its inputs and predictions. */
export interface DirectLossEstimator {
  readonly metrics: readonly RegressionMetric[];
  readonly reference: MetricValues<RegressionMetric>;
  readonly thresholds: Readonly<Record<RegressionMetric, AlertThresholds>>;
  estimate(chunk: RegressionChunkData): ChunkEstimate<RegressionMetric>;
  realized(chunk: {
    readonly predictions: ArrayLike<number>;
    readonly targets: ArrayLike<number>;
  }): MetricValues<RegressionMetric>;
}

const LOSS_RANGE: ValueLimits = { lower: 0, upper: null };
/** Column names the loss models see for the prediction and the loss; chosen not to clash with users' columns. */
const PREDICTION_COLUMN = '__driftguard_prediction__';
const LOSS_COLUMN = '__driftguard_loss__';

/** `table`'s feature columns, the prediction and (for training) the loss as one table for the gbdt trainer. */
function lossTable(
  table: DataTable,
  features: readonly ModelFeature[],
  predictions: ArrayLike<number>,
  loss: Float64Array | null,
): DataTable {
  const columns: [string, Column][] = features.map((f) => {
    const column = table.columns.get(f.name);
    if (column === undefined) throw new EstimationInputError(`features.${f.name}`, 'is not a column of the table');
    return [f.name, column];
  });
  columns.push([PREDICTION_COLUMN, numberColumn(Float64Array.from(predictions))]);
  if (loss !== null) columns.push([LOSS_COLUMN, numberColumn(loss)]);
  return dataTableOf(columns, table.rowCount);
}

function realizedLosses(predictions: ArrayLike<number>, targets: ArrayLike<number>): MetricValues<RegressionMetric> {
  const absolute = new Float64Array(targets.length);
  const squared = new Float64Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const e = targets[i] - predictions[i];
    absolute[i] = Math.abs(e);
    squared[i] = e * e;
  }
  return { mae: numpyMean(absolute), rmse: Math.sqrt(numpyMean(squared)) };
}

/**
 * Direct loss estimation (NannyML DLE) for a regression model: on the labelled reference, one gradient-boosted
 * model learns the absolute error |y − ŷ| and one the squared error (y − ŷ)² from the inputs and the prediction
 * (driftguard's gbdt, where NannyML uses LightGBM); a chunk's MAE is the mean predicted absolute error, its RMSE
 * the root of the mean predicted squared error (predictions below 0 count as 0). Sampling error as NannyML:
 * MAE std(|e|)/√n, RMSE √(std(e²)² / (4·n·mean(e²))). The alert band is the reference chunks' mean ± 3 std; a
 * loss alerts above it.
 */
export function fitDirectLossEstimator(
  reference: RegressionReferenceData,
  options: DirectLossEstimatorOptions,
): DirectLossEstimator {
  requireFiniteArray(reference.predictions, 'reference.predictions');
  requireFiniteArray(reference.targets, 'reference.targets');
  requireSameLength(reference.predictions, 'reference.predictions', reference.targets, 'reference.targets');
  if (reference.table.rowCount !== reference.targets.length) {
    throw new EstimationInputError(
      'reference.table',
      `has ${reference.table.rowCount} rows, reference.targets ${reference.targets.length}`,
    );
  }
  const metrics = options.metrics ?? REGRESSION_METRICS;
  if (metrics.length === 0) throw new EstimationInputError('metrics', 'select at least one metric');
  const n = reference.targets.length;
  const absolute = new Float64Array(n);
  const squared = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = reference.targets[i] - reference.predictions[i];
    absolute[i] = Math.abs(e);
    squared[i] = e * e;
  }
  const features: ModelFeature[] = [...reference.features, { name: PREDICTION_COLUMN, kind: 'numeric' }];
  const fitLossModel = (loss: Float64Array): FittedModel =>
    gbdtTrainer.fit(
      {
        table: lossTable(reference.table, reference.features, reference.predictions, loss),
        target: LOSS_COLUMN,
        task: 'regression',
        features,
      },
      null,
      options.params ?? {},
      options.seed ?? 0,
    ).model;
  const models: Partial<Record<RegressionMetric, FittedModel>> = {};
  if (metrics.includes('mae')) models.mae = fitLossModel(absolute);
  if (metrics.includes('rmse')) models.rmse = fitLossModel(squared);

  const referenceValues = realizedLosses(reference.predictions, reference.targets);
  const referenceChunks = typeof options.chunkSize === 'number' ? chunkRanges(n, options.chunkSize) : options.chunkSize;
  const chunkValues = referenceChunks.map((r) =>
    realizedLosses(
      Array.prototype.slice.call(reference.predictions, r.start, r.start + r.rows) as number[],
      Array.prototype.slice.call(reference.targets, r.start, r.start + r.rows) as number[],
    ),
  );
  const thresholds = Object.fromEntries(
    REGRESSION_METRICS.map((m) => {
      const band = standardDeviationThresholds(
        chunkValues.map((v) => v[m]),
        LOSS_RANGE,
      );
      return [
        m,
        options.maxDrop === undefined
          ? band
          : maxDropThresholds(band, referenceValues[m], options.maxDrop, 'lower', LOSS_RANGE),
      ];
    }),
  ) as Record<RegressionMetric, AlertThresholds>;
  const absoluteStd = numpyStd(absolute);
  const squaredStd = numpyStd(squared);
  const squaredMean = numpyMean(squared);
  const samplingErrorOf = (m: RegressionMetric, rows: number): number =>
    m === 'mae' ? absoluteStd / Math.sqrt(rows) : Math.sqrt((squaredStd * squaredStd) / (4 * rows * squaredMean));

  return {
    metrics,
    reference: Object.fromEntries(metrics.map((m) => [m, referenceValues[m]])) as MetricValues<RegressionMetric>,
    thresholds,
    estimate(chunk) {
      requireFiniteArray(chunk.predictions, 'chunk.predictions');
      if (chunk.table.rowCount !== chunk.predictions.length) {
        throw new EstimationInputError(
          'chunk.table',
          `has ${chunk.table.rowCount} rows, chunk.predictions ${chunk.predictions.length}`,
        );
      }
      const table = lossTable(chunk.table, reference.features, chunk.predictions, null);
      const meanPredictedLoss = (model: FittedModel): number =>
        numpyMean(model.predictBatch(table).map((v) => Math.max(0, v)));
      const values: Record<RegressionMetric, number | null> = {
        mae: models.mae === undefined ? null : meanPredictedLoss(models.mae),
        rmse: models.rmse === undefined ? null : Math.sqrt(meanPredictedLoss(models.rmse)),
      };
      const rows = chunk.predictions.length;
      return {
        rows,
        metrics: Object.fromEntries(
          metrics.map((m) => [
            m,
            metricEstimate(values[m], samplingErrorOf(m, rows), LOSS_RANGE, thresholds[m], 'lower'),
          ]),
        ) as ChunkEstimate<RegressionMetric>['metrics'],
      };
    },
    realized(chunk) {
      requireFiniteArray(chunk.targets, 'chunk.targets');
      requireSameLength(chunk.predictions, 'chunk.predictions', chunk.targets, 'chunk.targets');
      const values = realizedLosses(chunk.predictions, chunk.targets);
      return Object.fromEntries(metrics.map((m) => [m, values[m]])) as MetricValues<RegressionMetric>;
    },
  };
}
