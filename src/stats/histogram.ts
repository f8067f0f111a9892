import { evenGridIndex } from './even-grid-index.js';
import { StatsInputError } from './stats-input-error.js';

/** Bin counts plus the values that fell outside the edges (numpy drops those silently; we report them). */
export interface HistogramResult {
  /** counts[i] = number of values in bin i: [edges[i], edges[i+1]) — the last bin is closed, [.., edges[k]]. */
  readonly counts: Float64Array;
  /** Values < edges[0] (not in `counts`). */
  readonly below: number;
  /** Values > edges[edges.length − 1] (not in `counts`). */
  readonly above: number;
}

/**
 * Counts `values` into the bins defined by `edges` with `np.histogram(values, bins=edges)` semantics:
 * half-open bins [e_i, e_{i+1}) except the last, which is closed [e_{k−1}, e_k]; values outside
 * [e_0, e_k] are not counted in `counts` but returned as `below` / `above`. Equal neighbouring edges are
 * allowed (as in numpy) and make an always-empty bin, unless they are the last two (that bin holds exactly
 * the last edge). One pass; an evenly spaced lookup grid finds each bin in O(1) on average (exact whatever the grid says).
 * Throws `StatsInputError` for fewer than 2 edges, non-finite or decreasing edges, or a non-finite value.
 */
export function histogram(values: ArrayLike<number>, edges: ArrayLike<number>): HistogramResult {
  const e = checkedEdges(edges);
  return countIntoBins(asFloat64(values), e);
}

/** The values as a Float64Array (typed input as is, never written); a non-number entry throws. */
function asFloat64(values: ArrayLike<number>): Float64Array {
  if (values instanceof Float64Array) return values;
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new StatsInputError('values', 'expected an array of numbers');
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number') throw new StatsInputError(`values[${i}]`, `must be a finite number, got ${String(x)}`);
    out[i] = x;
  }
  return out;
}

function countIntoBins(x: Float64Array, e: Float64Array): HistogramResult {
  const binCount = e.length - 1;
  const counts = new Int32Array(binCount);
  const first = e[0];
  const last = e[binCount];
  const { start, cellsPerUnit } = evenGridIndex(e, Math.min(1 << 16, Math.max(4096, 16 * binCount)));
  let below = 0;
  let above = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v - v !== 0) throw new StatsInputError(`values[${i}]`, `must be a finite number, got ${v}`);
    if (v < first) below++;
    else if (v >= last) {
      if (v === last) counts[binCount - 1]++;
      else above++;
    } else {
      // The grid cell gives a first guess; the two loops make the bin exact: e[bin] <= v < e[bin + 1].
      let bin = Math.min(start[((v - first) * cellsPerUnit) | 0], binCount) - 1;
      while (e[bin + 1] <= v) bin++;
      while (e[bin] > v) bin--;
      counts[bin]++;
    }
  }
  return { counts: Float64Array.from(counts), below, above };
}

function checkedEdges(edges: ArrayLike<number>): Float64Array {
  if (edges === null || typeof edges !== 'object' || typeof edges.length !== 'number') {
    throw new StatsInputError('edges', 'expected an array of numbers');
  }
  if (edges.length < 2) throw new StatsInputError('edges', `needs at least 2 edges, got ${edges.length}`);
  const e = new Float64Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const v = edges[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new StatsInputError(`edges[${i}]`, `must be a finite number, got ${String(v)}`);
    }
    if (i > 0 && v < e[i - 1]) {
      throw new StatsInputError(`edges[${i}]`, `edges must not decrease, got ${v} after ${e[i - 1]}`);
    }
    e[i] = v;
  }
  return e;
}
