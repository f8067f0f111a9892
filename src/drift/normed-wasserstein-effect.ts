import { wassersteinDistance } from '../stats/index.js';
import { distanceOutcome, inputSamples } from './stat-tests/proportions.js';
import type { StatTest } from './stat-tests/stat-test.js';
import { wassersteinNormedStatTest } from './stat-tests/wasserstein-normed.js';

/** Population std of the reference sample and the current values together, each side weighted by its row count. */
function pooledStd(reference: Float64Array, referenceCount: number, current: Float64Array): number {
  const wRef = reference.length === 0 ? 0 : referenceCount / reference.length;
  let weight = 0;
  let sum = 0;
  for (const v of reference) sum += wRef * v;
  for (const v of current) sum += v;
  weight = wRef * reference.length + current.length;
  const mean = sum / weight;
  let squares = 0;
  for (const v of reference) squares += wRef * (v - mean) ** 2;
  for (const v of current) squares += (v - mean) ** 2;
  return Math.sqrt(squares / weight);
}

/**
 * driftguard's `normed_wasserstein` effect size: the Wasserstein distance in units of the reference std — and, when
 * the reference is constant (std 0), in units of the std of reference and current pooled. Evidently divides by
 * max(std, 0.001) instead, so a constant reference turns any change into a huge number (elec2's constant first 17k
 * rows gave 106–319). Pooled, a constant a that becomes b ≠ a gives |a − b| / (|a − b|·√(p(1 − p))) = 1 / √(p(1 − p))
 * ≥ 2, with p the reference's share of the rows — unit-free and bounded for comparable sizes — and an unchanged
 * constant gives 0. The `wasserstein` test itself (Evidently mode) keeps Evidently's rule.
 */
export const normedWassersteinEffect: StatTest = {
  ...wassersteinNormedStatTest,
  name: 'normed_wasserstein',
  description: 'Wasserstein distance normed by the reference std (pooled std when the reference is constant)',
  compute(input) {
    const [ref, cur] = inputSamples(input);
    const std = input.reference.kind === 'numeric' ? (input.reference.std ?? 0) : 0;
    const distance = wassersteinDistance(ref, cur);
    if (std > 0) return distanceOutcome(distance / std);
    if (distance === 0) return distanceOutcome(0);
    return distanceOutcome(distance / pooledStd(ref, input.reference.validCount, cur));
  },
};
