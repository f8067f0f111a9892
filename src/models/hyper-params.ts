import { ModelError } from './model-error.js';
import type { ClassWeight, HyperParamValue } from './model-types.js';

/** How one hyper-parameter is validated: a number in [min, max] (integer when `integer`), or a class weight. */
export type ParamRule =
  | {
      readonly type: 'number';
      readonly min: number;
      readonly max: number;
      readonly integer?: boolean;
      readonly exclusiveMin?: boolean;
    }
  | { readonly type: 'classWeight' };

function parseClassWeight(key: string, value: HyperParamValue | ClassWeight): ClassWeight {
  if (value === null || value === 'none' || value === 'null') return null;
  if (value === 'balanced') return 'balanced';
  if (typeof value === 'object') {
    const { negative, positive } = value;
    if (Number.isFinite(negative) && Number.isFinite(positive) && negative > 0 && positive > 0)
      return { negative, positive };
  }
  if (typeof value === 'string' && /^[^:]+:[^:]+$/.test(value)) {
    // "negative:positive", e.g. "1:3"
    const [negative, positive] = value.split(':').map(Number);
    if (negative > 0 && positive > 0 && Number.isFinite(negative) && Number.isFinite(positive))
      return { negative, positive };
  }
  throw new ModelError(
    key,
    `must be "balanced", null or "<weight of class 0>:<weight of class 1>" with positive weights, got ${JSON.stringify(value)}`,
  );
}

function parseNumber(key: string, value: unknown, rule: Extract<ParamRule, { type: 'number' }>): number {
  const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ModelError(key, `must be a finite number, got ${JSON.stringify(value)}`);
  if (rule.integer === true && !Number.isInteger(v)) throw new ModelError(key, `must be an integer, got ${v}`);
  const low = rule.exclusiveMin === true ? v <= rule.min : v < rule.min;
  if (low || v > rule.max) {
    throw new ModelError(
      key,
      `must be in ${rule.exclusiveMin === true ? '(' : '['}${rule.min}, ${rule.max}], got ${v}`,
    );
  }
  return v;
}

/**
 * Merges `raw` over `defaults`, validating every key against `rules`: unknown keys and out-of-range values
 * throw ModelError naming the key and the valid range. Numeric strings (from `--params k=v`) are parsed.
 */
export function resolveHyperParams<P extends object>(
  defaults: P,
  rules: Readonly<Record<keyof P, ParamRule>>,
  raw: Readonly<Record<string, unknown>>,
): P {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const rule = (rules as Record<string, ParamRule | undefined>)[key];
    if (rule === undefined) {
      throw new ModelError(key, `unknown hyper-parameter (valid: ${Object.keys(rules).join(', ')})`);
    }
    out[key] =
      rule.type === 'classWeight' ? parseClassWeight(key, value as HyperParamValue) : parseNumber(key, value, rule);
  }
  return out as P;
}

/** Per-row weights from a class weight: `balanced` = n / (2 · n_c) (sklearn `compute_class_weight('balanced')`). */
export function classSampleWeights(y: Float64Array, classWeight: ClassWeight): Float64Array {
  const w = new Float64Array(y.length).fill(1);
  if (classWeight === null) return w;
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  const negatives = y.length - positives;
  const wPos = classWeight === 'balanced' ? y.length / (2 * positives) : classWeight.positive;
  const wNeg = classWeight === 'balanced' ? y.length / (2 * negatives) : classWeight.negative;
  for (let i = 0; i < y.length; i++) w[i] = y[i] === 1 ? wPos : wNeg;
  return w;
}
