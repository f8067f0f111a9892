import { jsonSyntaxText, parseJsonText } from '../../../domain/parse-json-text.js';
import {
  createRetrainingPolicy,
  type RetrainingPolicy,
  type RetrainingPolicyOverrides,
} from '../../../domain/retraining-policy.js';
import { SchemaError } from '../../../domain/schema-error.js';
import { createDriftEngineConfig } from '../../../drift/create-drift-engine-config.js';
import type { DriftEngineOptions } from '../../../drift/drift-config.js';

/** What a `--policy` file sets: the retraining policy and the drift engine options of the monitoring. */
export interface BacktestPolicy {
  readonly retraining: RetrainingPolicy;
  readonly drift: DriftEngineOptions;
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
    throw new SchemaError(file, 'must be a JSON object with "retraining" and/or "drift"');
  const unknown = Object.keys(json).filter((k) => k !== 'retraining' && k !== 'drift');
  if (unknown.length > 0) throw new SchemaError(`${file}: ${unknown[0]}`, 'unknown key; valid: retraining, drift');
  const { retraining = {}, drift = {} } = json as {
    retraining?: RetrainingPolicyOverrides;
    drift?: DriftEngineOptions;
  };
  const policy = createRetrainingPolicy(retraining, 'retraining');
  createDriftEngineConfig(drift);
  return { retraining: policy, drift };
}
