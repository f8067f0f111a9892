import { clampedBinCounts } from './clamped-bin-counts.js';
import type { CategoricalValues, ColumnValues, NumericValues } from './column-values.js';
import {
  type CategoricalColumnProfile,
  type ColumnProfile,
  type NumericColumnProfile,
  OTHER_CATEGORY,
} from './reference-profile.js';
import type { StatTestInput } from './stat-tests/stat-test.js';

/** What a comparison sees, plus the number of distinct values on both sides (Evidently's n_values). */
export interface ComparisonInput extends StatTestInput {
  readonly distinctValueCount: number;
}

function formatEdge(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, '');
}

function numericInput(profile: NumericColumnProfile, current: NumericValues): ComparisonInput {
  const referenceSample = Float64Array.from(profile.sample);
  if (profile.valueCounts !== null) {
    const index = new Map<number, number>();
    const values: number[] = [];
    const ref: number[] = [];
    for (const { value, count } of profile.valueCounts) {
      index.set(value, values.length);
      values.push(value);
      ref.push(count);
    }
    const cur = new Array<number>(values.length).fill(0);
    const currentValues = current.values;
    for (let k = 0; k < currentValues.length; k++) {
      const v = currentValues[k];
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        index.set(v, i);
        values.push(v);
        ref.push(0);
        cur.push(0);
      }
      cur[i]++;
    }
    return {
      kind: 'numeric',
      reference: profile,
      referenceSample,
      current: current.values,
      categories: values.map(String),
      referenceCounts: Float64Array.from(ref),
      currentCounts: Float64Array.from(cur),
      distinctValueCount: values.length,
    };
  }
  const edges = profile.binEdges;
  if (edges.length < 2) {
    // a reference without valid values: nothing to compare (the column is reported as not tested)
    return {
      kind: 'numeric',
      reference: profile,
      referenceSample,
      current: current.values,
      categories: [],
      referenceCounts: new Float64Array(0),
      currentCounts: new Float64Array(0),
      distinctValueCount: 0,
    };
  }
  return {
    kind: 'numeric',
    reference: profile,
    referenceSample,
    current: current.values,
    categories: edges
      .slice(1)
      .map((e, i) => `[${formatEdge(edges[i])}, ${formatEdge(e)}${i === edges.length - 2 ? ']' : ')'}`),
    referenceCounts: Float64Array.from(profile.binCounts),
    currentCounts: clampedBinCounts(current.values, edges),
    distinctValueCount: profile.distinctCount,
  };
}

function categoricalInput(profile: CategoricalColumnProfile, current: CategoricalValues): ComparisonInput {
  const categories = profile.categories.map((c) => c.value);
  const ref = profile.categories.map((c) => c.count);
  const index = new Map(categories.map((c, i) => [c, i]));
  const cur = new Array<number>(categories.length).fill(0);
  let other = -1;
  if (profile.otherCount > 0) {
    other = categories.length;
    categories.push(OTHER_CATEGORY);
    ref.push(profile.otherCount);
    cur.push(0);
  }
  for (const [key, count] of current.counts) {
    let i = index.get(key);
    if (i === undefined) {
      if (other >= 0) i = other;
      else {
        i = categories.length;
        index.set(key, i);
        categories.push(key);
        ref.push(0);
        cur.push(0);
      }
    }
    cur[i] += count;
  }
  return {
    kind: profile.kind,
    reference: profile,
    referenceSample: null,
    current: null,
    categories,
    referenceCounts: Float64Array.from(ref),
    currentCounts: Float64Array.from(cur),
    distinctValueCount: other >= 0 ? Math.max(profile.distinctCount, categories.length - 1) : categories.length,
  };
}

/**
 * The aligned view of reference and current a stat test reads: numeric columns keep their samples plus counts by
 * distinct value (≤ DISCRETE_VALUE_LIMIT values in the reference) or by reference quantile bin; categorical columns
 * get counts over the reference categories, `__other__` (when the profile folded a tail) and unseen current values.
 */
export function buildTestInput(profile: ColumnProfile, current: ColumnValues): ComparisonInput {
  if (profile.kind === 'numeric' && current.kind === 'numeric') return numericInput(profile, current);
  if (profile.kind !== 'numeric' && current.kind !== 'numeric') return categoricalInput(profile, current);
  throw new Error(`internal: column '${profile.name}' profiled as ${profile.kind} but read as ${current.kind}`);
}
