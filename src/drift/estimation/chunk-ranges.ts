import { EstimationInputError } from './estimation-input-error.js';

/** Rows [start, start + rows) of one chunk, `index` 0-based. */
export interface ChunkRange {
  readonly index: number;
  readonly start: number;
  readonly rows: number;
}

/**
 * Consecutive chunks of `chunkSize` rows in row order; the remainder is a last, smaller chunk (NannyML's
 * `SizeBasedChunker(incomplete="keep")`), reported with its own size.
 */
export function chunkRanges(rowCount: number, chunkSize: number): ChunkRange[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new EstimationInputError('chunkSize', `must be a positive integer, got ${chunkSize}`);
  if (!Number.isInteger(rowCount) || rowCount < 0)
    throw new EstimationInputError('rowCount', `must be a non-negative integer, got ${rowCount}`);
  const ranges: ChunkRange[] = [];
  for (let start = 0; start < rowCount; start += chunkSize) {
    ranges.push({ index: ranges.length, start, rows: Math.min(chunkSize, rowCount - start) });
  }
  return ranges;
}

/**
 * Consecutive chunks of equal time length: chunk k holds the rows whose time t satisfies
 * first + k·periodMs ≤ t < first + (k + 1)·periodMs, where `first` is the first row's time. Rows must be in time
 * order (each chunk is a run of consecutive rows); periods without rows give no chunk.
 */
export function periodChunkRanges(timesMs: ArrayLike<number>, periodMs: number): ChunkRange[] {
  if (!Number.isFinite(periodMs) || periodMs <= 0)
    throw new EstimationInputError('period', `must be a positive duration, got ${periodMs} ms`);
  const ranges: ChunkRange[] = [];
  if (timesMs.length === 0) return ranges;
  const first = timesMs[0];
  let start = 0;
  let period = 0;
  for (let i = 0; i < timesMs.length; i++) {
    const t = timesMs[i];
    if (!Number.isFinite(t)) throw new EstimationInputError(`times[${i}]`, `must be a finite time, got ${String(t)}`);
    if (i > 0 && t < timesMs[i - 1])
      throw new EstimationInputError(
        `times[${i}]`,
        'rows are not in time order (a time window needs rows sorted by time)',
      );
    const p = Math.floor((t - first) / periodMs);
    if (p !== period) {
      if (i > start) ranges.push({ index: ranges.length, start, rows: i - start });
      start = i;
      period = p;
    }
  }
  ranges.push({ index: ranges.length, start, rows: timesMs.length - start });
  return ranges;
}
