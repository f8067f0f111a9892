// Evaluation of src/models: re-exports only.
export {
  type BootstrapOptions,
  type ConfidenceInterval,
  type PairedBootstrapResult,
  pairedBootstrap,
  percentileOfSorted,
} from './bootstrap-interval.js';
export {
  type ChampionChallengerInput,
  type ComparisonCheck,
  type ComparisonDecision,
  type ComparisonRule,
  compareChampionChallenger,
  DEFAULT_COMPARISON_RULE,
  type ResolvedComparisonRule,
  type SignificanceResult,
} from './champion-challenger.js';
export {
  COMPARISON_METRICS,
  type ComparisonMetric,
  type ComparisonMetricName,
  comparisonMetric,
} from './comparison-metrics.js';
export { type DelongResult, delongTest } from './delong-test.js';
export { type McnemarOptions, type McnemarResult, mcnemarTest } from './mcnemar-test.js';
export { midranks } from './midranks.js';
export { createSeededRandom, type RandomSource } from './seeded-random.js';
export { selectRows } from './select-rows.js';
export {
  type DataSplit,
  explicitSplit,
  type TimeOrderedSplitOptions,
  timeOrderedSplit,
} from './time-ordered-split.js';
