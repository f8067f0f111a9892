import type { Cell } from './data-table.js';

/** A predicted class as the model emits it (string form is what drift and metrics compare). */
export type PredictedClass = string | number | boolean;

/**
 * One logged prediction event: what the model saw, what it said, and — once ground truth arrives — the label.
 * `sequence` is assigned by the store at commit time and orders events for count-based windows.
 */
export interface PredictionRecord {
  readonly id: string;
  readonly model: string;
  readonly modelVersion: string | null;
  readonly timestampMs: number;
  readonly features: Readonly<Record<string, Cell>>;
  readonly predictedClass: PredictedClass | null;
  readonly score: number | null;
  readonly label: Cell;
  readonly labelTimestampMs: number | null;
}

/** A prediction as handed to the store for logging (not yet labelled, no sequence). */
export type NewPrediction = Omit<PredictionRecord, 'label' | 'labelTimestampMs'>;

/** A stored prediction with its store-assigned position in the model's log. */
export interface StoredPrediction extends PredictionRecord {
  readonly sequence: number;
}

/** Ground truth for an earlier prediction, joined by prediction id. */
export interface GroundTruthLabel {
  readonly predictionId: string;
  readonly label: Exclude<Cell, null>;
  readonly timestampMs: number;
}
