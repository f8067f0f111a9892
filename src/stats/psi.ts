import { normalizedDistributions } from './normalized-distributions.js';
import { pairwiseSum } from './pairwise-sum.js';
import { StatsInputError } from './stats-input-error.js';

export interface PsiOptions {
  /** Floor for every proportion, so an empty bin does not give ln(0). Default 1e-4 (Evidently's). */
  readonly epsilon?: number;
}

/**
 * Population stability index Σ (c − r)·ln(c / r) over bins, where r and c are the reference and current
 * proportions (each argument is divided by its sum first, so counts work), and proportions below `epsilon`
 * are raised to `epsilon`. Reference:
 * `r = np.maximum(ref/ref.sum(), eps); c = np.maximum(cur/cur.sum(), eps); np.sum((c - r) * np.log(c / r))`.
 * Always ≥ 0 and symmetric. Common reading: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
 * Throws `StatsInputError` for negative or non-finite entries, different lengths, an all-zero argument or
 * an epsilon that is not finite and > 0.
 */
export function psi(
  refProportions: ArrayLike<number>,
  curProportions: ArrayLike<number>,
  options: PsiOptions = {},
): number {
  if (options === null || typeof options !== 'object') {
    throw new StatsInputError('options', `must be an object like { epsilon: 1e-4 }, got ${String(options)}`);
  }
  const epsilon = options.epsilon ?? 1e-4;
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
    throw new StatsInputError('options.epsilon', `must be a finite number > 0, got ${String(epsilon)}`);
  }
  const [ref, cur] = normalizedDistributions(refProportions, curProportions, 'refProportions', 'curProportions');
  const terms = new Float64Array(ref.length);
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] < epsilon ? epsilon : ref[i];
    const c = cur[i] < epsilon ? epsilon : cur[i];
    terms[i] = (c - r) * Math.log(c / r);
  }
  return pairwiseSum(terms);
}
