// Multivariate drift tests and drift attribution: re-exports only.
export { detectMultivariateDrift } from './detect-multivariate-drift.js';
export type { MultivariateFeature, MultivariateInput } from './multivariate-input.js';
export {
  type ClassifierDetectorOptions,
  DEFAULT_MULTIVARIATE_OPTIONS,
  type MmdDetectorOptions,
  MULTIVARIATE_METHODS,
  type MultivariateMethod,
  type MultivariateOptions,
  type MultivariateOptionsInput,
  type PcaDetectorOptions,
  resolveMultivariateOptions,
} from './multivariate-options.js';
export type {
  ClassifierDriftResult,
  MmdDriftResult,
  MultivariateDriftResult,
  PcaDriftResult,
  TopFeature,
} from './multivariate-result.js';
export { multivariateFeatures } from './schema-features.js';
export { rankTopFeatures, univariateTopFeatures } from './top-features.js';
