// Public entry point of `driftguard/stats`: re-exports only.
export { StatsInputError } from './stats-input-error.js';
export type { TestResult } from './test-result.js';
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
