import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from '../drift/build-reference-profile.js';
import type { TrainedModel } from './train-model.js';

/** The drift reference profile of a trained model: its training rows, features and target as the schema. */
export function referenceProfileOf(trained: TrainedModel): unknown {
  const featureNames = new Set(trained.model.schema.features.map((f) => f.name));
  const ignore = trained.trainTable.columnNames.filter((c) => !featureNames.has(c) && c !== trained.model.schema.target);
  const schema = inferSchema(trained.trainTable, { target: trained.model.schema.target, ignore, task: 'classification' });
  return buildReferenceProfile(trained.trainTable, schema);
}
