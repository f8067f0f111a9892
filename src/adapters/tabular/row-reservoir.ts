/**
 * Uniform sampling of at most `capacity` rows from a stream of unknown length (reservoir sampling, Vitter's
 * algorithm R) with a seeded generator, so the same file and settings always keep the same rows. `slotOf(row)` is
 * called once per row, in row order: the slot the row is written to (overwriting an earlier row), or −1 to skip it.
 */
export interface RowReservoir {
  readonly capacity: number;
  slotOf(row: number): number;
}

/** xorshift32 in [0, 1). */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

export function createRowReservoir(capacity: number, seed = 0): RowReservoir {
  const uniform = seededUniform(seed);
  return {
    capacity,
    slotOf(row: number): number {
      if (row < capacity) return row;
      const j = Math.floor(uniform() * (row + 1));
      return j < capacity ? j : -1;
    },
  };
}
