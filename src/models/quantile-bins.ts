/**
 * Quantile binning of model-matrix columns for histogram GBDT (LightGBM / sklearn HistGradientBoosting style).
 * Values are compared as float32 (as ONNX TreeEnsemble does): value bin b of a feature holds the values v with
 * edges[b−1] < fround(v) ≤ edges[b]; the last value bin is open above; missing (NaN) values get their own bin
 * `edges.length + 1`. Edges are float32 data values, so a split after bin b is exactly `fround(v) ≤ edges[b]`.
 */
export interface FeatureBins {
  /** Upper inclusive bounds of value bins 0 … edges.length − 1 (value bin edges.length is open above). */
  readonly edges: Float64Array;
  /** Number of value bins (edges.length + 1). The missing bin index equals valueBins. */
  readonly valueBins: number;
}

/** mulberry32: a small seeded 32-bit generator for reproducible row sampling. */
export function seededUniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows used to compute edges: all when n ≤ sampleSize, else a seeded sample without replacement (sorted). */
export function binSampleRows(n: number, sampleSize: number, seed: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (n <= sampleSize) return all;
  const next = seededUniforms(seed);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(next() * (n - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.subarray(0, sampleSize).sort();
}

/**
 * Edges of one column (row-major matrix `x`, `width` columns, column `j`) from the sampled rows: every distinct
 * float32 value when there are at most `maxBins`, otherwise the values at ranks ⌊b·N / maxBins⌋ (deduplicated).
 */
export function computeFeatureBins(
  x: Float64Array,
  width: number,
  j: number,
  rows: Int32Array,
  maxBins: number,
): FeatureBins {
  const values: number[] = [];
  for (const i of rows) {
    const v = x[i * width + j];
    if (v === v) values.push(Math.fround(v));
  }
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  let edges: number[];
  if (distinct.length <= maxBins) {
    edges = distinct.slice(0, -1);
  } else {
    edges = [];
    const n = sorted.length;
    for (let b = 1; b < maxBins; b++) {
      const v = sorted[Math.floor((b * n) / maxBins) - 1];
      if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
    }
    if (edges.length > 0 && edges[edges.length - 1] >= distinct[distinct.length - 1]) edges.pop();
  }
  return { edges: Float64Array.from(edges), valueBins: edges.length + 1 };
}

/** Bin index of a value: binary search on edges; NaN → the missing bin. */
export function binOf(bins: FeatureBins, v: number): number {
  if (v !== v) return bins.valueBins;
  const f = Math.fround(v);
  const { edges } = bins;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Row-major n × width bin matrix (Uint8: at most 255 value bins + 1 missing bin). */
export function binMatrix(x: Float64Array, width: number, bins: readonly FeatureBins[]): Uint8Array {
  const n = x.length / width;
  const out = new Uint8Array(x.length);
  for (let i = 0; i < n; i++) {
    const at = i * width;
    for (let j = 0; j < width; j++) out[at + j] = binOf(bins[j], x[at + j]);
  }
  return out;
}
