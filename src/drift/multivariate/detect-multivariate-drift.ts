import { createSeededRandom } from '../../models/evaluation/seeded-random.js';
import { classifierDrift } from './domain-classifier.js';
import { mmdDrift } from './mmd-drift.js';
import type { MultivariateInput } from './multivariate-input.js';
import {
  type MultivariateOptions,
  type MultivariateOptionsInput,
  resolveMultivariateOptions,
} from './multivariate-options.js';
import type { MultivariateDriftResult } from './multivariate-result.js';
import { pcaReconstructionDrift } from './reconstruction-drift.js';

/**
 * Runs the configured multivariate drift test (default: the domain classifier) on reference vs current rows.
 * Pure and deterministic: the random source is seeded from `options.seed`. Bad options or unusable input throw
 * DriftConfigError naming the field (see docs/multivariate-drift.md).
 */
export function detectMultivariateDrift(
  input: MultivariateInput,
  options: MultivariateOptions | MultivariateOptionsInput = {},
): MultivariateDriftResult {
  const resolved = resolveMultivariateOptions(options);
  const random = createSeededRandom(resolved.seed);
  switch (resolved.method) {
    case 'classifier':
      return classifierDrift(input, resolved.classifier, resolved.topFeatureCount, random);
    case 'pca':
      return pcaReconstructionDrift(input, resolved.pca, resolved.topFeatureCount);
    case 'mmd':
      return mmdDrift(input, resolved.mmd, resolved.topFeatureCount, random);
  }
}
