import { monitoringProfile } from './monitoring-profile.js';
import type { TrainedModel } from './train-model.js';

/**
 * The drift reference profile of a trained model, stored with its version: its training rows' features, the label /
 * prediction / score columns as `/predict` logs them, and the reference performance on its held-out test rows.
 */
export function referenceProfileOf(trained: TrainedModel): unknown {
  return monitoringProfile(trained.model, trained.trainTable, trained.testTable);
}
