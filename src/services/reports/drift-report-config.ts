import type { FeatureOverride, SchemaInferenceOptions } from '../../domain/feature-schema.js';
import { SchemaError } from '../../domain/schema-error.js';
import type { DriftEngineOptions, DriftMode } from '../../drift/drift-config.js';
import {
  MULTIVARIATE_METHODS,
  type MultivariateOptionsInput,
  resolveMultivariateOptions,
} from '../../drift/multivariate/index.js';
import type { ReferenceProfileOptions } from '../../drift/reference-profile.js';
import { DriftReportInputError } from './drift-report-input-error.js';

/**
 * The `--config` file of `driftguard report` (JSON). Every key optional; command-line flags win over the file.
 * Nested objects are validated by the engine (schema inference, profile options, engine config).
 */
export interface DriftReportConfig extends Omit<SchemaInferenceOptions, 'overrides'> {
  /** Per-feature overrides (schema inference's `overrides`): kind, allowed values, bounds, weight, test, threshold. */
  readonly features?: Readonly<Record<string, FeatureOverride>>;
  readonly profile?: ReferenceProfileOptions;
  /** Engine options (mode, pValueThreshold, correction, effect-size floors, severity …); `window` is not used here. */
  readonly engine?: DriftEngineOptions;
  /** Options of the multivariate test (docs/multivariate-drift.md); its presence turns the test on. */
  readonly multivariate?: MultivariateOptionsInput;
}

const KEYS: Readonly<Record<keyof DriftReportConfig, 'string' | 'strings' | 'object' | 'scalar' | 'number'>> = {
  target: 'string',
  prediction: 'string',
  predictionScore: 'string',
  positiveClass: 'scalar',
  task: 'string',
  ignore: 'strings',
  exclude: 'strings',
  features: 'object',
  maxCategoricalIntegerCardinality: 'number',
  profile: 'object',
  engine: 'object',
  multivariate: 'object',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the top level of a parsed config file (unknown keys, wrong types); `source` names the file in errors. */
export function parseDriftReportConfig(json: unknown, source: string): DriftReportConfig {
  if (!isObject(json)) throw new DriftReportInputError(source, 'must be a JSON object');
  for (const [key, value] of Object.entries(json)) {
    const expected = KEYS[key as keyof DriftReportConfig];
    if (expected === undefined) {
      throw new DriftReportInputError(source, `unknown key "${key}" (valid: ${Object.keys(KEYS).join(', ')})`);
    }
    const ok =
      expected === 'string'
        ? typeof value === 'string'
        : expected === 'strings'
          ? Array.isArray(value) && value.every((item) => typeof item === 'string')
          : expected === 'number'
            ? typeof value === 'number'
            : expected === 'scalar'
              ? ['string', 'number', 'boolean'].includes(typeof value)
              : isObject(value);
    if (!ok) {
      const want = {
        string: 'a string',
        strings: 'an array of strings',
        number: 'a number',
        scalar: 'a string, number or boolean',
        object: 'an object',
      }[expected];
      throw new DriftReportInputError(source, `"${key}" must be ${want}, got ${JSON.stringify(value)}`);
    }
  }
  if (isObject(json.engine) && json.engine.window !== undefined) {
    throw new DriftReportInputError(
      source,
      '"engine.window" is not used by a one-shot report (the whole current file is one window)',
    );
  }
  if (json.multivariate !== undefined) {
    try {
      resolveMultivariateOptions(json.multivariate);
    } catch (error) {
      if (error instanceof SchemaError) throw new DriftReportInputError(source, `${error.field}: ${error.reason}`);
      throw error;
    }
  }
  return json as DriftReportConfig;
}

/** The report modes, for validating user input. */
export const DRIFT_MODES: readonly DriftMode[] = ['driftguard', 'evidently'];

export type { MultivariateMethod, MultivariateOptionsInput } from '../../drift/multivariate/index.js';
export { MULTIVARIATE_METHODS };
