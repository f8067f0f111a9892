import type { RandomSource } from '../../models/evaluation/seeded-random.js';

/**
 * Up to `max` distinct indices of 0 … n − 1 drawn without replacement (seeded partial Fisher–Yates), sorted
 * ascending so that the sample keeps the data's order. All indices when n ≤ max.
 */
export function sampleIndices(n: number, max: number, random: RandomSource): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (n <= max) return all;
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, max).sort();
}

/** A seeded uniform permutation of 0 … n − 1 (Fisher–Yates). */
export function permutation(n: number, random: RandomSource): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** The fold (0 … k − 1) of each of n items: a seeded permutation dealt round-robin, so fold sizes differ by ≤ 1. */
export function foldAssignment(n: number, k: number, random: RandomSource): Int32Array {
  const order = permutation(n, random);
  const fold = new Int32Array(n);
  for (let position = 0; position < n; position++) fold[order[position]] = position % k;
  return fold;
}
