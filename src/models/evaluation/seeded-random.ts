/** A source of uniform doubles in [0, 1); injected wherever evaluation draws at random. */
export type RandomSource = () => number;

/**
 * Seeded uniform generator (mulberry32, 32-bit state; the same bits as the Python port in
 * tests/oracle/gen_evaluation.py). Deterministic for a seed; not cryptographic.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
