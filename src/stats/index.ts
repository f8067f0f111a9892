// Public entry point of `driftguard/stats`: re-exports only.
export { StatsInputError } from './stats-input-error.js';
export type { TestResult } from './test-result.js';
export { logGamma, gammaFunction } from './special/gamma.js';
export { regularizedGammaP, regularizedGammaQ, logRegularizedGammaQ } from './special/incomplete-gamma.js';
export { regularizedIncompleteBeta } from './special/incomplete-beta.js';
export { normalCdf, normalSf, normalLogSf } from './special/normal-distribution.js';
export { chiSquareSf, chiSquareLogSf, chiSquareIsf } from './special/chi-square-distribution.js';
export { studentTSf } from './special/student-t-distribution.js';
export { wassersteinDistance } from './wasserstein-distance.js';
export { normedWassersteinDistance } from './normed-wasserstein-distance.js';
export { energyDistance } from './energy-distance.js';
export { jensenShannonDistance } from './jensen-shannon-distance.js';
export { klDivergence } from './kl-divergence.js';
export { hellingerDistance } from './hellinger-distance.js';
export { totalVariationDistance } from './total-variation-distance.js';
export { psi, type PsiOptions } from './psi.js';
export { quantileBinEdges } from './quantile-bin-edges.js';
export { histogram, type HistogramResult } from './histogram.js';
export { bonferroni } from './bonferroni.js';
export { benjaminiHochberg } from './benjamini-hochberg.js';
export { ksTwoSample, type KsTwoSampleResult } from './ks-two-sample.js';
export { cramerVonMises } from './cramer-von-mises.js';
export { andersonDarlingKSample, type AndersonDarlingKSampleResult } from './anderson-darling-k-sample.js';
export { mannWhitneyU, type RankAlternative } from './mann-whitney-u.js';
export { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.js';
export { welchTTest, type WelchTTestResult } from './welch-t-test.js';
export { chiSquareTest, type ContingencyTestResult } from './chi-square-test.js';
export { gTest } from './g-test.js';
export { fisherExact, type FisherExactResult } from './fisher-exact.js';
export { zTestProportions } from './z-test-proportions.js';
export { permutationPValue } from './permutation-p-value.js';
export {
  euclideanSquaredDistance,
  kernelSums,
  medianHeuristicBandwidth,
  mmdPermutationTest,
  rbfKernelMatrix,
  unbiasedMmd2,
  type KernelSums,
  type SquaredDistance,
  type MmdTestResult,
} from './maximum-mean-discrepancy.js';
