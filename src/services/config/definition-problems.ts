import type { FeatureKind, FeatureOverride } from '../../domain/feature-schema.js';
import { withFeatureOverride } from '../../domain/infer-schema.js';
import { SchemaError } from '../../domain/schema-error.js';
import { pointerSegment } from '../../domain/storable-text.js';
import { createDriftEngineConfig, findStatTest, resolveMultivariateOptions, STAT_TESTS } from '../../drift/index.js';
import type { ErrorDetail } from '../service-errors.js';
import { type MonitoredModelDefinition, servingProblems } from './monitored-model-definition.js';

/** `a.b.c` (a SchemaError field below `prefix`) as the JSON Pointer `/a/b/c` below `base`. */
function pointerOf(field: string, prefix: string, base: string): string {
  const rest = field.startsWith(prefix) ? field.slice(prefix.length) : field;
  return `${base}${rest
    .split('.')
    .filter(Boolean)
    .map((s) => `/${s}`)
    .join('')}`;
}

/** The kind a feature's override declares or implies (allowed values → categorical, bounds → numeric); null if none. */
function declaredKind(override: FeatureOverride): FeatureKind | null {
  if (override.kind !== undefined) return override.kind;
  if (override.allowedValues !== undefined) return 'categorical';
  if (override.bounds !== undefined) return 'numeric';
  return null;
}

function featureProblems(name: string, override: FeatureOverride): ErrorDetail[] {
  const base = `/features/${pointerSegment(name)}`;
  if (name === '') return [{ path: base, reason: 'a feature name may not be empty' }];
  const problems: ErrorDetail[] = [];
  const kind = declaredKind(override);
  try {
    withFeatureOverride(
      { name, kind: kind ?? 'numeric', kindSource: 'inferred', importanceWeight: 1, excluded: false },
      // With no declared kind, bounds and allowed values cannot clash yet: the reference decides the kind.
      kind === null ? { ...override, bounds: undefined, allowedValues: undefined } : override,
    );
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    problems.push({ path: pointerOf(error.field, `overrides.${name}`, base), reason: error.reason });
  }
  if (override.test !== undefined) {
    const test = findStatTest(override.test);
    if (test === undefined)
      problems.push({
        path: `${base}/test`,
        reason: `unknown test ${JSON.stringify(override.test)}; the tests are ${STAT_TESTS.map((t) => t.name).join(', ')}`,
      });
    else if (kind !== null && !test.kinds.includes(kind))
      problems.push({
        path: `${base}/test`,
        reason: `${test.name} tests ${test.kinds.join(' / ')} features, and this feature is ${kind}; tests for ${kind} features: ${STAT_TESTS.filter(
          (t) => t.kinds.includes(kind),
        )
          .map((t) => t.name)
          .join(', ')}`,
      });
  }
  return problems;
}

/**
 * What makes a monitored model definition impossible to evaluate, each problem with its JSON Pointer: a feature
 * named "", an unknown test or a test that cannot take the feature's declared kind, bounds on a non-numeric feature or
 * with min > max, allowed values on a numeric feature, and drift settings the engine refuses (severity thresholds out
 * of order …). Checked at POST / PUT /v1/models and when the configuration is loaded, so that such a definition is
 * refused at once instead of failing every monitoring tick.
 */
export function definitionProblems(definition: MonitoredModelDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [name, override] of Object.entries(definition.features ?? {}))
    problems.push(...featureProblems(name, override as FeatureOverride));
  if (definition.drift !== undefined) {
    const { window: _window, multivariate, ...engineOptions } = definition.drift;
    if (multivariate !== undefined) {
      const { enabled: _enabled, everyWindows: _every, ...detector } = multivariate;
      try {
        resolveMultivariateOptions(detector);
      } catch (error) {
        if (!(error instanceof SchemaError)) throw error;
        problems.push({ path: pointerOf(error.field, 'multivariate', '/drift/multivariate'), reason: error.reason });
      }
    }
    try {
      createDriftEngineConfig(engineOptions);
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      problems.push({ path: pointerOf(error.field, '', '/drift'), reason: error.reason });
    }
  }
  for (const [path, reason] of servingProblems(definition)) problems.push({ path, reason });
  return problems;
}
