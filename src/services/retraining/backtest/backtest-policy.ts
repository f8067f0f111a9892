import { jsonSyntaxText, parseJsonText } from '../../../domain/parse-json-text.js';
import { DEFAULT_IMPACT_POLICY, type ImpactPolicy } from '../../../domain/performance-impact.js';
import {
  createRetrainingPolicy,
  type RetrainingPolicy,
  type RetrainingPolicyOverrides,
} from '../../../domain/retraining-policy.js';
import { SchemaError } from '../../../domain/schema-error.js';
import { createDriftEngineConfig } from '../../../drift/create-drift-engine-config.js';
import type { DriftEngineOptions } from '../../../drift/drift-config.js';
import { BINARY_METRICS, type BinaryMetric } from '../../../drift/estimation/index.js';

/** What a `--policy` file sets: the retraining policy and the drift engine options of the monitoring. */
export interface BacktestPolicy {
  readonly retraining: RetrainingPolicy;
  readonly drift: DriftEngineOptions;
  /** Performance estimation and impact-aware grading of the `drift` policy (the model definition's `estimation`). */
  readonly estimation: { readonly metrics?: readonly BinaryMetric[]; readonly impact: ImpactPolicy };
}

const ESTIMATION_KEYS = ['metrics', 'impactAware', 'dropWhen'];

/** The `estimation` object of a policy file (same fields as a model definition's); bad field → SchemaError. */
function parseEstimation(value: unknown, field: string): BacktestPolicy['estimation'] {
  if (value === undefined) return { impact: DEFAULT_IMPACT_POLICY };
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SchemaError(field, 'must be an object');
  const e = value as Record<string, unknown>;
  const unknown = Object.keys(e).find((k) => !ESTIMATION_KEYS.includes(k));
  if (unknown !== undefined)
    throw new SchemaError(`${field}.${unknown}`, `unknown setting; valid: ${ESTIMATION_KEYS.join(', ')}`);
  if (
    e.metrics !== undefined &&
    (!Array.isArray(e.metrics) ||
      e.metrics.length === 0 ||
      e.metrics.some((m) => !(BINARY_METRICS as readonly unknown[]).includes(m)))
  )
    throw new SchemaError(`${field}.metrics`, `must be a non-empty list of ${BINARY_METRICS.join(', ')}`);
  if (e.impactAware !== undefined && typeof e.impactAware !== 'boolean')
    throw new SchemaError(`${field}.impactAware`, `must be true or false, got ${JSON.stringify(e.impactAware)}`);
  if (e.dropWhen !== undefined && e.dropWhen !== 'estimate' && e.dropWhen !== 'band')
    throw new SchemaError(`${field}.dropWhen`, `must be "estimate" or "band", got ${JSON.stringify(e.dropWhen)}`);
  return {
    ...(e.metrics === undefined ? {} : { metrics: e.metrics as BinaryMetric[] }),
    impact: {
      enabled: (e.impactAware as boolean | undefined) ?? DEFAULT_IMPACT_POLICY.enabled,
      dropWhen: (e.dropWhen as ImpactPolicy['dropWhen'] | undefined) ?? DEFAULT_IMPACT_POLICY.dropWhen,
    },
  };
}

/**
 * Parses a policy file: `{ "retraining": { …RetrainingPolicy overrides }, "drift": { …drift engine options } }`
 * (both optional). Bad JSON or a bad setting → SchemaError naming the file and the field.
 */
export function parseBacktestPolicy(text: string, file: string): BacktestPolicy {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new SchemaError(file, jsonSyntaxText(parsed.problem));
  const json = parsed.value;
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new SchemaError(file, 'must be a JSON object with "retraining", "drift" and/or "estimation"');
  const unknown = Object.keys(json).filter((k) => k !== 'retraining' && k !== 'drift' && k !== 'estimation');
  if (unknown.length > 0)
    throw new SchemaError(`${file}: ${unknown[0]}`, 'unknown key; valid: retraining, drift, estimation');
  const {
    retraining = {},
    drift = {},
    estimation,
  } = json as {
    retraining?: RetrainingPolicyOverrides;
    drift?: DriftEngineOptions;
    estimation?: unknown;
  };
  const policy = createRetrainingPolicy(retraining, 'retraining');
  createDriftEngineConfig(drift);
  return { retraining: policy, drift, estimation: parseEstimation(estimation, `${file}: estimation`) };
}
