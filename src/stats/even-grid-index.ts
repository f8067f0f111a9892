/** A lookup grid over sorted knots: see `evenGridIndex`. */
export interface EvenGridIndex {
  /** start[c] = number of knots <= the left end of cell c (c = 0 … cells; the last entry is a spare). */
  readonly start: Uint32Array;
  /** Cell of x is `((x − knots[0]) * cellsPerUnit) | 0`; 0 when the knots do not span a finite width. */
  readonly cellsPerUnit: number;
}

/**
 * An evenly spaced grid of `cells` cells over [knots[0], knots[last]] (knots ascending, finite), for O(1)
 * "how many knots are <= x" guesses. The spare last cell makes the truncated cell index valid for every
 * knots[0] <= x < knots[last] despite rounding; callers correct the guess with exact comparisons.
 */
export function evenGridIndex(knots: Float64Array, cells: number): EvenGridIndex {
  const k = knots.length;
  const first = knots[0];
  const width = knots[k - 1] - first;
  if (!(width > 0 && width < Infinity)) return { start: new Uint32Array(2).fill(1), cellsPerUnit: 0 };
  const cellsPerUnit = cells / width;
  const start = new Uint32Array(cells + 1);
  let count = 0;
  for (let c = 0; c <= cells; c++) {
    const left = first + c / cellsPerUnit;
    while (count < k && knots[count] <= left) count++;
    start[c] = count;
  }
  return { start, cellsPerUnit };
}
