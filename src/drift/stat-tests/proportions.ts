import type { StatTestInput, StatTestOutcome } from './stat-test.js';

/** counts / total (total > 0 is guaranteed by the engine: a side without valid values is not tested). */
export function proportionsOf(counts: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}

/**
 * Evidently's `feel_zeroes` (utils.get_binned_data): zero proportions become min(non-zero)/10⁶ when that minimum is
 * ≤ 1e-4, else 1e-4, so KL-type divergences stay finite.
 */
export function fillZeroProportions(proportions: Float64Array): Float64Array {
  let min = Infinity;
  for (const p of proportions) if (p > 0 && p < min) min = p;
  const fill = min <= 1e-4 ? min / 1e6 : 1e-4;
  return proportions.map((p) => (p === 0 ? fill : p));
}

/** Reference and current proportions over the aligned categories / bins of a test input. */
export function inputProportions(input: StatTestInput, fillZeroes = false): [Float64Array, Float64Array] {
  const r = proportionsOf(input.referenceCounts);
  const c = proportionsOf(input.currentCounts);
  return fillZeroes ? [fillZeroProportions(r), fillZeroProportions(c)] : [r, c];
}

/** Indices of the categories / bins present on at least one side. */
export function occupiedCellIndices(input: StatTestInput): number[] {
  const keep: number[] = [];
  for (let i = 0; i < input.categories.length; i++)
    if (input.referenceCounts[i] + input.currentCounts[i] > 0) keep.push(i);
  return keep;
}

/** The categories present on at least one side, as aligned count vectors (contingency tests reject all-zero columns). */
export function nonEmptyCounts(input: StatTestInput): [Float64Array, Float64Array] {
  const keep = occupiedCellIndices(input);
  return [
    Float64Array.from(keep, (i) => input.referenceCounts[i]),
    Float64Array.from(keep, (i) => input.currentCounts[i]),
  ];
}

/** The numeric samples of a sample test; the engine only passes numeric columns to such tests. */
export function inputSamples(input: StatTestInput): [Float64Array, Float64Array] {
  if (input.referenceSample === null || input.current === null) {
    throw new Error(`internal: sample test called on a ${input.kind} column without samples`);
  }
  return [input.referenceSample, input.current];
}

/** Totals of two aligned count vectors. */
export function totalsOf(ref: Float64Array, cur: Float64Array): [number, number] {
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < ref.length; i++) {
    nRef += ref[i];
    nCur += cur[i];
  }
  return [nRef, nCur];
}

/** Every kind: tests on counts apply to numeric (by value or bin), categorical and boolean columns. */
export const ALL_KINDS = ['numeric', 'categorical', 'boolean'] as const;

/**
 * Runs a count test on the categories present on at least one side with their totals; fewer than two such
 * categories cannot differ: statistic 0, p = 1 (scipy's dof-0 convention).
 */
export function onNonEmptyCounts(
  input: StatTestInput,
  test: (ref: Float64Array, cur: Float64Array, nRef: number, nCur: number) => StatTestOutcome,
): StatTestOutcome {
  const [ref, cur] = nonEmptyCounts(input);
  if (ref.length < 2) return pValueOutcome(0, 1);
  return test(ref, cur, ...totalsOf(ref, cur));
}

/** Result of a p-value test. */
export function pValueOutcome(statistic: number, pValue: number): StatTestOutcome {
  return { statistic, pValue, distance: null };
}

/** Result of a distance test. */
export function distanceOutcome(distance: number): StatTestOutcome {
  return { statistic: null, pValue: null, distance };
}
