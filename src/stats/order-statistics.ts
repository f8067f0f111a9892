import { evenGridIndex } from './even-grid-index.js';

/** Below this length a full sort is cheaper than sampling and bucketing. */
const SORT_BELOW = 1 << 15;
const SAMPLE_SIZE = 2048;

/**
 * The values a full ascending sort of `values` would hold at each position of `ranks` (sorted ascending,
 * each in [0, n)) — like `np.partition(values, ranks)[ranks]`, `values` untouched. Large inputs are split
 * into ~2k buckets by a sorted sample of splitters (one counting pass, one gathering pass), and only the
 * buckets holding a requested rank are sorted: O(n) plus small sorts, instead of O(n log n).
 */
export function orderStatistics(values: Float64Array, ranks: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(ranks.length);
  if (n < SORT_BELOW) {
    const sorted = Float64Array.from(values).sort();
    for (let r = 0; r < ranks.length; r++) out[r] = sorted[ranks[r]];
    return out;
  }
  const splitters = sampleSplitters(values);
  const bucketCount = splitters.length + 1;
  const s = splitters.length;
  const first = splitters[0];
  const last = splitters[s - 1];
  const { start, cellsPerUnit } = evenGridIndex(splitters, 4 * s);
  const ids = new Uint16Array(n);
  const counts = new Int32Array(bucketCount);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    // bucket = number of splitters <= x; the grid guesses, the loops make it exact
    let k: number;
    if (x < first) k = 0;
    else if (x >= last) k = s;
    else {
      k = start[((x - first) * cellsPerUnit) | 0];
      while (k > 0 && splitters[k - 1] > x) k--;
      while (splitters[k] <= x) k++;
    }
    ids[i] = k;
    counts[k]++;
  }
  // bucket start positions in sorted order, and the buckets that hold a requested rank
  const starts = new Float64Array(bucketCount + 1);
  for (let b = 0; b < bucketCount; b++) starts[b + 1] = starts[b] + counts[b];
  const gatherOffset = new Float64Array(bucketCount).fill(-1);
  const rankBucket = new Uint32Array(ranks.length);
  let gathered = 0;
  let b = 0;
  for (let r = 0; r < ranks.length; r++) {
    while (starts[b + 1] <= ranks[r]) b++;
    rankBucket[r] = b;
    if (gatherOffset[b] < 0) {
      gatherOffset[b] = gathered;
      gathered += counts[b];
    }
  }
  const scratch = new Float64Array(gathered);
  const cursor = Float64Array.from(gatherOffset);
  for (let i = 0; i < n; i++) {
    const c = cursor[ids[i]];
    if (c >= 0) {
      scratch[c] = values[i];
      cursor[ids[i]] = c + 1;
    }
  }
  let sortedBucket = -1;
  for (let r = 0; r < ranks.length; r++) {
    const bucket = rankBucket[r];
    const offset = gatherOffset[bucket];
    const segment = scratch.subarray(offset, offset + counts[bucket]);
    if (bucket !== sortedBucket) {
      segment.sort();
      sortedBucket = bucket;
    }
    out[r] = segment[ranks[r] - starts[bucket]];
  }
  return out;
}

/** Distinct values of a deterministic pseudo-random sample, ascending. */
function sampleSplitters(values: Float64Array): Float64Array {
  const n = values.length;
  const sample = new Float64Array(SAMPLE_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < SAMPLE_SIZE; i++) {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    sample[i] = values[Math.floor((state / 4294967296) * n)];
  }
  sample.sort();
  let unique = 0;
  for (let i = 0; i < SAMPLE_SIZE; i++) if (i === 0 || sample[i] !== sample[unique - 1]) sample[unique++] = sample[i];
  return sample.slice(0, unique);
}
