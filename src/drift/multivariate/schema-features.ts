import type { FeatureSchema } from '../../domain/feature-schema.js';
import type { MultivariateFeature } from './multivariate-input.js';

/** The features a multivariate test looks at: the schema's features that are tested (not excluded). */
export function multivariateFeatures(schema: FeatureSchema): MultivariateFeature[] {
  return schema.features
    .filter((feature) => !feature.excluded)
    .map((feature) => ({ name: feature.name, kind: feature.kind }));
}
