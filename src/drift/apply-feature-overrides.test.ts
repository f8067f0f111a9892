import { describe, expect, it } from 'vitest';
import { lcgUniforms } from '../../tests/support/oracle/recipes.js';
import { type Cell, columnMap, type DataTable } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { applyFeatureOverrides } from './apply-feature-overrides.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { DriftConfigError } from './drift-config-error.js';
import { evaluateDrift } from './evaluate-drift.js';

const n = 600;
const u = lcgUniforms(5, 4 * n);
/** income: continuous; rooms: integers 1..15 (numeric by inference); grade: codes 1..4 (categorical by inference); region: strings. */
function table(shift = 0): DataTable {
  const columns: Record<string, Cell[]> = {
    income: Array.from({ length: n }, (_, i) => 50 + 20 * u[i] + shift),
    rooms: Array.from({ length: n }, (_, i) => 1 + Math.floor(15 * u[n + i])),
    grade: Array.from({ length: n }, (_, i) => 1 + Math.floor(4 * u[2 * n + i])),
    region: Array.from({ length: n }, (_, i) => ['north', 'south', 'east'][Math.floor(3 * u[3 * n + i])]),
  };
  return { columnNames: Object.keys(columns), rowCount: n, columns: columnMap(columns) };
}
const reference = table();
const profile = buildReferenceProfile(reference, inferSchema(reference));

describe('applyFeatureOverrides', () => {
  it('gives a profile built without overrides the same schema and report as one built with them', () => {
    const overrides = {
      income: { test: 'psi', threshold: 0.2, bounds: { min: 0, max: 100 }, importanceWeight: 2 },
      rooms: { kind: 'categorical' as const },
      grade: { kind: 'numeric' as const, effectSizeThreshold: 0.3 },
      region: { allowedValues: ['north', 'south'], excluded: true },
    };
    const built = buildReferenceProfile(reference, inferSchema(reference, { overrides }));
    const applied = applyFeatureOverrides(profile, overrides);
    expect(applied.schema).toEqual(built.schema);
    expect(applied.features).toEqual(built.features);
    const current = table(10);
    expect(evaluateDrift(applied, current)).toEqual(evaluateDrift(built, current));
    expect(evaluateDrift(applied, current).features.find((f) => f.name === 'income')).toMatchObject({
      test: 'psi',
      threshold: 0.2,
    });
    expect(evaluateDrift(profile, current).features.find((f) => f.name === 'income')?.test).not.toBe('psi');
  });

  it('is idempotent, leaves the profile unchanged and ignores columns the profile has no feature for', () => {
    const copy = structuredClone(profile);
    const once = applyFeatureOverrides(profile, { income: { test: 'psi' }, label: { test: 'ks' } });
    expect(applyFeatureOverrides(once, { income: { test: 'psi' } })).toEqual(once);
    expect(profile).toEqual(copy);
    expect(applyFeatureOverrides(profile, undefined)).toBe(profile);
  });

  it('refuses, naming the field, a kind the profile cannot be re-measured in and overrides that contradict the kind', () => {
    expect(() => applyFeatureOverrides(profile, { income: { kind: 'categorical' } })).toThrow(DriftConfigError);
    expect(() => applyFeatureOverrides(profile, { income: { kind: 'categorical' } })).toThrow(
      /^features\.income\.kind: .*upload a reference/,
    );
    expect(() => applyFeatureOverrides(profile, { income: { allowedValues: [1] } })).toThrow(
      /^features\.income\.allowedValues: /,
    );
  });
});
