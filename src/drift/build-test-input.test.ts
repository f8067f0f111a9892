import { describe, expect, it } from 'vitest';
import { type Cell, columnMap, type DataTable } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { buildTestInput } from './build-test-input.js';
import { categoricalChartSummary, numericChartSummary } from './chart-summary.js';
import { clampedBinCounts } from './clamped-bin-counts.js';
import { columnValuesOf } from './column-values.js';

const one = (cells: Cell[]): DataTable => ({
  columnNames: ['x'],
  rowCount: cells.length,
  columns: columnMap({ x: cells }),
});
const profileOf = (cells: Cell[], maxCategories = 200) =>
  buildReferenceProfile(one(cells), inferSchema(one(cells)), { maxCategories }).features[0];

describe('buildTestInput', () => {
  it('numeric with many values: reference quantile bins, current values outside the range in the outer bins', () => {
    const profile = profileOf(Array.from({ length: 100 }, (_, i) => i + 0.5));
    const input = buildTestInput(profile, columnValuesOf([-50, 0.5, 50, 99.5, 1e9], 'numeric'));
    expect(input.referenceCounts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Array.from(input.currentCounts)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(input.categories[0]).toBe('[0.5, 10.4)');
    expect(input.distinctValueCount).toBe(100);
  });
  it('numeric with few values: counts by value, new current values appended', () => {
    const profile = profileOf([1.5, 1.5, 2.5, 3.5]);
    const input = buildTestInput(profile, columnValuesOf([2.5, 4.5, 4.5], 'numeric'));
    expect(input.categories).toEqual(['1.5', '2.5', '3.5', '4.5']);
    expect(Array.from(input.referenceCounts)).toEqual([2, 1, 1, 0]);
    expect(Array.from(input.currentCounts)).toEqual([0, 1, 0, 2]);
    expect(input.distinctValueCount).toBe(4);
  });
  it('categorical: unseen values get their own category, or __other__ when the profile folded a tail', () => {
    const cells = ['a', 'a', 'a', 'b', 'b', 'c'];
    const open = buildTestInput(profileOf(cells), columnValuesOf(['a', 'z', 'z'], 'categorical'));
    expect(open.categories).toEqual(['a', 'b', 'c', 'z']);
    expect(Array.from(open.currentCounts)).toEqual([1, 0, 0, 2]);
    const folded = buildTestInput(profileOf(cells, 2), columnValuesOf(['a', 'c', 'z'], 'categorical'));
    expect(folded.categories).toEqual(['a', 'b', '__other__']);
    expect(Array.from(folded.referenceCounts)).toEqual([3, 2, 1]);
    expect(Array.from(folded.currentCounts)).toEqual([1, 0, 2]);
  });
});

describe('chart summaries and clamped bins', () => {
  it('clampedBinCounts never drops a value', () => {
    expect(Array.from(clampedBinCounts([-1, 0, 1, 2, 3, 4], [0, 2, 3]))).toEqual([3, 3]);
  });
  it('numeric overlay: equal-width bins over both ranges, shares summing to 1', () => {
    const s = numericChartSummary(Float64Array.from([0, 1, 2, 3]), Float64Array.from([2, 3, 4, 5, 6]), 4);
    expect(s).toMatchObject({
      type: 'histogram',
      binEdges: [0, 1.5, 3, 4.5, 6],
      reference: [0.5, 0.25, 0.25, 0],
      current: [0, 0.2, 0.4, 0.4],
    });
    expect(numericChartSummary(Float64Array.from([2]), Float64Array.from([2]), 2)).toMatchObject({
      binEdges: [1.5, 2, 2.5],
    });
  });
  it('categories: most common first, tail beyond 20 merged into __other__', () => {
    const names = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const ref = Float64Array.from(names, (_, i) => 30 - i);
    const s = categoricalChartSummary(names, ref, ref);
    if (s.type !== 'categories') throw new Error('expected categories');
    expect(s.categories.length).toBe(20);
    expect(s.categories.slice(0, 2)).toEqual(['c0', 'c1']);
    expect(s.categories[19]).toBe('__other__');
    expect(s.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
