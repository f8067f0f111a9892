import { describe, expect, it } from 'vitest';
import { type Cell, columnMap, type DataTable } from '../domain/data-table.js';
import type { FeatureOverride } from '../domain/feature-schema.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { columnValuesOf } from './column-values.js';
import { createDriftEngineConfig } from './create-drift-engine-config.js';
import type { DataQualityFinding } from './drift-report.js';
import { findDataQualityIssues } from './find-data-quality-issues.js';

const config = createDriftEngineConfig();

function one(name: string, cells: Cell[]): DataTable {
  return { columnNames: [name], rowCount: cells.length, columns: columnMap({ [name]: cells }) };
}

/** Findings for one column: reference cells vs current cells, with an optional schema override. */
function findings(reference: Cell[], current: Cell[] | null, override: FeatureOverride = {}): DataQualityFinding[] {
  const ref = one('x', reference);
  const profile = buildReferenceProfile(ref, inferSchema(ref, { overrides: { x: override } }));
  const spec = profile.schema.features[0];
  const values = current === null ? null : columnValuesOf(current, spec.kind);
  return findDataQualityIssues(profile.features[0], values, current?.length ?? 7, config, spec);
}

const range = (n: number, f: (i: number) => Cell) => Array.from({ length: n }, (_, i) => f(i));
const kinds = (fs: DataQualityFinding[]) => fs.map((f) => f.kind);

describe('findDataQualityIssues', () => {
  it('reports nothing for clean data from the same domain', () => {
    expect(
      findings(
        range(200, (i) => i + 0.5),
        range(100, (i) => 2 * i + 0.5),
      ),
    ).toEqual([]);
    expect(
      findings(
        range(200, (i) => ['a', 'b'][i % 2]),
        range(50, (i) => ['b', 'a'][i % 2]),
      ),
    ).toEqual([]);
  });

  it('missing_column: the column is absent from the current data', () => {
    const [f] = findings([1.5, 2.5], null);
    expect(f).toMatchObject({ kind: 'missing_column', severity: 'error', count: 7, rowCount: 7 });
  });

  it('empty_column: no valid value in the current data', () => {
    const fs = findings(
      range(100, (i) => i + 0.5),
      [null, Number.NaN, '', null],
    );
    expect(kinds(fs)).toContain('empty_column');
    expect(fs.find((f) => f.kind === 'empty_column')).toMatchObject({
      severity: 'error',
      count: 4,
      details: { missing: 4, typeViolations: 0 },
    });
  });

  it('type_violation: strings and ±Infinity in a numeric column, other values in a boolean column', () => {
    const fs = findings(
      range(100, (i) => i + 0.5),
      [1.5, 'abc', Infinity, 2.5, 'x', 3.5, 'y', 'z', 'w'],
    );
    const f = fs.find((x) => x.kind === 'type_violation');
    expect(f).toMatchObject({ count: 6, rowCount: 9, examples: ['"abc"', 'Infinity', '"x"', '"y"', '"z"'] });
    const b = findings(
      range(50, (i) => i % 2 === 0),
      [true, 'maybe', false, 7],
    ).find((x) => x.kind === 'type_violation');
    expect(b).toMatchObject({ count: 2, examples: ['"maybe"', '7'], details: { expectedKind: 'boolean' } });
  });

  it('missing_rate_change: only above the threshold and significant', () => {
    const ref = range(1000, (i) => (i % 50 === 0 ? null : i + 0.5)); // 2 % missing
    const cur = range(1000, (i) => (i % 5 === 0 ? null : i + 0.5)); // 20 % missing
    const f = findings(ref, cur).find((x) => x.kind === 'missing_rate_change');
    expect(f).toMatchObject({
      count: 200,
      rowCount: 1000,
      details: { referenceMissingRate: 0.02, currentMissingRate: 0.2 },
    });
    expect(f?.details.pValue).toBeLessThan(0.01);
    // +6 points on 20 rows is above the threshold but not significant: no finding
    const small = range(20, (i) => (i % 10 === 0 ? null : i + 0.5));
    expect(kinds(findings(ref, small))).not.toContain('missing_rate_change');
    // +3 points on many rows is significant but below the 5-point threshold
    const near = range(1000, (i) => (i % 20 === 0 ? null : i + 0.5));
    expect(kinds(findings(ref, near))).not.toContain('missing_rate_change');
  });

  it('out_of_range: against the reference range (info) or declared bounds (warning)', () => {
    const ref = range(100, (i) => i + 0.5); // [0.5, 99.5]
    const f = findings(ref, [-3, 50, 120.5, 99.5, 0.5, 1000]).find((x) => x.kind === 'out_of_range');
    expect(f).toMatchObject({
      severity: 'info',
      count: 3,
      examples: ['-3', '120.5', '1000'],
      details: { below: 1, above: 2, min: 0.5, max: 99.5, source: 'reference range' },
    });
    const g = findings(ref, [5, 15, 25], { bounds: { min: 0, max: 10 } }).find((x) => x.kind === 'out_of_range');
    expect(g).toMatchObject({ severity: 'warning', count: 2, details: { min: 0, max: 10, source: 'declared bounds' } });
  });

  it('unseen_category: against the reference categories or declared allowed values', () => {
    const ref = range(100, (i) => ['a', 'b', 'c'][i % 3]);
    const f = findings(ref, ['a', 'd', 'd', 'e', 'b']).find((x) => x.kind === 'unseen_category');
    expect(f).toMatchObject({
      severity: 'warning',
      count: 3,
      examples: ['d', 'e'],
      details: { distinctUnseen: 2, source: 'reference categories' },
    });
    const g = findings(ref, ['a', 'c', 'z'], { allowedValues: ['a', 'b', 'z'] }).find(
      (x) => x.kind === 'unseen_category',
    );
    expect(g).toMatchObject({ severity: 'error', count: 1, examples: ['c'] });
  });

  it('constant_column: warning when the reference varied, info when it was constant too', () => {
    const f = findings(
      range(100, (i) => i + 0.5),
      [7.5, 7.5, 7.5],
    ).find((x) => x.kind === 'constant_column');
    expect(f).toMatchObject({ severity: 'warning', count: 3, examples: ['7.5'] });
    const g = findings(
      range(100, () => 'same'),
      ['same', 'same'],
    ).find((x) => x.kind === 'constant_column');
    expect(g).toMatchObject({ severity: 'info' });
    expect(
      kinds(
        findings(
          range(100, (i) => i + 0.5),
          [7.5],
        ),
      ),
    ).not.toContain('constant_column');
  });
});
