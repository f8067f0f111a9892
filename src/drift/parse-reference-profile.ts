import { rowSampleProblem } from '../domain/reference-row-sample.js';
import { DriftConfigError } from './drift-config-error.js';
import { ESTIMATION_SAMPLE_VERSION } from './estimation-sample.js';
import { type ColumnProfile, REFERENCE_PROFILE_FORMAT_VERSION, type ReferenceProfile } from './reference-profile.js';

function fail(field: string, reason: string): never {
  throw new DriftConfigError(field, reason);
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(field, 'must be an object');
  return value as Record<string, unknown>;
}

function requireNumberArray(value: unknown, field: string): void {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
    fail(field, 'must be an array of finite numbers');
}

function checkColumn(value: unknown, field: string): void {
  const c = requireObject(value, field);
  if (typeof c.name !== 'string') fail(`${field}.name`, 'must be a string');
  for (const key of ['rowCount', 'missingCount', 'typeViolationCount', 'validCount']) {
    if (!Number.isInteger(c[key]) || (c[key] as number) < 0) fail(`${field}.${key}`, 'must be an integer ≥ 0');
  }
  if (c.kind === 'numeric') {
    requireNumberArray(c.sample, `${field}.sample`);
    requireNumberArray(c.binEdges, `${field}.binEdges`);
    requireNumberArray(c.binCounts, `${field}.binCounts`);
    const sample = c.sample as number[];
    for (let i = 1; i < sample.length; i++)
      if (sample[i] < sample[i - 1]) fail(`${field}.sample`, 'must be sorted ascending');
    if ((c.binCounts as number[]).length !== Math.max(0, (c.binEdges as number[]).length - 1)) {
      fail(`${field}.binCounts`, 'must have one entry per bin (binEdges.length − 1)');
    }
    if (
      (c.validCount as number) > 0 &&
      (typeof c.std !== 'number' || typeof c.min !== 'number' || typeof c.max !== 'number')
    ) {
      fail(`${field}.std`, 'min, max and std must be numbers when the column has valid values');
    }
    if (c.valueCounts !== null && !Array.isArray(c.valueCounts))
      fail(`${field}.valueCounts`, 'must be an array or null');
  } else if (c.kind === 'categorical' || c.kind === 'boolean') {
    if (
      !Array.isArray(c.categories) ||
      c.categories.some((e) => typeof e?.value !== 'string' || !Number.isInteger(e?.count))
    ) {
      fail(`${field}.categories`, 'must be an array of { value: string, count: integer }');
    }
    if (!Number.isInteger(c.otherCount)) fail(`${field}.otherCount`, 'must be an integer');
  } else fail(`${field}.kind`, `must be numeric, categorical or boolean, got '${String(c.kind)}'`);
}

function checkEstimationSample(value: unknown): void {
  const field = 'profile.estimationSample';
  const s = requireObject(value, field);
  if (s.version !== ESTIMATION_SAMPLE_VERSION)
    fail(
      `${field}.version`,
      `unsupported version ${String(s.version)} (this driftguard reads ${ESTIMATION_SAMPLE_VERSION})`,
    );
  if (s.task !== 'binary') fail(`${field}.task`, `must be "binary", got ${String(s.task)}`);
  if (!Array.isArray(s.classes) || s.classes.length !== 2 || s.classes.some((c) => typeof c !== 'string'))
    fail(`${field}.classes`, 'must be two class names');
  requireNumberArray(s.scores, `${field}.scores`);
  const n = (s.scores as number[]).length;
  for (const key of ['predictions', 'labels']) {
    const v = s[key];
    if (!Array.isArray(v) || v.length !== n || v.some((x) => x !== 0 && x !== 1))
      fail(`${field}.${key}`, `must be ${n} values 0 or 1 (one per score)`);
  }
}

/**
 * Validates a parsed JSON reference profile (format version, schema/feature alignment, column shapes) and returns it
 * typed. Throws `DriftConfigError` naming the first bad field.
 */
export function parseReferenceProfile(json: unknown): ReferenceProfile {
  const p = requireObject(json, 'profile');
  if (p.formatVersion !== REFERENCE_PROFILE_FORMAT_VERSION) {
    fail(
      'profile.formatVersion',
      `unsupported version ${String(p.formatVersion)} (this driftguard reads ${REFERENCE_PROFILE_FORMAT_VERSION})`,
    );
  }
  if (!Number.isInteger(p.rowCount) || (p.rowCount as number) < 1) fail('profile.rowCount', 'must be an integer ≥ 1');
  const schema = requireObject(p.schema, 'profile.schema');
  requireObject(p.options, 'profile.options');
  if (!Array.isArray(schema.features)) fail('profile.schema.features', 'must be an array');
  if (!Array.isArray(p.features) || p.features.length !== schema.features.length) {
    fail('profile.features', 'must have one column profile per schema feature');
  }
  (p.features as unknown[]).forEach((c, i) => {
    checkColumn(c, `profile.features[${i}]`);
    const spec = requireObject((schema.features as unknown[])[i], `profile.schema.features[${i}]`);
    const column = c as ColumnProfile;
    if (spec.name !== column.name || spec.kind !== column.kind) {
      fail(`profile.features[${i}]`, `does not match schema feature '${String(spec.name)}' (${String(spec.kind)})`);
    }
  });
  for (const role of ['target', 'prediction', 'predictionScore'] as const) {
    if (p[role] !== null && p[role] !== undefined) checkColumn(p[role], `profile.${role}`);
    if (((schema[role] ?? null) === null) !== ((p[role] ?? null) === null))
      fail(`profile.${role}`, 'must be present exactly when the schema declares it');
  }
  if (p.performance !== null && p.performance !== undefined) requireObject(p.performance, 'profile.performance');
  if (p.rowSample !== undefined) {
    const problem = rowSampleProblem(p.rowSample, 'profile/rowSample');
    if (problem !== null) fail(problem.path.replace(/\//g, '.'), problem.reason);
  }
  if (p.estimationSample !== null && p.estimationSample !== undefined) checkEstimationSample(p.estimationSample);
  return json as ReferenceProfile;
}
