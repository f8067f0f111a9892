import type { DataTable } from '../domain/data-table.js';
import type { BinaryClassificationMetrics } from './metrics/index.js';
import type { FittedModel, SerializedModel, TrainingLog } from './model-types.js';

/** A trained, evaluated model and everything needed to write its directory. */
export interface TrainedModel {
  readonly model: FittedModel;
  /** The JSON model with `fitSeconds` and `createdAt` filled in. */
  readonly serialized: SerializedModel;
  readonly log: TrainingLog;
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
  readonly metrics: {
    readonly validation: BinaryClassificationMetrics | null;
    readonly test: BinaryClassificationMetrics;
  };
  readonly fitSeconds: number;
  /** The training rows (reference data of drift monitoring). */
  readonly trainTable: DataTable;
  /** The held-out test rows the metrics were computed on. */
  readonly testTable: DataTable;
  readonly timeColumn: string | null;
  readonly exclude: readonly string[];
}
