import { describe, expect, it } from 'vitest';
import { lcgUniforms } from '../../../tests/support/oracle/recipes.js';
import { dataTableFromRows } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import { buildReferenceProfile } from '../build-reference-profile.js';
import { buildTestInput } from '../build-test-input.js';
import { columnValuesOf } from '../column-values.js';
import { findStatTest, STAT_TESTS } from './all-stat-tests.js';

function inputs(shift: number) {
  const u = lcgUniforms(1, 2400);
  const v = lcgUniforms(2, 1600);
  const ref = dataTableFromRows(
    Array.from({ length: 1200 }, (_, i) => ({
      x: 10 * u[2 * i],
      c: u[2 * i + 1] < 0.3 ? 'a' : u[2 * i + 1] < 0.7 ? 'b' : 'c',
    })),
  );
  const profile = buildReferenceProfile(ref, inferSchema(ref));
  const x = Array.from({ length: 800 }, (_, i) => 10 * v[2 * i] + shift);
  const c = Array.from({ length: 800 }, (_, i) =>
    v[2 * i + 1] < 0.3 + (shift * 3) / 20 ? 'a' : v[2 * i + 1] < 0.7 ? 'b' : 'c',
  );
  return {
    numeric: buildTestInput(profile.features[0], columnValuesOf(x, 'numeric')),
    categorical: buildTestInput(profile.features[1], columnValuesOf(c, 'categorical')),
  };
}

describe('STAT_TESTS', () => {
  it('has unique names and records with the documented shape', () => {
    expect(new Set(STAT_TESTS.map((t) => t.name)).size).toBe(STAT_TESTS.length);
    for (const t of STAT_TESTS) {
      expect(findStatTest(t.name)).toBe(t);
      expect(t.kinds.length).toBeGreaterThan(0);
      expect(t.defaultThreshold).toBeGreaterThan(0);
    }
    expect(findStatTest('nope')).toBeUndefined();
  });

  const same = inputs(0);
  const shifted = inputs(2);
  it.each(STAT_TESTS.map((t) => [t.name, t] as const))(
    '%s scores a clear shift as drift and the same data as none',
    (_name, test) => {
      const kind = test.kinds.includes('numeric') && !test.kinds.includes('categorical') ? 'numeric' : 'categorical';
      const score = (input: (typeof same)['numeric']) => {
        const o = test.compute(input);
        if (test.score === 'p_value') {
          expect(o.distance).toBeNull();
          expect(o.pValue).toBeGreaterThanOrEqual(0);
          expect(o.pValue).toBeLessThanOrEqual(1);
          return { drift: o.pValue! < test.defaultThreshold };
        }
        expect(o.pValue).toBeNull();
        expect(Number.isFinite(o.distance)).toBe(true);
        return { drift: o.distance! >= test.defaultThreshold };
      };
      const binaryOnly = test.name === 'z' || test.name === 'fisher_exact';
      // binary tests compare the first category against the rest; the categorical shift moves mass into 'a'
      expect(score(shifted[kind]).drift).toBe(true);
      if (!binaryOnly) expect(score(same[kind]).drift).toBe(false);
      expect(score(same[kind])).toBeDefined();
    },
  );
});
