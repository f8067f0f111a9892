// Multivariate drift tests and drift attribution: re-exports only.
export { detectMultivariateDrift } from './detect-multivariate-drift.js';
export type { MultivariateFeature, MultivariateInput } from './multivariate-input.js';
export { multivariateFeatures } from './schema-features.js';
export {
  DEFAULT_MULTIVARIATE_OPTIONS,
  MULTIVARIATE_METHODS,
  resolveMultivariateOptions,
  type ClassifierDetectorOptions,
  type MmdDetectorOptions,
  type MultivariateMethod,
  type MultivariateOptions,
  type MultivariateOptionsInput,
  type PcaDetectorOptions,
} from './multivariate-options.js';
export type { ClassifierDriftResult, MmdDriftResult, MultivariateDriftResult, PcaDriftResult, TopFeature } from './multivariate-result.js';
export { rankTopFeatures, univariateTopFeatures } from './top-features.js';
