import { chiSquareIsf } from '../stats/index.js';
import type { EffectSizeName } from './drift-config.js';
import { occupiedCellIndices } from './stat-tests/proportions.js';
import type { StatTestInput } from './stat-tests/stat-test.js';

/** Smallest std the normed Wasserstein distance divides by (Evidently's `max(std, 0.001)`). */
const MIN_NORM = 0.001;

/** n·m/(n + m): the effective sample size of a two-sample comparison (the scale of its sampling noise). */
export function effectiveSampleSize(referenceCount: number, currentCount: number): number {
  return referenceCount > 0 && currentCount > 0 ? (referenceCount * currentCount) / (referenceCount + currentCount) : 0;
}

/**
 * E ∫ |B(F(x))| dx = √(2/π) · ∫ √(F(x)(1 − F(x))) dx for a Brownian bridge B, with F the empirical distribution of
 * the sorted reference sample: the mean of the limit of √n_eff · W₁ between two samples of F.
 */
function brownianBridgeL1Mean(sortedSample: ArrayLike<number>): number {
  const k = sortedSample.length;
  let integral = 0;
  for (let i = 1; i < k; i++) {
    const f = i / k;
    integral += Math.sqrt(f * (1 - f)) * (sortedSample[i] - sortedSample[i - 1]);
  }
  return Math.sqrt(2 / Math.PI) * integral;
}

/**
 * The normed Wasserstein distance that sampling noise alone exceeds with probability at most `probability` when
 * both sides are i.i.d. draws of the reference distribution F (n reference, m current values).
 *
 * Under F = G, √n_eff · W₁(F_n, G_m) → Z = ∫ |B(F(x))| dx (n_eff = n·m/(n + m), B a Brownian bridge). Z is the
 * supremum of the Gaussian process ∫ g(x) B(F(x)) dx over |g| ≤ 1, whose largest variance (g ≡ 1, the covariance
 * min(s, t) − st being ≥ 0) is Var ∫ B(F(x)) dx = Var X = σ². The Borell–TIS inequality then gives
 * P(Z ≥ E Z + σ·t) ≤ exp(−t²/2) for every F with finite variance; E Z comes from the reference sample. So
 *
 *   floor = (E Z + σ·√(2 ln(1/probability))) / (max(σ, 0.001) · √n_eff)
 *
 * is reached by noise with probability ≤ `probability` (asymptotically; conservative: at n = m = 1,000 of a uniform
 * F the 1 % floor is 0.184 while 99.9 % of the null distances stay below 0.160).
 */
export function normedWassersteinNoiseFloor(
  sortedReferenceSample: ArrayLike<number>,
  referenceStd: number,
  referenceCount: number,
  currentCount: number,
  probability: number,
): number {
  const nEff = effectiveSampleSize(referenceCount, currentCount);
  if (nEff === 0 || sortedReferenceSample.length < 2) return 0;
  const tail = referenceStd * Math.sqrt(2 * Math.log(1 / probability));
  return (brownianBridgeL1Mean(sortedReferenceSample) + tail) / (Math.max(referenceStd, MIN_NORM) * Math.sqrt(nEff));
}

/**
 * The Jensen–Shannon distance (natural log) or PSI that sampling noise alone exceeds with probability
 * `probability` over `cells` categories / bins. For close proportions both are the Pearson homogeneity statistic
 * scaled: JS divergence ≈ X² / (8·n_eff), PSI ≈ X² / n_eff, and X² → χ²(cells − 1) under equal distributions; so the
 * floor is √(q / (8·n_eff)) for JS and q / n_eff for PSI, q the upper `probability` quantile of χ²(cells − 1).
 * Asymptotic (like the chi-square test itself): rough when expected cell counts are small.
 */
export function chiSquareNoiseFloor(
  effectSize: 'jensen_shannon' | 'psi',
  cells: number,
  referenceCount: number,
  currentCount: number,
  probability: number,
): number {
  const nEff = effectiveSampleSize(referenceCount, currentCount);
  if (nEff === 0 || cells < 2) return 0;
  const q = chiSquareIsf(probability, cells - 1);
  return effectSize === 'psi' ? q / nEff : Math.sqrt(q / (8 * nEff));
}

/**
 * The sample-size-aware part of a driftguard effect-size floor: what sampling noise between `referenceCount` and
 * `currentCount` i.i.d. values of the reference reaches with probability ≤ `probability` (0 when not computable).
 */
export function effectSizeNoiseFloor(
  effectSize: EffectSizeName,
  input: StatTestInput,
  referenceCount: number,
  currentCount: number,
  probability: number,
): number {
  if (effectSize === 'normed_wasserstein') {
    if (input.referenceSample === null || input.reference.kind !== 'numeric') return 0;
    return normedWassersteinNoiseFloor(
      input.referenceSample,
      input.reference.std ?? 0,
      referenceCount,
      currentCount,
      probability,
    );
  }
  return chiSquareNoiseFloor(effectSize, occupiedCellIndices(input).length, referenceCount, currentCount, probability);
}
