import { type Cell, cellColumn } from '../domain/data-table.js';
import type { FeatureKind, FeatureOverride, FeatureSpec } from '../domain/feature-schema.js';
import { withFeatureOverride } from '../domain/infer-schema.js';
import { SchemaError } from '../domain/schema-error.js';
import { profileColumn } from './build-reference-profile.js';
import { DriftConfigError } from './drift-config-error.js';
import type { ColumnProfile, ReferenceProfile } from './reference-profile.js';

/** The valid cells a column profile counted exactly (value → count) as cells of `kind`, or null when it kept only a sample. */
function exactValueCounts(column: ColumnProfile, kind: FeatureKind): { value: Cell; count: number }[] | null {
  if (column.kind === 'numeric')
    return column.valueCounts === null ? null : column.valueCounts.map((v) => ({ value: v.value, count: v.count }));
  if (column.otherCount > 0) return null;
  return column.categories.map((c) => ({
    value: kind === 'numeric' && c.value.trim() !== '' && Number.isFinite(Number(c.value)) ? Number(c.value) : c.value,
    count: c.count,
  }));
}

/**
 * The column re-profiled under another kind from its exact value counts (missing and type-violating cells keep their
 * counts). Possible when the profile counted every value: numeric columns with at most DISCRETE_VALUE_LIMIT distinct
 * values, categorical / boolean columns without an `__other__` bucket.
 */
function reprofile(column: ColumnProfile, kind: FeatureKind, options: ReferenceProfile['options']): ColumnProfile {
  const counts = exactValueCounts(column, kind);
  if (counts === null) {
    const kept =
      column.kind === 'numeric'
        ? 'a sample, not every value'
        : `its ${column.categories.length} most frequent categories, not every value`;
    throw new DriftConfigError(
      `features.${column.name}.kind`,
      `the reference profile keeps ${kept} of this ${column.kind} column, so it cannot be measured as ${kind}; upload a reference (PUT /v1/models/{name}/reference) to apply this kind`,
    );
  }
  const cells: Cell[] = [];
  for (const { value, count } of counts) for (let i = 0; i < count; i++) cells.push(value);
  for (let i = 0; i < column.missingCount + column.typeViolationCount; i++) cells.push(null);
  const rebuilt = profileColumn(column.name, kind, cellColumn(cells), options);
  return {
    ...rebuilt,
    missingCount: column.missingCount,
    typeViolationCount: rebuilt.typeViolationCount + column.typeViolationCount,
  } as ColumnProfile;
}

/**
 * A reference profile with the model definition's per-feature overrides applied (kind, allowed values, bounds,
 * importance weight, test, threshold, effect-size floor, exclusion), whatever its source: an uploaded reference was
 * built with them, a champion's training profile was not. Overrides of columns the profile has no feature for are
 * ignored. Pure; the profile is not modified. Throws DriftConfigError naming `features.<name>.<field>`.
 */
export function applyFeatureOverrides(
  profile: ReferenceProfile,
  overrides: Readonly<Record<string, FeatureOverride>> | undefined,
): ReferenceProfile {
  if (overrides === undefined || Object.keys(overrides).length === 0) return profile;
  const features: ColumnProfile[] = [];
  const specs = profile.schema.features.map((spec, i): FeatureSpec => {
    const column = profile.features[i];
    const override = overrides[spec.name];
    if (override === undefined) {
      features.push(column);
      return spec;
    }
    let overridden: FeatureSpec;
    try {
      overridden = withFeatureOverride(spec, override);
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      throw new DriftConfigError(error.field.replace(/^overrides\./, 'features.'), error.reason);
    }
    features.push(overridden.kind === column.kind ? column : reprofile(column, overridden.kind, profile.options));
    return overridden;
  });
  return { ...profile, schema: { ...profile.schema, features: specs }, features };
}
