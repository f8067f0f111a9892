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
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new EstimationInputError('chunkSize', `must be a positive integer, got ${chunkSize}`);
  if (!Number.isInteger(rowCount) || rowCount < 0) throw new EstimationInputError('rowCount', `must be a non-negative integer, got ${rowCount}`);
  const ranges: ChunkRange[] = [];
  for (let start = 0; start < rowCount; start += chunkSize) {
    ranges.push({ index: ranges.length, start, rows: Math.min(chunkSize, rowCount - start) });
  }
  return ranges;
}
