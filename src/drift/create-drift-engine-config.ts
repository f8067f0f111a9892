import { DEFAULT_SEVERITY_THRESHOLDS, validateSeverityThresholds } from '../domain/grade-severity.js';
import { SchemaError } from '../domain/schema-error.js';
import type { DriftEngineConfig, DriftEngineOptions, EffectSizeName, WindowOptions } from './drift-config.js';
import { DriftConfigError } from './drift-config-error.js';

/**
 * Per family, so that pure noise reaches each floor in about 1 % of windows or less (measured in
 * effect-size-noise-floor.test.ts): the Borell–TIS Wasserstein floor is conservative (≤ 0.92 % at 0.05), the
 * chi-square JS / PSI floors are reached at about their nominal level.
 */
const DEFAULT_NOISE_FLOOR_PROBABILITY: Readonly<Record<EffectSizeName, number>> = {
  normed_wasserstein: 0.05,
  jensen_shannon: 0.01,
  psi: 0.01,
};

/** Every default of the engine (documented in docs/drift-engine.md). */
export const DEFAULT_DRIFT_ENGINE_CONFIG: DriftEngineConfig = {
  mode: 'driftguard',
  pValueThreshold: 0.05,
  correction: 'benjamini_hochberg',
  effectSizes: { numeric: 'normed_wasserstein', categorical: 'jensen_shannon' },
  effectSizeFloors: { normed_wasserstein: 0.1, jensen_shannon: 0.1, psi: 0.1 },
  noiseFloorProbability: DEFAULT_NOISE_FLOOR_PROBABILITY,
  driftShareThreshold: 0.5,
  useImportanceWeights: false,
  severity: DEFAULT_SEVERITY_THRESHOLDS,
  persistenceWindows: 1,
  chartBins: 20,
  performance: { pValueThreshold: 0.01, minErrorRateIncrease: 0.02, minRelativeMaeIncrease: 0.1, minLabelledRows: 30 },
  dataQuality: { missingRateChange: 0.05 },
  window: null,
};

const MODES = ['driftguard', 'evidently'] as const;
const CORRECTIONS = ['bonferroni', 'benjamini_hochberg', 'none'] as const;
const EFFECT_SIZES: readonly EffectSizeName[] = ['normed_wasserstein', 'jensen_shannon', 'psi'];

function probability(value: unknown, field: string, open = true): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > 1 ||
    (open && (value === 0 || value === 1))
  ) {
    throw new DriftConfigError(field, `must be a number in ${open ? '(0, 1)' : '[0, 1]'}, got ${String(value)}`);
  }
  return value;
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new DriftConfigError(field, `must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(value: unknown, field: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new DriftConfigError(field, `must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) {
    throw new DriftConfigError(field, `must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  }
  return value as T;
}

function unknownKeys(value: object, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new DriftConfigError(`${field}${field ? '.' : ''}${key}`, `unknown option (valid: ${allowed.join(', ')})`);
  }
}

/** Validates a window: count windows need windowSize ≥ 1 and 1 ≤ step; time windows positive seconds. */
export function validateWindowOptions(window: WindowOptions, field = 'window'): WindowOptions {
  if (window === null || typeof window !== 'object') throw new DriftConfigError(field, 'must be an object');
  if (window.type === 'count') {
    unknownKeys(window, ['type', 'windowSize', 'step'], field);
    positiveInteger(window.windowSize, `${field}.windowSize`);
    positiveInteger(window.step, `${field}.step`);
    return { type: 'count', windowSize: window.windowSize, step: window.step };
  }
  if (window.type === 'time') {
    unknownKeys(window, ['type', 'windowSeconds', 'stepSeconds'], field);
    positive(window.windowSeconds, `${field}.windowSeconds`);
    positive(window.stepSeconds, `${field}.stepSeconds`);
    return { type: 'time', windowSeconds: window.windowSeconds, stepSeconds: window.stepSeconds };
  }
  throw new DriftConfigError(
    `${field}.type`,
    `must be 'count' or 'time', got '${String((window as { type?: unknown }).type)}'`,
  );
}

/** `noiseFloorProbability`: one level for every family, or per family (missing families keep their default). */
function noiseFloorProbabilities(
  value: DriftEngineOptions['noiseFloorProbability'],
): DriftEngineConfig['noiseFloorProbability'] {
  const defaults = DEFAULT_NOISE_FLOOR_PROBABILITY;
  if (value === null) return null;
  if (value === undefined) return defaults;
  const field = 'noiseFloorProbability';
  if (typeof value === 'number') {
    const p = probability(value, field);
    return { normed_wasserstein: p, jensen_shannon: p, psi: p };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DriftConfigError(
      field,
      `must be a number in (0, 1), an object of them per effect size (${EFFECT_SIZES.join(', ')}) or null, got ${String(value)}`,
    );
  }
  unknownKeys(value, EFFECT_SIZES, field);
  const resolved = { ...defaults };
  for (const [name, v] of Object.entries(value)) resolved[name as EffectSizeName] = probability(v, `${field}.${name}`);
  return resolved;
}

/**
 * Validates engine options and fills every default (DEFAULT_DRIFT_ENGINE_CONFIG). Throws `DriftConfigError`
 * naming the field and what is valid; unknown keys are errors too (a typo must not silently fall back to a default).
 * A resolved config passes through unchanged (idempotent).
 */
export function createDriftEngineConfig(options: DriftEngineOptions | DriftEngineConfig = {}): DriftEngineConfig {
  if (options === null || typeof options !== 'object') throw new DriftConfigError('options', 'must be an object');
  const d = DEFAULT_DRIFT_ENGINE_CONFIG;
  unknownKeys(options, Object.keys(d), '');
  const floors = { ...d.effectSizeFloors };
  if (options.effectSizeFloors !== undefined) {
    unknownKeys(options.effectSizeFloors, EFFECT_SIZES, 'effectSizeFloors');
    for (const [name, v] of Object.entries(options.effectSizeFloors))
      floors[name as EffectSizeName] = positive(v, `effectSizeFloors.${name}`);
  }
  const effectSizes = { ...d.effectSizes, ...(options.effectSizes ?? {}) };
  unknownKeys(effectSizes, ['numeric', 'categorical'], 'effectSizes');
  oneOf(effectSizes.numeric, EFFECT_SIZES, 'effectSizes.numeric');
  oneOf(
    effectSizes.categorical,
    EFFECT_SIZES.filter((e) => e !== 'normed_wasserstein'),
    'effectSizes.categorical',
  );
  const performance = { ...d.performance, ...(options.performance ?? {}) };
  unknownKeys(performance, Object.keys(d.performance), 'performance');
  probability(performance.pValueThreshold, 'performance.pValueThreshold');
  probability(performance.minErrorRateIncrease, 'performance.minErrorRateIncrease', false);
  if (
    !(
      typeof performance.minRelativeMaeIncrease === 'number' &&
      performance.minRelativeMaeIncrease >= 0 &&
      Number.isFinite(performance.minRelativeMaeIncrease)
    )
  ) {
    throw new DriftConfigError(
      'performance.minRelativeMaeIncrease',
      `must be a finite number ≥ 0, got ${String(performance.minRelativeMaeIncrease)}`,
    );
  }
  positiveInteger(performance.minLabelledRows, 'performance.minLabelledRows');
  const dataQuality = { ...d.dataQuality, ...(options.dataQuality ?? {}) };
  unknownKeys(dataQuality, Object.keys(d.dataQuality), 'dataQuality');
  probability(dataQuality.missingRateChange, 'dataQuality.missingRateChange', false);
  const severity = { ...d.severity, ...(options.severity ?? {}) };
  unknownKeys(severity, ['low', 'medium', 'high'], 'severity');
  try {
    validateSeverityThresholds(severity);
  } catch (e) {
    if (e instanceof SchemaError) throw new DriftConfigError(e.field, e.reason);
    throw e;
  }
  const useImportanceWeights = options.useImportanceWeights ?? d.useImportanceWeights;
  if (typeof useImportanceWeights !== 'boolean') {
    throw new DriftConfigError('useImportanceWeights', `must be true or false, got ${String(useImportanceWeights)}`);
  }
  return {
    mode: oneOf(options.mode ?? d.mode, MODES, 'mode'),
    pValueThreshold: probability(options.pValueThreshold ?? d.pValueThreshold, 'pValueThreshold'),
    correction: oneOf(options.correction ?? d.correction, CORRECTIONS, 'correction'),
    effectSizes,
    effectSizeFloors: floors,
    noiseFloorProbability: noiseFloorProbabilities(options.noiseFloorProbability),
    driftShareThreshold: probability(
      options.driftShareThreshold ?? d.driftShareThreshold,
      'driftShareThreshold',
      false,
    ),
    useImportanceWeights,
    severity,
    persistenceWindows: positiveInteger(options.persistenceWindows ?? d.persistenceWindows, 'persistenceWindows'),
    chartBins: positiveInteger(options.chartBins ?? d.chartBins, 'chartBins', 2),
    performance,
    dataQuality,
    window: options.window === undefined || options.window === null ? null : validateWindowOptions(options.window),
  };
}
