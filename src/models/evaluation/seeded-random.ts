import { seededUniforms } from '../quantile-bins.js';

/** A source of uniform doubles in [0, 1); injected wherever evaluation draws at random. */
export type RandomSource = () => number;

/**
 * Seeded uniform generator: mulberry32 (32-bit state), the generator the gbdt trainer samples bin rows with, and
 * the same bits as the Python port in tests/oracle/gen_evaluation.py. Deterministic for a seed; not cryptographic.
 */
export function createSeededRandom(seed: number): RandomSource {
  return seededUniforms(seed);
}
